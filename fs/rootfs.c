/*
 * rootfs: the read-only root directory, "/", holding the empty directories
 * that the other file systems are mounted on (Linux builds its rootfs
 * from an initramfs; ours is fixed). Each directory lists nothing of its
 * own; what a user sees under /dev, /mod and /proc is the file system
 * vfs_init() mounts there, and /mnt stays empty until mount(2).
 */
#include <fs/fs.h>
#include <fs/libfs.h>
#include <uapi/errno.h>

static const char *const root_dirs[] = { "dev", "mnt", "mod", "proc" };

static const char *rootfs_name(long index, char *buf, size_t len)
{
	return index < (long)ARRAY_SIZE(root_dirs) ? root_dirs[index] : NULL;
}

static unsigned char rootfs_type(long index)
{
	return DT_DIR;
}

/* An empty directory: its only names are "." and "..", the root. */
static int empty_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		*out = igrab(dir->i_sb->s_root);
		return 0;
	}
	return -ENOENT;
}

static long empty_getdents(struct file *f, void *udirp, long count)
{
	return 0;
}

static const struct inode_operations empty_dir_iops = { .lookup = empty_lookup };
static const struct file_operations empty_dir_fops = { .getdents = empty_getdents };

static int rootfs_read_entry(struct inode *inode, long index)
{
	inode->i_mode = S_IFDIR | 0755;
	inode->i_op = &empty_dir_iops;
	inode->i_fop = &empty_dir_fops;
	return 0;
}

static const struct flat_dir rootfs_dir = { rootfs_name, rootfs_type, rootfs_read_entry };

static int rootfs_fill_super(struct super_block *sb)
{
	return flat_fill_super(sb, &rootfs_dir, MS_RDONLY);
}

static const struct file_system_type rootfs_type_def = { .name = "rootfs",
							 .fill_super = rootfs_fill_super };
REGISTER_FILESYSTEM(rootfs_type_def);
