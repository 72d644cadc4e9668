/*
 * ext2 in the kernel: the glue between the VFS (include/fs/fs.h) and the
 * layout core (include/fs/ext2_fs.h, fs/ext2/layout.c). Read-only: nothing
 * here ever writes to the disk.
 *
 *   super.c  mount: superblock and descriptors checked, the root read;
 *            the core reads blocks through the buffer cache
 *   inode.c  inodes, reading files, block maps (bmap), symbolic links
 *   dir.c    lookup and getdents
 *
 * The functions are defined in fs/ext2/inode.c and fs/ext2/super.c.
 */
#ifndef FS_EXT2_EXT2_H
#define FS_EXT2_EXT2_H

#include <fs/ext2_fs.h>
#include <fs/fs.h>

struct ext2_sb_info {
	struct ext2_fs fs;
	unsigned int errors;	/* corruptions reported, see ext2_error() */
};

/* An inode in memory: the VFS's and ext2's view of it. */
struct ext2_inode {
	struct inode vfs_inode;
	struct ext2_inode_info ei;
};

static inline struct ext2_inode_info *EXT2_I(struct inode *inode)
{
	return &container_of(inode, struct ext2_inode, vfs_inode)->ei;
}

static inline struct ext2_fs *EXT2_FS(struct super_block *sb)
{
	return &((struct ext2_sb_info *)sb->s_fs_info)->fs;
}

/* Report corruption @why found at inode @ino of @sb: one line, at most a few per mount. */
void ext2_error(struct super_block *sb, u32 ino, const char *why);

/* inode.c */
struct inode *ext2_alloc_inode(struct super_block *sb);
void ext2_destroy_inode(struct inode *inode);
int ext2_read_inode_vfs(struct inode *inode);

/* dir.c */
extern const struct inode_operations ext2_dir_iops;
extern const struct file_operations ext2_dir_fops;

#endif
