/*
 * Benchmarks of the ATA driver (make bench, tests/run-bench). Each figure
 * is the median of BENCH_RUNS runs in the same boot, timed inside the
 * guest with ktime_get_ns() (the TSC, calibrated against the PIT at boot).
 * Both are KTEST_EXPLICIT; "ata_bench=hdX" picks another disk than hda.
 *
 * bench_ata: the raw PIO throughput of one disk with one sector per DRQ
 * block (READ/WRITE SECTORS: an interrupt per sector) and with the
 * largest multiple count (READ/WRITE MULTIPLE: an interrupt per block).
 * The same BENCH_BYTES at the start of a scratch disk are written, then
 * read, in requests of BENCH_CHUNK sectors, in each mode:
 *
 *	ata-bench: dev=hda read1=7.9 read16=35.2 write1=7.1 write16=30.4 MiB/s
 *
 * bench_dma: PIO against bus-master DMA on one swap disk: the same
 * workload swapped out and back in (mm/swap_bench.c) in each mode, the
 * runs of the two modes interleaved so that a slow moment of the host
 * hits both; each ratio is the median of the runs' ratios:
 *
 *	dma-bench: dev=hda pio_out=.. pio_in=.. dma_out=.. dma_in=.. MiB/s out_x=.. in_x=..
 *	dma-bench-raw: dev=hda pio_write=.. pio_read=.. dma_write=.. dma_read=.. MiB/s
 *		       dma_out/raw=.. dma_in/raw=..
 *	dma-bench-cmds: pio_pages_per_write=.. dma_pages_per_write=..
 *			pio_pages_per_read=.. dma_pages_per_read=..
 *	dma-bench-runs: out_x=a,b,c in_x=d,e,f
 *
 * (This file reaches into mm/ for the swap workload: benchmark code.)
 */
#include "ata.h"
#include <kernel/ktest.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/time.h>
#include <mm/gfp.h>
#include <mm/swap_bench.h>
#include <lib/string.h>
#include <uapi/errno.h>

#define BENCH_BYTES   (4U << 20)
#define BENCH_CHUNK   128 /* sectors per request */
#define CHUNK_ORDER   4	  /* pages of a BENCH_CHUNK buffer */
#define BENCH_RUNS    3
#define DMA_BENCH_MIB 32

static const char *bench_dev = "hda";

static int set_ata_bench(const char *val)
{
	if (!val || !*val)
		return -EINVAL;
	bench_dev = val;
	return 0;
}
__setup("ata_bench", set_ata_bench);

/* The disk to measure, or a failed test. */
static struct ata_device *bench_disk(struct ktest *t)
{
	struct ata_device *dev = ata_lookup(bench_dev);

	if (!dev)
		ktest_fail(t, __FILE__, __LINE__, "no ATA disk %s to measure", bench_dev);
	return dev;
}

/* MiB/s * 100 for @rw of BENCH_BYTES from sector 0 of @bdev; 0 on an I/O error. */
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
	return (unsigned long)((u64)BENCH_BYTES * 100 * 1000000000ULL / (ns ? ns : 1) >> 20);
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

/* [run][0: one sector per block, 1: multiple][0: write, 1: read] */
static bool pio_runs(struct ktest *t, struct ata_device *dev, unsigned long v[][2][2])
{
	u8 *wbuf = (u8 *)__get_free_pages(GFP_KERNEL, CHUNK_ORDER);
	u8 *rbuf = (u8 *)__get_free_pages(GFP_KERNEL, CHUNK_ORDER);
	bool ok = KT_EXPECT(t, wbuf && rbuf);

	for (unsigned int i = 0; ok && i < BENCH_CHUNK * SECTOR_SIZE; i++)
		wbuf[i] = (u8)(i * 7 + i / SECTOR_SIZE);
	for (int run = 0; ok && run < BENCH_RUNS; run++)
		ok = bench_mode(t, dev, 0, wbuf, rbuf, &v[run][0][0], &v[run][0][1]) &&
		     bench_mode(t, dev, dev->max_mult, wbuf, rbuf, &v[run][1][0], &v[run][1][1]);
	if (wbuf)
		free_pages((unsigned long)wbuf, CHUNK_ORDER);
	if (rbuf)
		free_pages((unsigned long)rbuf, CHUNK_ORDER);
	return ok;
}

