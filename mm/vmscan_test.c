/*
 * Self-tests of page reclaim (mm/vmscan.c; Mauerer §18.6, Gorman ch. 10).
 * The LRU lists it scans have their own suite, "lru", in mm/swap_test.c.
 *
 *   vmscan   one case per outcome of shrink_list (Figure 18-18: locked,
 *            under writeback, referenced, anonymous without a slot with
 *            and without swap space, dirty, clean in the swap cache), and
 *            kswapd woken below pages_low, reclaiming above pages_high
 *            (from just above pages_low, and from a deficit of several
 *            batches) and going back to sleep
 *
 * "vmscan" is explicit: tests/suites_reclaim.py boots it with a 16 MiB swap image as
 * hda and a 1 MiB one (255 slots) as hdb, the swap area that runs full.
 *
 * The test thread borrows a user address space (mm/test_mm.c) and touches
 * it through copy_to_user/copy_from_user, which fault and set the PTE
 * accessed bits exactly as a process would. In a self-test boot nobody
 * else has user pages, so the LRU lists hold only the test's pages.
 */
#include <kernel/ktest.h>
#include <kernel/sched.h>
#include <kernel/uaccess.h>
#include <kernel/syscalls.h>
#include <kernel/time.h>
#include <mm/mm.h>
#include <mm/test_mm.h>
#include <mm/mmzone.h>
#include <mm/lru.h>
#include <mm/rmap.h>
#include <mm/pagemap.h>
#include <mm/page_io.h>
#include <mm/swap_state.h>
#include <mm/swapfile.h>
#include <mm/vmscan.h>
#include <mm/vmstat.h>
#include <mm/gfp.h>
#include <mm/slab.h>
#include <mm/workingset.h>
#include <arch/x86/irqflags.h>
#include <arch/x86/paging.h>
#include <uapi/abi.h>

/* ---- helpers ------------------------------------------------------------- */

static bool swap_ready(struct ktest *t, const char *dev)
{
	return KT_EXPECT_EQ(t, do_swapon(dev, SWAP_FLAG_PREFER | 100), 0);
}

/* ---- suite vmscan: shrink_list, one case per page state ------------------ */

/*
 * Two active pages; only @hot's PTE was used since the last scan. Aging the
 * whole active list keeps @hot (clearing its accessed bit: it must be used
 * again to survive the next pass) and moves @cold to the inactive list.
 */
static void test_refill_keeps_referenced_deactivates_unreferenced(struct ktest *t)
{
	struct mm_struct *mm = test_mm_create(2);
	struct scan_control sc = { .gfp_mask = GFP_KERNEL, .priority = 0 };
	unsigned long deact0 = vm_events[PGDEACTIVATE], refill0 = vm_events[PGREFILL];
	struct page *hot, *cold;
	struct zone *zone;
	char c;

	KT_ASSERT(t, mm && test_mm_fill(mm, 2));
	KT_ASSERT(t, swap_ready(t, "hda"));
	hot = test_mm_page(mm, 0);
	cold = test_mm_page(mm, 1);
	KT_ASSERT(t, hot && cold);
	activate_page(hot);
	activate_page(cold);
	KT_ASSERT(t, test_mm_on_active_list(hot) && test_mm_on_active_list(cold));
	test_mm_forget_references(hot);
	test_mm_forget_references(cold);
	test_mm_enter(mm);
	KT_EXPECT_EQ(t, copy_from_user(&c, (void *)test_mm_addr(0), 1), 0); /* use hot */
	test_mm_leave();
	KT_ASSERT(t, test_mm_pte(mm, 0) & _PAGE_ACCESSED);
	KT_ASSERT(t, !(test_mm_pte(mm, 1) & _PAGE_ACCESSED));

	for_each_zone (zone)
		if (populated_zone(zone) && zone->nr_active)
			refill_inactive_zone(zone, zone->nr_active, &sc);
	KT_EXPECT(t, test_mm_on_active_list(hot));
	KT_EXPECT(t, !(test_mm_pte(mm, 0) & _PAGE_ACCESSED));
	KT_EXPECT(t, test_mm_on_inactive_list(cold));
	KT_EXPECT(t, vm_events[PGDEACTIVATE] - deact0 >= 1);
	KT_EXPECT(t, vm_events[PGREFILL] - refill0 >= 2);
	/* Both still mapped, nothing reclaimed: aging only moves pages. */
	KT_EXPECT_EQ(t, page_mapcount(hot) + page_mapcount(cold), 2);
	KT_EXPECT_EQ(t, mm->rss, 2);

	/* Not used again: the next pass deactivates hot too. */
	for_each_zone (zone)
		if (populated_zone(zone) && zone->nr_active)
			refill_inactive_zone(zone, zone->nr_active, &sc);
	KT_EXPECT(t, test_mm_on_inactive_list(hot));
	mmput(mm);
	KT_EXPECT_EQ(t, do_swapoff("hda"), 0);
}

