/*
 * Host tests for the ext2 layout core (fs/ext2/layout.c) on images made by
 * the real mke2fs from a tree this test writes: revision 0 and 1, 1, 2 and
 * 4 KiB blocks, with and without sparse_super, files that use the single,
 * double and (1 KiB blocks) triple indirect blocks, holes, fast and slow
 * symbolic links, a directory of several blocks.
 *
 * Checked against independent sources: every file's bytes against the
 * tree, every directory's names against readdir(3), every block map
 * against debugfs's "stat" listing, the geometry against dumpe2fs. Then
 * each kind of corruption the parser must reject, with its reason.
 */
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"
#include "ext2_image.h"
#include <lib/compiler.h>
#include <uapi/errno.h>

#define MAX_NAMES 512

static char srcdir[128];

static void write_file(const char *rel, const void *data, size_t n, long long at)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", srcdir, rel);
	f = fopen(path, "r+b");
	if (!f)
		f = fopen(path, "wb");
	if (!f || fseeko(f, at, SEEK_SET) || fwrite(data, 1, n, f) != n) {
		perror(path);
		exit(2);
	}
	fclose(f);
}

/* A pattern whose every 4 bytes say where they are, so misplaced blocks show. */
static void write_pattern(const char *rel, long long at, size_t n)
{
	unsigned char *buf = malloc(n);

	for (size_t i = 0; i < n; i++)
		buf[i] = (unsigned char)(((at + i) / 4 * 2654435761u) >> (8 * ((at + i) % 4)));
	write_file(rel, buf, n, at);
	free(buf);
}

/* The source tree, made once. */
static const char *tree(void)
{
	char path[512];

	if (srcdir[0])
		return srcdir;
	snprintf(srcdir, sizeof(srcdir), "%s/ext2-src-%d", host_scratch_dir(), (int)getpid());
	snprintf(path, sizeof(path), "rm -rf %s && mkdir -p %s/dir/sub %s/many", srcdir, srcdir,
		 srcdir);
	if (system(path))
		exit(2);
	write_file("hello.txt", "hello, ext2\n", 12, 0);
	write_file("empty", "", 0, 0);
	write_file("dir/sub/deep.txt", "deep\n", 5, 0);
	write_pattern("direct.bin", 0, 5000);
	write_pattern("indirect.bin", 0, 300 * 1024);
	write_pattern("double.bin", 0, 5 * 1024 * 1024 + 123); /* double indirect at 4 KiB too */
	write_pattern("sparse.bin", 3 * 1024 * 1024, 9000);	/* a hole, then data */
	write_pattern("sparse.bin", 100, 10);
	write_pattern("triple.bin", 70LL * 1024 * 1024, 3000); /* triple indirect at 1 KiB */
	for (int i = 0; i < 150; i++) {
		char name[80];
		snprintf(name, sizeof(name), "many/file-with-a-rather-long-name-%03d", i);
		write_pattern(name, i, i % 7);
	}
	snprintf(path, sizeof(path), "%s/fastlink", srcdir);
	symlink("hello.txt", path);
	snprintf(path, sizeof(path), "%s/slowlink", srcdir);
	symlink("dir/./sub/././././././././././././././././././././././././././././deep.txt", path);
	snprintf(path, sizeof(path), "%s/dirlink", srcdir);
	symlink("/dir/sub", path);
	return srcdir;
}

struct variant {
	const char *opts;
	u32 block_size;
	bool triple;
} variants[] = {
	/* -g: small groups, so there are many, and their backups follow sparse_super */
	{ "-b 1024 -g 1024", 1024, true },
	{ "-b 2048 -g 2048", 2048, false },
	{ "-b 4096 -g 1024", 4096, false },
	{ "-b 1024 -g 1024 -r 0", 1024, true },
	{ "-b 4096 -g 1024 -O ^sparse_super,^resize_inode,^dir_index,^filetype", 4096, false },
};

/* The image of @v, made and mounted once. */
static struct host_image *image(int v)
{
	static struct host_image images[ARRAY_SIZE(variants)];
	static bool made[ARRAY_SIZE(variants)];
	struct host_image *img = &images[v];
	char keep[128];
	const char *why;

