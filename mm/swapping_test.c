/*
 * Self-tests of swapping proper: pages out and back with their contents,
 * a swapped page shared after fork, readahead, write clustering, swapoff
 * with pages out and swapoff refused for lack of memory, and exit giving
 * the slots back. The harness boots them with a 16 MiB whole-disk swap
 * image as hda and scripts/mkswapdisk's image as hdb (hdb5: 1 MiB area).
 * The test thread borrows a user address space, as mm/memory_test.c does.
 */
#include <kernel/ktest.h>
#include <kernel/sched.h>
#include <kernel/uaccess.h>
#include <mm/mm.h>
#include <mm/test_mm.h>
#include <mm/mmzone.h>
#include <mm/lru.h>
#include <mm/rmap.h>
#include <mm/swap_state.h>
#include <mm/pagemap.h>
#include <mm/page_io.h>
#include <mm/swapfile.h>
#include <mm/vmscan.h>
#include <mm/vmcheck.h>
#include <mm/vmstat.h>
#include <mm/gfp.h>
#include <block/blkdev.h>
#include <arch/x86/paging.h>
#include <uapi/abi.h>
#include <kernel/syscalls.h>
#include <uapi/errno.h>

static bool is_swapped(pte_t pte)
{
	return pte && !(pte & _PAGE_PRESENT);
}

static bool swap_ready(struct ktest *t, const char *dev)
{
	int r = do_swapon(dev, SWAP_FLAG_PREFER | 100);

	return KT_EXPECT_EQ(t, r, 0);
}

static void test_out_and_back_in(struct ktest *t)
{
	struct mm_struct *mm = test_mm_create(16);
	unsigned long out0 = vm_events[PSWPOUT], in0 = vm_events[PSWPIN];
	unsigned long free_before;

	KT_ASSERT(t, mm && swap_ready(t, "hda"));
	KT_ASSERT(t, test_mm_fill(mm, 16));
	KT_EXPECT_EQ(t, mm->rss, 16);
	free_before = nr_free_pages();
	pageout_range(mm, TEST_MM_BASE, TEST_MM_BASE + 16 * PAGE_SIZE);
	KT_EXPECT_EQ(t, mm->rss, 0);
	KT_EXPECT_EQ(t, mm->swap_ents, 16);
	KT_EXPECT_EQ(t, vm_events[PSWPOUT] - out0, 16);
	/* The 16 frames are free again (slab caches for tree nodes and bios may keep two). */
	KT_EXPECT(t, nr_free_pages() + 2 >= free_before + 16);
	for (int p = 0; p < 16; p++) {
		KT_EXPECT(t, is_swapped(test_mm_pte(mm, p)));
		KT_EXPECT_EQ(t, swap_count(pte_to_swp_entry(test_mm_pte(mm, p))), 1);
	}
	KT_EXPECT_EQ(t, test_mm_bad_pages(mm, 16), 0);
	KT_EXPECT_EQ(t, vm_events[PSWPIN] - in0, 16);
	KT_EXPECT_EQ(t, mm->rss, 16);
	KT_EXPECT_EQ(t, mm->swap_ents, 0);
	mmput(mm);
	KT_EXPECT_EQ(t, do_swapoff("hda"), 0);
	KT_EXPECT_EQ(t, vmcheck("ktest"), 0);
}

static void test_write_clustering(struct ktest *t)
{
	struct mm_struct *mm = test_mm_create(64);
	struct disk_stats *st;
	unsigned long ios0, sectors0;

	KT_ASSERT(t, mm && swap_ready(t, "hda"));
	st = &bdev_lookup("hda")->disk->stats;
	KT_ASSERT(t, test_mm_fill(mm, 64));
	ios0 = st->ios[WRITE];
	sectors0 = st->sectors[WRITE];
	pageout_range(mm, TEST_MM_BASE, TEST_MM_BASE + 64 * PAGE_SIZE);
	KT_EXPECT_EQ(t, st->sectors[WRITE] - sectors0, 64 * 8);
	/* Consecutive slots become a few multi-page commands, not 64. */
	KT_EXPECT(t, st->ios[WRITE] - ios0 <= 4);
	KT_EXPECT_EQ(t, test_mm_bad_pages(mm, 64), 0);
	mmput(mm);
	KT_EXPECT_EQ(t, do_swapoff("hda"), 0);
	KT_EXPECT_EQ(t, vmcheck("ktest"), 0);
}