/* ---- swappiness: when aging takes mapped pages (reclaim_mapped) --------- */

/*
 * Age the active list once at @priority with vm_swappiness = @swappiness,
 * the zones remembering no distress (prev_priority DEF_PRIORITY) unless
 * @prev says otherwise: does @page, mapped and not used since the last
 * look, leave the active list? The test boot maps almost nothing, so
 * mapped_ratio adds less than 5 to the swap tendency.
 */
static bool refill_deactivates(struct page *page, int swappiness, int priority, int prev)
{
	struct scan_control sc = { .gfp_mask = GFP_KERNEL, .priority = priority };
	int saved = vm_swappiness;
	struct zone *zone;

	activate_page(page);
	test_mm_forget_references(page);
	vm_swappiness = swappiness;
	for_each_zone (zone)
		if (populated_zone(zone)) {
			zone->prev_priority = prev;
			if (zone->nr_active)
				refill_inactive_zone(zone, zone->nr_active, &sc);
			zone->prev_priority = DEF_PRIORITY;
		}
	vm_swappiness = saved;
	return test_mm_on_inactive_list(page);
}

/* One mapped page, swap on hda, and almost nothing else mapped. */
static struct mm_struct *swappiness_setup(struct ktest *t, struct page **pagep)
{
	struct mm_struct *mm;

	if (!KT_EXPECT(t, nr_mapped * 100 / totalram_pages < 10) || !swap_ready(t, "hda"))
		return NULL;
	mm = test_mm_one_page(t, pagep);
	if (!mm)
		KT_EXPECT_EQ(t, do_swapoff("hda"), 0);
	return mm;
}

static void swappiness_done(struct ktest *t, struct mm_struct *mm)
{
	KT_EXPECT_EQ(t, test_mm_bad_pages(mm, 1), 0);
	mmput(mm);
	KT_EXPECT_EQ(t, do_swapoff("hda"), 0);
}

/* 0: mapped pages stay active at every priority but the last (distress 100). */
static void test_swappiness_0_keeps_mapped_pages_until_priority_0(struct ktest *t)
{
	struct page *page;
	struct mm_struct *mm = swappiness_setup(t, &page);

	if (!mm)
		return;
	KT_EXPECT(t, !refill_deactivates(page, 0, DEF_PRIORITY, DEF_PRIORITY));
	KT_EXPECT(t, !refill_deactivates(page, 0, 1, DEF_PRIORITY));
	KT_EXPECT(t, test_mm_on_active_list(page));
	KT_EXPECT(t, refill_deactivates(page, 0, 0, DEF_PRIORITY));
	swappiness_done(t, mm);
}

/*
 * 60 (the default): with little memory mapped, mapped pages stay active
 * while reclaim is easy and go from priority 1 on (60 + distress 50); a
 * zone that needed priority 1 last time starts the next call there.
 */
static void test_swappiness_60_takes_mapped_pages_under_distress(struct ktest *t)
{
	struct page *page;
	struct mm_struct *mm = swappiness_setup(t, &page);

	if (!mm)
		return;
	KT_EXPECT_EQ(t, vm_swappiness, 60);
	KT_EXPECT(t, !refill_deactivates(page, 60, DEF_PRIORITY, DEF_PRIORITY));
	KT_EXPECT(t, !refill_deactivates(page, 60, 2, DEF_PRIORITY));
	KT_EXPECT(t, refill_deactivates(page, 60, 1, DEF_PRIORITY));
	KT_EXPECT(t, refill_deactivates(page, 60, DEF_PRIORITY, 1));
	swappiness_done(t, mm);
}

/* 100: mapped pages are aged like any other, even in the gentlest pass. */
static void test_swappiness_100_takes_mapped_pages_at_once(struct ktest *t)
{
	struct page *page;
	struct mm_struct *mm = swappiness_setup(t, &page);

	if (!mm)
		return;
	KT_EXPECT(t, refill_deactivates(page, 100, DEF_PRIORITY, DEF_PRIORITY));
	swappiness_done(t, mm);
}



/*
 * Run shrink_list on @page alone (isolated from the LRU, as
 * shrink_inactive_zone does) with swapping allowed. Returns the number
 * freed; *kept says whether shrink_list left the page on the list. The
 * caller puts a kept page back with putback_lru_pages(@list).
 */
static unsigned long shrink_one(struct page *page, struct list_head *list, struct scan_control *sc,
				bool *kept)
{
	unsigned long freed;

	*sc = (struct scan_control){ .gfp_mask = GFP_KERNEL, .may_swap = true,
				     .nr_to_reclaim = 1 };
	lru_add_drain();
	if (isolate_lru_page(page, list))
		return ~0UL;
	freed = shrink_list(list, sc);
	*kept = !list_empty(list) && list_first_entry(list, struct page, lru) == page;
	return freed;
}

