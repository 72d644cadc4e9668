/*
 * The swap benchmark (make bench). swap_bench_measure() times, in one
 * boot, the raw throughput of the swap disk (sequential writes, then
 * reads, each as large as the queue allows, through the block layer) and
 * the throughput of swapping a sequential workload of the same size out
 * (MADV_PAGEOUT: shrink_list, add_to_swap, swap_writepage) and back in
 * (faults with swapin_readahead), and counts the commands swapping made.
 * The ATA driver's benchmark (drivers/ata/ata_bench.c) uses it too.
 *
 * bench_swap runs it three times and prints the medians, each ratio being
 * the median of the three runs' ratios (the machines are shared and noisy):
 *
 *   swap-bench: dev=hda size=32MiB raw_write=W raw_read=R swap_out=O swap_in=I MiB/s
 *               out/raw=X in/raw=Y pages_per_write=P
 *   swap-bench-runs: out/raw=A,B,C in/raw=D,E,F
 *
 * Nothing is printed unless every page went to swap and came back intact.
 * The device must hold an mkswap header; the raw part writes and reads
 * beyond the first MiB (slots nobody uses yet) and leaves the header alone.
 */
#include <mm/swap_bench.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/time.h>
#include <kernel/uaccess.h>
#include <mm/test_mm.h>
#include <mm/vmscan.h>
#include <mm/gfp.h>
#include <mm/swapfile.h>
#include <mm/swap_extent.h>
#include <block/blkdev.h>
#include <fs/fs.h>
#include <lib/string.h>
#include <lib/bitops.h>
#include <uapi/abi.h>
#include <uapi/errno.h>

#define BENCH_DEV  "hda"
#define BENCH_MIB  32
#define BENCH_RUNS 3
#define RAW_START  2048 /* sector 2048 = 1 MiB in */

unsigned long median3(unsigned long a, unsigned long b, unsigned long c)
{
	if (a > b) {
		unsigned long x = a;
		a = b;
		b = x;
	}
	return c <= a ? a : c >= b ? b : c;
}

/* MiB/s * 100, from bytes and nanoseconds. */
static unsigned long rate(unsigned long bytes, u64 ns)
{
	return ns ? (unsigned long)((u64)bytes * 100 * 1000000000ULL / ns / (1024 * 1024)) : 0;
}

