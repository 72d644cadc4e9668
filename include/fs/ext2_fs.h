/*
 * The second extended file system, read side (Linux's fs/ext2; the layout
 * is Dave Poirier's "The Second Extended File System: Internal Layout").
 *
 * A disk formatted by mke2fs:
 *
 *   byte 1024        the superblock (1024 bytes): sizes, counts, features
 *   block f+1 ...    the group descriptor table, f = s_first_data_block
 *                    (1 with 1 KiB blocks, else 0): one 32-byte
 *                    descriptor per block group, naming the group's block
 *                    bitmap, inode bitmap and inode table
 *   group g          s_blocks_per_group blocks from f + g * s_blocks_per_group;
 *                    groups 0, 1 and the powers of 3, 5 and 7 (all groups
 *                    without sparse_super) begin with copies of the
 *                    superblock and the descriptor table
 *
 * Inode N (from 1) is entry (N-1) % s_inodes_per_group of the inode table
 * of group (N-1) / s_inodes_per_group. An inode's i_block[15] maps file
 * blocks: 12 direct pointers, then a single, a double and a triple
 * indirect block, each holding block_size/4 pointers; 0 is a hole.
 * Directories are files of variable-length records (inode, rec_len,
 * name_len, file_type, name) that never cross a block.
 *
 * The functions here are the parsing core: pure checks and arithmetic
 * over blocks that a caller-supplied ext2_block_ops reads (the buffer
 * cache in the kernel, an image in memory on the host), so the same code
 * runs in host tests and under libFuzzer. Every field that comes from the
 * disk is checked before it is used as a size, an index or a block
 * number; a corrupt image gets -EIO (or -EINVAL at mount) and a reason,
 * never a crash. Nothing here allocates, sleeps or takes a lock.
 *
 * The functions are defined in fs/ext2/layout.c.
 */
#ifndef FS_EXT2_FS_H
#define FS_EXT2_FS_H

#include <lib/types.h>

#define EXT2_SUPER_MAGIC	 0xEF53
#define EXT2_SUPERBLOCK_OFFSET	 1024
#define EXT2_SUPERBLOCK_SIZE	 1024
#define EXT2_ROOT_INO		 2
#define EXT2_GOOD_OLD_REV	 0 /* fixed 128-byte inodes, first inode 11, no features */
#define EXT2_DYNAMIC_REV	 1
#define EXT2_GOOD_OLD_INODE_SIZE 128
#define EXT2_GOOD_OLD_FIRST_INO	 11
#define EXT2_MIN_BLOCK_LOG	 10 /* 1 KiB */
#define EXT2_MAX_BLOCK_LOG	 12 /* 4 KiB: a block must fit in a page */
#define EXT2_DESC_SIZE		 32
#define EXT2_NAME_LEN		 255

#define EXT2_NDIR_BLOCKS 12
#define EXT2_IND_BLOCK	 12
#define EXT2_DIND_BLOCK	 13
#define EXT2_TIND_BLOCK	 14
#define EXT2_N_BLOCKS	 15

/* Features. Only incompatible ones stop a (read-only) mount. */
#define EXT2_FEATURE_COMPAT_RESIZE_INODE     0x0010 /* s_reserved_gdt_blocks follow the table */
#define EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER  0x0001
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE    0x0002
#define EXT2_FEATURE_INCOMPAT_FILETYPE	     0x0002 /* directory entries carry a type byte */
#define EXT2_FEATURE_INCOMPAT_RECOVER	     0x0004 /* an ext3 journal needs replaying */
#define EXT2_FEATURE_INCOMPAT_SUPP	     EXT2_FEATURE_INCOMPAT_FILETYPE

/* i_flags that change how i_block is read: not ext2, refused. */
#define EXT4_EXTENTS_FL	    0x00080000
#define EXT4_INLINE_DATA_FL 0x10000000

/* i_mode file types, as in stat(2). */
#define EXT2_S_IFMT   0170000
#define EXT2_S_IFSOCK 0140000
#define EXT2_S_IFLNK  0120000
#define EXT2_S_IFREG  0100000
#define EXT2_S_IFBLK  0060000
#define EXT2_S_IFDIR  0040000
#define EXT2_S_IFCHR  0020000
#define EXT2_S_IFIFO  0010000

/* Directory entry file_type values (with EXT2_FEATURE_INCOMPAT_FILETYPE). */
enum { EXT2_FT_UNKNOWN, EXT2_FT_REG_FILE, EXT2_FT_DIR, EXT2_FT_CHRDEV, EXT2_FT_BLKDEV,
       EXT2_FT_FIFO, EXT2_FT_SOCK, EXT2_FT_SYMLINK, EXT2_FT_MAX };

/* A directory record's size for a name of @len: 8 bytes of header, the name, 4-aligned. */
#define EXT2_DIR_REC_LEN(len) (((len) + 8 + 3) & ~3U)

/*
 * How the core reads a metadata block (descriptors, inodes, indirect
 * blocks, directories): get() returns the block's block_size bytes and a
 * handle for put(), or a negative errno (-EIO when the device failed).
 */
struct ext2_block_ops {
	int (*get)(void *ctx, u32 block, const u8 **data, void **handle);
	void (*put)(void *ctx, void *handle);
};