static void test_shrink_list_skips_locked_page(struct ktest *t)
{
	struct scan_control sc;
	LIST_HEAD(list);
	struct page *page;
	struct mm_struct *mm;
	bool kept;

	KT_ASSERT(t, swap_ready(t, "hda"));
	mm = test_mm_one_page(t, &page);
	if (mm) {
		test_mm_forget_references(page);
		KT_ASSERT(t, trylock_page(page)); /* someone else's I/O */
		KT_EXPECT_EQ(t, shrink_one(page, &list, &sc, &kept), 0);
		KT_EXPECT(t, kept);
		KT_EXPECT(t, PageLocked(page));	   /* still ours */
		KT_EXPECT_EQ(t, sc.nr_scanned, 0); /* not even looked at */
		KT_EXPECT(t, !PageSwapCache(page) && !PageActive(page));
		KT_EXPECT_EQ(t, test_mm_pte(mm, 0) & PAGE_MASK, page_to_pfn(page) << PAGE_SHIFT);
		unlock_page(page);
		putback_lru_pages(&list);
		KT_EXPECT(t, test_mm_on_inactive_list(page));
		KT_EXPECT_EQ(t, test_mm_bad_pages(mm, 1), 0);
		mmput(mm);
	}
	KT_EXPECT_EQ(t, do_swapoff("hda"), 0);
}

static void test_shrink_list_keeps_page_under_writeback(struct ktest *t)
{
	struct scan_control sc;
	LIST_HEAD(list);
	struct page *page;
	struct mm_struct *mm;
	long slots;
	bool kept;

	KT_ASSERT(t, swap_ready(t, "hda"));
	slots = nr_swap_pages;
	mm = test_mm_one_page(t, &page);
	if (mm) {
		test_mm_forget_references(page);
		SetPageWriteback(page); /* as if a write of it were in flight */
		KT_EXPECT_EQ(t, shrink_one(page, &list, &sc, &kept), 0);
		ClearPageWriteback(page);
		KT_EXPECT(t, kept);
		KT_EXPECT_EQ(t, sc.nr_scanned, 1);
		KT_EXPECT(t, !PageLocked(page));
		KT_EXPECT(t, !PageSwapCache(page) && !PageActive(page));
		KT_EXPECT_EQ(t, nr_swap_pages, slots);
		KT_EXPECT(t, test_mm_pte(mm, 0) & _PAGE_PRESENT);
		putback_lru_pages(&list);
		KT_EXPECT(t, test_mm_on_inactive_list(page));
		mmput(mm);
	}
	KT_EXPECT_EQ(t, do_swapoff("hda"), 0);
}

static void test_shrink_list_activates_referenced_page(struct ktest *t)
{
	unsigned long act0 = vm_events[PGACTIVATE];
	struct scan_control sc;
	LIST_HEAD(list);
	struct page *page;
	struct mm_struct *mm;
	long slots;
	bool kept;

	KT_ASSERT(t, swap_ready(t, "hda"));
	slots = nr_swap_pages;
	mm = test_mm_one_page(t, &page);
	if (mm) {
		KT_ASSERT(t, test_mm_pte(mm, 0) & _PAGE_ACCESSED); /* fill used it */
		KT_EXPECT_EQ(t, shrink_one(page, &list, &sc, &kept), 0);
		KT_EXPECT(t, kept);
		KT_EXPECT(t, PageActive(page));
		KT_EXPECT_EQ(t, vm_events[PGACTIVATE], act0 + 1);
		/* A second chance, not a swap slot; its bit is consumed. */
		KT_EXPECT(t, !PageSwapCache(page));
		KT_EXPECT_EQ(t, nr_swap_pages, slots);
		KT_EXPECT(t, test_mm_pte(mm, 0) & _PAGE_PRESENT);
		KT_EXPECT(t, !(test_mm_pte(mm, 0) & _PAGE_ACCESSED));
		putback_lru_pages(&list);
		KT_EXPECT(t, test_mm_on_active_list(page));
		mmput(mm);
	}
	KT_EXPECT_EQ(t, do_swapoff("hda"), 0);
}

