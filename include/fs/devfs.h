/*
 * /dev: device files registered by drivers (the console, block devices).
 */
#ifndef FS_DEVFS_H
#define FS_DEVFS_H

#include <fs/file.h>

/* Make /dev/@name open with @ops, f->private = @private. */
int devfs_register(const char *name, const struct file_operations *ops, void *private);

#endif