	if (made[v])
		return img->data ? img : NULL;
	made[v] = true;
	snprintf(keep, sizeof(keep), "%s/ext2-host-%d-%d.img", host_scratch_dir(), (int)getpid(), v);
	if (host_image_mkfs(img, variants[v].opts, tree(), 24 * 1024, keep))
		return NULL;
	if (host_image_mount(img, &why)) {
		printf("# %s: mount failed: %s\n", variants[v].opts, why);
		host_image_free(img);
		return NULL;
	}
	return img;
}

static const char *image_path(int v)
{
	static char path[128];

	snprintf(path, sizeof(path), "%s/ext2-host-%d-%d.img", host_scratch_dir(), (int)getpid(), v);
	return path;
}

/* Resolve @path (relative to the root, no symlinks) to an inode number. */
static int lookup_path(struct host_image *img, const char *path, u32 *ino)
{
	struct ext2_inode_info dir;
	const char *why;
	char comp[256];
	int r;

	*ino = EXT2_ROOT_INO;
	while (*path) {
		size_t n = strcspn(path, "/");
		memcpy(comp, path, n);
		comp[n] = 0;
		path += n + (path[n] == '/');
		if (!n)
			continue;
		r = ext2_read_inode(&img->fs, *ino, &dir, &why);
		if (!r)
			r = ext2_lookup(&img->fs, &dir, comp, n, ino, &why);
		if (r) {
			printf("# lookup %s: %d %s\n", comp, r, why ? why : "");
			return r;
		}
	}
	return 0;
}

/* Read all of file @ei through the block map; returns a malloc'd buffer. */
static u8 *read_all(struct host_image *img, const struct ext2_inode_info *ei)
{
	u32 bs = img->fs.block_size;
	u8 *buf = calloc(1, ei->size + 1);
	const char *why;

	for (u64 b = 0; b < ext2_size_blocks(&img->fs, ei); b++) {
		u32 pblock;
		u64 n = ei->size - b * bs < bs ? ei->size - b * bs : bs;
		if (ext2_bmap(&img->fs, ei, b, &pblock, &why)) {
			printf("# bmap %llu: %s\n", (unsigned long long)b, why ? why : "error");
			free(buf);
			return NULL;
		}
		if (pblock)
			memcpy(buf + b * bs, img->data + (u64)pblock * bs, n);
	}
	return buf;
}

static u8 *read_host(const char *rel, long long *size)
{
	char path[512];
	FILE *f;
	u8 *buf;

	snprintf(path, sizeof(path), "%s/%s", srcdir, rel);
	f = fopen(path, "rb");
	fseeko(f, 0, SEEK_END);
	*size = ftello(f);
	fseeko(f, 0, SEEK_SET);
	buf = malloc(*size + 1);
	if (fread(buf, 1, *size, f) != (size_t)*size)
		*size = -1;
	fclose(f);
	return buf;
}

static bool same_file(struct host_image *img, const char *rel)
{
	struct ext2_inode_info ei;
	const char *why;
	long long size;
	u8 *want, *got;
	u32 ino;
	bool ok;

	if (lookup_path(img, rel, &ino) || ext2_read_inode(&img->fs, ino, &ei, &why))
		return false;
	want = read_host(rel, &size);
	got = read_all(img, &ei);
	ok = got && (long long)ei.size == size && !memcmp(want, got, size);
	if (!ok)
		printf("# %s differs (size %llu, want %lld)\n", rel, (unsigned long long)ei.size,
		       size);
	free(want);
	free(got);
	return ok;
}

static const char *const files[] = {
	"hello.txt", "empty",	     "dir/sub/deep.txt", "direct.bin",
	"indirect.bin", "double.bin", "sparse.bin",	  "many/file-with-a-rather-long-name-149",
};

TEST(files_read_back_byte_for_byte_in_every_variant)
{
	for (int v = 0; v < (int)ARRAY_SIZE(variants); v++) {
		struct host_image *img = image(v);
		CHECK(img);
		CHECK_EQ(img->fs.block_size, variants[v].block_size);
		for (size_t i = 0; i < ARRAY_SIZE(files); i++)
			CHECK(same_file(img, files[i]));
		if (variants[v].triple)
			CHECK(same_file(img, "triple.bin"));
		CHECK_EQ(img->gets, img->puts);
	}
}

