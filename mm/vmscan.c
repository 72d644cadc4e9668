/*
 * Page reclaim: shrink_list and the LRU scanning around it (Mauerer
 * §18.6 "Page Reclaim", Figure 18-18; Gorman §10.3 "LRU Lists").
 *
 * shrink_list takes pages isolated from the inactive list and, for each,
 * walks the decisions of Mauerer's Figure 18-18:
 *
 *   locked by someone else?          keep (try again next pass)
 *   under writeback?                 keep
 *   mapped in an mlocked region?     off the LRU lists (Linux 2.6.28's cull_mlocked)
 *   referenced recently and mapped?  activate (a second chance)
 *   anonymous, no swap slot yet?     add_to_swap (no space: activate)
 *   mapped?                          try_to_unmap: PTEs become swap entries
 *   dirty?                           pageout -> mapping->a_ops->writepage
 *                                    (swap_writepage: an async write)
 *   clean and in the swap cache?     remove_mapping drops it from the cache
 *   nothing left holds it?           free
 *
 * Each decision is one small function below. Locking: the page lock is
 * held from the first check to the last; the LRU lock only while pages are
 * moved between lists. shrink_list itself never sleeps waiting for I/O.
 */
#include <mm/vmscan.h>
#include <mm/lru.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include <mm/pagemap.h>
#include <mm/pagevec.h>
#include <mm/page_io.h>
#include <mm/rmap.h>
#include <mm/swap_state.h>
#include <mm/swapfile.h>
#include <mm/vmstat.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/trace.h>
#include <kernel/time.h>
#include <uapi/errno.h>
#include <uapi/signal.h>
#include <mm/oom.h>
#include <mm/slab.h>
#include <mm/workingset.h>

/*
 * What shrink_page decided for one page: one value per label of Linux 2.6's
 * shrink_list (Mauerer Figure 18-18), each handled in shrink_list's switch
 * the way the code after the label handles it, and NEXT_TEST for a step
 * that decided nothing: go on to the next test of the figure.
 */
enum verdict {
	NEXT_TEST,		/* no decision yet */
	FREE_IT,		/* free_it: unlock and free the page */
	ACTIVATE_LOCKED,	/* activate_locked: back to the active list */
	KEEP_LOCKED,		/* keep_locked: unlock, back to the inactive list */
	KEEP,			/* keep: already unlocked, back to the inactive list */
	CULL_MLOCKED,		/* cull_mlocked (Linux 2.6.28): off the LRU, see mm/mlock.c */
};

typedef enum { PAGE_KEEP, PAGE_SUCCESS, PAGE_CLEAN } pageout_t;

int isolate_lru_page(struct page *page, struct list_head *dst)
{
	struct zone *zone = page_zone(page);
	unsigned long flags = spin_lock_irqsave(&zone->lru_lock);
	int r = -EBUSY;

	if (TestClearPageLRU(page)) {
		list_move_tail(&page->lru, dst);	/* callers keep their order */
		if (PageActive(page))
			zone->nr_active--;
		else
			zone->nr_inactive--;
		get_page(page);
		r = 0;
	}
	spin_unlock_irqrestore(&zone->lru_lock, flags);
	return r;
}

void putback_lru_pages(struct list_head *pages)
{
	struct page *page, *n;

	list_for_each_entry_safe(page, n, pages, lru) {
		struct zone *zone = page_zone(page);
		unsigned long flags = spin_lock_irqsave(&zone->lru_lock);

		list_del(&page->lru);
		add_page_to_lru_list(zone, page);
		spin_unlock_irqrestore(&zone->lru_lock, flags);
		put_page(page);	/* the isolation reference */
	}
}

/* Was the page used since we last looked? Tests and clears the PTE accessed bits. */
static bool page_was_referenced(struct page *page, struct scan_control *sc)
{
	int referenced = page_referenced(page);

	referenced += TestClearPageReferenced(page);
	return referenced && !sc->ignore_referenced;
}

/*
 * pageout - write a dirty, unmapped page of @mapping (locked on entry)
 * through the mapping's a_ops->writepage (Gorman §11.6): swap_writepage
 * for the swap cache, the only mapping here. writepage unlocks the page;
 * a write in flight keeps it under PG_writeback, and PG_reclaim asks
 * end_page_writeback to rotate it to the inactive tail so the next pass
 * frees it.
 */