static void test_shrink_list_gives_anon_page_a_slot(struct ktest *t)
{
	struct scan_control sc;
	LIST_HEAD(list);
	struct page *page;
	struct mm_struct *mm;
	swp_entry_t entry;
	long slots;
	bool kept;

	KT_ASSERT(t, swap_ready(t, "hda"));
	slots = nr_swap_pages;
	mm = test_mm_one_page(t, &page);
	if (mm) {
		test_mm_forget_references(page);
		KT_ASSERT(t, PageAnon(page) && !PageSwapCache(page));
		shrink_one(page, &list, &sc, &kept);
		KT_EXPECT(t, kept); /* its write is in flight */
		KT_EXPECT(t, PageSwapCache(page));
		entry.val = page->private;
		KT_EXPECT_EQ(t, nr_swap_pages, slots - 1);
		KT_EXPECT(t, lookup_swap_cache(entry) == page);
		put_page(page); /* lookup_swap_cache's reference */
		/* try_to_unmap put the slot in the PTE: the page is out of the process. */
		KT_EXPECT_EQ(t, test_mm_pte(mm, 0), swp_entry_to_pte(entry));
		KT_EXPECT_EQ(t, swap_count(entry), 2); /* the PTE and the swap cache */
		KT_EXPECT(t, !page_mapped(page));
		KT_EXPECT_EQ(t, mm->rss, 0);
		KT_EXPECT_EQ(t, mm->swap_ents, 1);
		wait_on_page_writeback(page);
		putback_lru_pages(&list);
		KT_EXPECT_EQ(t, test_mm_bad_pages(mm, 1), 0);
		mmput(mm);
	}
	KT_EXPECT_EQ(t, do_swapoff("hda"), 0);
}

/* hdb's 255 slots all taken: the page has nowhere to go and stays active. */
static void test_shrink_list_activates_anon_page_without_swap_space(struct ktest *t)
{
	static swp_entry_t taken[256];
	unsigned long act0, out0 = vm_events[PSWPOUT];
	struct scan_control sc;
	LIST_HEAD(list);
	struct page *page;
	struct mm_struct *mm;
	int n = 0;
	bool kept;

	KT_ASSERT(t, swap_ready(t, "hdb"));
	while (n < 256 && (taken[n] = get_swap_page()).val)
		n++;
	KT_EXPECT_EQ(t, n, 255);
	KT_EXPECT_EQ(t, nr_swap_pages, 0);
	mm = test_mm_one_page(t, &page);
	if (mm) {
		test_mm_forget_references(page);
		act0 = vm_events[PGACTIVATE];
		KT_EXPECT_EQ(t, shrink_one(page, &list, &sc, &kept), 0);
		KT_EXPECT(t, kept);
		KT_EXPECT(t, PageActive(page));
		KT_EXPECT_EQ(t, vm_events[PGACTIVATE], act0 + 1);
		KT_EXPECT(t, !PageSwapCache(page));
		KT_EXPECT(t, test_mm_pte(mm, 0) & _PAGE_PRESENT);
		KT_EXPECT_EQ(t, mm->rss, 1);
		KT_EXPECT_EQ(t, vm_events[PSWPOUT], out0);
		putback_lru_pages(&list);
		KT_EXPECT(t, test_mm_on_active_list(page));
		KT_EXPECT_EQ(t, test_mm_bad_pages(mm, 1), 0);
		mmput(mm);
	}
	while (n > 0)
		swap_free(taken[--n]);
	KT_EXPECT_EQ(t, do_swapoff("hdb"), 0);
}

/*
 * A page that joined the LRU after its region was locked (here: the VMA
 * locked behind mlock's back): shrink_list takes it off the lists without
 * giving it a swap slot, and munlock brings it back.
 */
static void test_shrink_list_culls_mlocked_page(struct ktest *t)
{
	unsigned long culled0 = vm_events[UNEVICTABLE_PGCULLED];
	struct scan_control sc;
	LIST_HEAD(list);
	struct page *page;
	struct mm_struct *mm;
	long slots;
	bool kept;

	KT_ASSERT(t, swap_ready(t, "hda"));
	slots = nr_swap_pages;
	mm = test_mm_one_page(t, &page);
	if (mm) {
		test_mm_forget_references(page);
		find_vma(mm, TEST_MM_BASE)->vm_flags |= VM_LOCKED;
		KT_EXPECT_EQ(t, shrink_one(page, &list, &sc, &kept), 0);
		KT_EXPECT(t, !kept && list_empty(&list));
		KT_EXPECT(t, PageMlocked(page) && !PageLRU(page) && !PageActive(page));
		KT_EXPECT_EQ(t, vm_events[UNEVICTABLE_PGCULLED], culled0 + 1);
		KT_EXPECT(t, !PageSwapCache(page));
		KT_EXPECT_EQ(t, nr_swap_pages, slots);
		KT_EXPECT_EQ(t, page_count(page), 1);	/* the PTE's */
		test_mm_enter(mm);
		KT_EXPECT_EQ(t, sys_munlock(TEST_MM_BASE, PAGE_SIZE), 0);
		test_mm_leave();
		lru_add_drain();
		KT_EXPECT(t, !PageMlocked(page) && test_mm_on_inactive_list(page));
		KT_EXPECT_EQ(t, test_mm_bad_pages(mm, 1), 0);
		mmput(mm);
	}
	KT_EXPECT_EQ(t, do_swapoff("hda"), 0);
}

