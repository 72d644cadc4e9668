/*
 * A pagevec is a small batch of pages (Linux's include/linux/pagevec.h):
 * operations that take a lock per page (adding to the LRU, freeing)
 * collect pages first and take the lock once per batch.
 *
 * pagevec_release is defined in mm/swap.c.
 */
#ifndef MM_PAGEVEC_H
#define MM_PAGEVEC_H

#include <mm/page.h>

#define PAGEVEC_SIZE 14

struct pagevec {
	unsigned int nr;
	struct page *pages[PAGEVEC_SIZE];
};

static inline void pagevec_init(struct pagevec *pv)
{
	pv->nr = 0;
}

/* Add @page; returns the room left (0: the caller must drain the batch). */
static inline unsigned int pagevec_add(struct pagevec *pv, struct page *page)
{
	pv->pages[pv->nr++] = page;
	return PAGEVEC_SIZE - pv->nr;
}

/* Drop one reference on each page (freeing the last), and empty the vector. */
void pagevec_release(struct pagevec *pv);

#endif