static pageout_t pageout(struct page *page, struct address_space *mapping)
{
	if (!mapping || !mapping->a_ops->writepage)
		return PAGE_KEEP;
	if (!clear_page_dirty_for_io(page))
		return PAGE_CLEAN;
	swap_cache_tag(page, SWAP_TAG_DIRTY, false);
	SetPageReclaim(page);
	if (mapping->a_ops->writepage(page) < 0) {
		/* Unlocked and redirtied by swap_writepage: try again on a later pass. */
		ClearPageReclaim(page);
		return PAGE_SUCCESS;
	}
	if (!PageWriteback(page))
		ClearPageReclaim(page);
	return PAGE_SUCCESS;
}

/*
 * remove_mapping - drop a clean page from @mapping, the swap cache, if
 * only the cache and our isolation hold it (Linux 2.6's remove_mapping,
 * Mauerer Figure 18-18). After a
 * write error the slot is retired and the page stays, dirty, to get a new
 * slot on the next pass. A page whose read failed is dropped the same way
 * (it is never mapped): its owners keep the swap entry and read it again
 * when they touch it.
 */
static bool remove_mapping(struct address_space *mapping, struct page *page)
{
	BUG_ON(mapping != &swapper_space);
	if (page_count(page) != 2 || PageDirty(page) || page_mapped(page))
		return false;
	delete_from_swap_cache(page, workingset_eviction(page));
	return true;
}

/* Give an anonymous page a slot and unmap it from every process; NEXT_TEST when done. */
static enum verdict unmap_anon(struct page *page, struct scan_control *sc)
{
	if (PageAnon(page) && !PageSwapCache(page)) {
		if (!sc->may_swap || !add_to_swap(page))
			return ACTIVATE_LOCKED;	/* no swap space: keep it in memory */
	}
	if (page_mapped(page)) {
		switch (try_to_unmap(page)) {
		case SWAP_FAIL:
			return ACTIVATE_LOCKED;
		case SWAP_AGAIN:
			return KEEP_LOCKED;
		}
	}
	return NEXT_TEST;
}

/*
 * May this reclaimer start writes? Not in an allocation made for I/O
 * (GFP_NOIO: the swap write path itself), which must not recurse into
 * I/O. Linux 2.6 keeps this in scan_control (may_writepage, and the
 * gfp-derived may_enter_fs of shrink_list); the gfp mask says it here.
 */
static bool may_writepage(const struct scan_control *sc)
{
	return (sc->gfp_mask & __GFP_IO) != 0;
}

/* Write a dirty page; NEXT_TEST means it is clean and still locked now. */
static enum verdict write_dirty(struct page *page, bool referenced, struct scan_control *sc)
{
	if (!PageDirty(page))
		return NEXT_TEST;
	if (referenced || !may_writepage(sc))
		return KEEP_LOCKED;
	switch (pageout(page, page_mapping(page))) {
	case PAGE_KEEP:
		return KEEP_LOCKED;
	case PAGE_SUCCESS:
		/* swap_writepage unlocked the page. */
		if (PageWriteback(page)) {
			sc->nr_writing++;
			return KEEP;
		}
		if (PageDirty(page) || !trylock_page(page))
			return KEEP;
		return NEXT_TEST;	/* written already (a synchronous write): clean now */
	case PAGE_CLEAN:
		break;
	}
	return NEXT_TEST;
}

static enum verdict shrink_page(struct page *page, struct scan_control *sc)
{
	struct address_space *mapping;
	enum verdict v;
	bool referenced;

	if (!trylock_page(page))
		return KEEP;
	sc->nr_scanned++;
	if (PageWriteback(page))
		return KEEP_LOCKED;
	if (PageSwapCache(page) && !PageUptodate(page))
		return remove_mapping(page_mapping(page), page) ? FREE_IT : KEEP_LOCKED; /* read failed */
	if (PageSwapCache(page) && PageError(page) && swap_retire_bad_slot(page))
		return ACTIVATE_LOCKED;	/* a write failed: a new slot next time */
	if (page_mapped(page) && page_mlocked(page))
		return CULL_MLOCKED;	/* nothing to do with it until it is unlocked */
	referenced = page_was_referenced(page, sc);
	if (referenced && page_mapped(page))
		return ACTIVATE_LOCKED;
	v = unmap_anon(page, sc);
	if (v != NEXT_TEST)
		return v;
	v = write_dirty(page, referenced, sc);
	if (v != NEXT_TEST)
		return v;
	mapping = page_mapping(page);
	if (mapping && !remove_mapping(mapping, page))
		return KEEP_LOCKED;
	return FREE_IT;
}