/*
 * A dirty page that already has its slot (add_to_swap ran, as shrink_list
 * itself would): shrink_list unmaps it and starts the write. The write
 * completes by interrupt, so interrupts stay off while shrink_list runs:
 * when it returns the write is still in flight, as it would be on a
 * slower disk.
 */
static void test_shrink_list_writes_dirty_page(struct ktest *t)
{
	unsigned long out0 = vm_events[PSWPOUT], flags;
	struct scan_control sc;
	LIST_HEAD(list);
	struct page *page;
	struct mm_struct *mm;
	unsigned long freed;
	long slots;
	bool kept;

	KT_ASSERT(t, swap_ready(t, "hda"));
	mm = test_mm_one_page(t, &page);
	if (mm) {
		test_mm_forget_references(page);
		lock_page(page);
		KT_EXPECT(t, add_to_swap(page));
		unlock_page(page);
		KT_ASSERT(t, PageDirty(page) && PageSwapCache(page));
		slots = nr_swap_pages;
		flags = local_irq_save();
		freed = shrink_one(page, &list, &sc, &kept);
		KT_EXPECT(t, PageWriteback(page));
		local_irq_restore(flags);
		KT_EXPECT_EQ(t, freed, 0);
		KT_EXPECT(t, kept); /* freed on a later pass, once written */
		KT_EXPECT(t, !PageDirty(page));
		KT_EXPECT_EQ(t, vm_events[PSWPOUT], out0 + 1);
		KT_EXPECT_EQ(t, nr_swap_pages, slots); /* the slot it had */
		KT_EXPECT(t, !page_mapped(page));
		wait_on_page_writeback(page);
		KT_EXPECT(t, !PageError(page));
		putback_lru_pages(&list);
		KT_EXPECT_EQ(t, test_mm_bad_pages(mm, 1), 0);
		mmput(mm);
	}
	KT_EXPECT_EQ(t, do_swapoff("hda"), 0);
}

/* Written and unmapped: the next pass drops it from the swap cache and frees it. */
static void test_shrink_list_frees_clean_swap_cache_page(struct ktest *t)
{
	unsigned long del0, out0;
	struct scan_control sc;
	LIST_HEAD(list);
	struct page *page;
	struct mm_struct *mm;
	unsigned long cached, free0;
	swp_entry_t entry;
	bool kept;

	KT_ASSERT(t, swap_ready(t, "hda"));
	mm = test_mm_one_page(t, &page);
	if (mm) {
		test_mm_forget_references(page);
		shrink_one(page, &list, &sc, &kept);
		KT_ASSERT(t, kept);
		wait_on_page_writeback(page);
		/* Clean (its copy on disk is good), in the cache, mapped by nobody. */
		KT_ASSERT(t, PageSwapCache(page) && !PageDirty(page) && !page_mapped(page));
		entry.val = page->private;
		cached = swapper_space.nrpages;
		del0 = vm_events[SWAP_CACHE_DEL];
		out0 = vm_events[PSWPOUT];
		free0 = nr_free_pages();
		KT_EXPECT_EQ(t, shrink_list(&list, &sc), 1);
		KT_EXPECT(t, list_empty(&list));
		KT_EXPECT(t, !PageSwapCache(page));
		KT_EXPECT_EQ(t, page_count(page), 0); /* back in the buddy allocator */
		KT_EXPECT_EQ(t, nr_free_pages(), free0 + 1);
		KT_EXPECT_EQ(t, swapper_space.nrpages, cached - 1);
		KT_EXPECT_EQ(t, vm_events[SWAP_CACHE_DEL], del0 + 1);
		KT_EXPECT_EQ(t, vm_events[PSWPOUT], out0); /* not written again */
		KT_EXPECT_EQ(t, swap_count(entry), 1);	   /* the PTE's, to read it back */
		KT_EXPECT_EQ(t, test_mm_bad_pages(mm, 1), 0);
		mmput(mm);
	}
	KT_EXPECT_EQ(t, do_swapoff("hda"), 0);
}

/*
 * A direct reclaimer that finds only dirty pages writes a batch and waits
 * for those writes to free it, instead of scanning on and starting writes
 * of batch after batch while the first ones are in flight.
 */
static void test_direct_reclaim_waits_for_its_writes(struct ktest *t)
{
	int npages = 4 * SWAP_CLUSTER_MAX;
	struct mm_struct *mm = test_mm_create(npages);
	unsigned long out0, freed;

	KT_ASSERT(t, mm);
	KT_ASSERT(t, swap_ready(t, "hda"));
	KT_ASSERT(t, test_mm_fill(mm, npages));
	for (int i = 0; i < npages; i++)
		test_mm_forget_references(test_mm_page(mm, i));
	out0 = vm_events[PSWPOUT];
	freed = try_to_free_pages(GFP_KERNEL);
	KT_EXPECT(t, freed >= SWAP_CLUSTER_MAX);
	KT_EXPECT(t, vm_events[PSWPOUT] - out0 <= SWAP_CLUSTER_MAX);
	KT_EXPECT_EQ(t, mm->swap_ents, vm_events[PSWPOUT] - out0);
	KT_EXPECT_EQ(t, test_mm_bad_pages(mm, npages), 0);
	mmput(mm);
	KT_EXPECT_EQ(t, do_swapoff("hda"), 0);
}

