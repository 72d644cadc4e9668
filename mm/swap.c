/*
 * Page references and the LRU lists (Linux 2.6's mm/swap.c; Gorman
 * §10.3 "LRU Lists", Mauerer §18.6 "Page Reclaim").
 *
 * Each zone keeps its user pages on two lists: active (in use) and
 * inactive (candidates for reclaim). New pages go through a pagevec so the
 * LRU lock is taken once per batch. PG_referenced gives a page a second
 * chance: mark_page_accessed sets it, and a page referenced twice while
 * inactive is promoted to the active list.
 *
 * Locking: zone->lru_lock, taken with interrupts off because writeback
 * completion (rotate_reclaimable_page) runs in interrupt context. A page's
 * PG_lru and PG_active change only under it.
 */
#include <mm/lru.h>
#include <mm/pagevec.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include <mm/gfp.h>
#include <mm/vmstat.h>
#include <mm/workingset.h>
#include <kernel/spinlock.h>

static struct pagevec lru_add_pvec;

void add_page_to_lru_list(struct zone *zone, struct page *page)
{
	SetPageLRU(page);
	if (PageActive(page)) {
		list_add(&page->lru, &zone->active_list);
		zone->nr_active++;
	} else {
		list_add(&page->lru, &zone->inactive_list);
		zone->nr_inactive++;
	}
}

/* Move the batched new pages onto their LRU lists. */
void lru_add_drain(void)
{
	struct pagevec *pv = &lru_add_pvec;

	for (unsigned int i = 0; i < pv->nr; i++) {
		struct page *page = pv->pages[i];
		struct zone *zone = page_zone(page);
		unsigned long flags = spin_lock_irqsave(&zone->lru_lock);

		BUG_ON(PageLRU(page));
		add_page_to_lru_list(zone, page);
		spin_unlock_irqrestore(&zone->lru_lock, flags);
	}
	pagevec_release(pv);	/* the pagevec's own references */
}

/* @page joins its zone's inactive list (active if PG_active is set). */
void lru_cache_add(struct page *page)
{
	get_page(page);
	if (!pagevec_add(&lru_add_pvec, page))
		lru_add_drain();
}

void lru_cache_add_active(struct page *page)
{
	SetPageActive(page);
	lru_cache_add(page);
}

void del_page_from_lru(struct page *page)
{
	struct zone *zone = page_zone(page);
	unsigned long flags = spin_lock_irqsave(&zone->lru_lock);

	if (TestClearPageLRU(page)) {
		list_del(&page->lru);
		if (PageActive(page))
			zone->nr_active--;
		else
			zone->nr_inactive--;
	}
	ClearPageActive(page);
	spin_unlock_irqrestore(&zone->lru_lock, flags);
}

void activate_page(struct page *page)
{
	struct zone *zone = page_zone(page);
	unsigned long flags = spin_lock_irqsave(&zone->lru_lock);

	if (PageLRU(page) && !PageActive(page)) {
		list_move(&page->lru, &zone->active_list);
		zone->nr_inactive--;
		zone->nr_active++;
		SetPageActive(page);
		count_vm_event(PGACTIVATE);
		workingset_age_nonresident();
	}
	spin_unlock_irqrestore(&zone->lru_lock, flags);
}

/*
 * inactive,unreferenced -> inactive,referenced
 * inactive,referenced   -> active,unreferenced
 * active,unreferenced   -> active,referenced
 */
void mark_page_accessed(struct page *page)
{
	if (!PageActive(page) && PageReferenced(page) && PageLRU(page)) {
		activate_page(page);
		ClearPageReferenced(page);
	} else if (!PageReferenced(page)) {
		SetPageReferenced(page);
	}
}

void rotate_reclaimable_page(struct page *page)
{
	struct zone *zone = page_zone(page);
	unsigned long flags = spin_lock_irqsave(&zone->lru_lock);

	if (PageLRU(page) && !PageActive(page)) {
		list_move_tail(&page->lru, &zone->inactive_list);
		count_vm_event(PGROTATED);
	}
	spin_unlock_irqrestore(&zone->lru_lock, flags);
}

/*
 * Drop a reference. Before the last one goes, the page leaves the LRU and
 * loses its user-page state, so __free_page (which drops that reference
 * and frees) sees a clean page. No other task can take a reference in
 * between: the kernel is not preemptible and interrupts never do.
 */
void put_page(struct page *page)
{
	if (PageReserved(page))
		return;
	if (page_count(page) == 1) {
		BUG_ON(PageSwapCache(page) || page_mapped(page));
		if (PageLRU(page))
			del_page_from_lru(page);
		ClearPageActive(page);
		ClearPageAnon(page);
		ClearPageDirty(page);
		ClearPageReferenced(page);
		ClearPageReclaim(page);
		ClearPageMlocked(page);
		ClearPageReadahead(page);
		ClearPageError(page);
		ClearPageUptodate(page);
	}
	__free_page(page);
}

void pagevec_release(struct pagevec *pv)
{
	for (unsigned int i = 0; i < pv->nr; i++)
		put_page(pv->pages[i]);
	pagevec_init(pv);
}