unsigned long shrink_list(struct list_head *page_list, struct scan_control *sc)
{
	LIST_HEAD(ret_pages);
	struct pagevec freed;
	struct swap_plug plug;
	unsigned long nr_freed = 0, nr_activated = 0, scanned0 = sc->nr_scanned;
	struct page *page;

	pagevec_init(&freed);
	swap_io_plug(&plug);
	while (!list_empty(page_list)) {
		page = list_first_entry(page_list, struct page, lru);
		list_del(&page->lru);
		switch (shrink_page(page, sc)) {
		case FREE_IT:
			unlock_page(page);
			ClearPageActive(page);
			nr_freed++;
			if (!pagevec_add(&freed, page))
				pagevec_release(&freed);
			continue;
		case ACTIVATE_LOCKED:
			SetPageActive(page);
			count_vm_event(PGACTIVATE);
			workingset_age_nonresident();
			nr_activated++;
			/* fall through */
		case KEEP_LOCKED:
			unlock_page(page);
			/* fall through */
		case KEEP:
			list_add(&page->lru, &ret_pages);
			continue;
		case CULL_MLOCKED:
			SetPageMlocked(page);
			ClearPageActive(page);
			unlock_page(page);
			count_vm_event(UNEVICTABLE_PGCULLED);
			put_page(page);	/* the isolation reference */
			continue;
		case NEXT_TEST:
			BUG();	/* shrink_page decides every page */
		}
	}
	swap_io_unplug(&plug);
	pagevec_release(&freed);
	list_splice_init(&ret_pages, page_list);
	sc->nr_reclaimed += nr_freed;
	count_vm_events(PGSTEAL, nr_freed);
	count_vm_events(sc->kswapd ? PGSTEAL_KSWAPD : PGSTEAL_DIRECT, nr_freed);
	trace_event(TRACE_VMSCAN, "shrink_list", "scanned=%lu freed=%lu activated=%lu kswapd=%d",
		    sc->nr_scanned - scanned0, nr_freed, nr_activated, sc->kswapd);
	return nr_freed;
}

/* ---- scanning the zone LRU lists ---------------------------------------- */

/* Isolate up to @nr pages from the tail of @src onto @dst; returns how many. */
static unsigned long isolate_lru_pages(struct zone *zone, unsigned long nr,
				       struct list_head *src, struct list_head *dst)
{
	unsigned long taken = 0;
	unsigned long flags = spin_lock_irqsave(&zone->lru_lock);

	while (taken < nr && !list_empty(src)) {
		struct page *page = list_last_entry(src, struct page, lru);
		BUG_ON(!PageLRU(page));
		ClearPageLRU(page);
		list_move(&page->lru, dst);
		get_page(page);
		taken++;
	}
	if (src == &zone->active_list)
		zone->nr_active -= taken;
	else
		zone->nr_inactive -= taken;
	spin_unlock_irqrestore(&zone->lru_lock, flags);
	return taken;
}

int vm_swappiness = 60;

/*
 * reclaim_mapped - may this pass move pages that processes map to the
 * inactive list? (Linux 2.6's refill_inactive_zone; Mauerer §18.6.6,
 * Gorman §10.3.) Linux 2.6 weighs three things:
 *
 *   swap_tendency = mapped_ratio / 2 + distress + vm_swappiness
 *
 *   mapped_ratio   percent of memory that processes map: the more of it,
 *                  the less there is to gain from anything else
 *   distress       100 >> priority, with the deepest priority this zone
 *                  needed lately (zone->prev_priority): 0 while reclaim is
 *                  easy, 50 at priority 1, 100 at priority 0
 *   vm_swappiness  the administrator's bias, /proc/sys/vm/swappiness
 *
 * and takes mapped pages once it reaches 100. Otherwise mapped pages are
 * rotated back to the active head without looking at their accessed bits,
 * and the pass takes only pages nobody maps (swap-cache pages that were
 * read back but not yet faulted in, or not unmapped yet). With swappiness
 * 0 that holds until priority 0; with 100 mapped pages are always fair game.
 */
static bool reclaim_mapped(struct zone *zone, struct scan_control *sc)
{
	int priority = min(zone->prev_priority, sc->priority);
	unsigned long distress = 100UL >> priority;
	unsigned long mapped_ratio = nr_mapped * 100 / max(totalram_pages, 1UL);

	return mapped_ratio / 2 + distress + (unsigned long)vm_swappiness >= 100;
}

