/*
 * Page references and the LRU lists (Linux's mm/swap.c; Gorman ch. 10.2,
 * Mauerer ch. 18.6.1): put_page frees a page on its last reference, taking
 * it off its zone's LRU list first; lru_cache_add puts a new user page on
 * the inactive list. Locking: zone->lru_lock (interrupts off) for the lists.
 */
#include <mm/lru.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include <mm/gfp.h>
#include <kernel/spinlock.h>

void lru_cache_add(struct page *page)
{
	struct zone *zone = page_zone(page);
	unsigned long flags = spin_lock_irqsave(&zone->lru_lock);

	BUG_ON(PageLRU(page));
	SetPageLRU(page);
	list_add(&page->lru, &zone->inactive_list);
	zone->nr_inactive++;
	spin_unlock_irqrestore(&zone->lru_lock, flags);
}

void del_page_from_lru(struct page *page)
{
	struct zone *zone = page_zone(page);
	unsigned long flags = spin_lock_irqsave(&zone->lru_lock);

	if (TestClearPageLRU(page)) {
		list_del(&page->lru);
		if (TestClearPageActive(page))
			zone->nr_active--;
		else
			zone->nr_inactive--;
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
		if (PageLRU(page))
			del_page_from_lru(page);
		ClearPageAnon(page);
		ClearPageDirty(page);
		ClearPageReferenced(page);
	}
	__free_page(page);
}