static void test_shared_swapped_page_after_fork(struct ktest *t)
{
	struct mm_struct *a = test_mm_create(1), *b;
	swp_entry_t e;

	KT_ASSERT(t, a && swap_ready(t, "hda"));
	KT_ASSERT(t, test_mm_fill(a, 1));
	b = dup_mm(a);
	KT_ASSERT(t, b);
	test_mm_reclaim_page(pfn_to_page(test_mm_pte(a, 0) >> PAGE_SHIFT));
	KT_ASSERT(t, is_swapped(test_mm_pte(a, 0)) && test_mm_pte(a, 0) == test_mm_pte(b, 0));
	e = pte_to_swp_entry(test_mm_pte(a, 0));
	KT_EXPECT_EQ(t, swap_count(e), 2);	/* one per PTE */
	KT_EXPECT_EQ(t, test_mm_bad_pages(a, 1), 0);	/* a reads it back... */
	KT_EXPECT(t, is_swapped(test_mm_pte(b, 0)));	/* ...b still holds the entry */
	KT_EXPECT_EQ(t, swap_count(e), 2);	/* b's PTE and the swap cache */
	KT_EXPECT_EQ(t, test_mm_bad_pages(b, 1), 0);	/* b finds the same page in the cache */
	KT_EXPECT_EQ(t, test_mm_pte(a, 0) & PAGE_MASK, test_mm_pte(b, 0) & PAGE_MASK);
	KT_EXPECT_EQ(t, page_mapcount(pfn_to_page(test_mm_pte(a, 0) >> PAGE_SHIFT)), 2);
	/* A write after swap-in is copy-on-write again. */
	test_mm_enter(a);
	u32 v = 0x12345678;
	KT_EXPECT_EQ(t, copy_to_user((void *)TEST_MM_BASE, &v, 4), 0);
	test_mm_leave();
	KT_EXPECT(t, (test_mm_pte(a, 0) & PAGE_MASK) != (test_mm_pte(b, 0) & PAGE_MASK));
	KT_EXPECT_EQ(t, test_mm_bad_pages(b, 1), 0);
	mmput(b);
	mmput(a);
	KT_EXPECT_EQ(t, do_swapoff("hda"), 0);
	KT_EXPECT_EQ(t, vmcheck("ktest"), 0);
}

/*
 * Adaptive readahead (swapin_nr_pages): faults in slot order find the
 * pages read with earlier faults, so the window grows and 16 pages come
 * in with a few major faults, every page read exactly once.
 */
static void test_readahead_follows_sequential_faults(struct ktest *t)
{
	struct mm_struct *mm = test_mm_create(16);
	unsigned long ra0, maj0, in0;

	KT_ASSERT(t, mm && swap_ready(t, "hda"));
	KT_ASSERT(t, test_mm_fill(mm, 16));
	pageout_range(mm, TEST_MM_BASE, TEST_MM_BASE + 16 * PAGE_SIZE);
	ra0 = vm_events[SWAP_RA];
	maj0 = vm_events[PGMAJFAULT];
	in0 = vm_events[PSWPIN];
	for (int i = 1; i <= 16; i++)
		KT_EXPECT_EQ(t, test_mm_bad_pages(mm, i), 0);	/* faults pages 0, 1, ... in order */
	KT_EXPECT(t, vm_events[PGMAJFAULT] - maj0 <= 8);
	KT_EXPECT(t, vm_events[SWAP_RA] - ra0 >= 8);
	KT_EXPECT_EQ(t, vm_events[PSWPIN] - in0, 16);	/* each read once, none wasted */
	mmput(mm);
	KT_EXPECT_EQ(t, do_swapoff("hda"), 0);
}

/*
 * Faults far apart find none of the pages read around earlier faults: the
 * window shrinks to the faulting page (the fixed 8-page window of the
 * books would read 8 per fault: 64 here).
 */
static void test_readahead_backs_off_scattered_faults(struct ktest *t)
{
	struct mm_struct *mm = test_mm_create(128);
	unsigned long ra0, in0;

	KT_ASSERT(t, mm && swap_ready(t, "hda"));
	KT_ASSERT(t, test_mm_fill(mm, 128));
	pageout_range(mm, TEST_MM_BASE, TEST_MM_BASE + 128 * PAGE_SIZE);
	ra0 = vm_events[SWAP_RA];
	in0 = vm_events[PSWPIN];
	test_mm_enter(mm);
	for (int i = 0; i < 128; i += 16) {
		char c;
		KT_EXPECT_EQ(t, copy_from_user(&c, (void *)test_mm_addr(i), 1), 0);
	}
	test_mm_leave();
	/* At most the decay of an earlier window: 4 + 2 + 1 pages. */
	KT_EXPECT(t, vm_events[SWAP_RA] - ra0 <= 7);
	KT_EXPECT(t, vm_events[PSWPIN] - in0 <= 8 + 7);
	KT_EXPECT_EQ(t, test_mm_bad_pages(mm, 128), 0);
	mmput(mm);
	KT_EXPECT_EQ(t, do_swapoff("hda"), 0);
	KT_EXPECT_EQ(t, vmcheck("ktest"), 0);
}

