/*
 * The swap benchmark (make bench): in one boot, the raw throughput of the
 * swap disk (multi-sector writes and reads of 128 KiB through the block
 * layer) and the throughput of swapping a sequential workload out
 * (MADV_PAGEOUT: shrink_list, add_to_swap, swap_writepage) and back in
 * (faults with swapin_readahead), with the ratios and the mean size of the
 * write commands swapping produced. One line:
 *
 *   swap-bench: dev=hda size=32MiB raw_write=W raw_read=R swap_out=O swap_in=I MiB/s
 *               out/raw=X in/raw=Y pages_per_write=P
 *
 * The device must hold an mkswap header; the raw part writes and reads
 * beyond the first MiB (slots nobody uses yet) and leaves the header alone.
 */
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/time.h>
#include <kernel/uaccess.h>
#include <mm/test_mm.h>
#include <mm/swapon.h>
#include <mm/vmscan.h>
#include <mm/gfp.h>
#include <mm/swapfile.h>
#include <mm/swap_extent.h>
#include <block/blkdev.h>
#include <fs/fs.h>
#include <lib/string.h>
#include <uapi/abi.h>

#define BENCH_DEV	"hda"
#define BENCH_MIB	32
#define RAW_CHUNK	(128 * 1024)	/* the queue's max_sectors: one command each */
#define RAW_START	2048		/* sector 2048 = 1 MiB in */

/* MiB/s * 10, from bytes and nanoseconds. */
static unsigned long rate(unsigned long bytes, u64 ns)
{
	return ns ? (unsigned long)((u64)bytes * 10 * 1000000000ULL / ns / (1024 * 1024)) : 0;
}

static u64 raw_pass(struct block_device *b, void *buf, bool write)
{
	u64 t0 = ktime_get_ns();

	for (unsigned long off = 0; off < BENCH_MIB * 1024UL * 1024; off += RAW_CHUNK) {
		sector_t s = RAW_START + off / 512;
		int r = write ? bdev_write_sync(b, s, buf, RAW_CHUNK / 512)
			      : bdev_read_sync(b, s, buf, RAW_CHUNK / 512);
		if (r)
			return 0;
	}
	return ktime_get_ns() - t0;
}

static void fill(struct mm_struct *mm, unsigned long pages)
{
	static u32 page[1024];

	test_mm_enter(mm);
	for (unsigned long p = 0; p < pages; p++) {
		page[0] = p;
		if (copy_to_user((void *)(TEST_MM_BASE + p * PAGE_SIZE), page, PAGE_SIZE))
			break;
	}
	test_mm_leave();
}

static bool read_back(struct mm_struct *mm, unsigned long pages, u64 *ns)
{
	u32 first;
	bool ok = true;
	u64 t0 = ktime_get_ns();

	test_mm_enter(mm);
	for (unsigned long p = 0; p < pages && ok; p++)
		ok = !copy_from_user(&first, (void *)(TEST_MM_BASE + p * PAGE_SIZE), 4) &&
		     first == p;
	test_mm_leave();
	*ns = ktime_get_ns() - t0;
	return ok;
}

static void bench_swap_throughput(struct ktest *t)
{
	unsigned long pages = BENCH_MIB * 256UL, bytes = BENCH_MIB * 1024UL * 1024;
	struct block_device *b = bdev_lookup(BENCH_DEV);
	void *buf = (void *)__get_free_pages(GFP_KERNEL, 5);
	struct mm_struct *mm = test_mm_create(pages);
	unsigned long ios0, sec0, w, r, o, i;
	u64 wns, rns, ons, ins;

	KT_ASSERT(t, b && buf && mm);
	memset(buf, 0x5a, RAW_CHUNK);
	wns = raw_pass(b, buf, true);
	rns = raw_pass(b, buf, false);
	KT_ASSERT(t, wns && rns);
	KT_ASSERT_EQ(t, do_swapon(BENCH_DEV, 0), 0);
	fill(mm, pages);
	ios0 = b->disk->stats.ios[WRITE];
	sec0 = b->disk->stats.sectors[WRITE];
	u64 t0 = ktime_get_ns();
	pageout_range(mm, TEST_MM_BASE, TEST_MM_BASE + pages * PAGE_SIZE);
	ons = ktime_get_ns() - t0;
	KT_EXPECT_EQ(t, mm->swap_ents, pages);
	unsigned long cmds = b->disk->stats.ios[WRITE] - ios0;
	unsigned long secs = b->disk->stats.sectors[WRITE] - sec0;
	KT_EXPECT(t, read_back(mm, pages, &ins));
	w = rate(bytes, wns), r = rate(bytes, rns), o = rate(bytes, ons), i = rate(bytes, ins);
	printk("swap-bench: dev=%s size=%dMiB raw_write=%lu.%lu raw_read=%lu.%lu swap_out=%lu.%lu "
	       "swap_in=%lu.%lu MiB/s out/raw=%lu.%02lu in/raw=%lu.%02lu pages_per_write=%lu.%lu\n",
	       BENCH_DEV, BENCH_MIB, w / 10, w % 10, r / 10, r % 10, o / 10, o % 10, i / 10, i % 10,
	       o / w, o * 100 / w % 100, i / r, i * 100 / r % 100, secs / 8 / (cmds ? cmds : 1),
	       secs * 10 / 8 / (cmds ? cmds : 1) % 10);
	mmput(mm);
	KT_EXPECT_EQ(t, do_swapoff(BENCH_DEV), 0);
	free_pages((unsigned long)buf, 5);
}

