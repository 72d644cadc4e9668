/*
 * Self-tests for address spaces, page faults and reverse mapping. The test
 * thread borrows a user address space (current->mm) and touches it through
 * copy_to_user/copy_from_user, which fault exactly as a process would.
 */
#include <kernel/ktest.h>
#include <kernel/sched.h>
#include <kernel/uaccess.h>
#include <mm/mm.h>
#include <mm/test_mm.h>
#include <mm/mmzone.h>
#include <mm/rmap.h>
#include <mm/lru.h>
#include <arch/x86/paging.h>
#include <uapi/errno.h>

static pte_t pte_of(struct mm_struct *mm, unsigned long addr)
{
	pte_t *p = pte_offset(mm, addr);

	return p ? *p : 0;
}

static struct page *page_of(struct mm_struct *mm, unsigned long addr)
{
	pte_t pte = pte_of(mm, addr);

	return (pte & _PAGE_PRESENT) ? pfn_to_page(pte >> PAGE_SHIFT) : NULL;
}

/* Write one byte as the process would; new pages then join the LRU at once. */
static bool put_byte(struct mm_struct *mm, unsigned long addr, char c)
{
	test_mm_enter(mm);
	bool ok = copy_to_user((void *)addr, &c, 1) == 0;
	test_mm_leave();
	lru_add_drain();
	return ok;
}

static char get_byte(struct mm_struct *mm, unsigned long addr)
{
	char c = '?';

	test_mm_enter(mm);
	if (copy_from_user(&c, (void *)addr, 1))
		c = '!';
	test_mm_leave();
	return c;
}

static void test_vma_list(struct ktest *t)
{
	struct mm_struct *mm = test_mm_create(1);
	struct vm_area_struct *v;
	int n = 0;

	KT_ASSERT(t, mm);
	KT_EXPECT_EQ(t, insert_vma(mm, 0x30000000, 0x30004000, VM_READ, NULL), 0);
	KT_EXPECT_EQ(t, insert_vma(mm, 0x20000000, 0x20002000, VM_READ, NULL), 0);
	KT_EXPECT_EQ(t, insert_vma(mm, 0x20001000, 0x20003000, VM_READ, NULL), -EEXIST);
	list_for_each_entry(v, &mm->mmap, vm_list) {
		static const unsigned long starts[] = { TEST_MM_BASE, 0x20000000, 0x30000000 };
		KT_EXPECT_EQ(t, v->vm_start, starts[n++]);
	}
	KT_EXPECT_EQ(t, n, 3);
	KT_EXPECT(t, find_vma(mm, 0x30003fff) != NULL);
	KT_EXPECT(t, find_vma(mm, 0x30004000) == NULL);
	KT_EXPECT(t, find_vma(mm, 0x1fffffff) == NULL);
	/* Unmapping the middle page splits the VMA in two. */
	KT_EXPECT_EQ(t, do_munmap(mm, 0x30001000, PAGE_SIZE), 0);
	KT_EXPECT(t, find_vma(mm, 0x30001000) == NULL);
	KT_EXPECT_EQ(t, find_vma(mm, 0x30000000)->vm_end, 0x30001000);
	KT_EXPECT_EQ(t, find_vma(mm, 0x30002000)->vm_start, 0x30002000);
	KT_EXPECT_EQ(t, do_munmap(mm, 0x30000001, PAGE_SIZE), -EINVAL);
	KT_EXPECT_EQ(t, get_unmapped_area(mm, PAGE_SIZE), USER_MMAP_BASE);
	mmput(mm);
}