static void test_swapoff_brings_pages_back(struct ktest *t)
{
	struct mm_struct *mm = test_mm_create(32);

	KT_ASSERT(t, mm && swap_ready(t, "hdb5"));
	KT_ASSERT(t, test_mm_fill(mm, 32));
	pageout_range(mm, TEST_MM_BASE, TEST_MM_BASE + 32 * PAGE_SIZE);
	KT_ASSERT_EQ(t, mm->swap_ents, 32);
	KT_EXPECT_EQ(t, do_swapoff("hdb5"), 0);
	KT_EXPECT_EQ(t, mm->swap_ents, 0);
	KT_EXPECT_EQ(t, mm->rss, 32);
	for (int p = 0; p < 32; p++)
		KT_EXPECT(t, test_mm_pte(mm, p) & _PAGE_PRESENT);
	KT_EXPECT_EQ(t, test_mm_bad_pages(mm, 32), 0);
	mmput(mm);
}

/*
 * A fault reads a swap entry from its PTE, then may sleep (allocating a
 * page for readahead) while swapoff reads the whole area back and frees
 * its swap_map. Swapping in that entry must find nothing to read (the
 * fault is then retried and finds the page present), not read the freed
 * map.
 */
static void test_swapin_after_area_swapped_off(struct ktest *t)
{
	struct mm_struct *mm = test_mm_create(8);
	unsigned long offsets[8];
	swp_entry_t entry;

	KT_ASSERT(t, mm && swap_ready(t, "hdb5"));
	KT_ASSERT(t, test_mm_fill(mm, 8));
	pageout_range(mm, TEST_MM_BASE, TEST_MM_BASE + 8 * PAGE_SIZE);
	KT_ASSERT(t, is_swapped(test_mm_pte(mm, 3)));
	entry = pte_to_swp_entry(test_mm_pte(mm, 3));
	KT_EXPECT_EQ(t, do_swapoff("hdb5"), 0);
	KT_EXPECT(t, !(swap_info[swp_type(entry)].flags & SWP_USED)); /* the area is gone */
	KT_EXPECT_EQ(t, valid_swaphandles(entry, 8, offsets), 0);
	swapin_readahead(entry);
	KT_EXPECT(t, !read_swap_cache_async(entry));
	KT_EXPECT(t, !lookup_swap_cache(entry));
	KT_EXPECT_EQ(t, test_mm_bad_pages(mm, 8), 0);
	mmput(mm);
}

static void test_swapoff_refused_without_memory(struct ktest *t)
{
	struct mm_struct *mm = test_mm_create(200);
	LIST_HEAD(hog);
	struct page *p, *n;
	long taken = 0;

	KT_ASSERT(t, mm && swap_ready(t, "hdb5"));
	KT_ASSERT(t, test_mm_fill(mm, 200));
	pageout_range(mm, TEST_MM_BASE, TEST_MM_BASE + 200 * PAGE_SIZE);
	/* Hold memory until fewer than 200 pages are free. */
	while (nr_free_pages() > 150 && (p = alloc_page(GFP_ATOMIC | __GFP_NOWARN))) {
		list_add(&p->lru, &hog);
		taken++;
	}
	KT_EXPECT_EQ(t, do_swapoff("hdb5"), -ENOMEM);
	KT_EXPECT(t, swap_info[swp_type(pte_to_swp_entry(test_mm_pte(mm, 0)))].flags & SWP_WRITEOK);
	swp_entry_t e = get_swap_page();	/* still active and usable */
	KT_EXPECT(t, e.val != 0);
	if (e.val)
		swap_free(e);
	list_for_each_entry_safe(p, n, &hog, lru) {
		list_del(&p->lru);
		__free_page(p);
	}
	KT_EXPECT(t, taken > 0);
	KT_EXPECT_EQ(t, do_swapoff("hdb5"), 0);
	KT_EXPECT_EQ(t, test_mm_bad_pages(mm, 200), 0);
	mmput(mm);
}

