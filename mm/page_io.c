/*
 * Swap I/O: the one place where swap meets the block layer (Gorman §12.8
 * "Reading/Writing Swap Area Data", Mauerer §18.5 "Writing Data Back" and §18.8
 * "Handling Swap-Page Faults"; Linux's mm/page_io.c).
 *
 * A swap slot is one page: slot N of an area is the 8 sectors of disk page
 * map_swap_page(N) of its block device (N itself for a partition or disk;
 * wherever the file system put that page of a swap file), and the block
 * layer adds the partition's offset. Writes and reads are asynchronous bios; their completion runs
 * in interrupt context and only flips page flags and wakes sleepers.
 *
 * Clustering: reclaim and readahead plug the queue (swap_io_plug) while
 * they submit a batch, so bios for consecutive slots merge into one ATA
 * multi-sector command; swap_write_cmds/swap_write_pages show the result.
 */
#include <mm/page_io.h>
#include <mm/pagemap.h>
#include <mm/swap_state.h>
#include <mm/swapfile.h>
#include <mm/swap_extent.h>
#include <mm/vmstat.h>
#include <block/blkdev.h>
#include <kernel/printk.h>
#include <kernel/trace.h>
#include <uapi/errno.h>

#define SECTORS_PER_PAGE (PAGE_SIZE / 512)

unsigned long nr_swap_writeback;

void swap_io_plug(struct swap_plug *sp)
{
	sp->nr = 0;
	for (int type = 0; type < MAX_SWAPFILES; type++) {
		struct block_device *bdev = swap_info[type].bdev;
		bool dup = false;
		if (!(swap_info[type].flags & SWP_WRITEOK) || !bdev)
			continue;
		for (int i = 0; i < type; i++)
			dup |= (swap_info[i].flags & SWP_WRITEOK) && swap_info[i].bdev &&
			       ((struct block_device *)swap_info[i].bdev)->disk == bdev->disk;
		if (!dup)
			blk_start_plug(&sp->plugs[sp->nr++], bdev);
	}
}

void swap_io_unplug(struct swap_plug *sp)
{
	while (sp->nr > 0)
		blk_finish_plug(&sp->plugs[--sp->nr]);
}

static struct block_device *swap_bdev(swp_entry_t entry)
{
	return swap_info[swp_type(entry)].bdev;
}

/*
 * A bio for @page's slot. map_swap_page finds where the slot is on the
 * area's device: a partition or disk has one extent, a swap file as many
 * as its fragments (Mauerer Figure 18-10: get_swap_bio -> map_swap_page).
 */
static struct bio *get_swap_bio(struct page *page, void (*end_io)(struct bio *, int))
{
	swp_entry_t entry = { .val = page->private };
	struct bio *bio = bio_alloc(GFP_NOIO | __GFP_MEMALLOC, 1);

	if (!bio)
		return NULL;
	bio->bi_bdev = swap_bdev(entry);
	bio->bi_sector = map_swap_page(&swap_info[swp_type(entry)], swp_offset(entry)) *
			 SECTORS_PER_PAGE;
	bio_add_page(bio, page, PAGE_SIZE, 0);
	bio->bi_end_io = end_io;
	bio->bi_private = page;
	return bio;
}

/* Write completion (interrupt context). A failed write keeps the data: the
 * page is redirtied and flagged, and reclaim moves it to another slot. */
static void end_swap_bio_write(struct bio *bio, int error)
{
	struct page *page = bio->bi_private;
	swp_entry_t entry = { .val = page->private };

	trace_event(TRACE_SWAP, "writepage", "entry=%u:%lu sector=%lu pages=%u err=%d",
		    swp_type(entry), swp_offset(entry), bio->bi_sector,
		    (unsigned int)(bio->bi_cmd_sectors / SECTORS_PER_PAGE), error);
	if (error) {
		SetPageError(page);
		SetPageDirty(page);
		ClearPageReclaim(page);
		count_vm_event(SWAP_WRITE_ERROR);
		printk(KERN_ERR "Write-error on swap-device (%s:%lu)\n",
		       swap_info[swp_type(entry)].name, swp_offset(entry));
	}
	swap_cache_tag(page, SWAP_TAG_WRITEBACK, false);
	nr_swap_writeback--;
	end_page_writeback(page);
	bio_put(bio);
}

static void end_swap_bio_read(struct bio *bio, int error)
{
	struct page *page = bio->bi_private;

	if (error) {
		swp_entry_t entry = { .val = page->private };
		SetPageError(page);
		ClearPageUptodate(page);
		printk(KERN_ERR "Read-error on swap-device (%s:%lu)\n",
		       swap_info[swp_type(entry)].name, swp_offset(entry));
	} else {
		SetPageUptodate(page);
	}
	unlock_page(page);
	bio_put(bio);
}

/*
 * swap_writepage - write a locked, clean-for-io swap-cache page to its slot
 * If nobody but the swap cache references the slot any more (every PTE that
 * held it is gone), the data is not needed: drop the page from the cache
 * instead of writing (Gorman §12.8). Unlocks the page.
 */
int swap_writepage(struct page *page)
{
	struct bio *bio;

	if (remove_exclusive_swap_page(page)) {
		unlock_page(page);
		return 0;
	}
	bio = get_swap_bio(page, end_swap_bio_write);
	if (!bio) {
		SetPageDirty(page);
		unlock_page(page);
		return -ENOMEM;
	}
	ClearPageError(page);	/* this write's outcome is the one that counts */
	SetPageWriteback(page);
	nr_swap_writeback++;
	swap_cache_tag(page, SWAP_TAG_WRITEBACK, true);
	count_vm_event(PSWPOUT);
	unlock_page(page);
	submit_bio(WRITE, bio);
	return 0;
}

int swap_readpage(struct page *page)
{
	struct bio *bio;

	BUG_ON(!PageLocked(page) || PageUptodate(page));
	ClearPageError(page);
	bio = get_swap_bio(page, end_swap_bio_read);
	if (!bio) {
		SetPageError(page);
		unlock_page(page);
		return -ENOMEM;
	}
	count_vm_event(PSWPIN);
	submit_bio(READ, bio);
	return 0;
}
