/*
 * Self-tests of the VM consistency checker (mm/vmcheck.c): it finds the
 * machine consistent after boot and around a process's life, and it finds
 * each kind of damage when one is made on purpose (and undone at once).
 * The swap-side checks are tested in mm/swapping_test.c, where there is swap.
 */
#include <kernel/ktest.h>
#include <mm/vmcheck.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include <mm/test_mm.h>
#include <mm/lru.h>

static struct page *test_page(struct mm_struct *mm, int p)
{
	return pfn_to_page(test_mm_pte(mm, p) >> PAGE_SHIFT);
}

static void test_clean(struct ktest *t)
{
	struct mm_struct *mm = test_mm_create(8);

	KT_EXPECT_EQ(t, vmcheck("ktest: boot"), 0);
	KT_ASSERT(t, mm && test_mm_fill(mm, 8));
	KT_EXPECT_EQ(t, vmcheck("ktest: a process"), 0);
	mmput(mm);
	KT_EXPECT_EQ(t, vmcheck("ktest: after it"), 0);
}

/* A map count one too high, then a page table counter one too high. */
static void test_finds_wrong_counts(struct ktest *t)
{
	struct mm_struct *mm = test_mm_create(2);
	struct page *page;

	KT_ASSERT(t, mm && test_mm_fill(mm, 2));
	page = test_page(mm, 1);
	page->_mapcount++;
	KT_EXPECT(t, vmcheck_quiet() > 0);
	page->_mapcount--;
	mm->rss++;
	KT_EXPECT(t, vmcheck_quiet() > 0);
	mm->rss--;
	mm->swap_ents++;
	KT_EXPECT(t, vmcheck_quiet() > 0);
	mm->swap_ents--;
	KT_EXPECT_EQ(t, vmcheck_quiet(), 0);
	mmput(mm);
}

/* A PTE to a page whose reverse map does not list it. */
static void test_finds_pte_missing_from_rmap(struct ktest *t)
{
	struct mm_struct *mm = test_mm_create(2);
	pte_t *ptep;
	pte_t saved;

	KT_ASSERT(t, mm && test_mm_fill(mm, 2));
	ptep = pte_offset(mm, test_mm_addr(1));
	saved = *ptep;
	*ptep = test_mm_pte(mm, 0);	/* page 0 mapped twice, its rmap knows once */
	KT_EXPECT(t, vmcheck_quiet() > 0);
	*ptep = saved;
	KT_EXPECT_EQ(t, vmcheck_quiet(), 0);
	mmput(mm);
}

/* A page on one LRU list whose flags name the other, and a zone counter off by one. */
static void test_finds_lru_disagreement(struct ktest *t)
{
	struct mm_struct *mm = test_mm_create(1);
	struct zone *zone;
	struct page *page;

	KT_ASSERT(t, mm && test_mm_fill(mm, 1));
	page = test_page(mm, 0);
	KT_ASSERT(t, PageLRU(page));
	zone = page_zone(page);
	if (PageActive(page)) {
		ClearPageActive(page);
		KT_EXPECT(t, vmcheck_quiet() > 0);
		SetPageActive(page);
	} else {
		SetPageActive(page);
		KT_EXPECT(t, vmcheck_quiet() > 0);
		ClearPageActive(page);
	}
	zone->nr_inactive++;
	KT_EXPECT(t, vmcheck_quiet() > 0);
	zone->nr_inactive--;
	KT_EXPECT_EQ(t, vmcheck_quiet(), 0);
	mmput(mm);
}

/* A mapped page whose count says it is free. */
static void test_finds_free_page_mapped(struct ktest *t)
{
	struct mm_struct *mm = test_mm_create(1);
	struct page *page;
	int count;

	KT_ASSERT(t, mm && test_mm_fill(mm, 1));
	page = test_page(mm, 0);
	count = page_count(page);
	set_page_count(page, 0);
	KT_EXPECT(t, vmcheck_quiet() > 0);
	set_page_count(page, count);
	KT_EXPECT_EQ(t, vmcheck_quiet(), 0);
	mmput(mm);
}

KTEST_SUITE(vmcheck, KTEST_CASE(test_clean), KTEST_CASE(test_finds_wrong_counts),
	    KTEST_CASE(test_finds_pte_missing_from_rmap), KTEST_CASE(test_finds_lru_disagreement),
	    KTEST_CASE(test_finds_free_page_mapped));