/*
 * Should @page (isolated from the active list) stay active?
 * Mapped pages stay unless this pass may reclaim mapped pages and none of
 * their PTEs was used since the last look (page_referenced tests and
 * clears the accessed bits). An anonymous page without a swap slot stays
 * when there is no free slot for it: deactivated, it could only come back.
 */
static bool keep_active(struct page *page, bool may_reclaim_mapped)
{
	if (page_mapped(page) && (!may_reclaim_mapped || page_referenced(page)))
		return true;
	return PageAnon(page) && !PageSwapCache(page) && nr_swap_pages <= 0;
}

/*
 * refill_inactive_zone - age the active list (Linux 2.6's shrink_active_list)
 * Take @nr pages from the active tail: the ones keep_active() wants go back
 * to the active head, the others move to the inactive list to be reclaimed.
 * Not static only for mm/vmscan_test.c.
 */
void refill_inactive_zone(struct zone *zone, unsigned long nr, struct scan_control *sc)
{
	LIST_HEAD(hold);
	bool may_reclaim_mapped = reclaim_mapped(zone, sc);
	unsigned long n = isolate_lru_pages(zone, nr, &zone->active_list, &hold);
	struct page *page, *next;

	count_vm_events(PGREFILL, n);
	list_for_each_entry_safe(page, next, &hold, lru) {
		if (keep_active(page, may_reclaim_mapped))
			continue;
		ClearPageActive(page);
		count_vm_event(PGDEACTIVATE);
	}
	putback_lru_pages(&hold);
}

unsigned long shrink_list_sync(struct list_head *page_list, struct scan_control *sc)
{
	struct page *page;

	list_for_each_entry(page, page_list, lru)
		wait_on_page_writeback(page);
	return shrink_list(page_list, sc);
}

/*
 * Kept by shrink_list only because its write is in flight (or just ended):
 * unmapped, clean, in the swap cache and not sent back to the active list.
 * Once the write ends, nothing but the swap cache holds it.
 */
static bool freeable_after_write(struct page *page)
{
	return PageSwapCache(page) && !PageDirty(page) && !page_mapped(page) && !PageActive(page);
}

/* Move the pages of @list that wait only for their write onto @writing; returns how many. */
static unsigned long take_written(struct list_head *list, struct list_head *writing)
{
	struct page *page, *next;
	unsigned long n = 0;

	list_for_each_entry_safe(page, next, list, lru)
		if (freeable_after_write(page)) {
			list_move_tail(&page->lru, writing);
			n++;
		}
	return n;
}

/*
 * shrink_inactive_zone - reclaim from the inactive tail, SWAP_CLUSTER_MAX
 * pages at a time, until the writes started and the pages freed reach
 * sc->nr_to_reclaim or @nr pages were scanned.
 *
 * kswapd counts the writes it started as progress: the pages are freed by
 * a later pass, once PG_reclaim has rotated them to the inactive tail.
 * A direct reclaimer needs free pages now. If it went on scanning while
 * its writes were in flight, it would write far more pages than it needs
 * (each batch finds the previous one still under writeback); instead it
 * keeps the pages it wrote isolated, and when they cover its target (or
 * the scan is done) it waits for their writes and frees them: writeback
 * throttling, as Linux's synchronous pass (PAGEOUT_IO_SYNC) does.
 */
static void shrink_inactive_zone(struct zone *zone, unsigned long nr, struct scan_control *sc)
{
	LIST_HEAD(writing);
	unsigned long nr_taken = 0;

	while (nr > 0 && sc->nr_reclaimed + sc->nr_writing < sc->nr_to_reclaim) {
		LIST_HEAD(list);
		unsigned long batch = min(nr, (unsigned long)SWAP_CLUSTER_MAX);
		unsigned long n = isolate_lru_pages(zone, batch, &zone->inactive_list, &list);
		if (!n)
			break;
		nr -= n;
		count_vm_events(sc->kswapd ? PGSCAN_KSWAPD : PGSCAN_DIRECT, n);
		shrink_list(&list, sc);
		if (!sc->kswapd)
			nr_taken += take_written(&list, &writing);
		putback_lru_pages(&list);
	}
	if (list_empty(&writing))
		return;
	sc->nr_writing -= min(sc->nr_writing, nr_taken);
	shrink_list_sync(&writing, sc);
	putback_lru_pages(&writing);
}

/*
 * shrink_zone - one reclaim step on @zone at sc->priority: scan 1/2^priority
 * of each list (at least a batch), keeping the inactive list about as long
 * as the active one so that unreferenced pages are found quickly.
 */