/* debugfs's "stat" block list of @rel: "(0-11):1234-1245, (IND):1246, (12):1247, ..." */
static int debugfs_map(int v, const char *rel, u64 *lblk, u32 *pblk, int max)
{
	char cmd[512], line[8192];
	int n = 0;
	FILE *p;
	bool in_blocks = false;

	snprintf(cmd, sizeof(cmd), "debugfs -R 'stat /%s' %s 2>/dev/null", rel, image_path(v));
	p = popen(cmd, "r");
	while (p && fgets(line, sizeof(line), p)) {
		if (!strncmp(line, "BLOCKS:", 7)) {
			in_blocks = true;
			continue;
		}
		if (!in_blocks || !strncmp(line, "TOTAL", 5))
			continue;
		for (char *tok = strtok(line, ", \n"); tok; tok = strtok(NULL, ", \n")) {
			unsigned long long l0, l1;
			unsigned long p0, p1;
			if (sscanf(tok, "(%llu-%llu):%lu-%lu", &l0, &l1, &p0, &p1) == 4)
				;
			else if (sscanf(tok, "(%llu):%lu", &l0, &p0) == 2)
				l1 = l0, p1 = p0;
			else
				continue;	/* (IND), (DIND), (TIND) */
			for (; l0 <= l1 && n < max; l0++, p0++) {
				lblk[n] = l0;
				pblk[n++] = p0;
			}
		}
	}
	if (p)
		pclose(p);
	return n;
}

static bool map_matches_debugfs(int v, const char *rel)
{
	static u64 lblk[80000];
	static u32 pblk[80000];
	struct host_image *img = image(v);
	struct ext2_inode_info ei;
	const char *why;
	int n = debugfs_map(v, rel, lblk, pblk, 80000), i = 0;
	u32 ino, got;

	if (n <= 0 || lookup_path(img, rel, &ino) || ext2_read_inode(&img->fs, ino, &ei, &why)) {
		printf("# %s: no debugfs map (%d)\n", rel, n);
		return false;
	}
	for (u64 b = 0; b < ext2_size_blocks(&img->fs, &ei); b++) {
		if (ext2_bmap(&img->fs, &ei, b, &got, &why))
			return false;
		if (!got)
			continue;
		if (i >= n || lblk[i] != b || pblk[i] != got) {
			printf("# %s block %llu: bmap %u, debugfs (%llu):%u\n", rel,
			       (unsigned long long)b, got, i < n ? (unsigned long long)lblk[i] : 0ULL,
			       i < n ? pblk[i] : 0);
			return false;
		}
		i++;
	}
	return i == n;
}

TEST(block_maps_match_debugfs)
{
	static const char *const mapped[] = { "direct.bin", "indirect.bin", "double.bin",
					      "sparse.bin" };

	for (int v = 0; v < (int)ARRAY_SIZE(variants); v++) {
		CHECK(image(v));
		for (size_t i = 0; i < ARRAY_SIZE(mapped); i++)
			CHECK(map_matches_debugfs(v, mapped[i]));
		if (variants[v].triple)
			CHECK(map_matches_debugfs(v, "triple.bin"));
	}
}

TEST(bmap_beyond_the_triple_indirect_range_is_efbig)
{
	struct host_image *img = image(0);
	struct ext2_inode_info ei;
	const char *why;
	u32 ino, pblock;
	u64 per = 256, limit = 12 + per + per * per + per * per * per;

	CHECK(img);
	CHECK(!lookup_path(img, "triple.bin", &ino));
	CHECK(!ext2_read_inode(&img->fs, ino, &ei, &why));
	CHECK_EQ(ext2_bmap(&img->fs, &ei, limit - 1, &pblock, &why), 0);
	CHECK_EQ(pblock, 0);
	CHECK_EQ(ext2_bmap(&img->fs, &ei, limit, &pblock, &why), -EFBIG);
}

