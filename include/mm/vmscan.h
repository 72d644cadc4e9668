/*
 * Page reclaim (mm/vmscan.c; Gorman ch. 10, Mauerer §18.6 "Page Reclaim", §18.9).
 */
#ifndef MM_VMSCAN_H
#define MM_VMSCAN_H

#include <lib/list.h>
#include <mm/gfp.h>

struct zone;
struct mm_struct;

/* Pages isolated and handed to shrink_list at a time; a direct reclaimer's target. */
#define SWAP_CLUSTER_MAX 32
/* The gentlest scan priority: a pass scans 1/2^priority of each list. */
#define DEF_PRIORITY 12

/* What one reclaim pass may do, and what it did (Linux's struct scan_control). */
struct scan_control {
	unsigned long nr_scanned;
	unsigned long nr_reclaimed;	/* LRU pages freed */
	unsigned long nr_slab;		/* slab pages given back by shrink_slab */
	unsigned long nr_writing;	/* writes started: pages that will be free soon */
	unsigned long nr_to_reclaim;	/* stop when reclaimed (+ writing, for kswapd) reach it */
	gfp_t gfp_mask;
	int priority;			/* 12 (scan 1/4096) down to 0 (scan all) */
	bool may_swap;			/* may give anonymous pages swap slots */
	bool ignore_referenced;		/* MADV_PAGEOUT: the caller says the pages are cold */
	bool kswapd;			/* for the pgscan/pgsteal counters */
};

/*
 * shrink_list - try to free the pages on @page_list (isolated from the LRU,
 * each holding one extra reference). Freed pages go back to the buddy
 * allocator; the others are left on @page_list for the caller to put back.
 * Returns the number freed.
 */
unsigned long shrink_list(struct list_head *page_list, struct scan_control *sc);
/*
 * shrink_list_sync - wait for the writes in flight of the pages on
 * @page_list, then shrink_list them again: the pages a first shrink_list
 * pass wrote are clean now and are freed. May sleep.
 */
unsigned long shrink_list_sync(struct list_head *page_list, struct scan_control *sc);
/*
 * Direct reclaim for an allocation with @gfp that may sleep: returns the
 * pages freed; nothing freed, nothing in flight and memory still short
 * ends in the OOM killer.
 */
unsigned long try_to_free_pages(gfp_t gfp);
/* Put isolated pages back on their LRU lists, dropping the isolation reference. */
void putback_lru_pages(struct list_head *pages);
/* Start kswapd (at boot, once the scheduler runs). */
void kswapd_init(void);
/*
 * /proc/sys/vm/swappiness, 0..100 (Linux's default 60): how readily reclaim
 * takes pages that processes map (see reclaim_mapped in mm/vmscan.c).
 */
extern int vm_swappiness;
/* kswapd is reclaiming (between its wake-up and going back to sleep). */
extern bool kswapd_running;
/*
 * Age @nr pages from the tail of @zone's active list: unreferenced ones
 * move to the inactive list (shrink_zone's first step; the self-tests').
 */
void refill_inactive_zone(struct zone *zone, unsigned long nr, struct scan_control *sc);
/* Take @page off its LRU list onto @dst with a reference: 0 or -EBUSY. */
int isolate_lru_page(struct page *page, struct list_head *dst);

#endif
