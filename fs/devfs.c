/*
 * devfs, mounted on /dev: a fixed-size table of device files that drivers
 * fill at boot (the console, every disk and partition). A name that the
 * block layer knows (bdev_lookup) is a block device, i_private its
 * struct block_device, as mount(2) and swapon(2) need; the others are
 * character devices.
 */
#include <fs/devfs.h>
#include <fs/fs.h>
#include <fs/libfs.h>
#include <block/genhd.h>
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

static const char *dev_name(long index, char *buf, size_t len)
{
	return index < nr_devices ? devices[index].name : NULL;
}

static unsigned char dev_type(long index)
{
	return bdev_lookup(devices[index].name) ? DT_BLK : DT_CHR;
}

/* The device's own operations take over at open. */
static int dev_open(struct inode *inode, struct file *f)
{
	long index = inode->i_ino - 2;

	f->f_op = devices[index].ops;
	f->private = devices[index].private;
	return 0;
}

static const struct file_operations dev_open_fops = { .open = dev_open };

static int dev_read_entry(struct inode *inode, long index)
{
	struct block_device *bdev;

	if (index >= nr_devices)
		return -ENOENT;
	bdev = bdev_lookup(devices[index].name);
	inode->i_mode = (bdev ? S_IFBLK : S_IFCHR) | 0600;
	inode->i_size = bdev ? (long long)bdev->nr_sects * SECTOR_SIZE : 0;
	inode->i_private = bdev;
	inode->i_fop = &dev_open_fops;
	return 0;
}

static const struct flat_dir dev_dir = { dev_name, dev_type, dev_read_entry };

static int devfs_fill_super(struct super_block *sb)
{
	return flat_fill_super(sb, &dev_dir, 0);
}

static const struct file_system_type devfs_type = { .name = "devfs",
						    .fill_super = devfs_fill_super,
						    .boot_mount = "/dev" };
REGISTER_FILESYSTEM(devfs_type);