static void shrink_zone(struct zone *zone, struct scan_control *sc)
{
	unsigned long nr_active = (zone->nr_active >> sc->priority) + 1;
	unsigned long nr_inactive = (zone->nr_inactive >> sc->priority) + SWAP_CLUSTER_MAX;

	zone->temp_priority = sc->priority;
	zone->prev_priority = min(zone->prev_priority, sc->priority);
	lru_add_drain();
	if (zone->nr_inactive < zone->nr_active)
		nr_active += zone->nr_active - zone->nr_inactive;
	refill_inactive_zone(zone, nr_active, sc);
	shrink_inactive_zone(zone, nr_inactive, sc);
}

/*
 * shrink_slab - reclaim's pressure on the kernel's own caches (Linux 2.6's
 * shrink_slab, Mauerer §18.10; Gorman §10.4 kmem_cache_reap). Linux asks each
 * registered shrinker (dentries, inodes, ...) to free objects in proportion
 * to the LRU pages scanned. We have no caches of objects that can be thrown
 * away and rebuilt; what the slab allocator can give back are the empty
 * slabs each cache keeps as a reserve (mm/slab.c), which cost nothing to
 * lose, so every call returns all of them. They are counted in
 * /proc/vmstat's slabs_scanned and in sc->nr_slab, apart from the LRU
 * pages reclaimed: a cache that empties a slab, grows it back and empties
 * it again must not look like progress to kswapd's loop or keep the OOM
 * killer away while the LRU lists give nothing.
 */
static void shrink_slab(struct scan_control *sc)
{
	unsigned long pages;

	workingset_prune();	/* before the slabs: it may empty radix-tree nodes */
	pages = kmem_cache_shrink_all();

	count_vm_events(SLABS_SCANNED, pages);
	sc->nr_slab += pages;
}

/*
 * A reclaim call (kswapd's balance_pgdat, a direct try_to_free_pages)
 * starts: no zone scanned yet in it. When it ends, each zone remembers the
 * priority of its last pass as prev_priority: the distress the next call
 * starts with (a call that had to dig deep leaves the next one ready to
 * take mapped pages at once).
 */
static void reclaim_call_start(void)
{
	struct zone *zone;

	for_each_zone(zone)
		zone->temp_priority = DEF_PRIORITY;
}

static void reclaim_call_end(void)
{
	struct zone *zone;

	for_each_zone(zone)
		zone->prev_priority = zone->temp_priority;
}

static bool zone_needs_pages(struct zone *zone, unsigned long mark)
{
	return populated_zone(zone) && !zone_watermark_ok(zone, 0, mark);
}

/* ---- kswapd ----------------------------------------------------------- */

static DECLARE_WAIT_QUEUE_HEAD(kswapd_wait);
static struct task_struct *kswapd_task;
static volatile bool kswapd_woken;
bool kswapd_running;

/*
 * balance_pgdat - kswapd's work (Gorman §10.7, Mauerer §18.9 "Initiating Memory Reclaim"): reclaim
 * from every zone below pages_high, starting with a gentle priority (scan
 * 1/4096 of the lists) and getting more aggressive, until all zones are
 * back above pages_high.
 *
 * A page written by one pass is freed by a later one, once its write has
 * ended (PG_reclaim rotates it to the inactive tail); and a first pass over
 * pages used since the last scan only clears their referenced bits. So a
 * pass at a low priority waits a tick for writes, and while the zones are
 * still short and the last round freed or wrote something (or writes are
 * still in flight), kswapd goes round again (Linux's loop_again), instead
 * of sleeping below pages_high. The pages a round wrote are freed by the
 * next one.
 */
static void balance_pgdat(void)
{
	struct scan_control sc = { .gfp_mask = GFP_KERNEL, .may_swap = true,
				   .kswapd = true };
	struct zone *zone;
	bool all_ok;

	count_vm_event(PAGEOUTRUN);
	reclaim_call_start();
	do {
		sc.nr_reclaimed = sc.nr_writing = 0;
		for (sc.priority = DEF_PRIORITY; sc.priority >= 0; sc.priority--) {
			all_ok = true;
			for_each_zone(zone) {
				if (!zone_needs_pages(zone, zone->pages_high))
					continue;
				all_ok = false;
				/* Enough for the zone to reach pages_high, counting writes in flight. */
				sc.nr_to_reclaim = sc.nr_reclaimed + sc.nr_writing + SWAP_CLUSTER_MAX +
						   (zone->pages_high - min(zone->free_pages, zone->pages_high));
				shrink_zone(zone, &sc);
			}
			if (all_ok)
				break;
			shrink_slab(&sc);
			if (sc.priority < DEF_PRIORITY - 2)
				congestion_wait(HZ / 10);	/* let writes end */
			else
				cond_resched();
		}
	} while (!all_ok && (sc.nr_reclaimed || sc.nr_writing || nr_swap_writeback));
	reclaim_call_end();
}