/*
 * shrink_slab: a cache keeps one empty slab in reserve after its objects
 * are freed; direct reclaim gives it back to the buddy allocator, counts
 * it in slabs_scanned and as reclaimed.
 */
static void test_direct_reclaim_returns_empty_slabs(struct ktest *t)
{
	struct kmem_cache *c = kmem_cache_create("ktest-shrink", 500, 0, 0, NULL);
	unsigned long scanned0 = vm_events[SLABS_SCANNED];
	void *objs[64];
	unsigned int n;

	KT_ASSERT(t, c && c->num <= 32);
	n = 2 * c->num;
	for (unsigned int i = 0; i < n; i++)
		KT_ASSERT(t, (objs[i] = kmem_cache_alloc(c, GFP_KERNEL)) != NULL);
	for (unsigned int i = 0; i < n; i++)
		kmem_cache_free(c, objs[i]);
	KT_ASSERT(t, c->num_slabs == 1 && c->num_active == 0);	/* the reserve */
	KT_EXPECT(t, try_to_free_pages(GFP_KERNEL) >= (1UL << c->gfporder));
	KT_EXPECT_EQ(t, c->num_slabs, 0);
	KT_EXPECT(t, vm_events[SLABS_SCANNED] - scanned0 >= (1UL << c->gfporder));
	KT_EXPECT_EQ(t, kmem_cache_destroy(c), 0);
}

/* ---- refault detection (mm/workingset.c) --------------------------------- */

/* Evict page @i of @mm through shrink_list, as reclaim would: it leaves a shadow. */
static bool evict_with_shadow(struct ktest *t, struct mm_struct *mm, int i)
{
	unsigned long shadows0 = swapper_space.nrexceptional;

	test_mm_forget_references(test_mm_page(mm, i));
	test_mm_reclaim_page(test_mm_page(mm, i));
	return KT_EXPECT(t, !(test_mm_pte(mm, i) & _PAGE_PRESENT)) &&
	       KT_EXPECT_EQ(t, swapper_space.nrexceptional, shadows0 + 1);
}

/*
 * A page that faults back soon after its eviction (refault distance 1, one
 * page on the active list) goes straight to the active list; one that
 * comes back after more evictions and activations than the active list
 * holds starts on the inactive list, as every other page read from swap.
 */
static void test_refault_activates_page_that_would_have_stayed(struct ktest *t)
{
	unsigned long refault0 = vm_events[WORKINGSET_REFAULT];
	unsigned long activate0 = vm_events[WORKINGSET_ACTIVATE];
	struct mm_struct *mm = test_mm_create(3);
	unsigned long active = 0;
	struct zone *zone;

	KT_ASSERT(t, mm && swap_ready(t, "hda"));
	KT_ASSERT(t, test_mm_fill(mm, 3));
	lru_add_drain();
	activate_page(test_mm_page(mm, 2));
	for_each_zone (zone)
		active += zone->nr_active;
	KT_ASSERT(t, active >= 1);
	if (evict_with_shadow(t, mm, 0)) {
		KT_EXPECT_EQ(t, test_mm_bad_pages(mm, 1), 0);	/* faults page 0 back */
		lru_add_drain();
		KT_EXPECT_EQ(t, vm_events[WORKINGSET_REFAULT], refault0 + 1);
		KT_EXPECT_EQ(t, vm_events[WORKINGSET_ACTIVATE], activate0 + 1);
		KT_EXPECT(t, test_mm_on_active_list(test_mm_page(mm, 0)));
	}
	if (evict_with_shadow(t, mm, 1)) {
		for (unsigned long i = 0; i <= 2 * (active + 1); i++)
			workingset_age_nonresident();	/* as many evictions elsewhere */
		KT_EXPECT_EQ(t, test_mm_bad_pages(mm, 2), 0);
		lru_add_drain();
		KT_EXPECT_EQ(t, vm_events[WORKINGSET_REFAULT], refault0 + 2);
		KT_EXPECT_EQ(t, vm_events[WORKINGSET_ACTIVATE], activate0 + 1);
		KT_EXPECT(t, test_mm_on_inactive_list(test_mm_page(mm, 1)));
	}
	KT_EXPECT_EQ(t, swapper_space.nrexceptional, 0);	/* both used up */
	mmput(mm);
	KT_EXPECT_EQ(t, do_swapoff("hda"), 0);
}

