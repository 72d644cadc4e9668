/*
 * Page locking and writeback state (mm/filemap.c). PG_locked serialises
 * I/O and state changes of one page (adding it to or removing it from the
 * swap cache, reading it in, deciding to write it); PG_writeback marks a
 * write in flight. Sleepers wait on one wait queue shared by all pages
 * and recheck their own page's bit when woken.
 */
#ifndef MM_PAGEMAP_H
#define MM_PAGEMAP_H

#include <mm/page.h>

/* Sleep until @page is unlocked, then lock it. */
void lock_page(struct page *page);
/* Lock @page if it is free: true on success. Never sleeps. */
static inline bool trylock_page(struct page *page)
{
	return !TestSetPageLocked(page);
}
void unlock_page(struct page *page);
void wait_on_page_locked(struct page *page);
void wait_on_page_writeback(struct page *page);
/* A write completed (interrupt context): end PG_writeback, wake waiters. */
void end_page_writeback(struct page *page);
/*
 * congestion_wait - sleep until a write in flight ends, at most @ticks
 * (Linux 2.6's blk_congestion_wait(WRITE, ...)): reclaim that finds only
 * pages being written waits for the disk instead of scanning them again.
 * With nothing in flight it sleeps one tick.
 */
void congestion_wait(long ticks);
/* Clear PG_dirty and the PTE dirty bits before writing: true if it was dirty. */
bool clear_page_dirty_for_io(struct page *page);

#endif
