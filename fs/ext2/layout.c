/*
 * ext2's on-disk layout, read and checked: the superblock, the group
 * descriptors, inodes, block maps (Linux's ext2_block_to_path and
 * ext2_get_branch in fs/ext2/inode.c) and directory records (fs/ext2/dir.c's
 * ext2_check_page). The format is drawn in <fs/ext2/ext2_fs.h>.
 *
 * Host-built core: no allocation, no locks, no sleeping of its own; blocks
 * come through fs->ops. Every number read from the disk is checked before
 * it becomes a size, an index or a block number, so the same code runs
 * under ASan/UBSan and libFuzzer on the host (tests/host/ext2_*.c).
 */
#include <fs/ext2_fs.h>
#include <lib/compiler.h>
#include <lib/string.h>
#include <uapi/errno.h>

static u16 le16_at(const u8 *p)
{
	return (u16)(p[0] | p[1] << 8);
}

static u32 le32_at(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

/* ---- the superblock ---------------------------------------------------- */

/* Byte offsets in the superblock (struct ext2_super_block). */
enum {
	SB_INODES_COUNT = 0, SB_BLOCKS_COUNT = 4, SB_FIRST_DATA_BLOCK = 20, SB_LOG_BLOCK_SIZE = 24,
	SB_BLOCKS_PER_GROUP = 32, SB_INODES_PER_GROUP = 40, SB_MAGIC = 56, SB_STATE = 58,
	SB_REV_LEVEL = 76, SB_FIRST_INO = 84, SB_INODE_SIZE = 88, SB_FEATURE_COMPAT = 92,
	SB_FEATURE_INCOMPAT = 96, SB_FEATURE_RO_COMPAT = 100, SB_UUID = 104, SB_VOLUME_NAME = 120,
	SB_RESERVED_GDT_BLOCKS = 206,
};

static bool is_power_of_2(u32 n)
{
	return n && !(n & (n - 1));
}

/* The revision 1 fields, or revision 0's fixed values. */
static int parse_dynamic(struct ext2_fs *fs, const u8 *sb, const char **why)
{
	if (fs->rev_level == EXT2_GOOD_OLD_REV) {
		fs->inode_size = EXT2_GOOD_OLD_INODE_SIZE;
		fs->first_ino = EXT2_GOOD_OLD_FIRST_INO;
		return 0;
	}
	fs->inode_size = le16_at(sb + SB_INODE_SIZE);
	fs->first_ino = le32_at(sb + SB_FIRST_INO);
	fs->feature_compat = le32_at(sb + SB_FEATURE_COMPAT);
	fs->feature_incompat = le32_at(sb + SB_FEATURE_INCOMPAT);
	fs->feature_ro_compat = le32_at(sb + SB_FEATURE_RO_COMPAT);
	if (fs->feature_compat & EXT2_FEATURE_COMPAT_RESIZE_INODE)
		fs->reserved_gdt_blocks = le16_at(sb + SB_RESERVED_GDT_BLOCKS);
	memcpy(fs->uuid, sb + SB_UUID, sizeof(fs->uuid));
	memcpy(fs->volume_name, sb + SB_VOLUME_NAME, 16);
	if (fs->feature_incompat & EXT2_FEATURE_INCOMPAT_RECOVER)
		*why = "the ext3 journal needs recovery";
	else if (fs->feature_incompat & ~EXT2_FEATURE_INCOMPAT_SUPP)
		*why = "unsupported optional features (not ext2: ext4 or compressed?)";
	else if (fs->inode_size < EXT2_GOOD_OLD_INODE_SIZE || !is_power_of_2(fs->inode_size) ||
		 fs->inode_size > fs->block_size)
		*why = "unsupported inode size";
	else if (fs->first_ino < EXT2_GOOD_OLD_FIRST_INO)
		*why = "first non-reserved inode below 11";
	return *why ? -EINVAL : 0;
}

/* Groups, descriptor table and inode tables fit the counts and the device. */
static int check_geometry(struct ext2_fs *fs, u64 dev_bytes, const char **why)
{
	u32 per_block = fs->block_size / EXT2_DESC_SIZE, data_blocks;

	if (fs->blocks_per_group == 0 || fs->blocks_per_group > 8 * fs->block_size)
		*why = "bad blocks per group";
	else if (fs->inodes_per_group < fs->block_size / fs->inode_size ||
		 fs->inodes_per_group > 8 * fs->block_size)
		*why = "bad inodes per group";
	else if (fs->first_data_block != (fs->block_size == 1024 ? 1U : 0U))
		*why = "bad first data block";
	else if (fs->blocks_count <= fs->first_data_block)
		*why = "no blocks";
	else if ((u64)fs->blocks_count * fs->block_size > dev_bytes)
		*why = "block count exceeds the size of the device";
	if (*why)
		return -EINVAL;
	data_blocks = fs->blocks_count - fs->first_data_block;
	fs->groups_count = data_blocks / fs->blocks_per_group +
			   (data_blocks % fs->blocks_per_group != 0);
	fs->desc_blocks = DIV_ROUND_UP(fs->groups_count, per_block);
	fs->itb_per_group = (u32)DIV_ROUND_UP((u64)fs->inodes_per_group * fs->inode_size,
					      fs->block_size);
	if (fs->inodes_count == 0 ||
	    fs->inodes_count > (u64)fs->groups_count * fs->inodes_per_group)
		*why = "inode count does not match the groups";
	else if ((u64)fs->first_data_block + 1 + fs->desc_blocks > fs->blocks_count)
		*why = "the group descriptor table does not fit";
	return *why ? -EINVAL : 0;
}

int ext2_parse_super(struct ext2_fs *fs, const u8 *sb, u64 dev_bytes, const char **why)
{
	u32 log = le32_at(sb + SB_LOG_BLOCK_SIZE);

	*why = NULL;
	if (le16_at(sb + SB_MAGIC) != EXT2_SUPER_MAGIC) {
		*why = "bad magic number in the superblock";
		return -EINVAL;
	}
	if (log > EXT2_MAX_BLOCK_LOG - EXT2_MIN_BLOCK_LOG) {
		*why = "unsupported block size (more than 4 KiB)";
		return -EINVAL;
	}
	memset(fs->uuid, 0, sizeof(fs->uuid));
	memset(fs->volume_name, 0, sizeof(fs->volume_name));
	fs->log_block_size = EXT2_MIN_BLOCK_LOG + log;
	fs->block_size = 1U << fs->log_block_size;
	fs->inodes_count = le32_at(sb + SB_INODES_COUNT);
	fs->blocks_count = le32_at(sb + SB_BLOCKS_COUNT);
	fs->first_data_block = le32_at(sb + SB_FIRST_DATA_BLOCK);
	fs->blocks_per_group = le32_at(sb + SB_BLOCKS_PER_GROUP);
	fs->inodes_per_group = le32_at(sb + SB_INODES_PER_GROUP);
	fs->state = le16_at(sb + SB_STATE);
	fs->rev_level = le32_at(sb + SB_REV_LEVEL);
	fs->feature_compat = fs->feature_incompat = fs->feature_ro_compat = 0;
	fs->reserved_gdt_blocks = 0;
	if (fs->rev_level > EXT2_DYNAMIC_REV) {
		*why = "unsupported revision level";
		return -EINVAL;
	}
	if (parse_dynamic(fs, sb, why))
		return -EINVAL;
	return check_geometry(fs, dev_bytes, why);
}

/* ---- group descriptors --------------------------------------------------- */

static bool is_power_of(u32 n, u32 base)
{
	while (n > 1 && n % base == 0)
		n /= base;
	return n == 1;
}

bool ext2_group_has_super(const struct ext2_fs *fs, u32 group)
{
	if (group <= 1 || !(fs->feature_ro_compat & EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER))
		return true;
	return is_power_of(group, 3) || is_power_of(group, 5) || is_power_of(group, 7);
}

static u32 group_first_block(const struct ext2_fs *fs, u32 group)
{
	return fs->first_data_block + group * fs->blocks_per_group;
}

static u32 group_last_block(const struct ext2_fs *fs, u32 group)
{
	if (group == fs->groups_count - 1)
		return fs->blocks_count - 1;
	return group_first_block(fs, group) + fs->blocks_per_group - 1;
}

/* Is [start, start + n) inside group @group and past its superblock and descriptor copies? */
static bool in_group(const struct ext2_fs *fs, u32 group, u32 start, u32 n)
{
	u64 first = group_first_block(fs, group);

	if (ext2_group_has_super(fs, group))
		first += 1 + fs->desc_blocks + fs->reserved_gdt_blocks;
	return start >= first && (u64)start + n - 1 <= group_last_block(fs, group);
}

static int check_desc(const struct ext2_fs *fs, u32 group, const u8 *d, const char **why)
{
	if (!in_group(fs, group, le32_at(d + 0), 1))
		*why = "block bitmap not in its group";
	else if (!in_group(fs, group, le32_at(d + 4), 1))
		*why = "inode bitmap not in its group";
	else if (!in_group(fs, group, le32_at(d + 8), fs->itb_per_group))
		*why = "inode table not in its group";
	return *why ? -EINVAL : 0;
}

int ext2_check_descriptors(const struct ext2_fs *fs, u32 *group, const char **why)
{
	u32 per_block = fs->block_size / EXT2_DESC_SIZE;

	*why = NULL;
	for (u32 b = 0; b < fs->desc_blocks; b++) {
		const u8 *data;
		void *h;
		int r = fs->ops->get(fs->ctx, fs->first_data_block + 1 + b, &data, &h);
		if (r)
			return r;
		for (u32 i = 0; i < per_block && b * per_block + i < fs->groups_count; i++) {
			*group = b * per_block + i;
			r = check_desc(fs, *group, data + i * EXT2_DESC_SIZE, why);
			if (r)
				break;
		}
		fs->ops->put(fs->ctx, h);
		if (r)
			return r;
	}
	return 0;
}

/* ---- inodes -------------------------------------------------------------- */

enum {
	I_MODE = 0, I_SIZE = 4, I_MTIME = 16, I_DTIME = 20, I_LINKS_COUNT = 26, I_BLOCKS = 28,
	I_FLAGS = 32, I_BLOCK = 40, I_FILE_ACL = 104, I_SIZE_HIGH = 108,
};

/* The inode table block of group @group, from its descriptor. */
static int inode_table(const struct ext2_fs *fs, u32 group, u32 *table, const char **why)
{
	u32 per_block = fs->block_size / EXT2_DESC_SIZE;
	const u8 *data;
	void *h;
	int r = fs->ops->get(fs->ctx, fs->first_data_block + 1 + group / per_block, &data, &h);

	if (r)
		return r;
	*table = le32_at(data + (group % per_block) * EXT2_DESC_SIZE + 8);
	fs->ops->put(fs->ctx, h);
	/* Checked at mount, but the descriptor block may have been read again since. */
	if ((u64)*table + fs->itb_per_group > fs->blocks_count) {
		*why = "inode table outside the file system";
		return -EIO;
	}
	return 0;
}

static bool known_type(u16 mode)
{
	switch (mode & EXT2_S_IFMT) {
	case EXT2_S_IFSOCK: case EXT2_S_IFLNK: case EXT2_S_IFREG: case EXT2_S_IFBLK:
	case EXT2_S_IFDIR: case EXT2_S_IFCHR: case EXT2_S_IFIFO:
		return true;
	}
	return false;
}

static void decode_inode(const struct ext2_fs *fs, const u8 *p, struct ext2_inode_info *ei)
{
	ei->mode = le16_at(p + I_MODE);
	ei->links_count = le16_at(p + I_LINKS_COUNT);
	ei->size = le32_at(p + I_SIZE);
	if ((ei->mode & EXT2_S_IFMT) == EXT2_S_IFREG && fs->rev_level >= EXT2_DYNAMIC_REV)
		ei->size |= (u64)le32_at(p + I_SIZE_HIGH) << 32;
	ei->blocks = le32_at(p + I_BLOCKS);
	ei->flags = le32_at(p + I_FLAGS);
	ei->file_acl = le32_at(p + I_FILE_ACL);
	ei->mtime = le32_at(p + I_MTIME);
	for (int i = 0; i < EXT2_N_BLOCKS; i++)
		ei->block[i] = le32_at(p + I_BLOCK + 4 * i);
}

static const char *check_inode(const struct ext2_fs *fs, const struct ext2_inode_info *ei,
			       u32 dtime)
{
	if (ei->links_count == 0 && (ei->mode == 0 || dtime))
		return "deleted inode referenced";
	if (!known_type(ei->mode))
		return "inode of unknown type";
	if (ei->flags & (EXT4_EXTENTS_FL | EXT4_INLINE_DATA_FL))
		return "inode uses extents or inline data (ext4)";
	if ((ei->mode & EXT2_S_IFMT) == EXT2_S_IFDIR &&
	    (ei->size % fs->block_size || ei->size > (u64)fs->blocks_count * fs->block_size))
		return "directory size is not whole blocks of the disk";
	return NULL;
}

int ext2_read_inode(const struct ext2_fs *fs, u32 ino, struct ext2_inode_info *ei,
		    const char **why)
{
	u32 table, index, group, dtime;
	u64 byte;
	const u8 *data;
	void *h;
	int r;

	*why = NULL;
	if (ino < 1 || ino > fs->inodes_count) {
		*why = "inode number out of range";
		return -EIO;
	}
	group = (ino - 1) / fs->inodes_per_group;
	index = (ino - 1) % fs->inodes_per_group;
	r = inode_table(fs, group, &table, why);
	if (r)
		return r;
	byte = (u64)index * fs->inode_size;
	r = fs->ops->get(fs->ctx, table + (u32)(byte >> fs->log_block_size), &data, &h);
	if (r)
		return r;
	data += byte & (fs->block_size - 1);
	ei->ino = ino;
	decode_inode(fs, data, ei);
	dtime = le32_at(data + I_DTIME);
	fs->ops->put(fs->ctx, h);
	*why = check_inode(fs, ei, dtime);
	return *why ? -EIO : 0;
}

u64 ext2_size_blocks(const struct ext2_fs *fs, const struct ext2_inode_info *ei)
{
	return (ei->size + fs->block_size - 1) >> fs->log_block_size;
}

/* ---- block maps ---------------------------------------------------------- */

static bool valid_block(const struct ext2_fs *fs, u32 block)
{
	return block >= fs->first_data_block && block < fs->blocks_count;
}

/*
 * The path to file block @lblock: the slot in i_block, then one index per
 * indirect level (Linux's ext2_block_to_path). Returns the path's length,
 * or 0 past the triple indirect range.
 */
static int block_to_path(const struct ext2_fs *fs, u64 lblock, u32 path[4])
{
	u32 bits = fs->log_block_size - 2, mask = (1U << bits) - 1;
	u64 per = 1ULL << bits;

	if (lblock < EXT2_NDIR_BLOCKS) {
		path[0] = (u32)lblock;
		return 1;
	}
	lblock -= EXT2_NDIR_BLOCKS;
	if (lblock < per) {
		path[0] = EXT2_IND_BLOCK;
		path[1] = (u32)lblock;
		return 2;
	}
	lblock -= per;
	if (lblock < per * per) {
		path[0] = EXT2_DIND_BLOCK;
		path[1] = (u32)(lblock >> bits);
		path[2] = (u32)lblock & mask;
		return 3;
	}
	lblock -= per * per;
	if (lblock < per * per * per) {
		path[0] = EXT2_TIND_BLOCK;
		path[1] = (u32)(lblock >> (2 * bits));
		path[2] = (u32)(lblock >> bits) & mask;
		path[3] = (u32)lblock & mask;
		return 4;
	}
	return 0;
}

int ext2_bmap(const struct ext2_fs *fs, const struct ext2_inode_info *ei, u64 lblock,
	      u32 *pblock, const char **why)
{
	u32 path[4], block;
	int depth = block_to_path(fs, lblock, path);

	*why = NULL;
	if (!depth)
		return -EFBIG;
	block = ei->block[path[0]];
	for (int level = 1;; level++) {
		const u8 *data;
		void *h;
		int r;
		if (block == 0)
			break;	/* a hole */
		if (!valid_block(fs, block)) {
			*why = "block pointer outside the file system";
			return -EIO;
		}
		if (level == depth)
			break;
		r = fs->ops->get(fs->ctx, block, &data, &h);
		if (r)
			return r;
		block = le32_at(data + 4 * path[level]);
		fs->ops->put(fs->ctx, h);
	}
	*pblock = block;
	return 0;
}

/* ---- directories --------------------------------------------------------- */

int ext2_dir_next(const struct ext2_fs *fs, const u8 *block, u32 *off, struct ext2_dirent *de,
		  const char **why)
{
	u32 left = fs->block_size - *off;

	*why = NULL;
	if (*off >= fs->block_size)
		return 0;
	if (left < EXT2_DIR_REC_LEN(1)) {
		*why = "directory record crosses the end of its block";
		return -EIO;
	}
	de->ino = le32_at(block + *off);
	de->rec_len = le16_at(block + *off + 4);
	de->name_len = block[*off + 6];
	de->file_type = (fs->feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE) ? block[*off + 7]
									       : 0;
	de->name = (const char *)block + *off + 8;
	if (de->rec_len < EXT2_DIR_REC_LEN(1) || de->rec_len % 4)
		*why = "directory record too short or misaligned";
	else if (de->rec_len > left)
		*why = "directory record crosses the end of its block";
	else if (de->rec_len < EXT2_DIR_REC_LEN(de->name_len))
		*why = "directory record shorter than its name";
	else if (de->ino > fs->inodes_count)
		*why = "directory record names an inode out of range";
	if (*why)
		return -EIO;
	*off += de->rec_len;
	return 1;
}

/*
 * Read logical block @b of a directory or slow symlink, which has no holes:
 * a hole there is corruption (@hole_why). The caller puts @h back.
 */
static int get_mapped_block(const struct ext2_fs *fs, const struct ext2_inode_info *ei, u64 b,
			    const char *hole_why, const u8 **data, void **h, const char **why)
{
	u32 pblock;
	int r = ext2_bmap(fs, ei, b, &pblock, why);

	if (!r && !pblock) {
		*why = hole_why;
		r = -EIO;
	}
	return r ? r : fs->ops->get(fs->ctx, pblock, data, h);
}

int ext2_lookup(const struct ext2_fs *fs, const struct ext2_inode_info *dir, const char *name,
		size_t len, u32 *ino, const char **why)
{
	u64 nblocks = ext2_size_blocks(fs, dir);

	*why = NULL;
	if ((dir->mode & EXT2_S_IFMT) != EXT2_S_IFDIR)
		return -ENOTDIR;
	for (u64 b = 0; b < nblocks; b++) {
		struct ext2_dirent de;
		const u8 *data;
		u32 off = 0;
		void *h;
		int r = get_mapped_block(fs, dir, b, "directory has a hole", &data, &h, why);

		if (r)
			return r;
		while ((r = ext2_dir_next(fs, data, &off, &de, why)) > 0)
			if (de.ino && de.name_len == len && !memcmp(de.name, name, len)) {
				*ino = de.ino;
				break;
			}
		fs->ops->put(fs->ctx, h);
		if (r)
			return r < 0 ? r : 0;
	}
	return -ENOENT;
}

/* A symlink whose target lives in i_block (Linux's ext2_inode_is_fast_symlink). */
static bool fast_symlink(const struct ext2_fs *fs, const struct ext2_inode_info *ei)
{
	u32 ea_sectors = ei->file_acl ? fs->block_size >> 9 : 0;

	return ei->blocks == ea_sectors;
}

int ext2_read_link(const struct ext2_fs *fs, const struct ext2_inode_info *ei, char *buf,
		   size_t len, const char **why)
{
	const u8 *data;
	void *h;
	int r;

	*why = NULL;
	if ((ei->mode & EXT2_S_IFMT) != EXT2_S_IFLNK)
		return -EINVAL;
	if (ei->size >= len)
		return -ENAMETOOLONG;
	if (fast_symlink(fs, ei)) {
		if (ei->size >= sizeof(ei->block)) {
			*why = "fast symbolic link longer than its inode";
			return -EIO;
		}
		for (u32 i = 0; i < ei->size; i++)	/* i_block's bytes, in disk order */
			buf[i] = (char)(ei->block[i / 4] >> (8 * (i % 4)));
	} else {
		if (ei->size > fs->block_size) {
			*why = "symbolic link longer than a block";
			return -EIO;
		}
		r = get_mapped_block(fs, ei, 0, "symbolic link has no block", &data, &h, why);
		if (r)
			return r;
		memcpy(buf, data, ei->size);
		fs->ops->put(fs->ctx, h);
	}
	buf[ei->size] = 0;
	return (int)ei->size;
}
