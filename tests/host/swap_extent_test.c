/*
 * Host tests for the swap extents (mm/swap_extent.c): setup_swap_extents on
 * synthetic block maps (a contiguous file, holes, unaligned and
 * discontiguous pieces, 4 KiB blocks, an early stop, errors, thousands of
 * fragments) and map_swap_page against a brute-force map, in order and at
 * random.
 */
#include "check.h"
#include <mm/swap_extent.h>
#include <mm/swapfile.h>
#include <uapi/errno.h>

#define MAX_BLOCKS 200000

/* A file's block map: file block i is on disk block map[i] (0: a hole). */
static u32 map[MAX_BLOCKS];
static int bmap_calls, fail_at = -1;

static int test_bmap(void *ctx, u64 block, u32 *phys)
{
	bmap_calls++;
	if ((int)block == fail_at)
		return -EIO;
	if (block >= MAX_BLOCKS)
		return -EFBIG;
	*phys = map[block];
	return 0;
}

static struct swap_info_struct si;

static void reset(void)
{
	if (si.extent_list.next)
		destroy_swap_extents(&si);
	memset(&si, 0, sizeof(si));
	INIT_LIST_HEAD(&si.extent_list);
	memset(map, 0, sizeof(map));
	bmap_calls = 0;
	fail_at = -1;
}

/* File blocks [from, from + n) on disk blocks from @disk on. */
static void contiguous(u32 from, u32 n, u32 disk)
{
	for (u32 i = 0; i < n; i++)
		map[from + i] = disk + i;
}

static int build(unsigned int blkbits, u64 nr_blocks, unsigned long max, unsigned long *pages,
		 unsigned long *span)
{
	return setup_swap_extents(&si, blkbits, nr_blocks, max, test_bmap, NULL, pages, span);
}

TEST(contiguous_aligned_file_is_one_extent)
{
	unsigned long pages, span;

	reset();
	contiguous(0, 64 * 4, 400);	/* 1 KiB blocks, disk page 100 on */
	CHECK_EQ(build(10, 64 * 4, 1000, &pages, &span), 1);
	CHECK_EQ(pages, 64);
	CHECK_EQ(span, 63);	/* the header's page is not data */
	CHECK_EQ(si.nr_extents, 1);
	for (unsigned long off = 0; off < 64; off++)
		CHECK_EQ(map_swap_page(&si, off), 100 + off);
}

TEST(a_hole_anywhere_is_einval_and_frees_the_extents)
{
	unsigned long pages, span;
	static const u32 holes[] = { 0, 3, 17, 4 * 20 + 2, 255 };

	for (size_t h = 0; h < ARRAY_SIZE(holes); h++) {
		reset();
		contiguous(0, 256, 800);
		map[holes[h]] = 0;
		CHECK_EQ(build(10, 256, 1000, &pages, &span), -EINVAL);
		CHECK(list_empty(&si.extent_list));
		CHECK_EQ(si.nr_extents, 0);
	}
}

/*
 * A hand-worked map with 1 KiB blocks (4 to a page):
 *   file blocks 0-3   disk 100-103   aligned: slot 0 (disk page 25)
 *   file blocks 4-7   disk 201-204   unaligned: skipped one block at a time...
 *   file blocks 5-8   disk 202-205   ...unaligned
 *   file blocks 6-9   disk 203-206   unaligned ...
 *   file blocks 7-10  disk 204-207   aligned: slot 1 (disk page 51)
 *   file blocks 11-14 disk 300,301,303,304: discontiguous; 12-15 unaligned; ...
 *   file blocks 15-18 disk 304-307  aligned: slot 2 (disk page 76)
 *   file blocks 19-22 disk 308-311  aligned and contiguous: slot 3 merges (disk page 77)
 */
TEST(unaligned_and_discontiguous_pieces_are_skipped)
{
	unsigned long pages, span;

	reset();
	contiguous(0, 4, 100);
	contiguous(4, 7, 201);	/* 201..207 */
	map[11] = 300;
	map[12] = 301;
	contiguous(13, 10, 303);	/* 303..312 */
	CHECK_EQ(build(10, 23, 1000, &pages, &span), 3);
	CHECK_EQ(pages, 4);
	CHECK_EQ(map_swap_page(&si, 0), 25);
	CHECK_EQ(map_swap_page(&si, 1), 51);
	CHECK_EQ(map_swap_page(&si, 2), 76);
	CHECK_EQ(map_swap_page(&si, 3), 77);
	CHECK_EQ(span, 77 - 51 + 1);
}

