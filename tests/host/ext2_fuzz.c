/*
 * Fuzz target: the ext2 layout core (fs/ext2/layout.c) on corrupted images.
 *
 * At start-up mke2fs makes three small images (1, 2 and 4 KiB blocks) of a
 * tree with a directory of several blocks, a file using the double
 * indirect block (sparse, so the images stay small), holes and symbolic
 * links. Input: byte 0 picks the image; then records of 4 bytes, a 24-bit
 * offset (modulo the image size) and the byte to store there. Offsets below
 * 64 KiB are favoured (bit 23 clear: offset % 64 KiB), where the superblock,
 * descriptors, inode table and directories live.
 *
 * The corrupted image is then mounted and walked as the kernel would: the
 * superblock and descriptors checked, every directory listed and looked
 * up, every file mapped block by block, every link read. The core must not
 * crash or read outside a block, must balance its block gets and puts,
 * and whatever it returns must be in range: block numbers inside the file
 * system, names inside their block, link lengths as reported.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ext2_image.h"
#include <uapi/errno.h>

#define ASSERT(c)                                                                                  \
	do {                                                                                       \
		if (!(c)) {                                                                        \
			fprintf(stderr, "ext2_fuzz: %s\n", #c);                                   \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

#define MAX_VISITS 300	/* inodes per input: bounds the time of one run */

static struct host_image seeds[3];
static struct host_image img;
static int visits;

static void make_seeds(void)
{
	static const char *const opts[] = { "-b 1024 -N 64", "-b 2048 -N 64", "-b 4096 -N 64" };
	static const unsigned long kib[] = { 256, 512, 1024 };
	char dir[128], cmd[512];

	snprintf(dir, sizeof(dir), "%s/ext2-fuzz-%d", host_scratch_dir(), (int)getpid());
	snprintf(cmd, sizeof(cmd),
		 "rm -rf %s && mkdir -p %s/d/e && cd %s && echo hello > f && "
		 "for i in $(seq 40); do echo $i > d/name-long-enough-to-fill-blocks-$i; done && "
		 "echo x | dd of=big bs=1 seek=5000000 2>/dev/null && "
		 "head -c 20000 /dev/zero | tr '\\0' y > mid && ln -s f fast && "
		 "ln -s d/e/../../d/./e/../name-long-enough-to-fill-blocks-7/../../f slow",
		 dir, dir, dir);
	if (system(cmd)) {
		fprintf(stderr, "ext2_fuzz: cannot make the seed tree\n");
		exit(1);
	}
	for (int i = 0; i < 3; i++) {
		const char *why;
		if (host_image_mkfs(&seeds[i], opts[i], dir, kib[i], NULL)) {
			fprintf(stderr, "ext2_fuzz: mke2fs failed (is e2fsprogs installed?)\n");
			exit(1);
		}
		ASSERT(host_image_mount(&seeds[i], &why) == 0);
	}
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd))
		exit(1);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	make_seeds();
	return 0;
}

static void visit(u32 ino, int depth);

static void check_file(const struct ext2_inode_info *ei)
{
	u64 n = ext2_size_blocks(&img.fs, ei);
	const char *why;

	for (u64 b = 0; b < n && b < 2000; b++) {
		u32 pblock = 0xdeadbeef;
		int r = ext2_bmap(&img.fs, ei, b, &pblock, &why);
		if (r == -EIO)
			ASSERT(why && why[0]);
		if (r)
			return;
		ASSERT(pblock == 0 || (pblock >= img.fs.first_data_block &&
				       pblock < img.fs.blocks_count));
	}
}

static void check_link(const struct ext2_inode_info *ei)
{
	char buf[4097];
	const char *why;
	int r = ext2_read_link(&img.fs, ei, buf, sizeof(buf), &why);

	if (r >= 0)
		ASSERT(strlen(buf) <= (size_t)r && (u64)r == ei->size);
}

/* List directory @dir, look each name up again, and visit it. */
static void check_dir(const struct ext2_inode_info *dir, int depth)
{
	u64 n = ext2_size_blocks(&img.fs, dir);
	const char *why;

	for (u64 b = 0; b < n; b++) {
		struct ext2_dirent de;
		const u8 *data;
		u32 pblock, off = 0;
		void *h;
		int r;
		if (ext2_bmap(&img.fs, dir, b, &pblock, &why) || !pblock)
			return;
		if (img.fs.ops->get(img.fs.ctx, pblock, &data, &h))
			return;
		while ((r = ext2_dir_next(&img.fs, data, &off, &de, &why)) > 0) {
			u32 found;
			ASSERT(off <= img.fs.block_size);
			ASSERT((const u8 *)de.name + de.name_len <= data + img.fs.block_size);
			if (!de.ino || (de.name_len <= 2 && de.name[0] == '.'))
				continue;
			r = ext2_lookup(&img.fs, dir, de.name, de.name_len, &found, &why);
			ASSERT(r != -ENOTDIR);
			visit(de.ino, depth + 1);
		}
		ASSERT(r == 0 || (r == -EIO && why));
		img.fs.ops->put(img.fs.ctx, h);
	}
}

static void visit(u32 ino, int depth)
{
	struct ext2_inode_info ei;
	const char *why;

	if (depth > 4 || ++visits > MAX_VISITS)
		return;
	if (ext2_read_inode(&img.fs, ino, &ei, &why))
		return;
	ASSERT(ei.ino == ino);
	switch (ei.mode & EXT2_S_IFMT) {
	case EXT2_S_IFDIR:
		check_dir(&ei, depth);
		break;
	case EXT2_S_IFREG:
		check_file(&ei);
		break;
	case EXT2_S_IFLNK:
		check_link(&ei);
		break;
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	const struct host_image *seed;
	const char *why;

	if (size < 1)
		return 0;
	seed = &seeds[data[0] % 3];
	img = *seed;
	img.data = malloc(seed->size);
	memcpy(img.data, seed->data, seed->size);
	img.fs.ctx = &img;
	img.gets = img.puts = 0;
	for (size_t i = 1; i + 4 <= size; i += 4) {
		u32 off = (u32)data[i] << 16 | (u32)data[i + 1] << 8 | data[i + 2];
		off = (off & 0x800000) ? off % img.size : off % 65536 % img.size;
		img.data[off] = data[i + 3];
	}
	visits = 0;
	if (host_image_mount(&img, &why) == 0)
		visit(EXT2_ROOT_INO, 0);
	else
		ASSERT(why && why[0]);
	ASSERT(img.gets == img.puts);
	free(img.data);
	return 0;
}
