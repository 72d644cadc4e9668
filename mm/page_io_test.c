/*
 * Self-tests of swap I/O errors: what the swap cache, reclaim and the
 * fault path do with a page whose read or write failed. The harness
 * attaches two whole-disk swap areas through QEMU blkdebug
 * (tests/suites_swap.py): on hda every read of slot 21 fails, on hdb
 * every write of slot 11. A fresh area hands out slots from 1 on, so page
 * N of a test address space paged out at once lands in slot N + 1.
 *
 * The promise under test: a page that was never read is never mapped (its
 * owners get SIGBUS when they touch it, and the frame's old contents are
 * never seen), and a slot that failed a write is never used again.
 */
#include <kernel/ktest.h>
#include <kernel/sched.h>
#include <kernel/wait.h>
#include <kernel/uaccess.h>
#include <mm/mm.h>
#include <mm/test_mm.h>
#include <mm/lru.h>
#include <mm/pagemap.h>
#include <mm/swap_state.h>
#include <mm/swapfile.h>
#include <mm/vmscan.h>
#include <mm/vmcheck.h>
#include <mm/gfp.h>
#include <uapi/abi.h>
#include <uapi/errno.h>

#define READ_ERROR_DEV	"hda"
#define READ_ERROR_PAGE 20	/* slot 21 */
#define WRITE_ERROR_DEV "hdb"
#define WRITE_ERROR_PAGE 10	/* slot 11 */

static u32 buf[1024];

static struct swap_info_struct *area(const char *name)
{
	for (int t = 0; t < MAX_SWAPFILES; t++)
		if ((swap_info[t].flags & SWP_USED) && !strcmp(swap_info[t].name, name))
			return &swap_info[t];
	return NULL;
}

/* A fresh area on @dev and @pages pages of @mm written out to slots 1..@pages. */
static struct mm_struct *swapped_out_mm(struct ktest *t, const char *dev, int pages)
{
	struct mm_struct *mm = test_mm_create(pages);

	if (!KT_EXPECT(t, mm != NULL))
		return NULL;
	if (!KT_EXPECT_EQ(t, do_swapon(dev, SWAP_FLAG_PREFER | 100), 0) ||
	    !KT_EXPECT(t, test_mm_fill(mm, pages))) {
		mmput(mm);
		return NULL;
	}
	pageout_range(mm, TEST_MM_BASE, TEST_MM_BASE + pages * PAGE_SIZE);
	for (int p = 0; p < pages; p++) {
		pte_t pte = test_mm_pte(mm, p);
		if (!KT_EXPECT(t, pte && !(pte & _PAGE_PRESENT)) ||
		    !KT_EXPECT_EQ(t, swp_offset(pte_to_swp_entry(pte)), p + 1)) {
			mmput(mm);
			do_swapoff(dev);
			return NULL;
		}
	}
	return mm;
}

/* Start the read of page @p's slot as readahead would, and wait for it to fail. */
static struct page *failed_read(struct ktest *t, struct mm_struct *mm, int p)
{
	struct page *page = read_swap_cache_async(pte_to_swp_entry(test_mm_pte(mm, p)));

	if (!KT_EXPECT(t, page != NULL))
		return NULL;
	wait_on_page_locked(page);
	KT_EXPECT(t, !PageUptodate(page) && PageError(page));
	return page;
}

/*
 * Reclaim reaches a page whose (readahead) read failed before its owner
 * faults. It must not map the never-read frame for the owner: the PTE
 * keeps the swap entry and the owner's access fails (SIGBUS).
 */
static void test_reclaim_never_maps_unread_page(struct ktest *t)
{
	struct mm_struct *mm = swapped_out_mm(t, READ_ERROR_DEV, 24);
	struct page *page;

	KT_ASSERT(t, mm);
	page = failed_read(t, mm, READ_ERROR_PAGE);
	if (page) {
		put_page(page);	/* the swap cache keeps it */
		test_mm_reclaim_page(page);
	}
	KT_EXPECT(t, !(test_mm_pte(mm, READ_ERROR_PAGE) & _PAGE_PRESENT));
	KT_EXPECT_EQ(t, test_mm_read(mm, READ_ERROR_PAGE, buf), -EFAULT);
	KT_EXPECT_EQ(t, test_mm_read(mm, READ_ERROR_PAGE + 1, buf), 0);
	KT_EXPECT(t, test_mm_page_ok(READ_ERROR_PAGE + 1, buf));
	mmput(mm);
	KT_EXPECT_EQ(t, do_swapoff(READ_ERROR_DEV), 0);
	KT_EXPECT_EQ(t, vmcheck("ktest"), 0);
}

static struct {
	struct mm_struct *mm;
	int result;
	volatile bool done;
} toucher;
static DECLARE_WAIT_QUEUE_HEAD(toucher_wait);

/* A thread that touches page READ_ERROR_PAGE of toucher.mm, as its owner would. */
static int touch_thread(void *arg)
{
	current->mm = toucher.mm;
	switch_mm(toucher.mm);
	toucher.result = copy_from_user(buf, (void *)test_mm_addr(READ_ERROR_PAGE), PAGE_SIZE)
				 ? -EFAULT : 0;
	current->mm = NULL;
	switch_mm(NULL);
	toucher.done = true;
	wake_up(&toucher_wait);
	return 0;
}

