/*
 * Self-tests of the LRU lists (mm/swap.c; Gorman §10.3 "LRU Lists",
 * Mauerer §18.6.2): where a new page lands (the pagevec, then the head of
 * the inactive list; a page read back from swap on the active list),
 * mark_page_accessed's two steps from inactive to active, refill_inactive_zone
 * leaving anonymous pages active when there is no swap space, and mlock
 * taking pages off the lists and munlock putting them back.
 *
 * Suite "lru" needs no disk and runs with every "test" boot. The test
 * thread borrows a user address space (mm/test_mm.c) and touches it through
 * copy_to_user, which faults as a process would; in a self-test boot nobody
 * else has user pages, so the LRU lists hold only the test's pages.
 */
#include <kernel/ktest.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>
#include <mm/mm.h>
#include <mm/test_mm.h>
#include <mm/mmzone.h>
#include <mm/lru.h>
#include <mm/gfp.h>
#include <mm/swapfile.h>
#include <mm/vmscan.h>
#include <mm/vmstat.h>

static void test_new_page_joins_inactive_list_after_drain(struct ktest *t)
{
	struct mm_struct *mm = test_mm_create(2);
	struct page *page, *swapped;
	unsigned long inactive0;
	char c = 'x';

	KT_ASSERT(t, mm);
	lru_add_drain(); /* an empty pagevec: the next page waits in it */
	test_mm_enter(mm);
	KT_EXPECT_EQ(t, copy_to_user((void *)test_mm_addr(0), &c, 1), 0);
	test_mm_leave();
	page = test_mm_page(mm, 0);
	KT_ASSERT(t, page);
	/* Batched: not on a list until the pagevec drains. */
	KT_EXPECT(t, !PageLRU(page));
	inactive0 = page_zone(page)->nr_inactive;
	lru_add_drain();
	KT_EXPECT(t, test_mm_on_inactive_list(page));
	KT_EXPECT(t, list_first_entry(&page_zone(page)->inactive_list, struct page, lru) == page);
	KT_EXPECT_EQ(t, page_zone(page)->nr_inactive, inactive0 + 1);
	KT_EXPECT(t, !PageReferenced(page));

	/* lru_cache_add_active (a page read back from swap) lands on the active list. */
	swapped = alloc_page(GFP_KERNEL);
	KT_ASSERT(t, swapped);
	lru_cache_add_active(swapped);
	lru_add_drain();
	KT_EXPECT(t, test_mm_on_active_list(swapped));
	KT_EXPECT(t,
		  list_first_entry(&page_zone(swapped)->active_list, struct page, lru) == swapped);
	put_page(swapped); /* the last reference takes it off the list */
	KT_EXPECT(t, !test_mm_on_list(swapped, &page_zone(swapped)->active_list));
	mmput(mm);
}

static void test_mark_page_accessed_twice_activates(struct ktest *t)
{
	struct page *page;
	struct mm_struct *mm = test_mm_one_page(t, &page);
	unsigned long act0 = vm_events[PGACTIVATE];

	if (!mm)
		return;
	KT_ASSERT(t, test_mm_on_inactive_list(page) && !PageReferenced(page));
	mark_page_accessed(page); /* inactive,unreferenced -> inactive,referenced */
	KT_EXPECT(t, test_mm_on_inactive_list(page));
	KT_EXPECT(t, PageReferenced(page));
	KT_EXPECT_EQ(t, vm_events[PGACTIVATE], act0);
	mark_page_accessed(page); /* inactive,referenced -> active,unreferenced */
	KT_EXPECT(t, test_mm_on_active_list(page));
	KT_EXPECT(t, !PageReferenced(page));
	KT_EXPECT_EQ(t, vm_events[PGACTIVATE], act0 + 1);
	mark_page_accessed(page); /* active,unreferenced -> active,referenced */
	KT_EXPECT(t, test_mm_on_active_list(page) && PageReferenced(page));
	mmput(mm);
}

/*
 * No swap area: an anonymous page has nowhere to go, so aging leaves it
 * active even when it is unreferenced and reclaim is desperate (priority
 * 0), instead of moving it to the inactive list for shrink_list to
 * activate again (Linux: "no swap space -> anonymous pages stay active").
 */
static void test_refill_keeps_anon_active_without_swap(struct ktest *t)
{
	struct scan_control sc = { .gfp_mask = GFP_KERNEL, .priority = 0 };
	unsigned long deact0;
	struct page *page;
	struct mm_struct *mm;
	struct zone *zone;

	KT_ASSERT(t, total_swap_pages == 0 && nr_swap_pages == 0);
	mm = test_mm_one_page(t, &page);
	if (!mm)
		return;
	activate_page(page);
	test_mm_forget_references(page);
	deact0 = vm_events[PGDEACTIVATE];
	for_each_zone (zone)
		if (populated_zone(zone) && zone->nr_active)
			refill_inactive_zone(zone, zone->nr_active, &sc);
	KT_EXPECT(t, test_mm_on_active_list(page));
	KT_EXPECT_EQ(t, vm_events[PGDEACTIVATE], deact0);
	KT_EXPECT_EQ(t, mm->rss, 1);
	mmput(mm);
}

/*
 * mlock takes the pages of the region off the LRU lists (reclaim could only
 * skip them there); munlock puts them back; pages still locked when their
 * address space goes away are freed, not left behind.
 */
static void test_mlocked_pages_leave_the_lru(struct ktest *t)
{
	struct mm_struct *mm = test_mm_create(8);
	unsigned long culled0 = vm_events[UNEVICTABLE_PGMLOCKED];
	struct page *pages[8];

	KT_ASSERT(t, mm && test_mm_fill(mm, 8));
	lru_add_drain();
	for (int i = 0; i < 8; i++)
		KT_ASSERT(t, (pages[i] = test_mm_page(mm, i)) && PageLRU(pages[i]));
	test_mm_enter(mm);
	KT_EXPECT_EQ(t, sys_mlock(test_mm_addr(0), 4 * PAGE_SIZE), 0);
	test_mm_leave();
	for (int i = 0; i < 8; i++) {
		KT_EXPECT_EQ(t, PageLRU(pages[i]), i >= 4);
		KT_EXPECT_EQ(t, PageMlocked(pages[i]), i < 4);
	}
	KT_EXPECT_EQ(t, vm_events[UNEVICTABLE_PGMLOCKED], culled0 + 4);
	test_mm_enter(mm);
	KT_EXPECT_EQ(t, sys_munlock(test_mm_addr(0), 2 * PAGE_SIZE), 0);
	test_mm_leave();
	lru_add_drain();
	for (int i = 0; i < 4; i++) {
		KT_EXPECT_EQ(t, PageLRU(pages[i]), i < 2);
		KT_EXPECT_EQ(t, PageMlocked(pages[i]), i >= 2);
	}
	KT_EXPECT_EQ(t, test_mm_bad_pages(mm, 8), 0);
	mmput(mm);
	lru_add_drain();
	for (int i = 0; i < 8; i++)
		KT_EXPECT_EQ(t, page_count(pages[i]), 0);	/* all freed */
}

KTEST_SUITE(lru, KTEST_CASE(test_new_page_joins_inactive_list_after_drain),
	    KTEST_CASE(test_mark_page_accessed_twice_activates),
	    KTEST_CASE(test_refill_keeps_anon_active_without_swap),
	    KTEST_CASE(test_mlocked_pages_leave_the_lru));
