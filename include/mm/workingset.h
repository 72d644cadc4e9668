/*
 * Workingset detection for swapped anonymous pages (mm/workingset.c; Linux
 * 5.9's mm/workingset.c, after the books): shadow entries left in the swap
 * cache at eviction tell, when a page faults back, whether it would have
 * stayed resident with a larger inactive list.
 */
#ifndef MM_WORKINGSET_H
#define MM_WORKINGSET_H

#include <mm/page.h>

/*
 * A swap-cache tree item is a page, or a shadow entry: a number with its
 * low bit set (a struct page pointer is word aligned).
 */
static inline bool is_shadow_entry(const void *item)
{
	return ((unsigned long)item & 1) != 0;
}

/* Reclaim evicts @page: the shadow entry to leave in its swap-cache slot. */
void *workingset_eviction(struct page *page);
/*
 * @page, just read from swap, was evicted with @shadow: count the refault,
 * and mark it active (returning true) if its refault distance is at most
 * the active list's size. Before the page joins an LRU list.
 */
bool workingset_refault(struct page *page, void *shadow);
/* A page moved to the active list: it ages the non-resident pages like an eviction. */
void workingset_age_nonresident(void);
/* Drop shadow entries that can no longer activate anything, when there are too many. */
void workingset_prune(void);

#endif