static void test_demand_zero(struct ktest *t)
{
	struct mm_struct *mm = test_mm_create(2);
	struct page *p;

	KT_ASSERT(t, mm);
	/* A read maps the shared zero page, read-only, costing no frame. */
	KT_EXPECT_EQ(t, get_byte(mm, TEST_MM_BASE), 0);
	KT_EXPECT(t, page_of(mm, TEST_MM_BASE) == zero_page);
	KT_EXPECT(t, !(pte_of(mm, TEST_MM_BASE) & _PAGE_RW));
	KT_EXPECT_EQ(t, mm->rss, 0);
	/* The first write gives the page its own frame, still zero elsewhere. */
	KT_EXPECT(t, put_byte(mm, TEST_MM_BASE + 5, 'x'));
	p = page_of(mm, TEST_MM_BASE);
	KT_ASSERT(t, p && p != zero_page);
	KT_EXPECT_EQ(t, mm->rss, 1);
	KT_EXPECT_EQ(t, page_mapcount(p), 1);
	KT_EXPECT(t, PageAnon(p) && PageLRU(p));
	KT_EXPECT_EQ(t, get_byte(mm, TEST_MM_BASE + 4), 0);
	KT_EXPECT_EQ(t, get_byte(mm, TEST_MM_BASE + 5), 'x');
	/* A write to an untouched page skips the zero page entirely. */
	KT_EXPECT(t, put_byte(mm, TEST_MM_BASE + PAGE_SIZE, 'y'));
	KT_EXPECT(t, page_of(mm, TEST_MM_BASE + PAGE_SIZE) != zero_page);
	mmput(mm);
}

static void test_fault_outside_vma(struct ktest *t)
{
	struct mm_struct *mm = test_mm_create(1);
	char buf[8];

	KT_ASSERT(t, mm);
	test_mm_enter(mm);
	KT_EXPECT_EQ(t, copy_from_user(buf, (void *)(TEST_MM_BASE + PAGE_SIZE), sizeof(buf)), sizeof(buf));
	KT_EXPECT_EQ(t, copy_to_user((void *)(TEST_MM_BASE - 8), buf, sizeof(buf)), sizeof(buf));
	test_mm_leave();
	KT_EXPECT_EQ(t, current->pending, 0);	/* a kernel-mode fault sends no signal */
	KT_EXPECT_EQ(t, mm->rss, 0);
	mmput(mm);
}

static void test_cow_break(struct ktest *t)
{
	struct mm_struct *a = test_mm_create(1), *b;
	struct page *orig;

	KT_ASSERT(t, a);
	KT_ASSERT(t, put_byte(a, TEST_MM_BASE, 'A'));
	orig = page_of(a, TEST_MM_BASE);
	b = dup_mm(a);
	KT_ASSERT(t, b);
	KT_EXPECT(t, page_of(b, TEST_MM_BASE) == orig);
	KT_EXPECT_EQ(t, page_mapcount(orig), 2);
	KT_EXPECT_EQ(t, page_count(orig), 2);
	KT_EXPECT(t, !(pte_of(a, TEST_MM_BASE) & _PAGE_RW) && !(pte_of(b, TEST_MM_BASE) & _PAGE_RW));
	/* The child's write copies the page; the parent keeps the original. */
	KT_EXPECT(t, put_byte(b, TEST_MM_BASE, 'B'));
	KT_EXPECT(t, page_of(b, TEST_MM_BASE) != orig);
	KT_EXPECT_EQ(t, page_mapcount(orig), 1);
	KT_EXPECT_EQ(t, get_byte(a, TEST_MM_BASE), 'A');
	KT_EXPECT_EQ(t, get_byte(b, TEST_MM_BASE), 'B');
	/* Now the parent is alone with the page: its write reuses it in place. */
	KT_EXPECT(t, put_byte(a, TEST_MM_BASE, 'C'));
	KT_EXPECT(t, page_of(a, TEST_MM_BASE) == orig);
	KT_EXPECT(t, pte_of(a, TEST_MM_BASE) & _PAGE_RW);
	mmput(b);
	mmput(a);
}

struct seen {
	struct mm_struct *mms[4];
	int n;
};

static int record_pte(struct page *page, pte_t *ptep, void *arg)
{
	struct seen *s = arg;

	if (s->n < 4 && pte_to_address(ptep) == TEST_MM_BASE)
		s->mms[s->n] = pte_to_mm(ptep);
	s->n++;
	return 0;
}