/*
 * The owner faults on the page while its read is in flight and sleeps on
 * the page lock; when the read has failed, reclaim takes the lock first.
 * Reclaim must leave the page unmapped, and the owner, once it has the
 * lock, must get SIGBUS rather than whatever reclaim left in its PTE.
 */
static void test_fault_loses_page_lock_to_reclaim(struct ktest *t)
{
	struct mm_struct *mm = swapped_out_mm(t, READ_ERROR_DEV, 24);
	struct page *page;

	KT_ASSERT(t, mm);
	page = failed_read(t, mm, READ_ERROR_PAGE);
	if (page) {
		lock_page(page);	/* as if the read were still in flight */
		toucher.mm = mm;
		toucher.done = false;
		KT_ASSERT(t, kernel_thread(touch_thread, NULL, "toucher"));
		schedule_timeout_uninterruptible(2);	/* it faults and waits for the lock */
		KT_EXPECT(t, !toucher.done);
		unlock_page(page);	/* the toucher is woken, but we run on: */
		put_page(page);
		test_mm_reclaim_page(page);
		wait_event(toucher_wait, toucher.done);
		KT_EXPECT_EQ(t, toucher.result, -EFAULT);
	}
	KT_EXPECT(t, !(test_mm_pte(mm, READ_ERROR_PAGE) & _PAGE_PRESENT));
	mmput(mm);
	KT_EXPECT_EQ(t, do_swapoff(READ_ERROR_DEV), 0);
	KT_EXPECT_EQ(t, vmcheck("ktest"), 0);
}

/* One shrink_list pass over pages [0, n): the writes start and end, nothing is freed. */
static void write_out_once(struct mm_struct *mm, int n)
{
	struct scan_control sc = { .gfp_mask = GFP_KERNEL, .may_swap = true,
				   .ignore_referenced = true };
	struct page *page;
	LIST_HEAD(list);

	lru_add_drain();
	for (int p = 0; p < n; p++)
		isolate_lru_page(pfn_to_page(test_mm_pte(mm, p) >> PAGE_SHIFT), &list);
	shrink_list(&list, &sc);
	list_for_each_entry(page, &list, lru)
		wait_on_page_writeback(page);
	putback_lru_pages(&list);
}

/*
 * A write fails and the owner touches the page before reclaim comes back
 * to retire the slot. The page leaves the swap cache then: the slot must
 * be retired there (never handed out again) and the page must forget the
 * error, or a later, healthy slot of it would be retired instead.
 */
static void test_write_error_retired_when_page_leaves_cache(struct ktest *t)
{
	struct mm_struct *mm = test_mm_create(16);
	struct swap_info_struct *si;
	struct page *page;
	unsigned long bad0;

	KT_ASSERT(t, mm);
	KT_ASSERT_EQ(t, do_swapon(WRITE_ERROR_DEV, SWAP_FLAG_PREFER | 100), 0);
	si = area(WRITE_ERROR_DEV);
	bad0 = si->stats.bad;
	KT_ASSERT(t, test_mm_fill(mm, 16));
	page = pfn_to_page(test_mm_pte(mm, WRITE_ERROR_PAGE) >> PAGE_SHIFT);
	write_out_once(mm, 16);
	KT_EXPECT(t, PageError(page) && PageSwapCache(page) && page->private ==
		  swp_entry(si - swap_info, WRITE_ERROR_PAGE + 1).val);
	/* The owner touches it: mapped again, and it leaves the swap cache. */
	KT_EXPECT_EQ(t, test_mm_read(mm, WRITE_ERROR_PAGE, buf), 0);
	KT_EXPECT(t, test_mm_page_ok(WRITE_ERROR_PAGE, buf));
	KT_EXPECT(t, !PageSwapCache(page));
	KT_EXPECT(t, !PageError(page));
	KT_EXPECT_EQ(t, swap_slot_count(swp_entry(si - swap_info, WRITE_ERROR_PAGE + 1)),
		     SWAP_MAP_BAD);
	KT_EXPECT_EQ(t, si->stats.bad, bad0 + 1);
	/* Out again, to a healthy slot, which must stay in use. */
	pageout_range(mm, TEST_MM_BASE, TEST_MM_BASE + 16 * PAGE_SIZE);
	KT_EXPECT(t, !(test_mm_pte(mm, WRITE_ERROR_PAGE) & _PAGE_PRESENT));
	KT_EXPECT_EQ(t, si->stats.bad, bad0 + 1);
	KT_EXPECT_EQ(t, test_mm_bad_pages(mm, 16), 0);
	mmput(mm);
	KT_EXPECT_EQ(t, do_swapoff(WRITE_ERROR_DEV), 0);
	KT_EXPECT_EQ(t, vmcheck("ktest"), 0);
}

KTEST_SUITE_FLAGS(swap_io_errors, KTEST_EXPLICIT, KTEST_CASE(test_reclaim_never_maps_unread_page),
		  KTEST_CASE(test_fault_loses_page_lock_to_reclaim),
		  KTEST_CASE(test_write_error_retired_when_page_leaves_cache));
