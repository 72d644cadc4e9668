/*
 * Get-free-pages flags and the page allocator's interface (Gorman ch. 6,
 * Mauerer §3.5). A gfp_t says where a request may be satisfied (zone
 * modifiers) and what the allocator may do to satisfy it (action
 * modifiers); the GFP_* combinations are what callers normally pass.
 *
 * Defined in mm/page_alloc.c; wakeup_kswapd and direct_reclaim in
 * mm/vmscan.c.
 */
#ifndef MM_GFP_H
#define MM_GFP_H

#include <lib/types.h>
#include <mm/page.h>
#include <mm/mmzone.h>

typedef unsigned int gfp_t;

/* Zone modifier: only ZONE_DMA will do (never falls back to ZONE_NORMAL). */
#define __GFP_DMA 0x01u
/* Action modifiers. */
#define __GFP_WAIT   0x10u   /* may sleep, so may reclaim directly */
#define __GFP_HIGH   0x20u   /* urgent: may dip below pages_min (to half of it) */
#define __GFP_IO     0x40u   /* may start I/O, e.g. swap out pages to reclaim */
#define __GFP_NOWARN 0x200u  /* failure is expected: no warning */
#define __GFP_NORETRY 0x1000u /* one round of direct reclaim, then fail: the caller has a fallback */
#define __GFP_MEMALLOC 0x2000u /* reclaim's own allocation: may use every last page */
#define __GFP_ZERO   0x8000u /* return zeroed memory */

#define GFP_ATOMIC   (__GFP_HIGH)	     /* interrupt context: never sleeps */
#define GFP_NOIO     (__GFP_WAIT)	     /* the swap I/O path: no recursion into I/O */
#define GFP_KERNEL   (__GFP_WAIT | __GFP_IO) /* ordinary kernel allocations */
#define GFP_USER     (__GFP_WAIT | __GFP_IO) /* pages for user space */
#define GFP_HIGHUSER GFP_USER		     /* no ZONE_HIGHMEM: same as GFP_USER */
#define GFP_DMA	     (__GFP_DMA)	     /* or-ed with one of the above */

/*
 * Blocks larger than this rarely form again by reclaim alone (it frees
 * single pages wherever the LRU finds them), so a request for one gets a
 * single round of direct reclaim (Linux 2.6's PAGE_ALLOC_COSTLY_ORDER).
 */
#define PAGE_ALLOC_COSTLY_ORDER 3

/* The zonelist a request starts from. */
static inline enum zone_type gfp_zone(gfp_t gfp)
{
	return (gfp & __GFP_DMA) ? ZONE_DMA : ZONE_NORMAL;
}

/**
 * alloc_pages - allocate 2^@order contiguous page frames
 *
 * Returns the first struct page of a naturally aligned block with a count
 * of one (the other pages' counts stay zero) and no flags but its zone, or
 * NULL. Never sleeps yet; callers passing __GFP_WAIT must be able to.
 */
struct page *alloc_pages(gfp_t gfp, unsigned int order);

/**
 * __free_pages - drop a reference to a block from alloc_pages()
 *
 * The block returns to the buddy allocator when that was the last
 * reference. @order must be the order it was allocated with.
 */
void __free_pages(struct page *page, unsigned int order);

/* The same with kernel virtual addresses; 0 means failure / nothing to free. */
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
unsigned long get_zeroed_page(gfp_t gfp);
void free_pages(unsigned long addr, unsigned int order);

#define alloc_page(gfp)	     alloc_pages(gfp, 0)
#define __free_page(page)    __free_pages(page, 0)
#define __get_free_page(gfp) __get_free_pages(gfp, 0)
#define free_page(addr)	     free_pages(addr, 0)

/*
 * Reclaim as seen by the allocator (mm/vmscan.c): wake the background
 * reclaimer for a zone below pages_low; reclaim directly for a request that
 * may sleep, returning false when retrying the allocation is pointless.
 */
struct zone;
void wakeup_kswapd(struct zone *zone);
bool direct_reclaim(gfp_t gfp, unsigned int order, int attempt);

#endif