static bool saw(const struct seen *s, const struct mm_struct *mm)
{
	for (int i = 0; i < s->n && i < 4; i++)
		if (s->mms[i] == mm)
			return true;
	return false;
}

static void test_cow_three_processes(struct ktest *t)
{
	unsigned long free_before = nr_free_pages();
	struct mm_struct *a = test_mm_create(1), *b, *c;
	struct seen s = { .n = 0 };
	struct page *p;

	KT_ASSERT(t, a);
	KT_ASSERT(t, put_byte(a, TEST_MM_BASE, 'a'));
	p = page_of(a, TEST_MM_BASE);
	b = dup_mm(a);
	c = dup_mm(a);
	KT_ASSERT(t, b && c);
	KT_EXPECT_EQ(t, page_mapcount(p), 3);
	rmap_walk(p, record_pte, &s);
	KT_EXPECT_EQ(t, s.n, 3);
	KT_EXPECT(t, saw(&s, a) && saw(&s, b) && saw(&s, c));
	KT_EXPECT(t, put_byte(b, TEST_MM_BASE, 'b'));
	KT_EXPECT_EQ(t, page_mapcount(p), 2);
	KT_EXPECT_EQ(t, get_byte(c, TEST_MM_BASE), 'a');
	mmput(c);	/* exit of a sharer drops its mapping */
	KT_EXPECT_EQ(t, page_mapcount(p), 1);
	KT_EXPECT_EQ(t, page_count(p), 1);
	mmput(b);
	mmput(a);
	KT_EXPECT(t, nr_free_pages() + 2 >= free_before);	/* slab caches may keep a page */
}

static void test_rmap_long_chain(struct ktest *t)
{
	struct mm_struct *a = test_mm_create(1), *kids[12];
	struct seen s = { .n = 0 };
	struct page *p;

	KT_ASSERT(t, a);
	KT_ASSERT(t, put_byte(a, TEST_MM_BASE, 'z'));
	p = page_of(a, TEST_MM_BASE);
	for (int i = 0; i < 12; i++) {
		kids[i] = dup_mm(a);
		KT_ASSERT(t, kids[i]);
	}
	KT_EXPECT_EQ(t, page_mapcount(p), 13);
	KT_EXPECT(t, !PageDirect(p) && p->u.chain && p->u.chain->next);	/* two chain blocks */
	for (int i = 0; i < 12; i += 2)
		mmput(kids[i]);
	rmap_walk(p, record_pte, &s);
	KT_EXPECT_EQ(t, s.n, 7);
	KT_EXPECT_EQ(t, page_mapcount(p), 7);
	for (int i = 1; i < 12; i += 2)
		mmput(kids[i]);
	KT_EXPECT_EQ(t, page_mapcount(p), 1);
	KT_EXPECT_EQ(t, get_byte(a, TEST_MM_BASE), 'z');
	mmput(a);
}

static void test_zero_page_shared_by_fork(struct ktest *t)
{
	struct mm_struct *a = test_mm_create(1), *b;

	KT_ASSERT(t, a);
	KT_EXPECT_EQ(t, get_byte(a, TEST_MM_BASE), 0);
	b = dup_mm(a);
	KT_ASSERT(t, b);
	KT_EXPECT(t, page_of(b, TEST_MM_BASE) == zero_page);
	KT_EXPECT(t, put_byte(b, TEST_MM_BASE, 'q'));
	KT_EXPECT(t, page_of(b, TEST_MM_BASE) != zero_page);
	KT_EXPECT(t, page_of(a, TEST_MM_BASE) == zero_page);
	KT_EXPECT_EQ(t, get_byte(a, TEST_MM_BASE), 0);
	mmput(b);
	mmput(a);
}

KTEST_SUITE(memory, KTEST_CASE(test_vma_list), KTEST_CASE(test_demand_zero),
	    KTEST_CASE(test_fault_outside_vma), KTEST_CASE(test_cow_break),
	    KTEST_CASE(test_cow_three_processes), KTEST_CASE(test_rmap_long_chain),
	    KTEST_CASE(test_zero_page_shared_by_fork));