/**
 * struct ext2_fs - a file system's geometry, checked by ext2_parse_super
 * @block_size:	       1024 << s_log_block_size: 1, 2 or 4 KiB
 * @log_block_size:    its log2 (10..12)
 * @groups_count:      block groups: the blocks after @first_data_block, rounded up
 * @desc_blocks:       blocks of the group descriptor table
 * @inode_size:	       bytes per on-disk inode (128 in revision 0)
 * @first_ino:	       first inode not reserved for the file system itself
 * @itb_per_group:     inode table blocks per group
 * @reserved_gdt_blocks: blocks reserved after the table for growing it (resize_inode)
 * @ops, @ctx:	       how to read blocks, see struct ext2_block_ops
 */
struct ext2_fs {
	u32 block_size;
	u32 log_block_size;
	u32 blocks_count;
	u32 inodes_count;
	u32 first_data_block;
	u32 blocks_per_group;
	u32 inodes_per_group;
	u32 groups_count;
	u32 desc_blocks;
	u32 inode_size;
	u32 first_ino;
	u32 itb_per_group;
	u32 reserved_gdt_blocks;
	u32 rev_level;
	u32 feature_compat, feature_incompat, feature_ro_compat;
	u16 state;
	u8 uuid[16];
	char volume_name[17];
	const struct ext2_block_ops *ops;
	void *ctx;
};

/**
 * struct ext2_inode_info - the fields of an on-disk inode the reader uses
 * @size:   bytes; 64 bits for regular files (i_size_high, large_file)
 * @blocks: 512-byte sectors allocated, including indirect blocks
 */
struct ext2_inode_info {
	u32 ino;
	u16 mode;
	u16 links_count;
	u64 size;
	u32 blocks;
	u32 flags;
	u32 file_acl;
	u32 mtime;
	u32 block[EXT2_N_BLOCKS];
};

/* One directory record, as ext2_dir_next() finds it; @name is not NUL-terminated. */
struct ext2_dirent {
	u32 ino;
	u16 rec_len;
	u8 name_len;
	u8 file_type;
	const char *name;
};

/*
 * ext2_parse_super - check the superblock @sb (1024 bytes read from byte
 * 1024 of a device of @dev_bytes) and fill @fs's geometry
 *
 * Returns 0, or -EINVAL with *@why saying what is wrong: bad magic, an
 * unsupported revision, block size or incompatible feature, or numbers
 * that do not describe a file system that fits the device. @fs->ops and
 * @fs->ctx are left as they are.
 */
int ext2_parse_super(struct ext2_fs *fs, const u8 *sb, u64 dev_bytes, const char **why);

/* Does group @group hold a backup of the superblock and the descriptors? */
bool ext2_group_has_super(const struct ext2_fs *fs, u32 group);

/*
 * ext2_check_descriptors - read every group descriptor and check that each
 * group's bitmaps and inode table lie inside the group and after its copy
 * of the superblock and descriptor table (as Linux's ext2_check_descriptors
 * and e2fsck do). Returns 0, a read error, or -EINVAL with *@group and *@why.
 */
int ext2_check_descriptors(const struct ext2_fs *fs, u32 *group, const char **why);

/*
 * ext2_read_inode - read and check inode @ino into @ei
 *
 * Returns 0, a read error, or -EIO (*@why): a number outside
 * 1..s_inodes_count, a deleted or unknown-type inode, extents or inline
 * data, a directory whose size is not whole blocks or exceeds the disk.
 */
int ext2_read_inode(const struct ext2_fs *fs, u32 ino, struct ext2_inode_info *ei,
		    const char **why);

/*
 * ext2_bmap - the disk block holding block @lblock of the file @ei
 *
 * Follows the direct, indirect, double and triple indirect pointers.
 * Returns 0 with *@pblock set (0 for a hole), -EFBIG when @lblock is past
 * what the triple indirect block maps, -EIO (*@why) for a pointer outside
 * the file system, or a read error.
 */
int ext2_bmap(const struct ext2_fs *fs, const struct ext2_inode_info *ei, u64 lblock,
	      u32 *pblock, const char **why);

/* The number of file blocks that i_size covers. */
u64 ext2_size_blocks(const struct ext2_fs *fs, const struct ext2_inode_info *ei);

/*
 * ext2_dir_next - the record at *@off of the directory block @block
 *
 * Returns 1 and advances *@off past it (records with inode 0 are unused:
 * callers skip them), 0 at the end of the block, or -EIO (*@why) for a
 * record that is too short, misaligned, crosses the block or names an
 * inode that cannot exist (Linux's ext2_check_page).
 */
int ext2_dir_next(const struct ext2_fs *fs, const u8 *block, u32 *off, struct ext2_dirent *de,
		  const char **why);

/*
 * ext2_lookup - find @name (@len bytes) in the directory @dir
 *
 * Returns 0 with *@ino, -ENOENT, -ENOTDIR when @dir is not a directory,
 * -EIO (*@why) for a corrupt directory, or a read error.
 */
int ext2_lookup(const struct ext2_fs *fs, const struct ext2_inode_info *dir, const char *name,
		size_t len, u32 *ino, const char **why);

/*
 * ext2_read_link - the target of the symbolic link @ei into @buf (@len
 * bytes, NUL-terminated). Returns its length, -EINVAL if @ei is not a
 * link, -ENAMETOOLONG if it does not fit, -EIO (*@why) or a read error.
 */
int ext2_read_link(const struct ext2_fs *fs, const struct ext2_inode_info *ei, char *buf,
		   size_t len, const char **why);

#endif
