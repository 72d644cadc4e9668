/*
 * /dev: a fixed-size table of device files that drivers fill at boot.
 */
#include <fs/devfs.h>
#include <lib/string.h>
#include <uapi/errno.h>

#define MAX_DEVICES 32

static struct {
	char name[16];
	const struct file_operations *ops;
	void *private;
} devices[MAX_DEVICES];
static int nr_devices;

int devfs_register(const char *name, const struct file_operations *ops, void *private)
{
	if (nr_devices == MAX_DEVICES)
		return -ENOSPC;
	strlcpy(devices[nr_devices].name, name, sizeof(devices[0].name));
	devices[nr_devices].ops = ops;
	devices[nr_devices].private = private;
	nr_devices++;
	return 0;
}

static const char *dev_entry(long index, char *buf, size_t len)
{
	return index < nr_devices ? devices[index].name : NULL;
}

static long dev_getdents(struct file *f, void *udirp, long count)
{
	return dir_getdents(f, udirp, count, dev_entry);
}

static const struct file_operations dev_dir_ops = { .getdents = dev_getdents };

static int dev_open(const char *rest, int flags, struct file *f)
{
	if (!*rest) {
		f->f_op = &dev_dir_ops;
		return 0;
	}
	for (int i = 0; i < nr_devices; i++)
		if (!strcmp(devices[i].name, rest)) {
			f->f_op = devices[i].ops;
			f->private = devices[i].private;
			return 0;
		}
	return -ENOENT;
}

static const struct fs_dir dev_dir = { "dev", dev_open, dev_entry };
REGISTER_FS_DIR(dev_dir);
