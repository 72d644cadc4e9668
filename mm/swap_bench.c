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
#include <block/blkdev.h>
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

KTEST_SUITE_FLAGS(bench_swap, KTEST_EXPLICIT, KTEST_CASE(bench_swap_throughput));