/* The names in directory @rel, sorted into @names; returns the count. */
static int ext2_names(struct host_image *img, const char *rel, char names[][256])
{
	struct ext2_inode_info dir;
	const char *why;
	u32 ino;
	int n = 0;

	if (lookup_path(img, rel, &ino) || ext2_read_inode(&img->fs, ino, &dir, &why))
		return -1;
	for (u64 b = 0; b < ext2_size_blocks(&img->fs, &dir); b++) {
		struct ext2_dirent de;
		u32 pblock, off = 0;
		if (ext2_bmap(&img->fs, &dir, b, &pblock, &why) || !pblock)
			return -1;
		while (ext2_dir_next(&img->fs, img->data + (u64)pblock * img->fs.block_size, &off,
				     &de, &why) > 0)
			if (de.ino && n < MAX_NAMES) {
				memcpy(names[n], de.name, de.name_len);
				names[n++][de.name_len] = 0;
			}
		if (why)
			return -1;
	}
	qsort(names, n, 256, (int (*)(const void *, const void *))strcmp);
	return n;
}

static int host_names(const char *rel, char names[][256])
{
	char path[512];
	struct dirent *d;
	DIR *dir;
	int n = 0;

	snprintf(path, sizeof(path), "%s/%s", srcdir, rel);
	dir = opendir(path);
	while (dir && (d = readdir(dir)) && n < MAX_NAMES)
		snprintf(names[n++], 256, "%s", d->d_name);
	if (dir)
		closedir(dir);
	if (!*rel)
		snprintf(names[n++], 256, "lost+found");
	qsort(names, n, 256, (int (*)(const void *, const void *))strcmp);
	return n;
}

TEST(directories_list_what_the_tree_holds)
{
	static char got[MAX_NAMES][256], want[MAX_NAMES][256];
	static const char *const dirs[] = { "", "dir", "dir/sub", "many" };

	for (int v = 0; v < (int)ARRAY_SIZE(variants); v++) {
		CHECK(image(v));
		for (size_t d = 0; d < ARRAY_SIZE(dirs); d++) {
			int n = ext2_names(image(v), dirs[d], got);
			CHECK_EQ(n, host_names(dirs[d], want));
			for (int i = 0; i < n; i++)
				CHECK(!strcmp(got[i], want[i]));
		}
	}
}

TEST(many_names_span_several_directory_blocks)
{
	struct ext2_inode_info dir;
	const char *why;
	u32 ino;

	CHECK(image(2));
	CHECK(!lookup_path(image(2), "many", &ino));
	CHECK(!ext2_read_inode(&image(2)->fs, ino, &dir, &why));
	CHECK(dir.size > 4096);
	CHECK_EQ(lookup_path(image(2), "many/file-with-a-rather-long-name-150", &ino), -ENOENT);
	CHECK_EQ(lookup_path(image(2), "hello.txt/x", &ino), -ENOTDIR);
}

static bool link_is(struct host_image *img, const char *rel)
{
	char want[512], got[512], path[512];
	struct ext2_inode_info ei;
	const char *why;
	ssize_t n;
	u32 ino;

	snprintf(path, sizeof(path), "%s/%s", srcdir, rel);
	n = readlink(path, want, sizeof(want) - 1);
	want[n < 0 ? 0 : n] = 0;
	if (lookup_path(img, rel, &ino) || ext2_read_inode(&img->fs, ino, &ei, &why))
		return false;
	if (ext2_read_link(&img->fs, &ei, got, sizeof(got), &why) != n || strcmp(got, want)) {
		printf("# %s: got \"%s\", want \"%s\"\n", rel, got, want);
		return false;
	}
	return ext2_read_link(&img->fs, &ei, got, (size_t)n, &why) == -ENAMETOOLONG;
}

TEST(symbolic_links_fast_and_slow)
{
	for (int v = 0; v < (int)ARRAY_SIZE(variants); v++) {
		CHECK(image(v));
		CHECK(link_is(image(v), "fastlink"));
		CHECK(link_is(image(v), "slowlink"));
		CHECK(link_is(image(v), "dirlink"));
	}
}

/* "Block count:  N" from dumpe2fs -h */
static long dumpe2fs_field(int v, const char *field)
{
	char cmd[256], line[256];
	long val = -1;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "dumpe2fs -h %s 2>/dev/null", image_path(v));
	p = popen(cmd, "r");
	while (p && fgets(line, sizeof(line), p))
		if (!strncmp(line, field, strlen(field)) && line[strlen(field)] == ':')
			val = strtol(line + strlen(field) + 1, NULL, 10);
	if (p)
		pclose(p);
	return val;
}