static struct swap_info_struct *area(const char *name)
{
	for (int t = 0; t < MAX_SWAPFILES; t++)
		if ((swap_info[t].flags & SWP_USED) && !strcmp(swap_info[t].name, name))
			return &swap_info[t];
	return NULL;
}

/* sysinfo(2) as a process of @umm sees it. */
static struct sysinfo sysinfo_of(struct mm_struct *umm)
{
	struct sysinfo info = { 0 };

	test_mm_enter(umm);
	if (!sys_sysinfo((struct sysinfo *)TEST_MM_BASE))
		copy_from_user(&info, (void *)TEST_MM_BASE, sizeof(info));
	test_mm_leave();
	return info;
}

/*
 * While swapoff drains an area (disabled, pages still on it), free swap
 * must not exceed the total: like Linux's si_swapinfo, the area's pages
 * in use count in both, its free slots in neither.
 */
static void test_sysinfo_during_swapoff(struct ktest *t)
{
	struct mm_struct *mm = test_mm_create(32), *umm = test_mm_create(1);
	struct swap_info_struct *si;
	struct sysinfo info;
	int prio;

	KT_ASSERT(t, mm && umm && swap_ready(t, "hdb5"));
	si = area("hdb5");
	KT_ASSERT(t, test_mm_fill(mm, 32));
	pageout_range(mm, TEST_MM_BASE, TEST_MM_BASE + 32 * PAGE_SIZE);
	info = sysinfo_of(umm);
	KT_EXPECT_EQ(t, info.totalswap, si->pages * PAGE_SIZE);
	KT_EXPECT_EQ(t, info.freeswap, (si->pages - 32) * PAGE_SIZE);
	prio = si->prio;
	swap_area_disable(si);	/* what swapoff does before try_to_unuse */
	info = sysinfo_of(umm);
	KT_EXPECT_EQ(t, info.totalswap, 32 * PAGE_SIZE);
	KT_EXPECT_EQ(t, info.freeswap, 0);
	swap_area_enable(si, prio);
	KT_EXPECT_EQ(t, do_swapoff("hdb5"), 0);
	KT_EXPECT_EQ(t, test_mm_bad_pages(mm, 32), 0);
	mmput(umm);
	mmput(mm);
}

/*
 * Reclaim must not put new references to an area being swapped off into
 * page tables: try_to_unuse would have to find them again. A page in
 * such an area's swap cache stays mapped.
 */
static void test_reclaim_adds_no_reference_to_area_being_swapped_off(struct ktest *t)
{
	struct mm_struct *a = test_mm_create(1), *b;
	struct swap_info_struct *si;
	struct page *page;
	swp_entry_t e;
	int prio;

	KT_ASSERT(t, a && swap_ready(t, "hda"));
	KT_ASSERT(t, test_mm_fill(a, 1));
	b = dup_mm(a);
	KT_ASSERT(t, b);
	test_mm_reclaim_page(pfn_to_page(test_mm_pte(a, 0) >> PAGE_SHIFT));
	KT_ASSERT(t, is_swapped(test_mm_pte(a, 0)));
	e = pte_to_swp_entry(test_mm_pte(a, 0));
	KT_EXPECT_EQ(t, test_mm_bad_pages(a, 1), 0);	/* a maps it, b holds the entry */
	KT_ASSERT(t, test_mm_pte(a, 0) & _PAGE_PRESENT);
	page = pfn_to_page(test_mm_pte(a, 0) >> PAGE_SHIFT);
	KT_EXPECT_EQ(t, swap_count(e), 2);	/* b's PTE and the swap cache */
	si = area("hda");
	prio = si->prio;
	swap_area_disable(si);	/* swapoff has begun */
	test_mm_reclaim_page(page);
	KT_EXPECT(t, test_mm_pte(a, 0) & _PAGE_PRESENT);
	KT_EXPECT_EQ(t, swap_count(e), 2);
	swap_area_enable(si, prio);
	KT_EXPECT_EQ(t, test_mm_bad_pages(b, 1), 0);
	mmput(b);
	mmput(a);
	KT_EXPECT_EQ(t, do_swapoff("hda"), 0);
	KT_EXPECT_EQ(t, vmcheck("ktest"), 0);
}

/*
 * Swapoff may go ahead when RAM alone cannot hold the area's pages but
 * RAM and the free space of the other areas can: reclaim moves pages to
 * the other area while try_to_unuse brings them in (Linux's rule).
 */
