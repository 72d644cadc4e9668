/*
 * Swap I/O (mm/page_io.c; Gorman §12.8, Mauerer §18.5, §18.8): the one place
 * where swap meets the block layer.
 */
#ifndef MM_PAGE_IO_H
#define MM_PAGE_IO_H

#include <mm/page.h>
#include <mm/swap.h>
#include <block/blkdev.h>

/* Write a locked swap-cache page to its slot (or drop it if nobody needs it). */
int swap_writepage(struct page *page);
/* Read a locked swap-cache page; unlocked (PG_uptodate or PG_error) when done. */
int swap_readpage(struct page *page);
/* Hold back the swap I/O started until swap_io_unplug, so adjacent slots merge. */
struct swap_plug {
	struct blk_plug plugs[MAX_SWAPFILES];
	int nr;
};
void swap_io_plug(struct swap_plug *sp);
void swap_io_unplug(struct swap_plug *sp);

/* Swap writes in flight (reclaim waits for them before declaring OOM). */
extern unsigned long nr_swap_writeback;

#endif