TEST(geometry_matches_dumpe2fs)
{
	for (int v = 0; v < (int)ARRAY_SIZE(variants); v++) {
		struct host_image *img = image(v);
		CHECK(img);
		CHECK_EQ(img->fs.blocks_count, dumpe2fs_field(v, "Block count"));
		CHECK_EQ(img->fs.inodes_count, dumpe2fs_field(v, "Inode count"));
		CHECK_EQ(img->fs.block_size, dumpe2fs_field(v, "Block size"));
		CHECK_EQ(img->fs.first_data_block, dumpe2fs_field(v, "First block"));
		CHECK_EQ(img->fs.inodes_per_group, dumpe2fs_field(v, "Inodes per group"));
		CHECK_EQ(img->fs.rev_level, dumpe2fs_field(v, "Filesystem revision #"));
		if (img->fs.rev_level)
			CHECK_EQ(img->fs.inode_size, dumpe2fs_field(v, "Inode size"));
		CHECK_EQ(img->fs.reserved_gdt_blocks,
			 dumpe2fs_field(v, "Reserved GDT blocks") < 0
				 ? 0 : dumpe2fs_field(v, "Reserved GDT blocks"));
	}
}

TEST(sparse_super_places_backups_in_groups_0_1_and_powers_of_3_5_7)
{
	static const u32 with[] = { 0, 1, 3, 5, 7, 9, 25, 27, 49, 81, 125, 243, 343 };
	static const u32 without[] = { 2, 4, 6, 8, 10, 15, 21, 35, 45, 63, 100 };
	struct ext2_fs fs = { .feature_ro_compat = EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER };

	for (size_t i = 0; i < ARRAY_SIZE(with); i++)
		CHECK(ext2_group_has_super(&fs, with[i]));
	for (size_t i = 0; i < ARRAY_SIZE(without); i++)
		CHECK(!ext2_group_has_super(&fs, without[i]));
	fs.feature_ro_compat = 0;
	for (size_t i = 0; i < ARRAY_SIZE(without); i++)
		CHECK(ext2_group_has_super(&fs, without[i]));
}

/* ---- rejections -------------------------------------------------------- */

static u8 sb_copy[EXT2_SUPERBLOCK_SIZE];

static void put16(u8 *p, u16 v)
{
	p[0] = (u8)v;
	p[1] = (u8)(v >> 8);
}

static void put32(u8 *p, u32 v)
{
	for (int b = 0; b < 4; b++)
		p[b] = (u8)(v >> (8 * b));
}

/* Patch the superblock of image @v at @off and expect a rejection mentioning @reason. */
static bool super_rejected(int v, unsigned int off, u32 val, int width, const char *reason)
{
	struct host_image *img = image(v);
	struct ext2_fs fs;
	const char *why;
	int r;

	memcpy(sb_copy, img->data + EXT2_SUPERBLOCK_OFFSET, sizeof(sb_copy));
	if (width == 2)
		put16(sb_copy + off, (u16)val);
	else
		put32(sb_copy + off, val);
	r = ext2_parse_super(&fs, sb_copy, img->size, &why);
	if (r != -EINVAL || !why || !strstr(why, reason)) {
		printf("# offset %u = %u: got %d \"%s\", want \"%s\"\n", off, val, r,
		       why ? why : "", reason);
		return false;
	}
	return true;
}