/*
 * More shadows than LRU pages: the ones older than the LRU lists are long
 * are pruned (their pages' slots stay in use; a fault reads them as
 * usual, without a refault); the young ones stay. Four resident pages of
 * a second address space make the LRU lists about that long.
 */
static void test_old_shadows_are_pruned(struct ktest *t)
{
	struct mm_struct *mm = test_mm_create(8), *other = test_mm_create(4);
	unsigned long refault0, lru = 0;
	struct zone *zone;

	KT_ASSERT(t, mm && other && swap_ready(t, "hda"));
	KT_ASSERT(t, test_mm_fill(mm, 8) && test_mm_fill(other, 4));
	lru_add_drain();
	for (int i = 0; i < 8; i++)
		KT_ASSERT(t, evict_with_shadow(t, mm, i));
	for_each_zone (zone)
		lru += zone->nr_active + zone->nr_inactive;
	KT_ASSERT(t, lru >= 4 && lru < 8);
	workingset_prune();
	KT_EXPECT_EQ(t, swapper_space.nrexceptional, lru);	/* the youngest */
	refault0 = vm_events[WORKINGSET_REFAULT];
	test_mm_enter(mm);
	for (int i = 0; i < 8; i++) {
		char c;
		KT_EXPECT_EQ(t, copy_from_user(&c, (void *)test_mm_addr(i), 1), 0);
	}
	test_mm_leave();
	KT_EXPECT_EQ(t, vm_events[WORKINGSET_REFAULT] - refault0, lru);
	KT_EXPECT_EQ(t, test_mm_bad_pages(mm, 8), 0);
	mmput(other);
	mmput(mm);
	KT_EXPECT_EQ(t, do_swapoff("hda"), 0);
}

/* ---- kswapd, woken by the watermarks ------------------------------------- */

static struct task_struct *find_kswapd(void)
{
	struct task_struct *t;

	list_for_each_entry (t, &task_list, tasks)
		if (!strcmp(t->comm, "kswapd0"))
			return t;
	return NULL;
}

static bool all_zones(bool (*test)(struct zone *zone))
{
	struct zone *zone;

	for_each_zone (zone)
		if (populated_zone(zone) && !test(zone))
			return false;
	return true;
}

static bool below_low(struct zone *zone)
{
	return !zone_watermark_ok(zone, 0, zone->pages_low);
}

static bool above_low(struct zone *zone)
{
	return zone_watermark_ok(zone, 0, zone->pages_low);
}

static bool below_high(struct zone *zone)
{
	return !zone_watermark_ok(zone, 0, zone->pages_high);
}

static bool above_high(struct zone *zone)
{
	return zone_watermark_ok(zone, 0, zone->pages_high);
}

/* Back in its wait for a wake-up (not just sleeping a tick inside balance_pgdat)? */
static bool kswapd_asleep(struct task_struct *kswapd)
{
	return !kswapd_running && kswapd->state != TASK_RUNNING;
}

/*
 * Sleep until kswapd has run and is asleep again; false if that takes
 * more than 30 s. It takes about ten ticks; the bound only catches a
 * kswapd that never finishes, and is far from any time a slow or loaded
 * host could need (the disk writes kswapd starts end in host time).
 */
static bool wait_kswapd_done(struct task_struct *kswapd, unsigned long runs0)
{
	for (int tick = 0; tick < 30 * HZ; tick++) {
		schedule_timeout_uninterruptible(1);
		if (vm_events[PAGEOUTRUN] != runs0 && kswapd_asleep(kswapd))
			return true;
	}
	return false;
}

/*
 * Sleep until the reclaim an earlier test caused is over: kswapd asleep
 * and no swap write in flight, so that what this test counts is its own.
 * False after 30 s.
 */
static bool wait_reclaim_quiet(struct task_struct *kswapd)
{
	for (int tick = 0; tick < 30 * HZ; tick++) {
		if (kswapd_asleep(kswapd) && !nr_swap_writeback)
			return true;
		schedule_timeout_uninterruptible(1);
	}
	return false;
}

static void free_hog(struct list_head *hog, int n)
{
	while (n-- > 0 && !list_empty(hog)) {
		struct page *p = list_first_entry(hog, struct page, lru);
		list_del(&p->lru);
		__free_page(p);
	}
}

/*
 * Hold kernel pages (which reclaim cannot take) until every zone is below
 * pages_low and the allocator wakes kswapd; then, before kswapd gets to
 * run, either give back just enough for the zones to be between pages_low
 * and pages_high (@deep false: kswapd must still go on to pages_high), or
 * take more with GFP_ATOMIC, down to the emergency reserve (@deep true: a
 * deficit of several batches, with the first writes still in flight when
 * the scan ends). Either way kswapd must reclaim the test's user pages, to
 * swap, until every zone is above pages_high, and then sleep until woken
 * again. The user pages come back intact.
 */