/*
 * The swap file benchmark: the same workload swapped out and back in
 * through a partition (hda1) and through a swap file on the ext2 file
 * system of hda2, alternately, FILE_BENCH_ROUNDS times each, in one boot;
 * the best time of each counts (the machine's other load only ever makes
 * a round slower). What it measures is what a file costs: map_swap_page's walk of
 * the extents, and requests that cannot merge across an extent's end.
 *
 *   swapfile-bench: size=8MiB extents=E partition_out=O partition_in=I
 *                   file_out=FO file_in=FI MiB/s file/partition out=X in=Y lookup=L%
 *
 * lookup: the time map_swap_page takes for the round's slots, in the order
 * swapping used them, as a share of the file's best round trip: the extent
 * walk's own cost, which the machine's load does not blur.
 */
#define FILE_BENCH_PART	"hda1"
#define FILE_BENCH_FILE	"/mnt/swapfile"
#define FILE_BENCH_ROUNDS 10	/* each, alternately: the best of them counts */
#define FILE_BENCH_MIB	8

static struct swap_info_struct *area_named(const char *name)
{
	for (int type = 0; type < MAX_SWAPFILES; type++)
		if ((swap_info[type].flags & SWP_USED) && !strcmp(swap_info[type].name, name))
			return &swap_info[type];
	return NULL;
}

/* Time map_swap_page for slots 1..@pages of @si, once for the writes and once for the reads. */
static u64 lookup_ns(struct swap_info_struct *si, unsigned long pages)
{
	unsigned long sum = 0;
	u64 t0 = ktime_get_ns();

	for (int pass = 0; pass < 2; pass++)
		for (unsigned long off = 1; off <= pages; off++)
			sum += map_swap_page(si, off);
	barrier();
	return sum ? ktime_get_ns() - t0 : 0;
}

/* Swap @pages of @mm out to @area and back in; the times in *@out and *@in. */
static bool swap_round_trip(struct ktest *t, const char *area, struct mm_struct *mm,
			    unsigned long pages, u64 *out, u64 *in, int *extents)
{
	u64 t0;

	if (!KT_EXPECT_EQ(t, do_swapon(area, 0), 0))
		return false;
	*extents = area_named(area)->nr_extents;
	fill(mm, pages);
	t0 = ktime_get_ns();
	pageout_range(mm, TEST_MM_BASE, TEST_MM_BASE + pages * PAGE_SIZE);
	*out = ktime_get_ns() - t0;
	KT_EXPECT_EQ(t, mm->swap_ents, pages);
	KT_EXPECT(t, read_back(mm, pages, in));
	return KT_EXPECT_EQ(t, do_swapoff(area), 0);
}

static void bench_swapfile_vs_partition(struct ktest *t)
{
	unsigned long pages = FILE_BENCH_MIB * 256UL, bytes = FILE_BENCH_MIB * 1024UL * 1024;
	struct mm_struct *mm = test_mm_create(pages);
	u64 best[2][2] = { { ~0ULL, ~0ULL }, { ~0ULL, ~0ULL } }; /* [partition/file][out/in] */
	unsigned long po, pi, fo, fi, lookup;
	int extents = 0;

	KT_ASSERT(t, mm);
	KT_ASSERT_EQ(t, do_mount("/dev/hda2", "/mnt", "ext2", 0), 0);
	for (int round = 0; round < 2 * FILE_BENCH_ROUNDS; round++) {
		int f = (round + 1) % 2, n;
		u64 out, in;
		if (!swap_round_trip(t, f ? FILE_BENCH_FILE : FILE_BENCH_PART, mm, pages, &out, &in,
				     &n))
			break;
		best[f][0] = min(best[f][0], out);
		best[f][1] = min(best[f][1], in);
		extents = f ? n : extents;
	}
	KT_ASSERT_EQ(t, do_swapon(FILE_BENCH_FILE, 0), 0);
	lookup = (unsigned long)(lookup_ns(area_named(FILE_BENCH_FILE), pages) * 10000 /
				 (best[1][0] + best[1][1]));	/* in 1/100 % */
	KT_EXPECT_EQ(t, do_swapoff(FILE_BENCH_FILE), 0);
	po = rate(bytes, best[0][0]), pi = rate(bytes, best[0][1]);
	fo = rate(bytes, best[1][0]), fi = rate(bytes, best[1][1]);
	printk("swapfile-bench: size=%dMiB extents=%d partition_out=%lu.%lu partition_in=%lu.%lu "
	       "file_out=%lu.%lu file_in=%lu.%lu MiB/s file/partition out=%lu.%02lu in=%lu.%02lu "
	       "lookup=%lu.%02lu%%\n",
	       FILE_BENCH_MIB, extents, po / 10, po % 10, pi / 10, pi % 10, fo / 10, fo % 10, fi / 10,
	       fi % 10, fo / (po ? po : 1), fo * 100 / (po ? po : 1) % 100, fi / (pi ? pi : 1),
	       fi * 100 / (pi ? pi : 1) % 100, lookup / 100, lookup % 100);
	mmput(mm);
	KT_EXPECT_EQ(t, do_umount("/mnt", 0), 0);
}

KTEST_SUITE_FLAGS(bench_swap, KTEST_EXPLICIT, KTEST_CASE(bench_swap_throughput));
KTEST_SUITE_FLAGS(bench_swapfile, KTEST_EXPLICIT, KTEST_CASE(bench_swapfile_vs_partition));
