/*
 * Helpers for the pseudo file systems that are one directory of numbered
 * entries (rootfs, devfs, modfs; Linux's fs/libfs.c plays this part for
 * its "simple" file systems). The root directory is inode 1; entry i is
 * inode i + 2. The file system describes its entries with a struct
 * flat_dir; lookup, getdents and the root inode come from here.
 */
#include <fs/fs.h>
#include <fs/libfs.h>
#include <mm/slab.h>
#include <lib/string.h>
#include <uapi/errno.h>

#define FLAT_ROOT_INO 1

static const struct flat_dir *flat(const struct super_block *sb)
{
	return sb->s_fs_info;
}

static int flat_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	const struct flat_dir *fd = flat(dir->i_sb);
	char buf[64];
	const char *n;

	if (len == 2 && !memcmp(name, "..", 2))
		return iget(dir->i_sb, FLAT_ROOT_INO, out);
	for (long i = 0; (n = fd->name(i, buf, sizeof(buf))); i++)
		if (strlen(n) == len && !memcmp(n, name, len))
			return iget(dir->i_sb, i + 2, out);
	return -ENOENT;
}

static const char *flat_entry(struct file *f, long index, char *buf, size_t len,
			      unsigned long *ino, unsigned char *type)
{
	const struct flat_dir *fd = flat(f->f_inode->i_sb);
	const char *n = fd->name(index, buf, len);

	*ino = index + 2;
	*type = fd->type ? fd->type(index) : DT_UNKNOWN;
	return n;
}

static long flat_getdents(struct file *f, void *udirp, long count)
{
	return dir_getdents(f, udirp, count, flat_entry);
}

static const struct inode_operations flat_dir_iops = { .lookup = flat_lookup };
static const struct file_operations flat_dir_fops = { .getdents = flat_getdents };

static int flat_read_inode(struct inode *inode)
{
	if (inode->i_ino == FLAT_ROOT_INO) {
		inode->i_mode = S_IFDIR | 0555;
		inode->i_op = &flat_dir_iops;
		inode->i_fop = &flat_dir_fops;
		return 0;
	}
	return flat(inode->i_sb)->read_entry(inode, inode->i_ino - 2);
}

static const struct super_operations flat_sops = { .read_inode = flat_read_inode };

int flat_fill_super(struct super_block *sb, const struct flat_dir *fd, unsigned long flags)
{
	sb->s_op = &flat_sops;
	sb->s_fs_info = (void *)fd;
	sb->s_flags = flags;
	return iget(sb, FLAT_ROOT_INO, &sb->s_root);
}