static void kswapd_refills(struct ktest *t, bool deep)
{
	unsigned long wake0, runs0, steal0, scan0;
	struct task_struct *kswapd = find_kswapd();
	int npages = (int)(nr_free_pages() / 4);
	struct mm_struct *mm = test_mm_create(npages);
	LIST_HEAD(hog);
	struct page *p;
	int held = 0;

	KT_ASSERT(t, kswapd && mm);
	KT_ASSERT(t, swap_ready(t, "hda"));
	KT_ASSERT(t, test_mm_fill(mm, npages));
	KT_EXPECT(t, wait_reclaim_quiet(kswapd)); /* count only what this test causes */
	wake0 = vm_events[KSWAPD_WAKEUP];
	runs0 = vm_events[PAGEOUTRUN];
	steal0 = vm_events[PGSTEAL_KSWAPD];
	scan0 = vm_events[PGSCAN_KSWAPD];
	KT_EXPECT(t, all_zones(above_high));
	while (vm_events[KSWAPD_WAKEUP] == wake0 && (p = alloc_page(__GFP_NOWARN))) {
		list_add(&p->lru, &hog);
		held++;
	}
	KT_EXPECT_EQ(t, vm_events[KSWAPD_WAKEUP], wake0 + 1);
	KT_EXPECT(t, all_zones(below_low));
	KT_EXPECT_EQ(t, vm_events[PAGEOUTRUN], runs0); /* woken, not yet run */
	if (deep) {
		while ((p = alloc_page(GFP_ATOMIC | __GFP_NOWARN))) {
			list_add(&p->lru, &hog);
			held++;
		}
	} else {
		while (!all_zones(above_low) && held > 0) {
			free_hog(&hog, 1);
			held--;
		}
		KT_EXPECT(t, all_zones(above_low) && all_zones(below_high));
	}

	KT_EXPECT(t, wait_kswapd_done(kswapd, runs0));
	KT_EXPECT_EQ(t, vm_events[PAGEOUTRUN], runs0 + 1);
	KT_EXPECT(t, all_zones(above_high));
	KT_EXPECT(t, vm_events[PGSCAN_KSWAPD] > scan0);
	KT_EXPECT(t, vm_events[PGSTEAL_KSWAPD] > steal0);
	KT_EXPECT(t, mm->swap_ents > 0);

	/* Nothing allocates: it stays asleep. */
	runs0 = vm_events[PAGEOUTRUN];
	wake0 = vm_events[KSWAPD_WAKEUP];
	schedule_timeout_uninterruptible(20);
	KT_EXPECT_EQ(t, vm_events[PAGEOUTRUN], runs0);
	KT_EXPECT_EQ(t, vm_events[KSWAPD_WAKEUP], wake0);
	KT_EXPECT(t, kswapd_asleep(kswapd));

	free_hog(&hog, held);
	KT_EXPECT_EQ(t, test_mm_bad_pages(mm, npages), 0);
	mmput(mm);
	KT_EXPECT_EQ(t, do_swapoff("hda"), 0);
}

static void test_kswapd_woken_below_low_sleeps_above_high(struct ktest *t)
{
	kswapd_refills(t, false);
}

static void test_kswapd_refills_deep_deficit(struct ktest *t)
{
	kswapd_refills(t, true);
}

KTEST_SUITE_FLAGS(vmscan, KTEST_EXPLICIT,
		  KTEST_CASE(test_refill_keeps_referenced_deactivates_unreferenced),
		  KTEST_CASE(test_swappiness_0_keeps_mapped_pages_until_priority_0),
		  KTEST_CASE(test_swappiness_60_takes_mapped_pages_under_distress),
		  KTEST_CASE(test_swappiness_100_takes_mapped_pages_at_once),
		  KTEST_CASE(test_shrink_list_skips_locked_page),
		  KTEST_CASE(test_shrink_list_keeps_page_under_writeback),
		  KTEST_CASE(test_shrink_list_activates_referenced_page),
		  KTEST_CASE(test_shrink_list_gives_anon_page_a_slot),
		  KTEST_CASE(test_shrink_list_activates_anon_page_without_swap_space),
		  KTEST_CASE(test_shrink_list_culls_mlocked_page),
		  KTEST_CASE(test_shrink_list_writes_dirty_page),
		  KTEST_CASE(test_shrink_list_frees_clean_swap_cache_page),
		  KTEST_CASE(test_direct_reclaim_waits_for_its_writes),
		  KTEST_CASE(test_direct_reclaim_returns_empty_slabs),
		  KTEST_CASE(test_refault_activates_page_that_would_have_stayed),
		  KTEST_CASE(test_old_shadows_are_pruned),
		  KTEST_CASE(test_kswapd_woken_below_low_sleeps_above_high),
		  KTEST_CASE(test_kswapd_refills_deep_deficit));
