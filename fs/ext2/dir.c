/*
 * ext2 directories: lookup and getdents (Linux's fs/ext2/dir.c and
 * namei.c). The file position of an open directory is a byte offset into
 * it, as in Linux, so telldir/seekdir values stay meaningful; getdents
 * starts each block from its first record and skips the ones before the
 * position, so a position that is not a record boundary cannot make it
 * read a record from the middle.
 */
#include "ext2.h"
#include <fs/buffer_head.h>
#include <uapi/errno.h>

static int ext2_vfs_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	const char *why;
	u32 ino;
	int r = ext2_lookup(EXT2_FS(dir->i_sb), EXT2_I(dir), name, len, &ino, &why);

	if (r == -EIO && why)
		ext2_error(dir->i_sb, dir->i_ino, why);
	return r ? r : iget(dir->i_sb, ino, out);
}

static unsigned char dt_type(u8 file_type)
{
	static const unsigned char types[EXT2_FT_MAX] = {
		[EXT2_FT_REG_FILE] = DT_REG, [EXT2_FT_DIR] = DT_DIR,   [EXT2_FT_CHRDEV] = DT_CHR,
		[EXT2_FT_BLKDEV] = DT_BLK,   [EXT2_FT_FIFO] = DT_FIFO, [EXT2_FT_SOCK] = DT_SOCK,
		[EXT2_FT_SYMLINK] = DT_LNK,
	};

	return file_type < EXT2_FT_MAX ? types[file_type] : DT_UNKNOWN;
}

/*
 * Emit the records of directory block @block that start at or after
 * f->pos. Returns 0 at the end of the block, -EINVAL when the buffer is
 * full, or an error.
 */
static long dir_block(struct file *f, u64 block, void *udirp, long count, long *done)
{
	struct inode *dir = f->f_inode;
	struct ext2_fs *fs = EXT2_FS(dir->i_sb);
	u64 base = block << fs->log_block_size;
	struct buffer_head *bh;
	struct ext2_dirent de;
	const char *why = NULL;
	u32 phys, off = 0, start;
	long r = ext2_bmap(fs, EXT2_I(dir), block, &phys, &why);

	if (!r && !phys) {
		why = "directory has a hole";
		r = -EIO;
	}
	if (r) {
		if (r == -EIO && why)
			ext2_error(dir->i_sb, dir->i_ino, why);
		return r;
	}
	r = bread(dir->i_sb->s_bdev, phys, fs->block_size, &bh);
	if (r)
		return r;
	for (;;) {
		start = off;
		r = ext2_dir_next(fs, (const u8 *)bh->b_data, &off, &de, &why);
		if (r <= 0)
			break;
		if (base + start < (u64)f->pos || !de.ino)
			continue;
		r = put_dirent(udirp, count, done, de.name, de.name_len, de.ino, (long)(base + off),
			       dt_type(de.file_type));
		if (r)
			break;
		f->pos = (long)(base + off);
	}
	brelse(bh);
	if (r == -EIO)
		ext2_error(dir->i_sb, dir->i_ino, why);
	return r;
}

static long ext2_getdents(struct file *f, void *udirp, long count)
{
	struct inode *dir = f->f_inode;
	unsigned int shift = EXT2_FS(dir->i_sb)->log_block_size;
	long done = 0;

	while (f->pos < dir->i_size) {
		u64 block = (u64)f->pos >> shift;
		long r = dir_block(f, block, udirp, count, &done);
		if (r)
			return done ? done : r;
		f->pos = (long)((block + 1) << shift);
	}
	return done;
}

const struct inode_operations ext2_dir_iops = { .lookup = ext2_vfs_lookup };
const struct file_operations ext2_dir_fops = { .getdents = ext2_getdents };
