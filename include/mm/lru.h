/*
 * The LRU lists (mm/swap.c; Gorman §10.3 "LRU Lists", Mauerer §18.6 "Page Reclaim"): every
 * page of user memory is on its zone's active or inactive list while it
 * is in use, so reclaim can find the least recently used ones.
 */
#ifndef MM_LRU_H
#define MM_LRU_H

#include <mm/page.h>

/* A new user page joins the LRU lists (batched: see lru_add_drain). */
void lru_cache_add(struct page *page);
void lru_cache_add_active(struct page *page);
/* Put the batched new pages on their lists now (before scanning them). */
void lru_add_drain(void);
/* Put @page at the head of its zone's active or inactive list (PG_active says
 * which); the caller holds zone->lru_lock. */
struct zone;
void add_page_to_lru_list(struct zone *zone, struct page *page);
/* Take @page off its LRU list (it is about to be freed). */
void del_page_from_lru(struct page *page);
/* A reclaim write finished: move the page to the inactive tail to be freed next. */
void rotate_reclaimable_page(struct page *page);
/* The page was used: referenced, or activated if it already was. */
void mark_page_accessed(struct page *page);
/* Move an LRU page to the active list. */
void activate_page(struct page *page);

#endif
