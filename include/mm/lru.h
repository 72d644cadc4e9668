/*
 * The LRU lists (mm/swap.c; Gorman ch. 10.2, Mauerer ch. 18.6): every
 * page of user memory is on its zone's active or inactive list while it
 * is in use, so reclaim can find the least recently used ones.
 */
#ifndef MM_LRU_H
#define MM_LRU_H

#include <mm/page.h>

/* A new user page joins the LRU lists. */
void lru_cache_add(struct page *page);
/* Take @page off its LRU list (it is about to be freed). */
void del_page_from_lru(struct page *page);

#endif
