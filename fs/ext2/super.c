/*
 * Mounting an ext2 file system (Linux's fs/ext2/super.c, ext2_fill_super):
 * read the superblock at byte 1024 of the device, check it and every
 * group descriptor with the layout core, read the root directory. The
 * file system is always mounted read-only: the kernel never writes to it.
 * Each reason to refuse gets one line naming the device and -EINVAL (or
 * the error of the disk read), as mount(2) promises.
 */
#include "ext2.h"
#include <fs/buffer_head.h>
#include <block/blkdev.h>
#include <kernel/printk.h>
#include <mm/slab.h>
#include <uapi/errno.h>

#define EXT2_MAX_ERRORS 16	/* corruption lines per mount before going quiet */
#define EXT2_VALID_FS	1	/* s_state: unmounted cleanly */
#define EXT2_ERROR_FS	2	/* s_state: errors found */

void ext2_error(struct super_block *sb, u32 ino, const char *why)
{
	struct ext2_sb_info *sbi = sb->s_fs_info;

	if (sbi->errors++ < EXT2_MAX_ERRORS)
		printk(KERN_ERR "EXT2-fs (%s): error: inode %u: %s\n", sb->s_id, ino, why);
	else if (sbi->errors == EXT2_MAX_ERRORS + 1)
		printk(KERN_ERR "EXT2-fs (%s): further errors not reported\n", sb->s_id);
}

/* The core's block reader: the buffer cache. */
static int ext2_get_block(void *ctx, u32 block, const u8 **data, void **handle)
{
	struct super_block *sb = ctx;
	struct buffer_head *bh;
	int r = bread(sb->s_bdev, block, sb->s_blocksize, &bh);

	if (r) {
		printk(KERN_ERR "EXT2-fs (%s): error: cannot read block %u (error %d)\n", sb->s_id,
		       block, r);
		return r;
	}
	*data = (const u8 *)bh->b_data;
	*handle = bh;
	return 0;
}

static void ext2_put_block(void *ctx, void *handle)
{
	brelse(handle);
}

static const struct ext2_block_ops ext2_block_ops = { ext2_get_block, ext2_put_block };

static void ext2_put_super(struct super_block *sb)
{
	invalidate_bdev(sb->s_bdev);
	kfree(sb->s_fs_info);
}

static const struct super_operations ext2_sops = {
	.alloc_inode = ext2_alloc_inode,
	.destroy_inode = ext2_destroy_inode,
	.read_inode = ext2_read_inode_vfs,
	.put_super = ext2_put_super,
};

/* Read and check the superblock of sb->s_bdev into @fs. */
static int read_super_block(struct super_block *sb, struct ext2_fs *fs)
{
	u64 dev_bytes = (u64)sb->s_bdev->nr_sects * SECTOR_SIZE;
	const char *why;
	u8 *raw;
	int r;

	if (dev_bytes < EXT2_SUPERBLOCK_OFFSET + EXT2_SUPERBLOCK_SIZE) {
		printk(KERN_ERR "EXT2-fs (%s): error: device too small for a file system\n",
		       sb->s_id);
		return -EINVAL;
	}
	raw = kmalloc(EXT2_SUPERBLOCK_SIZE, GFP_KERNEL);
	if (!raw)
		return -ENOMEM;
	r = bdev_read_sync(sb->s_bdev, EXT2_SUPERBLOCK_OFFSET / SECTOR_SIZE, raw,
			   EXT2_SUPERBLOCK_SIZE / SECTOR_SIZE);
	if (r)
		printk(KERN_ERR "EXT2-fs (%s): error: cannot read the superblock (error %d)\n",
		       sb->s_id, r);
	else if ((r = ext2_parse_super(fs, raw, dev_bytes, &why)))
		printk(KERN_ERR "EXT2-fs (%s): error: can't find an ext2 file system on dev %s: %s\n",
		       sb->s_id, sb->s_id, why);
	kfree(raw);
	return r;
}

static int check_fs(struct super_block *sb, struct ext2_fs *fs)
{
	const char *why;
	u32 group;
	int r = ext2_check_descriptors(fs, &group, &why);

	if (r == -EINVAL)
		printk(KERN_ERR "EXT2-fs (%s): error: group descriptor %u: %s\n", sb->s_id, group,
		       why);
	if (r)
		return r;
	if (!(fs->state & EXT2_VALID_FS) || (fs->state & EXT2_ERROR_FS))
		printk(KERN_WARNING "EXT2-fs (%s): warning: file system %s; e2fsck is recommended\n",
		       sb->s_id, (fs->state & EXT2_ERROR_FS) ? "has errors" : "was not cleanly unmounted");
	return 0;
}

static int ext2_fill_super(struct super_block *sb)
{
	struct ext2_sb_info *sbi = kzalloc(sizeof(*sbi), GFP_KERNEL);
	int r;

	if (!sbi)
		return -ENOMEM;
	sb->s_fs_info = sbi;
	sb->s_op = &ext2_sops;
	sb->s_flags = MS_RDONLY;
	r = read_super_block(sb, &sbi->fs);
	if (!r) {
		sb->s_blocksize = sbi->fs.block_size;
		sbi->fs.ops = &ext2_block_ops;
		sbi->fs.ctx = sb;
		r = check_fs(sb, &sbi->fs);
	}
	if (!r)
		r = iget(sb, EXT2_ROOT_INO, &sb->s_root);
	if (!r && !S_ISDIR(sb->s_root->i_mode)) {
		printk(KERN_ERR "EXT2-fs (%s): error: the root inode is not a directory\n", sb->s_id);
		iput(sb->s_root);
		r = -EINVAL;
	}
	if (r) {
		sb->s_root = NULL;
		invalidate_bdev(sb->s_bdev);
		kfree(sbi);
	}
	return r;
}

static const struct file_system_type ext2_fs_type = {
	.name = "ext2",
	.fs_flags = FS_REQUIRES_DEV,
	.fill_super = ext2_fill_super,
};
REGISTER_FILESYSTEM(ext2_fs_type);
