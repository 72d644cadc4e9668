/*
 * Page lock and writeback waits (the part of Linux's mm/filemap.c that a
 * swap-only kernel needs; Mauerer ch. 16 "Page and Buffer Cache" on page locks).
 *
 * All waiters share page_wait: waking is rare (I/O completions) and a
 * woken task rechecks its own page, so one queue is both simple and
 * correct. unlock_page and end_page_writeback may run in interrupt context
 * (I/O completion); wake_up is safe there.
 */
#include <mm/pagemap.h>
#include <mm/lru.h>
#include <mm/rmap.h>
#include <mm/mm.h>
#include <kernel/wait.h>
#include <kernel/sched.h>
#include <mm/page_io.h>
#include <kernel/bug.h>
#include <arch/x86/paging.h>

static DECLARE_WAIT_QUEUE_HEAD(page_wait);
static unsigned long writebacks_ended;	/* for congestion_wait */

void lock_page(struct page *page)
{
	wait_event(page_wait, trylock_page(page));
}

void unlock_page(struct page *page)
{
	BUG_ON(!PageLocked(page));
	ClearPageLocked(page);
	wake_up(&page_wait);
}

void wait_on_page_locked(struct page *page)
{
	wait_event(page_wait, !PageLocked(page));
}

void wait_on_page_writeback(struct page *page)
{
	wait_event(page_wait, !PageWriteback(page));
}

void end_page_writeback(struct page *page)
{
	BUG_ON(!PageWriteback(page));
	ClearPageWriteback(page);
	if (TestClearPageReclaim(page))
		rotate_reclaimable_page(page);
	writebacks_ended++;
	wake_up(&page_wait);
}

void congestion_wait(long ticks)
{
	unsigned long ended = writebacks_ended;

	if (!nr_swap_writeback) {
		schedule_timeout_uninterruptible(1);	/* no write to wait for: let others run */
		return;
	}
	wait_event_timeout(page_wait, writebacks_ended != ended, ticks);
}

static int clear_pte_dirty(struct page *page, pte_t *ptep, void *arg)
{
	if (*ptep & _PAGE_DIRTY) {
		*ptep &= ~_PAGE_DIRTY;
		flush_tlb_page(pte_to_mm(ptep), pte_to_address(ptep));
		*(bool *)arg = true;
	}
	return 0;
}

bool clear_page_dirty_for_io(struct page *page)
{
	bool dirty = TestClearPageDirty(page);

	rmap_walk(page, clear_pte_dirty, &dirty);
	return dirty;
}
