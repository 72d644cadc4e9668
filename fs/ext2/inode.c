/*
 * ext2 inodes in memory, reading regular files, block maps and symbolic
 * links (Linux's fs/ext2/inode.c: ext2_iget, ext2_get_block, ext2_bmap;
 * fs/ext2/symlink.c). File data is read block by block through bmap and
 * the buffer cache; a hole reads as zeros.
 */
#include "ext2.h"
#include <fs/buffer_head.h>
#include <kernel/uaccess.h>
#include <mm/slab.h>
#include <uapi/errno.h>

struct inode *ext2_alloc_inode(struct super_block *sb)
{
	struct ext2_inode *e = kzalloc(sizeof(*e), GFP_KERNEL);

	return e ? &e->vfs_inode : NULL;
}

void ext2_destroy_inode(struct inode *inode)
{
	kfree(container_of(inode, struct ext2_inode, vfs_inode));
}

/* The disk block of file block @block of @inode (0: a hole); corruption is reported. */
static int ext2_bmap_vfs(struct inode *inode, u64 block, u32 *phys)
{
	const char *why;
	int r = ext2_bmap(EXT2_FS(inode->i_sb), EXT2_I(inode), block, phys, &why);

	if (r == -EIO && why)
		ext2_error(inode->i_sb, inode->i_ino, why);
	return r;
}

/* Copy @n bytes of file block @block, from byte @off of it, to @ubuf. */
static int copy_block(struct inode *inode, u64 block, unsigned int off, char *ubuf, long n)
{
	struct buffer_head *bh;
	u32 phys;
	int r = ext2_bmap_vfs(inode, block, &phys);

	if (r)
		return r;
	if (!phys)
		return clear_user(ubuf, n) ? -EFAULT : 0;
	r = bread(inode->i_sb->s_bdev, phys, inode->i_sb->s_blocksize, &bh);
	if (r)
		return r;
	if (copy_to_user(ubuf, bh->b_data + off, n))
		r = -EFAULT;
	brelse(bh);
	return r;
}

/* read(2): from f->pos to the end of the file at most. */
static long ext2_file_read(struct file *f, char *ubuf, long n)
{
	struct inode *inode = f->f_inode;
	unsigned int shift = EXT2_FS(inode->i_sb)->log_block_size;
	unsigned long bs = inode->i_sb->s_blocksize;
	long done = 0;

	if (n <= 0 || f->pos >= inode->i_size)
		return 0;
	n = (long)min((long long)n, inode->i_size - f->pos);
	while (done < n) {
		unsigned int off = f->pos & (bs - 1);
		long chunk = min((long)(bs - off), n - done);
		int r = copy_block(inode, (u64)f->pos >> shift, off, ubuf + done, chunk);
		if (r)
			return done ? done : r;
		done += chunk;
		f->pos += chunk;
	}
	return done;
}

static int ext2_readlink(struct inode *inode, char *buf, size_t len)
{
	const char *why;
	int r = ext2_read_link(EXT2_FS(inode->i_sb), EXT2_I(inode), buf, len, &why);

	if (r == -EIO && why)
		ext2_error(inode->i_sb, inode->i_ino, why);
	return r;
}

static const struct inode_operations ext2_file_iops = { .bmap = ext2_bmap_vfs };
static const struct file_operations ext2_file_fops = { .read = ext2_file_read };
static const struct inode_operations ext2_symlink_iops = { .readlink = ext2_readlink };

int ext2_read_inode_vfs(struct inode *inode)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	const char *why;
	int r = ext2_read_inode(EXT2_FS(inode->i_sb), inode->i_ino, ei, &why);

	if (r) {
		if (r == -EIO && why)
			ext2_error(inode->i_sb, inode->i_ino, why);
		return r;
	}
	inode->i_mode = ei->mode;
	inode->i_size = (long long)ei->size;
	switch (ei->mode & S_IFMT) {
	case S_IFDIR:
		inode->i_op = &ext2_dir_iops;
		inode->i_fop = &ext2_dir_fops;
		break;
	case S_IFREG:
		inode->i_op = &ext2_file_iops;
		inode->i_fop = &ext2_file_fops;
		break;
	case S_IFLNK:
		inode->i_op = &ext2_symlink_iops;
		break;
	}	/* device nodes, fifos, sockets: nothing to open them with (-ENXIO) */
	return 0;
}