static void test_swapoff_moves_pages_to_other_area(struct ktest *t)
{
	struct mm_struct *mm = test_mm_create(200);
	LIST_HEAD(hog);
	struct page *p, *n;

	KT_ASSERT(t, mm && swap_ready(t, "hdb5"));
	KT_ASSERT_EQ(t, do_swapon("hda", SWAP_FLAG_PREFER | 50), 0);
	KT_ASSERT(t, test_mm_fill(mm, 200));
	pageout_range(mm, TEST_MM_BASE, TEST_MM_BASE + 200 * PAGE_SIZE);
	KT_EXPECT_EQ(t, area("hdb5")->inuse_pages, 200);
	while (nr_free_pages() > 150 && (p = alloc_page(GFP_ATOMIC | __GFP_NOWARN)))
		list_add(&p->lru, &hog);
	KT_EXPECT_EQ(t, do_swapoff("hdb5"), 0);
	KT_EXPECT(t, area("hdb5") == NULL);
	list_for_each_entry_safe(p, n, &hog, lru) {
		list_del(&p->lru);
		__free_page(p);
	}
	KT_EXPECT_EQ(t, test_mm_bad_pages(mm, 200), 0);
	mmput(mm);
	KT_EXPECT_EQ(t, do_swapoff("hda"), 0);
	if (area("hdb5"))
		do_swapoff("hdb5");
}

/* vmcheck's swap side: slot counts, area totals and the swap cache, each damaged once. */
static void test_vmcheck_finds_swap_disagreement(struct ktest *t)
{
	struct mm_struct *mm = test_mm_create(2);
	struct swap_info_struct *si;
	struct page *page;

	KT_ASSERT(t, mm && swap_ready(t, "hda"));
	si = area("hda");
	KT_ASSERT(t, test_mm_fill(mm, 2));
	pageout_range(mm, TEST_MM_BASE, TEST_MM_BASE + 2 * PAGE_SIZE);
	KT_EXPECT_EQ(t, vmcheck("ktest: swapped out"), 0);
	swap_duplicate(pte_to_swp_entry(test_mm_pte(mm, 0)));	/* a count nobody holds */
	KT_EXPECT(t, vmcheck_quiet() > 0);
	swap_free(pte_to_swp_entry(test_mm_pte(mm, 0)));
	nr_swap_pages++;
	KT_EXPECT(t, vmcheck_quiet() > 0);
	nr_swap_pages--;
	si->inuse_pages--;
	KT_EXPECT(t, vmcheck_quiet() > 0);
	si->inuse_pages++;
	page = read_swap_cache_async(pte_to_swp_entry(test_mm_pte(mm, 1)));
	KT_ASSERT(t, page);
	wait_on_page_locked(page);
	KT_EXPECT_EQ(t, vmcheck("ktest: a page in the swap cache"), 0);
	ClearPageSwapCache(page);
	KT_EXPECT(t, vmcheck_quiet() > 0);
	SetPageSwapCache(page);
	put_page(page);
	KT_EXPECT_EQ(t, vmcheck_quiet(), 0);
	mmput(mm);
	KT_EXPECT_EQ(t, do_swapoff("hda"), 0);
	KT_EXPECT_EQ(t, vmcheck("ktest"), 0);
}

static void test_exit_frees_slots(struct ktest *t)
{
	struct mm_struct *mm = test_mm_create(8);
	long free_slots;

	KT_ASSERT(t, mm && swap_ready(t, "hda"));
	free_slots = nr_swap_pages;
	KT_ASSERT(t, test_mm_fill(mm, 8));
	pageout_range(mm, TEST_MM_BASE, TEST_MM_BASE + 8 * PAGE_SIZE);
	KT_EXPECT_EQ(t, nr_swap_pages, free_slots - 8);
	mmput(mm);
	KT_EXPECT_EQ(t, nr_swap_pages, free_slots);
	KT_EXPECT_EQ(t, swapper_space.nrpages, 0);
	KT_EXPECT_EQ(t, do_swapoff("hda"), 0);
	KT_EXPECT_EQ(t, vmcheck("ktest"), 0);
}

/*
 * Linux 2.6 keeps the clean copy: pages read back by their only user stay
 * in the swap cache with their slots, and reclaimed again unchanged they
 * are dropped without a write. Writing to them makes the copies stale:
 * then the slots go, whether the write faults the page in or comes later.
 */