/* Nanoseconds to write or read @bytes from RAW_START in requests of @chunk sectors; 0 on error. */
static u64 raw_pass(struct block_device *b, void *buf, unsigned int chunk, unsigned long bytes,
		    bool write)
{
	u64 t0 = ktime_get_ns();

	for (sector_t s = RAW_START; s < RAW_START + bytes / 512; s += chunk) {
		int r = write ? bdev_write_sync(b, s, buf, chunk) : bdev_read_sync(b, s, buf, chunk);
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

/* Swap @mm's @pages out and back in on the active area of @b, timing both. */
static int swap_pass(struct block_device *b, struct mm_struct *mm, unsigned long pages,
		     struct swap_bench_result *r)
{
	const struct disk_stats *st = &b->disk->stats;
	unsigned long bytes = pages * PAGE_SIZE;
	u64 t0, ns;

	fill(mm, pages);
	r->write_cmds = st->ios[WRITE];
	r->write_sectors = st->sectors[WRITE];
	t0 = ktime_get_ns();
	pageout_range(mm, TEST_MM_BASE, TEST_MM_BASE + bytes);
	ns = ktime_get_ns() - t0;
	r->write_cmds = st->ios[WRITE] - r->write_cmds;
	r->write_sectors = st->sectors[WRITE] - r->write_sectors;
	r->swap_out = rate(bytes, ns);
	if (mm->swap_ents != pages) {
		printk(KERN_ERR "swap-bench: only %lu of %lu pages went to swap\n", mm->swap_ents,
		       pages);
		return -EAGAIN;
	}
	r->read_cmds = st->ios[READ];
	r->read_sectors = st->sectors[READ];
	if (!read_back(mm, pages, &ns)) {
		printk(KERN_ERR "swap-bench: a page came back wrong\n");
		return -EIO;
	}
	r->read_cmds = st->ios[READ] - r->read_cmds;
	r->read_sectors = st->sectors[READ] - r->read_sectors;
	r->swap_in = rate(bytes, ns);
	return 0;
}

int swap_bench_measure(struct block_device *b, unsigned int mib, struct swap_bench_result *r)
{
	unsigned long pages = mib * 256UL, bytes = (unsigned long)mib << 20;
	unsigned int chunk = b->disk->queue->max_sectors;
	int order = order_base_2(DIV_ROUND_UP(chunk * 512, PAGE_SIZE));
	void *buf = (void *)__get_free_pages(GFP_KERNEL, order);
	struct mm_struct *mm = test_mm_create(pages);
	u64 wns, rns;
	int err = -ENOMEM;

	if (!buf || !mm)
		goto out;
	memset(buf, 0x5a, chunk * 512);
	wns = raw_pass(b, buf, chunk, bytes, true);
	rns = raw_pass(b, buf, chunk, bytes, false);
	err = -EIO;
	if (!wns || !rns)
		goto out;
	r->raw_write = rate(bytes, wns);
	r->raw_read = rate(bytes, rns);
	err = do_swapon(b->name, 0);
	if (err) {
		printk(KERN_ERR "swap-bench: swapon %s: error %d\n", b->name, err);
		goto out;
	}
	err = swap_pass(b, mm, pages, r);
	mmput(mm);
	mm = NULL;
	if (do_swapoff(b->name) && !err)
		err = -EBUSY;
out:
	if (mm)
		mmput(mm);
	if (buf)
		free_pages((unsigned long)buf, order);
	return err;
}

static void bench_swap_throughput(struct ktest *t)
{
	struct block_device *b = bdev_lookup(BENCH_DEV);
	struct swap_bench_result r[BENCH_RUNS];
	unsigned long out[BENCH_RUNS], in[BENCH_RUNS];

	KT_ASSERT(t, b);
	for (int i = 0; i < BENCH_RUNS; i++) {
		KT_ASSERT_EQ(t, swap_bench_measure(b, BENCH_MIB, &r[i]), 0);
		out[i] = ratio100(r[i].swap_out, r[i].raw_write);
		in[i] = ratio100(r[i].swap_in, r[i].raw_read);
	}
#define MED(f) median3(r[0].f, r[1].f, r[2].f)
	printk("swap-bench: dev=%s size=%dMiB raw_write=" SB_FMT " raw_read=" SB_FMT
	       " swap_out=" SB_FMT " swap_in=" SB_FMT " MiB/s out/raw=" SB_FMT " in/raw=" SB_FMT
	       " pages_per_write=" SB_FMT "\n",
	       BENCH_DEV, BENCH_MIB, SB_ARG(MED(raw_write)), SB_ARG(MED(raw_read)),
	       SB_ARG(MED(swap_out)), SB_ARG(MED(swap_in)), SB_ARG(median3(out[0], out[1], out[2])),
	       SB_ARG(median3(in[0], in[1], in[2])),
	       SB_ARG(ratio100(MED(write_sectors) / 8, MED(write_cmds))));
#undef MED
	printk("swap-bench-runs: out/raw=" SB_FMT "," SB_FMT "," SB_FMT " in/raw=" SB_FMT "," SB_FMT
	       "," SB_FMT "\n",
	       SB_ARG(out[0]), SB_ARG(out[1]), SB_ARG(out[2]), SB_ARG(in[0]), SB_ARG(in[1]),
	       SB_ARG(in[2]));
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
	printk("swapfile-bench: size=%dMiB extents=%d partition_out=" SB_FMT " partition_in=" SB_FMT
	       " file_out=" SB_FMT " file_in=" SB_FMT " MiB/s file/partition out=" SB_FMT " in=" SB_FMT
	       " lookup=%lu.%02lu%%\n",
	       FILE_BENCH_MIB, extents, SB_ARG(po), SB_ARG(pi), SB_ARG(fo), SB_ARG(fi),
	       SB_ARG(ratio100(fo, po)), SB_ARG(ratio100(fi, pi)), lookup / 100, lookup % 100);
	mmput(mm);
	KT_EXPECT_EQ(t, do_umount("/mnt", 0), 0);
}

/*
 * The swapoff benchmark: how swapoff's time grows with the pages it brings
 * back. SWAPOFF_PROCS address spaces (the mm_structs on mm_list that
 * try_to_unuse walks, one per process in a running system) hold N pages
 * in all, then 2N, swapped out to BENCH_DEV; do_swapoff's time is measured
 * for each, SWAPOFF_RUNS times alternately in one boot. A swapoff that walks
 * each process's page tables once grows linearly: t2/t1 near 2 (a little
 * less, for the work that does not depend on the pages).
 *
 *   swapoff-bench: procs=8 pages=N t1=T1ms t2=T2ms ratio=R
 *   swapoff-bench-runs: t1=A,B,... t2=C,D,... ms ratio=X,Y,... read=P1,P2 pages
 *
 * (medians; the ratio is the median of the runs' ratios; read: the pages
 * the last two swapoffs read from the disk). Runs of 0.1-0.3 s on a
 * shared host vary by tens of percent, so there are seven, not three. Nothing is printed unless
 * every page went to swap and came back intact.
 */
#define SWAPOFF_PROCS 8
#define SWAPOFF_PAGES 4096 /* N: 16 MiB */
#define SWAPOFF_RUNS  7

/* The median of @v[0..@n), @n odd (@v is sorted). */
static unsigned long median_of(unsigned long *v, int n)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
			unsigned long x = v[j];
			v[j] = v[j - 1];
			v[j - 1] = x;
		}
	return v[n / 2];
}