TEST(four_kib_blocks_map_page_for_page)
{
	unsigned long pages, span;

	reset();
	for (u32 i = 0; i < 100; i++)
		map[i] = 1000 + 2 * i;	/* every page on its own */
	CHECK_EQ(build(12, 100, 1000, &pages, &span), 100);
	CHECK_EQ(pages, 100);
	for (unsigned long off = 0; off < 100; off++)
		CHECK_EQ(map_swap_page(&si, off), 1000 + 2 * off);
}

TEST(stops_at_the_headers_size_and_at_the_end_of_the_file)
{
	unsigned long pages, span;

	reset();
	contiguous(0, 400, 40);
	CHECK_EQ(build(10, 400, 10, &pages, &span), 1);
	CHECK_EQ(pages, 10);
	CHECK(bmap_calls <= 10 * 4);	/* did not walk the rest */
	reset();
	contiguous(0, 402, 40);
	CHECK_EQ(build(10, 402, 1000, &pages, &span), 1);
	CHECK_EQ(pages, 100);	/* the last two blocks are not a page */
}

TEST(bmap_errors_are_passed_on)
{
	unsigned long pages, span;

	reset();
	contiguous(0, 400, 40);
	fail_at = 123;
	CHECK_EQ(build(10, 400, 1000, &pages, &span), -EIO);
	CHECK(list_empty(&si.extent_list));
}

/* Pseudo-random fragments: each page-sized piece aligned or not, runs of 1..9 pages. */
static unsigned int seed = 12345;

static unsigned int rnd(void)
{
	seed = seed * 1103515245 + 12345;
	return (seed >> 16) & 0x7fff;
}

/*
 * Thousands of fragments, a quarter of them unaligned. Whatever the builder
 * keeps, each slot must be a whole page of the file's blocks, contiguous and
 * aligned on the disk, and the slots must follow the file's order.
 */
TEST(thousands_of_fragments_map_to_pages_of_the_file_in_order)
{
	static int32_t file_block_of[4 * MAX_BLOCKS];	/* disk block -> file block */
	unsigned long pages, span;
	u32 file = 0, disk = 1000;
	int r, prev = -1;

	reset();
	while (file + 40 < MAX_BLOCKS) {
		u32 run = 1 + rnd() % 9;
		disk = rnd() % 4 == 0 ? disk + 1 + rnd() % 3 : (disk + 3) & ~3U;
		contiguous(file, 4 * run, disk);
		file += 4 * run;
		disk += 4 * run + 4 * (1 + rnd() % 5);	/* a gap: a new extent */
	}
	memset(file_block_of, -1, sizeof(file_block_of));
	for (u32 b = 0; b < file; b++)
		file_block_of[map[b]] = (int32_t)b;
	r = build(10, file, ~0UL, &pages, &span);
	CHECK(r > 1000);
	CHECK_EQ(r, si.nr_extents);
	CHECK(pages > file / 4 / 2);
	for (unsigned long off = 0; off < pages; off++) {
		u32 first = (u32)map_swap_page(&si, off) * 4;
		int fb = file_block_of[first];
		CHECK(fb > prev);
		for (u32 i = 1; i < 4; i++)
			CHECK_EQ(file_block_of[first + i], fb + (int)i);
		prev = fb + 3;
	}
}

TEST(map_swap_page_equals_a_brute_force_table_in_any_order)
{
	static unsigned long table[20000];
	unsigned long pages, span;
	u32 file = 0;

	reset();
	for (u32 page = 0; page < 20000; page++) {
		u32 disk = (rnd() % 4 == 0) ? 4 * (50000 + rnd() % 10000) : 4 * (10000 + page);
		contiguous(file, 4, disk);
		table[page] = disk / 4;
		file += 4;
	}
	CHECK(build(10, file, ~0UL, &pages, &span) > 100);
	CHECK_EQ(pages, 20000);
	for (unsigned long off = 0; off < pages; off++)
		CHECK_EQ(map_swap_page(&si, off), table[off]);
	for (int i = 0; i < 50000; i++) {
		unsigned long off = (rnd() * 32768UL + rnd()) % pages;
		CHECK_EQ(map_swap_page(&si, off), table[off]);
	}
}

TEST(add_swap_extent_merges_only_what_continues_on_disk)
{
	reset();
	CHECK_EQ(add_swap_extent(&si, 0, 10, 100), 1);
	CHECK_EQ(add_swap_extent(&si, 10, 5, 110), 0);
	CHECK_EQ(add_swap_extent(&si, 15, 5, 200), 1);
	CHECK_EQ(si.nr_extents, 2);
	CHECK_EQ(map_swap_page(&si, 14), 114);
	CHECK_EQ(map_swap_page(&si, 15), 200);
	CHECK_EQ(map_swap_page(&si, 0), 100);
	CHECK_BUG(map_swap_page(&si, 20));
	CHECK_BUG(add_swap_extent(&si, 25, 1, 300));	/* not in order */
	reset();
}