static void test_swapin_keeps_clean_copy(struct ktest *t)
{
	struct mm_struct *mm = test_mm_create(8);
	unsigned long out0;
	long free_slots;

	KT_ASSERT(t, mm && swap_ready(t, "hda"));
	free_slots = nr_swap_pages;
	KT_ASSERT(t, test_mm_fill(mm, 8));
	pageout_range(mm, TEST_MM_BASE, TEST_MM_BASE + 8 * PAGE_SIZE);
	KT_EXPECT_EQ(t, nr_swap_pages, free_slots - 8);
	KT_EXPECT_EQ(t, test_mm_bad_pages(mm, 8), 0);	/* read faults */
	KT_EXPECT_EQ(t, nr_swap_pages, free_slots - 8);
	KT_EXPECT_EQ(t, swapper_space.nrpages, 8);
	out0 = vm_events[PSWPOUT];
	pageout_range(mm, TEST_MM_BASE, TEST_MM_BASE + 8 * PAGE_SIZE);
	KT_EXPECT_EQ(t, vm_events[PSWPOUT] - out0, 0);	/* unchanged: dropped, not written */
	KT_EXPECT_EQ(t, mm->swap_ents, 8);
	KT_EXPECT_EQ(t, test_mm_bad_pages(mm, 8), 0);	/* still there on disk */
	KT_ASSERT(t, test_mm_fill(mm, 4));		/* writes to pages read in */
	KT_EXPECT_EQ(t, nr_swap_pages, free_slots - 4);
	pageout_range(mm, TEST_MM_BASE + 4 * PAGE_SIZE, TEST_MM_BASE + 8 * PAGE_SIZE);
	KT_ASSERT(t, test_mm_fill(mm, 8));		/* write faults on swapped pages */
	KT_EXPECT_EQ(t, nr_swap_pages, free_slots);
	KT_EXPECT_EQ(t, swapper_space.nrpages, 0);
	mmput(mm);
	KT_EXPECT_EQ(t, do_swapoff("hda"), 0);
	KT_EXPECT_EQ(t, vmcheck("ktest"), 0);
}

static int writepages_seen;

static int counting_writepage(struct page *page)
{
	writepages_seen++;
	return swap_writepage(page);
}

/* pageout() writes through the page's mapping: swapper_space.a_ops->writepage (Gorman §11.6). */
static void test_pageout_writes_through_a_ops(struct ktest *t)
{
	static const struct address_space_operations counting = { .writepage = counting_writepage };
	const struct address_space_operations *real = swapper_space.a_ops;
	struct mm_struct *mm = test_mm_create(8);
	unsigned long out0 = vm_events[PSWPOUT];

	KT_ASSERT(t, mm && swap_ready(t, "hda"));
	KT_EXPECT(t, real->writepage == swap_writepage);
	KT_ASSERT(t, test_mm_fill(mm, 8));
	writepages_seen = 0;
	swapper_space.a_ops = &counting;
	pageout_range(mm, TEST_MM_BASE, TEST_MM_BASE + 8 * PAGE_SIZE);
	swapper_space.a_ops = real;
	KT_EXPECT_EQ(t, writepages_seen, 8);
	KT_EXPECT_EQ(t, vm_events[PSWPOUT] - out0, 8);
	KT_EXPECT_EQ(t, test_mm_bad_pages(mm, 8), 0);
	mmput(mm);
	KT_EXPECT_EQ(t, do_swapoff("hda"), 0);
}

KTEST_SUITE_FLAGS(swap, KTEST_EXPLICIT, KTEST_CASE(test_out_and_back_in),
		  KTEST_CASE(test_write_clustering), KTEST_CASE(test_shared_swapped_page_after_fork),
		  KTEST_CASE(test_readahead_follows_sequential_faults),
		  KTEST_CASE(test_readahead_backs_off_scattered_faults),
		  KTEST_CASE(test_swapoff_brings_pages_back),
		  KTEST_CASE(test_swapin_after_area_swapped_off),
		  KTEST_CASE(test_swapoff_refused_without_memory),
		  KTEST_CASE(test_sysinfo_during_swapoff),
		  KTEST_CASE(test_reclaim_adds_no_reference_to_area_being_swapped_off),
		  KTEST_CASE(test_swapoff_moves_pages_to_other_area),
		  KTEST_CASE(test_vmcheck_finds_swap_disagreement), KTEST_CASE(test_exit_frees_slots),
		  KTEST_CASE(test_swapin_keeps_clean_copy),
		  KTEST_CASE(test_pageout_writes_through_a_ops));
