/*
 * Swap extents: where each page of a swap area lives on its disk
 * (Mauerer §18.3.1, "Extents for Implementing Non-Contiguous Swap
 * Areas", Figure 18-4; Linux 2.6's mm/swapfile.c).
 *
 * A partition or a whole disk is one extent: slot N is disk page N. A
 * swap file is scattered over its file system; setup_swap_extents asks
 * the file system where each page-sized piece of the file is (bmap) and
 * keeps the pieces that are a whole page of contiguous blocks starting on
 * a page boundary. Runs of such pages that are also contiguous on the
 * disk become one extent:
 *
 *	struct swap_extent { start_page, nr_pages, start_block }
 *	  slots [start_page, start_page + nr_pages) are the disk pages
 *	  [start_block, start_block + nr_pages) of the area's block device
 *
 * The extents of an area form a ring ordered by start_page on
 * si->extent_list; map_swap_page walks it from si->curr_swap_extent, the
 * last one it used, so a run of neighbouring slots costs one comparison
 * each (the book's "search starts from curr_swap_extent").
 *
 * Host-built core: kmalloc/kfree are the only kernel calls.
 *
 * Locking: the list is built by swapon before the area is enabled and
 * freed by swapoff after it is empty, so it does not change while slots
 * are in use. curr_swap_extent is only a hint; concurrent updates (there
 * are none on one CPU without preemption) could at worst cost a longer
 * walk.
 */
#ifndef MM_SWAP_EXTENT_H
#define MM_SWAP_EXTENT_H

#include <lib/list.h>
#include <lib/types.h>

struct swap_info_struct;

struct swap_extent {
	struct list_head list;
	unsigned long start_page;
	unsigned long nr_pages;
	unsigned long start_block; /* in pages of the block device */
};

/*
 * add_swap_extent - map slots [@start_page, +@nr_pages) to disk pages from
 * @start_block: extends the last extent when both continue it, otherwise
 * appends one. Slots must be added in increasing order. Returns 1 for a
 * new extent, 0 when merged, -ENOMEM.
 */
int add_swap_extent(struct swap_info_struct *si, unsigned long start_page,
		    unsigned long nr_pages, unsigned long start_block);

/* The disk block of file block @block (0: a hole), or a negative errno. */
typedef int (*swap_bmap_fn)(void *ctx, u64 block, u32 *phys);

/**
 * setup_swap_extents - build the extents of a swap file
 * @blkbits:	log2 of the file system's block size, 9..PAGE_SHIFT
 * @nr_blocks:	file blocks to look at (the file's size in blocks)
 * @max_pages:	stop after this many usable pages (the header's max)
 * @bmap, @ctx: where each file block is
 * @pages:	out: usable pages found: the area's slots, the first one
 *		being the header's slot
 * @span:	out: disk pages from the lowest to the highest one used for data
 *
 * Walks the file block by block as Linux 2.6 does: a page-sized piece
 * whose first block is not page-aligned on the disk, or whose blocks are
 * not contiguous, is skipped and the walk resumes one block further, so
 * the area is shorter than the file. Returns the number of extents,
 * -EINVAL for a hole (swap writes would need the file system to allocate
 * blocks), or the error of @bmap or -ENOMEM (the extents are freed then).
 */
int setup_swap_extents(struct swap_info_struct *si, unsigned int blkbits, u64 nr_blocks,
		       unsigned long max_pages, swap_bmap_fn bmap, void *ctx,
		       unsigned long *pages, unsigned long *span);

/*
 * map_swap_page - the disk page (in PAGE_SIZE units of si->bdev) of slot
 * @offset. The slot must be inside an extent (BUG otherwise).
 */
unsigned long map_swap_page(struct swap_info_struct *si, unsigned long offset);

/* Free the extents of @si (swapoff, or a failed swapon). */
void destroy_swap_extents(struct swap_info_struct *si);

#endif