TEST(superblock_rejections)
{
	struct host_image *img = image(0);
	struct ext2_fs fs;
	const char *why;

	CHECK(img);
	CHECK(super_rejected(0, 56, 0x1234, 2, "bad magic"));
	CHECK(super_rejected(0, 24, 3, 4, "block size"));		/* 8 KiB */
	CHECK(super_rejected(0, 24, 0xffffffff, 4, "block size"));
	CHECK(super_rejected(0, 76, 2, 4, "revision"));
	CHECK(super_rejected(0, 96, 0x40, 4, "unsupported optional features")); /* extents */
	CHECK(super_rejected(0, 96, 0x06, 4, "journal needs recovery"));
	CHECK(super_rejected(0, 88, 100, 2, "inode size"));
	CHECK(super_rejected(0, 88, 8192, 2, "inode size"));
	CHECK(super_rejected(0, 84, 3, 4, "first non-reserved inode"));
	CHECK(super_rejected(0, 32, 0, 4, "blocks per group"));
	CHECK(super_rejected(0, 32, 8193, 4, "blocks per group"));
	CHECK(super_rejected(0, 40, 0, 4, "inodes per group"));
	CHECK(super_rejected(0, 20, 0, 4, "first data block"));
	CHECK(super_rejected(0, 4, 1, 4, "no blocks"));
	CHECK(super_rejected(0, 4, 200 * 1024, 4, "exceeds the size of the device"));
	CHECK(super_rejected(0, 0, 0, 4, "inode count"));
	CHECK(super_rejected(0, 0, 0xffffffff, 4, "inode count"));
	/* A device smaller than the file system. */
	CHECK_EQ(ext2_parse_super(&fs, img->data + 1024, 1024 * 1024, &why), -EINVAL);
	CHECK(strstr(why, "device"));
	/* ext4 as mke2fs makes it today. */
	{
		struct host_image ext4;
		CHECK(!host_image_mkfs(&ext4, "-b 4096 -O extents", NULL, 8192, NULL));
		CHECK_EQ(host_image_mount(&ext4, &why), -EINVAL);
		CHECK(strstr(why, "unsupported optional features"));
		host_image_free(&ext4);
	}
}

/* A copy of image @v with the 4 bytes at @off set to @val. */
static struct host_image *patched(int v, u64 off, u32 val)
{
	static struct host_image copy;
	struct host_image *img = image(v);

	free(copy.data);
	copy = *img;
	copy.data = malloc(img->size);
	memcpy(copy.data, img->data, img->size);
	copy.fs.ctx = &copy;
	put32(copy.data + off, val);
	return &copy;
}

TEST(descriptor_rejections)
{
	struct host_image *img = image(2), *bad;
	u64 gdt = (u64)(img->fs.first_data_block + 1) * img->fs.block_size;
	const char *why;
	u32 group;

	CHECK(img);
	bad = patched(2, gdt + 32 + 0, 0);	/* group 1's block bitmap in its superblock copy */
	CHECK_EQ(ext2_check_descriptors(&bad->fs, &group, &why), -EINVAL);
	CHECK_EQ(group, 1);
	CHECK(strstr(why, "block bitmap"));
	bad = patched(2, gdt + 4, img->fs.blocks_count + 5);
	CHECK_EQ(ext2_check_descriptors(&bad->fs, &group, &why), -EINVAL);
	CHECK_EQ(group, 0);
	CHECK(strstr(why, "inode bitmap"));
	bad = patched(2, gdt + 8, img->fs.blocks_per_group - 2);	/* runs into group 1 */
	CHECK_EQ(ext2_check_descriptors(&bad->fs, &group, &why), -EINVAL);
	CHECK(strstr(why, "inode table"));
}

/* The byte offset of inode @ino in image @img. */
static u64 inode_offset(struct host_image *img, u32 ino)
{
	u64 gdt = (u64)(img->fs.first_data_block + 1) * img->fs.block_size;
	u32 group = (ino - 1) / img->fs.inodes_per_group;
	u32 table = img->data[gdt + group * 32 + 8] | img->data[gdt + group * 32 + 9] << 8 |
		    img->data[gdt + group * 32 + 10] << 16 | (u32)img->data[gdt + group * 32 + 11] << 24;

	return (u64)table * img->fs.block_size +
	       (u64)((ino - 1) % img->fs.inodes_per_group) * img->fs.inode_size;
}

static bool inode_rejected(struct host_image *img, u32 ino, const char *reason)
{
	struct ext2_inode_info ei;
	const char *why;
	int r = ext2_read_inode(&img->fs, ino, &ei, &why);

	if (r != -EIO || !why || !strstr(why, reason)) {
		printf("# inode %u: got %d \"%s\", want \"%s\"\n", ino, r, why ? why : "", reason);
		return false;
	}
	return true;
}

