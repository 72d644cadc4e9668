/*
 * Pseudo file systems made of one directory of numbered entries (fs/libfs.c).
 */
#ifndef FS_LIBFS_H
#define FS_LIBFS_H

#include <lib/types.h>

struct inode;
struct super_block;

struct flat_dir {
	/* The name of entry @index (may be built in @buf), NULL past the last. */
	const char *(*name)(long index, char *buf, size_t len);
	/* Its DT_ type for getdents (NULL: DT_UNKNOWN). */
	unsigned char (*type)(long index);
	/* Fill the inode of entry @index: i_mode, i_size, i_fop, i_private. */
	int (*read_entry)(struct inode *inode, long index);
};

/* fill_super of such a file system: root inode, lookup and getdents; @flags MS_RDONLY or 0. */
int flat_fill_super(struct super_block *sb, const struct flat_dir *fd, unsigned long flags);

#endif
