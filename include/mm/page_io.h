/*
 * Swap I/O (mm/page_io.c; Gorman §11.6, §11.7, Mauerer §18.5, §18.8): the one place
 * where swap meets the block layer.
 */
#ifndef MM_PAGE_IO_H
#define MM_PAGE_IO_H

#include <mm/page.h>
#include <mm/swap.h>
#include <block/blkdev.h>

struct inode;

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
/* The same for the reads of readahead around @entry (its area's disk only). */
void swap_readahead_plug(struct swap_plug *sp, swp_entry_t entry);
void swap_io_unplug(struct swap_plug *sp);
/* Read the swap header, page 0 of a device (@file NULL) or of a swap file: 0 or -errno. */
int swap_read_header(struct block_device *bdev, struct inode *file, void *page);
/* A swap-cache page whose write failed: map it back everywhere, retire its slot. */
bool swap_retire_bad_slot(struct page *page);

/* Swap writes in flight (reclaim waits for them before declaring OOM). */
extern unsigned long nr_swap_writeback;

#endif