TEST(inode_rejections)
{
	struct host_image *img = image(0);
	struct ext2_inode_info ei;
	const char *why;
	u32 ino, pblock;
	u64 at;

	CHECK(img);
	CHECK(inode_rejected(img, 0, "out of range"));
	CHECK(inode_rejected(img, img->fs.inodes_count + 1, "out of range"));
	CHECK(inode_rejected(img, img->fs.inodes_count, "deleted"));	/* never used */
	CHECK(!lookup_path(img, "double.bin", &ino));
	at = inode_offset(img, ino);
	CHECK(inode_rejected(patched(0, at, 0x0000ffff & 0x1ff), ino, "unknown type"));
	CHECK(inode_rejected(patched(0, at + 32, EXT4_EXTENTS_FL), ino, "extents"));
	CHECK(!lookup_path(img, "many", &ino));
	at = inode_offset(img, ino);
	CHECK(inode_rejected(patched(0, at + 4, 1000), ino, "directory size"));
	CHECK(inode_rejected(patched(0, at + 4, 0xfffffc00), ino, "directory size"));
	/* A block pointer past the end, in the inode and in the indirect block. */
	CHECK(!lookup_path(img, "indirect.bin", &ino));
	at = inode_offset(img, ino);
	img = patched(0, at + 40 + 4 * 3, img->fs.blocks_count);
	CHECK(!ext2_read_inode(&img->fs, ino, &ei, &why));
	CHECK_EQ(ext2_bmap(&img->fs, &ei, 3, &pblock, &why), -EIO);
	CHECK(strstr(why, "outside the file system"));
	CHECK_EQ(ext2_bmap(&img->fs, &ei, 4, &pblock, &why), 0);
	img = patched(0, (u64)ei.block[EXT2_IND_BLOCK] * 1024 + 8, 0xffffffff);
	CHECK_EQ(ext2_bmap(&img->fs, &ei, 14, &pblock, &why), -EIO);
	CHECK_EQ(ext2_bmap(&img->fs, &ei, 15, &pblock, &why), 0);
}

static bool dir_rejected(int v, const char *dir, unsigned int field, u32 val, int width,
			 const char *reason)
{
	struct host_image *img = image(v);
	struct ext2_inode_info ei;
	const char *why;
	u32 ino, pblock, found;
	u64 at;

	if (lookup_path(img, dir, &ino) || ext2_read_inode(&img->fs, ino, &ei, &why) ||
	    ext2_bmap(&img->fs, &ei, 0, &pblock, &why))
		return false;
	at = (u64)pblock * img->fs.block_size + 12 + field; /* the ".." record */
	img = patched(v, at - field, *(u32 *)(image(v)->data + at - field));
	if (width == 1)
		img->data[at] = (u8)val;
	else if (width == 2)
		put16(img->data + at, (u16)val);
	else
		put32(img->data + at, val);
	int r = ext2_lookup(&img->fs, &ei, "no-such-name", 12, &found, &why);
	if (r != -EIO || !why || !strstr(why, reason)) {
		printf("# %s field %u = %u: got %d \"%s\", want \"%s\"\n", dir, field, val, r,
		       why ? why : "", reason);
		return false;
	}
	return true;
}

TEST(directory_record_rejections)
{
	CHECK(dir_rejected(0, "dir", 4, 0, 2, "too short"));		/* rec_len 0: no endless loop */
	CHECK(dir_rejected(0, "dir", 4, 14, 2, "misaligned"));
	CHECK(dir_rejected(0, "dir", 4, 2000, 2, "crosses the end"));
	CHECK(dir_rejected(0, "dir", 6, 200, 1, "shorter than its name"));
	CHECK(dir_rejected(0, "dir", 0, 0x7fffffff, 4, "inode out of range"));
	CHECK(dir_rejected(2, "many", 4, 4092, 2, "crosses the end"));
}

TEST(lookup_of_a_file_is_enotdir)
{
	struct host_image *img = image(0);
	struct ext2_inode_info ei;
	const char *why;
	u32 ino;

	CHECK(img);
	CHECK(!lookup_path(img, "hello.txt", &ino));
	CHECK(!ext2_read_inode(&img->fs, ino, &ei, &why));
	CHECK_EQ(ext2_lookup(&img->fs, &ei, "x", 1, &ino, &why), -ENOTDIR);
	CHECK_EQ(ext2_read_link(&img->fs, &ei, (char[8]){ 0 }, 8, &why), -EINVAL);
}

TEST(zz_cleanup)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "rm -rf %s %s/ext2-host-%d-*.img", srcdir, host_scratch_dir(),
		 (int)getpid());
	CHECK_EQ(system(cmd), 0);
}
