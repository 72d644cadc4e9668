/*
 * Helpers for self-tests and benchmarks that need a user address space:
 * the test thread borrows one (current->mm) and touches it through
 * copy_to_user/copy_from_user, which fault exactly as a process would.
 */
#ifndef MM_TEST_MM_H
#define MM_TEST_MM_H

#include <mm/mm.h>

#define TEST_MM_BASE 0x10000000UL

/* A fresh address space with one read-write VMA of @pages pages at TEST_MM_BASE. */
struct mm_struct *test_mm_create(unsigned long pages);
/* Run as @mm until test_mm_leave (calls do not nest). */
void test_mm_enter(struct mm_struct *mm);
void test_mm_leave(void);

/* The address of page @page of the test VMA. */
static inline unsigned long test_mm_addr(int page)
{
	return TEST_MM_BASE + (unsigned long)page * PAGE_SIZE;
}

/* Write a pattern into pages [0, n) as the process would; the new pages join the LRU. */
bool test_mm_fill(struct mm_struct *mm, int n);
/* Pages of [0, n) that do not hold the pattern (reading them back in as needed). */
int test_mm_bad_pages(struct mm_struct *mm, int n);
/* Read page @page into @buf (a page) as the process would: 0, or -EFAULT (SIGBUS, SIGSEGV). */
int test_mm_read(struct mm_struct *mm, int page, void *buf);
/* Does @buf hold the pattern test_mm_fill wrote into page @page? */
bool test_mm_page_ok(int page, const void *buf);
/*
 * Reclaim one page whatever maps it (MADV_PAGEOUT skips shared pages):
 * two shrink_list passes, the second after the first one's write ended.
 */
void test_mm_reclaim_page(struct page *page);
/* The PTE of page @page (0 if it has no page table). */
pte_t test_mm_pte(struct mm_struct *mm, int page);
/* The page mapped at page @page of the test VMA, or NULL. */
struct page *test_mm_page(struct mm_struct *mm, int page);

struct ktest;
/* A one-page address space, filled; its page (in *@pagep) is on the inactive list. */
struct mm_struct *test_mm_one_page(struct ktest *t, struct page **pagep);

/* Is @page on @head (an LRU list of its zone)? */
bool test_mm_on_list(struct page *page, struct list_head *head);
/* Is @page on its zone's inactive (active) list, with the flags to match? */
bool test_mm_on_inactive_list(struct page *page);
bool test_mm_on_active_list(struct page *page);
/* Clear the accessed bits of @page's PTEs and PG_referenced, as a reclaim scan would. */
void test_mm_forget_references(struct page *page);

#endif
