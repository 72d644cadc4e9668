/*
 * The measuring core of the swap benchmark (mm/swap_bench.c), shared with
 * the ATA driver's PIO-against-DMA benchmark (drivers/ata/ata_bench.c).
 * Figures are MiB/s times 100; print them with SB_FMT/SB_ARG.
 */
#ifndef MM_SWAP_BENCH_H
#define MM_SWAP_BENCH_H

#include <block/blkdev.h>

/**
 * struct swap_bench_result - one run of swap_bench_measure()
 * @raw_write, @raw_read: sequential block I/O of the queue's largest request
 * @swap_out, @swap_in:	  swapping the same amount of a process's memory
 * @write_cmds, @write_sectors: write commands swapping out produced
 * @read_cmds, @read_sectors:	read commands swapping in produced
 */
struct swap_bench_result {
	unsigned long raw_write, raw_read, swap_out, swap_in;
	unsigned long write_cmds, write_sectors, read_cmds, read_sectors;
};

/**
 * swap_bench_measure - time raw I/O and swapping of @mib MiB on @bdev
 *
 * @bdev must hold an mkswap header and @mib + 1 MiB; the raw part stays
 * beyond the first MiB. Swaps @bdev on, pages a sequential workload out
 * and reads it back, swaps it off. Returns 0, or an error (with a console
 * line) when the area could not be used, a page did not go to swap or
 * came back wrong: a run that did not swap yields no figures.
 */
int swap_bench_measure(struct block_device *bdev, unsigned int mib, struct swap_bench_result *r);

/* The median of @a, @b, @c. */
unsigned long median3(unsigned long a, unsigned long b, unsigned long c);

/* @a / @b times 100 (0 if @b is 0). */
static inline unsigned long ratio100(unsigned long a, unsigned long b)
{
	return b ? (unsigned long)((u64)a * 100 / b) : 0;
}

#define SB_FMT	   "%lu.%02lu"
#define SB_ARG(v) (v) / 100, (v) % 100

#endif