static int kswapd(void *arg)
{
	for (;;) {
		/* Interruptible, like Linux's kswapd: it is idle, not waiting on I/O. */
		wait_event_interruptible(kswapd_wait, kswapd_woken);
		kswapd_woken = false;
		kswapd_running = true;
		trace_event(TRACE_VMSCAN, "kswapd_wake", "free=%lu", nr_free_pages());
		balance_pgdat();
		kswapd_running = false;
		trace_event(TRACE_VMSCAN, "kswapd_sleep", "free=%lu", nr_free_pages());
	}
	return 0;
}

/* The allocator found @zone below pages_low: start background reclaim. */
void wakeup_kswapd(struct zone *zone)
{
	if (!kswapd_task || kswapd_running || !populated_zone(zone))
		return;
	if (zone_watermark_ok(zone, 0, zone->pages_low))
		return;
	count_vm_event(KSWAPD_WAKEUP);
	kswapd_woken = true;
	wake_up(&kswapd_wait);
}

void kswapd_init(void)
{
	kswapd_task = kernel_thread(kswapd, NULL, "kswapd0");
}

/* ---- direct reclaim ---------------------------------------------------- */

/* Is some zone above pages_high again? */
static bool memory_came_back(void)
{
	struct zone *zone;

	for_each_zone(zone)
		if (populated_zone(zone) && zone_watermark_ok(zone, 0, zone->pages_high))
			return true;
	return false;
}

/*
 * try_to_free_pages - reclaim in the context of an allocation that may
 * sleep (Gorman §10.4; Linux 2.6's try_to_free_pages): scan with rising
 * priority until a batch is freed. When a full pass at priority 0 frees
 * nothing and nothing is being written, memory is really gone: the OOM
 * killer picks a victim. Returns the number of pages freed.
 */
unsigned long try_to_free_pages(gfp_t gfp)
{
	struct scan_control sc = { .gfp_mask = gfp, .may_swap = (gfp & __GFP_IO) != 0,
				   .nr_to_reclaim = SWAP_CLUSTER_MAX };
	struct zone *zone;

	count_vm_event(ALLOCSTALL);
	reclaim_call_start();
	for (sc.priority = DEF_PRIORITY; sc.priority >= 0; sc.priority--) {
		for_each_zone(zone)
			if (populated_zone(zone))
				shrink_zone(zone, &sc);
		shrink_slab(&sc);
		if (sc.nr_reclaimed >= sc.nr_to_reclaim)
			break;
		if (sc.priority < DEF_PRIORITY - 2)
			congestion_wait(HZ / 10);	/* let others' writes finish */
	}
	reclaim_call_end();
	if (sc.nr_reclaimed >= sc.nr_to_reclaim)
		return sc.nr_reclaimed + sc.nr_slab;
	/*
	 * Nothing freed and no write in flight that could free something: OOM.
	 * Unless memory came back while we scanned and slept: an OOM victim
	 * (or any process) that exited meanwhile freed it, not us, and
	 * killing a second process then is one too many. Linux's allocator
	 * rechecks at pages_high before out_of_memory for the same race.
	 */
	if (!sc.nr_reclaimed && !nr_swap_writeback && (gfp & __GFP_IO) && !memory_came_back())
		out_of_memory(gfp);
	return sc.nr_reclaimed + sc.nr_slab;
}

/*
 * direct_reclaim - an allocation that may sleep found no free page
 * Reclaim a batch and let the allocator retry. After a few attempts, or
 * once the caller has been chosen by the OOM killer, give up: the
 * allocation fails and the caller's error path (or its death) frees memory.
 */
bool direct_reclaim(gfp_t gfp, unsigned int order, int attempt)
{
	if (current->pid == 0 || attempt >= 16 || (current->pending & (1UL << SIGKILL)))
		return false;
	if (!try_to_free_pages(gfp))
		schedule_timeout_uninterruptible(1 + attempt / 4);	/* writes, a dying victim */
	return true;
}
