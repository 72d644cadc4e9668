/*
 * bench_ata: the raw throughput of one disk, with one sector per DRQ
 * block (READ/WRITE SECTORS: an interrupt per sector) and with the
 * largest multiple count (READ/WRITE MULTIPLE: an interrupt per block),
 * timed inside the guest with ktime_get_ns() (the TSC, calibrated against
 * the PIT at boot). The same BENCH_BYTES at the start of the disk are
 * written, then read, in requests of BENCH_CHUNK sectors, in each mode.
 *
 * KTEST_EXPLICIT: tests/run-bench boots "test=bench_ata" with a scratch
 * disk (whose contents it overwrites) as hda; "ata_bench=hdX" picks
 * another disk. Prints exactly one line, N being the multiple count:
 *
 *	ata-bench: dev=hda read1=7.9 read16=35.2 write1=7.1 write16=30.4 MiB/s
 */
#include "ata.h"
#include <kernel/ktest.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/time.h>
#include <mm/gfp.h>
#include <lib/string.h>
#include <uapi/errno.h>

#define BENCH_BYTES (4U << 20)
#define BENCH_CHUNK 128 /* sectors per request */
#define CHUNK_ORDER 4	/* pages of a BENCH_CHUNK buffer */

static const char *bench_dev = "hda";

static int set_ata_bench(const char *val)
{
	if (!val || !*val)
		return -EINVAL;
	bench_dev = val;
	return 0;
}
__setup("ata_bench", set_ata_bench);

/* Tenths of MiB/s for @rw of BENCH_BYTES from sector 0 of @bdev; 0 on an I/O error. */
static unsigned long bench_pass(struct block_device *bdev, int rw, u8 *buf)
{
	u64 start = ktime_get_ns(), ns;

	for (sector_t s = 0; s < BENCH_BYTES / SECTOR_SIZE; s += BENCH_CHUNK) {
		int r = rw == WRITE ? bdev_write_sync(bdev, s, buf, BENCH_CHUNK)
				    : bdev_read_sync(bdev, s, buf, BENCH_CHUNK);
		if (r)
			return 0;
	}
	ns = ktime_get_ns() - start;
	return (unsigned long)((u64)BENCH_BYTES * 10 * 1000000000ULL / (ns ? ns : 1) >> 20);
}

/* Write then read with @mult sectors per DRQ block; the read must return what was written. */
static bool bench_mode(struct ktest *t, struct ata_device *dev, unsigned int mult, u8 *wbuf,
		       u8 *rbuf, unsigned long *write, unsigned long *read)
{
	if (!KT_EXPECT_EQ(t, ata_set_multiple(dev, mult), 0))
		return false;
	*write = bench_pass(&dev->disk.part0, WRITE, wbuf);
	*read = bench_pass(&dev->disk.part0, READ, rbuf);
	return KT_EXPECT(t, *write && *read) &&
	       KT_EXPECT_EQ(t, memcmp(wbuf, rbuf, BENCH_CHUNK * SECTOR_SIZE), 0);
}

static void bench_throughput(struct ktest *t)
{
	struct ata_device *dev = ata_lookup(bench_dev);
	unsigned long r1, rn, w1, wn;
	unsigned int saved;
	u8 *wbuf, *rbuf;

	if (!dev) {
		ktest_fail(t, __FILE__, __LINE__, "no ATA disk %s to measure", bench_dev);
		return;
	}
	KT_ASSERT(t, dev->sectors >= BENCH_BYTES / SECTOR_SIZE && dev->max_mult > 1);
	wbuf = (u8 *)__get_free_pages(GFP_KERNEL, CHUNK_ORDER);
	rbuf = (u8 *)__get_free_pages(GFP_KERNEL, CHUNK_ORDER);
	if (KT_EXPECT(t, wbuf && rbuf)) {
		for (unsigned int i = 0; i < BENCH_CHUNK * SECTOR_SIZE; i++)
			wbuf[i] = (u8)(i * 7 + i / SECTOR_SIZE);
		saved = dev->mult;
		if (bench_mode(t, dev, 0, wbuf, rbuf, &w1, &r1) &&
		    bench_mode(t, dev, dev->max_mult, wbuf, rbuf, &wn, &rn))
			printk("ata-bench: dev=%s read1=%lu.%lu read%u=%lu.%lu write1=%lu.%lu "
			       "write%u=%lu.%lu MiB/s\n",
			       dev->name, r1 / 10, r1 % 10, dev->max_mult, rn / 10, rn % 10,
			       w1 / 10, w1 % 10, dev->max_mult, wn / 10, wn % 10);
		ata_set_multiple(dev, saved);
	}
	free_pages((unsigned long)wbuf, CHUNK_ORDER);
	free_pages((unsigned long)rbuf, CHUNK_ORDER);
}

KTEST_SUITE_FLAGS(bench_ata, KTEST_EXPLICIT, KTEST_CASE(bench_throughput));