/* Print "NAME=" and @v[0..@n) comma-separated, in hundredths. */
static void print_runs(const char *name, const unsigned long *v, int n)
{
	printk(" %s=", name);
	for (int i = 0; i < n; i++)
		printk(i ? "," SB_FMT : SB_FMT, SB_ARG(v[i]));
}

/* Fill @mm[0..SWAPOFF_PROCS) with @each pages each and swap them all out. */
static bool swapoff_prepare(struct ktest *t, struct mm_struct **mm, unsigned long each)
{
	for (int i = 0; i < SWAPOFF_PROCS; i++) {
		mm[i] = test_mm_create(each);
		if (!KT_EXPECT(t, mm[i] && test_mm_fill(mm[i], each)))
			return false;
		pageout_range(mm[i], TEST_MM_BASE, TEST_MM_BASE + each * PAGE_SIZE);
		if (!KT_EXPECT_EQ(t, mm[i]->swap_ents, each))
			return false;
	}
	return true;
}

/*
 * Swap @pages pages spread over SWAPOFF_PROCS mms out, then off: swapoff's
 * ns (0 on error), and in *@read the pages it read from the disk.
 */
static u64 swapoff_run(struct ktest *t, unsigned long pages, unsigned long *read)
{
	const struct disk_stats *st = &bdev_lookup(BENCH_DEV)->disk->stats;
	struct mm_struct *mm[SWAPOFF_PROCS] = { NULL };
	unsigned long each = pages / SWAPOFF_PROCS, bad = 0;
	bool on, ok;
	u64 ns, t0;

	if (!KT_EXPECT_EQ(t, do_swapon(BENCH_DEV, 0), 0))
		return 0;
	ok = swapoff_prepare(t, mm, each);
	*read = st->sectors[READ];
	t0 = ktime_get_ns();
	on = !ok || do_swapoff(BENCH_DEV);
	ns = ktime_get_ns() - t0;
	*read = (st->sectors[READ] - *read) / 8;
	for (int i = 0; i < SWAPOFF_PROCS && ok && !on; i++) {
		KT_EXPECT_EQ(t, mm[i]->swap_ents, 0);
		bad += test_mm_bad_pages(mm[i], each);
	}
	for (int i = 0; i < SWAPOFF_PROCS; i++)
		if (mm[i])
			mmput(mm[i]);
	if (on) /* the run failed: its pages are gone with the mms, the area is empty */
		KT_EXPECT_EQ(t, do_swapoff(BENCH_DEV), 0);
	return KT_EXPECT(t, ok && !on) && KT_EXPECT_EQ(t, bad, 0) ? ns : 0;
}

static void bench_swapoff_time(struct ktest *t)
{
	unsigned long t1[SWAPOFF_RUNS], t2[SWAPOFF_RUNS], ratio[SWAPOFF_RUNS], med[3];
	unsigned long read1 = 0, read2 = 0;

	for (int i = 0; i < SWAPOFF_RUNS; i++) {
		u64 a = swapoff_run(t, SWAPOFF_PAGES, &read1);
		u64 b = a ? swapoff_run(t, 2 * SWAPOFF_PAGES, &read2) : 0;

		KT_ASSERT(t, a && b);
		t1[i] = (unsigned long)(a / 10000); /* ms * 100 */
		t2[i] = (unsigned long)(b / 10000);
		ratio[i] = ratio100(t2[i], t1[i]);
	}
	printk("swapoff-bench-runs:");
	print_runs("t1", t1, SWAPOFF_RUNS);
	print_runs("t2", t2, SWAPOFF_RUNS);
	printk(" ms");
	print_runs("ratio", ratio, SWAPOFF_RUNS);
	printk(" read=%lu,%lu pages\n", read1, read2);
	med[0] = median_of(t1, SWAPOFF_RUNS);
	med[1] = median_of(t2, SWAPOFF_RUNS);
	med[2] = median_of(ratio, SWAPOFF_RUNS);
	printk("swapoff-bench: procs=%d pages=%d t1=" SB_FMT "ms t2=" SB_FMT "ms ratio=" SB_FMT "\n",
	       SWAPOFF_PROCS, SWAPOFF_PAGES, SB_ARG(med[0]), SB_ARG(med[1]), SB_ARG(med[2]));
}

KTEST_SUITE_FLAGS(bench_swap, KTEST_EXPLICIT, KTEST_CASE(bench_swap_throughput));
KTEST_SUITE_FLAGS(bench_swapfile, KTEST_EXPLICIT, KTEST_CASE(bench_swapfile_vs_partition));
KTEST_SUITE_FLAGS(bench_swapoff, KTEST_EXPLICIT, KTEST_CASE(bench_swapoff_time));