static void bench_throughput(struct ktest *t)
{
	struct ata_device *dev = bench_disk(t);
	unsigned long v[BENCH_RUNS][2][2], m[2][2];
	unsigned int saved_mult;
	bool saved_dma;

	if (!dev)
		return;
	KT_ASSERT(t, dev->sectors >= BENCH_BYTES / SECTOR_SIZE && dev->max_mult > 1);
	saved_mult = dev->mult;
	saved_dma = dev->use_dma;
	ata_set_dma(dev, false); /* DRQ blocks are a PIO matter */
	if (pio_runs(t, dev, v)) {
		for (int mode = 0; mode < 2; mode++)
			for (int dir = 0; dir < 2; dir++)
				m[mode][dir] = median3(v[0][mode][dir], v[1][mode][dir],
						       v[2][mode][dir]);
		printk("ata-bench: dev=%s read1=" SB_FMT " read%u=" SB_FMT " write1=" SB_FMT
		       " write%u=" SB_FMT " MiB/s\n",
		       dev->name, SB_ARG(m[0][1]), dev->max_mult, SB_ARG(m[1][1]), SB_ARG(m[0][0]),
		       dev->max_mult, SB_ARG(m[1][0]));
		printk("ata-bench-runs: read%u/read1=" SB_FMT "," SB_FMT "," SB_FMT " write%u/write1="
		       SB_FMT "," SB_FMT "," SB_FMT "\n",
		       dev->max_mult, SB_ARG(ratio100(v[0][1][1], v[0][0][1])),
		       SB_ARG(ratio100(v[1][1][1], v[1][0][1])),
		       SB_ARG(ratio100(v[2][1][1], v[2][0][1])), dev->max_mult,
		       SB_ARG(ratio100(v[0][1][0], v[0][0][0])),
		       SB_ARG(ratio100(v[1][1][0], v[1][0][0])),
		       SB_ARG(ratio100(v[2][1][0], v[2][0][0])));
	}
	ata_set_multiple(dev, saved_mult);
	ata_set_dma(dev, saved_dma);
}

KTEST_SUITE_FLAGS(bench_ata, KTEST_EXPLICIT, KTEST_CASE(bench_throughput));

/* ---- bench_dma ---- */

/* Pages per command, times 100. */
static unsigned long per_cmd(unsigned long sectors, unsigned long cmds)
{
	return ratio100(sectors / 8, cmds);
}

static void bench_dma_vs_pio(struct ktest *t)
{
	struct ata_device *dev = bench_disk(t);
	struct swap_bench_result r[2][BENCH_RUNS]; /* [0: PIO, 1: DMA][run] */
	unsigned long out_x[BENCH_RUNS], in_x[BENCH_RUNS];
	bool saved;

	if (!dev)
		return;
	KT_ASSERT(t, dev->xfer_mode);
	saved = dev->use_dma;
	for (int run = 0; run < BENCH_RUNS; run++) {
		for (int dma = 0; dma < 2; dma++) {
			ata_set_dma(dev, dma);
			KT_ASSERT_EQ(t, swap_bench_measure(&dev->disk.part0, DMA_BENCH_MIB,
							   &r[dma][run]),
				     0);
		}
		out_x[run] = ratio100(r[1][run].swap_out, r[0][run].swap_out);
		in_x[run] = ratio100(r[1][run].swap_in, r[0][run].swap_in);
	}
	ata_set_dma(dev, saved);
#define MED(m, f) median3(r[m][0].f, r[m][1].f, r[m][2].f)
	printk("dma-bench: dev=%s pio_out=" SB_FMT " pio_in=" SB_FMT " dma_out=" SB_FMT
	       " dma_in=" SB_FMT " MiB/s out_x=" SB_FMT " in_x=" SB_FMT "\n",
	       dev->name, SB_ARG(MED(0, swap_out)), SB_ARG(MED(0, swap_in)), SB_ARG(MED(1, swap_out)),
	       SB_ARG(MED(1, swap_in)), SB_ARG(median3(out_x[0], out_x[1], out_x[2])),
	       SB_ARG(median3(in_x[0], in_x[1], in_x[2])));
	printk("dma-bench-raw: dev=%s pio_write=" SB_FMT " pio_read=" SB_FMT " dma_write=" SB_FMT
	       " dma_read=" SB_FMT " MiB/s dma_out/raw=" SB_FMT " dma_in/raw=" SB_FMT "\n",
	       dev->name, SB_ARG(MED(0, raw_write)), SB_ARG(MED(0, raw_read)),
	       SB_ARG(MED(1, raw_write)), SB_ARG(MED(1, raw_read)),
	       SB_ARG(median3(ratio100(r[1][0].swap_out, r[1][0].raw_write),
			      ratio100(r[1][1].swap_out, r[1][1].raw_write),
			      ratio100(r[1][2].swap_out, r[1][2].raw_write))),
	       SB_ARG(median3(ratio100(r[1][0].swap_in, r[1][0].raw_read),
			      ratio100(r[1][1].swap_in, r[1][1].raw_read),
			      ratio100(r[1][2].swap_in, r[1][2].raw_read))));
	printk("dma-bench-cmds: pio_pages_per_write=" SB_FMT " dma_pages_per_write=" SB_FMT
	       " pio_pages_per_read=" SB_FMT " dma_pages_per_read=" SB_FMT "\n",
	       SB_ARG(per_cmd(MED(0, write_sectors), MED(0, write_cmds))),
	       SB_ARG(per_cmd(MED(1, write_sectors), MED(1, write_cmds))),
	       SB_ARG(per_cmd(MED(0, read_sectors), MED(0, read_cmds))),
	       SB_ARG(per_cmd(MED(1, read_sectors), MED(1, read_cmds))));
#undef MED
	printk("dma-bench-runs: out_x=" SB_FMT "," SB_FMT "," SB_FMT " in_x=" SB_FMT "," SB_FMT
	       "," SB_FMT "\n",
	       SB_ARG(out_x[0]), SB_ARG(out_x[1]), SB_ARG(out_x[2]), SB_ARG(in_x[0]), SB_ARG(in_x[1]),
	       SB_ARG(in_x[2]));
}

KTEST_SUITE_FLAGS(bench_dma, KTEST_EXPLICIT, KTEST_CASE(bench_dma_vs_pio));
