/*
 * Borrowed address spaces for self-tests and benchmarks (see
 * include/mm/test_mm.h).
 */
#include <mm/test_mm.h>
#include <kernel/ktest.h>
#include <kernel/sched.h>
#include <kernel/uaccess.h>
#include <mm/lru.h>
#include <mm/mmzone.h>
#include <mm/pagemap.h>
#include <mm/rmap.h>
#include <mm/vmscan.h>
#include <uapi/errno.h>

static struct mm_struct *saved_mm;

struct mm_struct *test_mm_create(unsigned long pages)
{
	struct mm_struct *mm = mm_alloc();

	if (mm && insert_vma(mm, TEST_MM_BASE, TEST_MM_BASE + pages * PAGE_SIZE,
			     VM_READ | VM_WRITE, NULL)) {
		mmput(mm);
		return NULL;
	}
	return mm;
}

void test_mm_enter(struct mm_struct *mm)
{
	saved_mm = current->mm;
	current->mm = mm;
	switch_mm(mm);
}

void test_mm_leave(void)
{
	current->mm = saved_mm;
	switch_mm(saved_mm);
}

static u32 pattern(int page, int word)
{
	return 0xA5000000u ^ (u32)(page << 12) ^ (u32)word;
}

bool test_mm_fill(struct mm_struct *mm, int n)
{
	static u32 buf[1024];
	bool ok = true;

	test_mm_enter(mm);
	for (int p = 0; p < n && ok; p++) {
		for (int w = 0; w < 1024; w++)
			buf[w] = pattern(p, w);
		ok = !copy_to_user((void *)test_mm_addr(p), buf, PAGE_SIZE);
	}
	test_mm_leave();
	lru_add_drain();
	return ok;
}

int test_mm_bad_pages(struct mm_struct *mm, int n)
{
	static u32 buf[1024];
	int bad = 0;

	test_mm_enter(mm);
	for (int p = 0; p < n; p++) {
		bad += copy_from_user(buf, (void *)test_mm_addr(p), PAGE_SIZE) ||
		       !test_mm_page_ok(p, buf);
	}
	test_mm_leave();
	return bad;
}

pte_t test_mm_pte(struct mm_struct *mm, int page)
{
	pte_t *p = pte_offset(mm, test_mm_addr(page));

	return p ? *p : 0;
}

int test_mm_read(struct mm_struct *mm, int page, void *buf)
{
	unsigned long left;

	test_mm_enter(mm);
	left = copy_from_user(buf, (void *)test_mm_addr(page), PAGE_SIZE);
	test_mm_leave();
	return left ? -EFAULT : 0;
}

bool test_mm_page_ok(int page, const void *buf)
{
	const u32 *w = buf;

	for (int i = 0; i < 1024; i++)
		if (w[i] != pattern(page, i))
			return false;
	return true;
}

void test_mm_reclaim_page(struct page *page)
{
	struct scan_control sc = { .gfp_mask = GFP_KERNEL, .may_swap = true,
				   .ignore_referenced = true };
	LIST_HEAD(list);

	lru_add_drain();
	if (isolate_lru_page(page, &list))
		return;
	shrink_list(&list, &sc);
	shrink_list_sync(&list, &sc);
	putback_lru_pages(&list);
}

struct page *test_mm_page(struct mm_struct *mm, int page)
{
	pte_t pte = test_mm_pte(mm, page);

	return (pte & _PAGE_PRESENT) ? pfn_to_page(pte >> PAGE_SHIFT) : NULL;
}

struct mm_struct *test_mm_one_page(struct ktest *t, struct page **pagep)
{
	struct mm_struct *mm = test_mm_create(1);

	if (!KT_EXPECT(t, mm != NULL))
		return NULL;
	if (!KT_EXPECT(t, test_mm_fill(mm, 1)) ||
	    !KT_EXPECT(t, (*pagep = test_mm_page(mm, 0)) != NULL)) {
		mmput(mm);
		return NULL;
	}
	return mm;
}

bool test_mm_on_list(struct page *page, struct list_head *head)
{
	struct page *p;

	list_for_each_entry (p, head, lru)
		if (p == page)
			return true;
	return false;
}

bool test_mm_on_inactive_list(struct page *page)
{
	return PageLRU(page) && !PageActive(page) &&
	       test_mm_on_list(page, &page_zone(page)->inactive_list);
}

bool test_mm_on_active_list(struct page *page)
{
	return PageLRU(page) && PageActive(page) &&
	       test_mm_on_list(page, &page_zone(page)->active_list);
}

void test_mm_forget_references(struct page *page)
{
	page_referenced(page);
	ClearPageReferenced(page);
}
