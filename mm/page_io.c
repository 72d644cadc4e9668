/*
 * Swap I/O: the one place where swap meets the block layer (Gorman §11.6
 * "Writing Pages to Backing Storage", §11.7 "Reading/Writing Swap Area
 * Blocks"; Mauerer §18.5 "Writing Data Back" and §18.8 "Handling
 * Swap-Page Faults"; Linux's mm/page_io.c).
 *
 * A swap slot is one page: slot N of an area is the 8 sectors of disk page
 * map_swap_page(N) of its block device (N itself for a partition or disk;
 * wherever the file system put that page of a swap file), and the block
 * layer adds the partition's offset. Writes and reads are asynchronous
 * bios; their completion runs in interrupt context and only flips page
 * flags and wakes sleepers. swapon reads an area's header through here
 * too (swap_read_header).
 *
 * Clustering: reclaim (swap_io_plug) and readahead (swap_readahead_plug)
 * plug the queue while they submit a batch, so bios for consecutive slots
 * merge into one ATA multi-sector command; swap_write_cmds and
 * swap_write_pages show the result.
 *
 * Write errors: a failed write leaves the data in memory (the page is
 * redirtied and flagged PG_error), and reclaim then retires the slot
 * (swap_retire_bad_slot, at the end of this file); a failed read is
 * handled by swap_read_failed (mm/memory.c).
 */
#include <mm/page_io.h>
#include <mm/pagemap.h>
#include <mm/swap_state.h>
#include <mm/swapfile.h>
#include <mm/swap_extent.h>
#include <mm/vmstat.h>
#include <mm/mm.h>
#include <mm/fault.h>
#include <mm/rmap.h>
#include <block/blkdev.h>
#include <fs/fs.h>
#include <lib/string.h>
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
			       swap_info[i].bdev->disk == bdev->disk;
		if (!dup)
			blk_start_plug(&sp->plugs[sp->nr++], bdev);
	}
}

void swap_readahead_plug(struct swap_plug *sp, swp_entry_t entry)
{
	sp->nr = 0;
	blk_start_plug(&sp->plugs[sp->nr++], swap_info[swp_type(entry)].bdev);
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

/* Read page @index of the swap file @file into @page, block by block (holes read as 0). */
static int read_file_page(struct inode *file, unsigned long index, u8 *page)
{
	unsigned int blkbits = order_base_2(file->i_sb->s_blocksize), per_page = 1U << (PAGE_SHIFT - blkbits);

	for (unsigned int i = 0; i < per_page; i++) {
		u32 phys;
		int r = file->i_op->bmap(file, (u64)index * per_page + i, &phys);
		if (!r && !phys)
			memset(page + (i << blkbits), 0, 1U << blkbits);
		else if (!r)
			r = bdev_read_sync(file->i_sb->s_bdev, (sector_t)phys << (blkbits - 9),
					   page + (i << blkbits), 1U << (blkbits - 9));
		if (r)
			return r;
	}
	return 0;
}

int swap_read_header(struct block_device *bdev, struct inode *file, void *page)
{
	return file ? read_file_page(file, 0, page) : bdev_read_sync(bdev, 0, page, SECTORS_PER_PAGE);
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
 * instead of writing (Gorman §11.6). Unlocks the page.
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

/* ---- write errors: retiring the slot -------------------------------------- */

struct map_back {
	struct page *page;
	swp_entry_t entry;
	struct mm_struct *mm;
};

static int map_back_pte_entry(pte_t *ptep, unsigned long addr, void *arg)
{
	struct map_back *mb = arg;
	struct pte_chain *pc;
	int r;

	if (*ptep != swp_entry_to_pte(mb->entry))
		return 0;
	pc = pte_chain_alloc(GFP_ATOMIC);	/* we must not sleep here */
	r = swapin_pte(mb->mm, addr, ptep, mb->page, &pc);
	pte_chain_free(pc);
	return r;
}

/* Map @page (locked, in the swap cache as @entry) into every PTE that holds @entry. */
static int map_back_everywhere(struct page *page, swp_entry_t entry)
{
	static const struct mm_walk_ops map_back_ops = { map_back_pte_entry };
	struct map_back mb = { page, entry, NULL };
	int r;

	list_for_each_entry(mb.mm, &mm_list, mmlist)
		if ((r = walk_page_range(mb.mm, 0, USER_SPACE_END, &map_back_ops, &mb)))
			return r;
	return 0;
}

/*
 * A write of this swap-cache page failed (PG_error on an up-to-date page):
 * its slot cannot hold it. Every PTE that holds the entry gets the page
 * mapped back, and the page leaves the swap cache still dirty, which
 * retires the slot (see delete_from_swap_cache). The next reclaim pass
 * gives the page a fresh slot. The page is locked by the caller. A page
 * whose read failed never comes here: it must not be mapped.
 */
bool swap_retire_bad_slot(struct page *page)
{
	swp_entry_t entry = { .val = page->private };

	BUG_ON(!PageLocked(page) || !PageSwapCache(page) || !PageUptodate(page));
	if (PageWriteback(page) || map_back_everywhere(page, entry))
		return false;
	if (swap_count(entry) != 1)
		return false;
	delete_from_swap_cache(page, NULL);
	SetPageDirty(page);
	return true;
}
