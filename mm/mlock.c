/*
 * mlock(2) and munlock(2) (Gorman §4.4 "Memory Regions", on locking a region): pages of
 * a VM_LOCKED region are made present at once and never swapped out:
 * reclaim's try_to_unmap refuses to unmap them, and the RLIMIT_RSS
 * eviction and MADV_PAGEOUT skip them. Locked pages still count in the
 * resident set, as in Linux.
 *
 * Locked pages are also kept off the LRU lists (PG_mlocked), as Linux does
 * since 2.6.28 with its unevictable list: on the lists, every reclaim pass
 * would scan them, find them locked and put them back, and with much
 * memory locked that is most of what reclaim does. mlock takes the pages
 * it faults in off the lists; a locked page that joins later (a fault in
 * a locked region) is taken off by shrink_list when it first meets it.
 * A page goes back when one of its mappings goes away (page_remove_rmap)
 * or its region is unlocked; if another locked region still maps it,
 * shrink_list takes it off again. Unlike Linux we keep no list of them:
 * nothing (no page migration) needs to find them.
 */
#include <mm/mm.h>
#include <mm/fault.h>
#include <mm/lru.h>
#include <mm/rmap.h>
#include <mm/vmscan.h>
#include <mm/vmstat.h>
#include <arch/x86/paging.h>
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <uapi/errno.h>

/* Split the VMAs so that [start, end) is made of whole VMAs; -ENOMEM if unmapped. */
static int cover_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	for (unsigned long a = start; a < end;) {
		struct vm_area_struct *vma = find_vma(mm, a);
		int r;
		if (!vma)
			return -ENOMEM;
		if (vma->vm_start < a && (r = split_vma(vma, a)))
			return r;
		vma = find_vma(mm, a);
		if (vma->vm_end > end && (r = split_vma(vma, end)))
			return r;
		a = vma->vm_end;
	}
	return 0;
}

/*
 * Fault in every page of [start, end), writably where the region allows it.
 * A PROT_NONE region cannot be faulted in: Linux's get_user_pages refuses
 * it, and mlock reports that as -ENOMEM (the region stays VM_LOCKED).
 */
static int populate(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	for (unsigned long a = start; a < end; a += PAGE_SIZE) {
		struct vm_area_struct *vma = find_vma(mm, a);
		if (!(vma->vm_flags & VM_ACCESS))
			return -ENOMEM;
		int r = handle_mm_fault(mm, vma, a, vma->vm_flags & VM_WRITE);
		if (r < 0)
			return -ENOMEM;
		if (r == VM_FAULT_MAJOR)
			current->maj_flt++;
		else
			current->min_flt++;
		cond_resched();
	}
	return 0;
}

void mlock_vma_page(struct page *page)
{
	LIST_HEAD(list);

	if (PageMlocked(page) || isolate_lru_page(page, &list))
		return;	/* off the lists already, or not yet on them */
	list_del(&page->lru);
	SetPageMlocked(page);
	ClearPageActive(page);
	count_vm_event(UNEVICTABLE_PGMLOCKED);
	put_page(page);	/* the isolation reference; the PTEs hold it */
}

/*
 * A locked region let go of @page. Back on the LRU if anything still holds
 * it there: a mapping or the swap cache. Otherwise the caller is dropping
 * the last reference, and the page is freed without ever rejoining a list.
 */
void munlock_vma_page(struct page *page)
{
	if (!PageMlocked(page))
		return;
	ClearPageMlocked(page);
	count_vm_event(UNEVICTABLE_PGMUNLOCKED);
	if (page_mapped(page) || PageSwapCache(page))
		lru_cache_add(page);
}

static int locked_one(struct page *page, pte_t *ptep, void *arg)
{
	return vma_locked_at(pte_to_mm(ptep), pte_to_address(ptep));
}

bool page_mlocked(struct page *page)
{
	return rmap_walk(page, locked_one, NULL) != 0;
}

/* Call @fn on every page mapped (present, not the zero page) in [start, end) of @mm. */
static void for_each_mapped_page(struct mm_struct *mm, unsigned long start, unsigned long end,
				 void (*fn)(struct page *page))
{
	for (unsigned long a = start; a < end; a += PAGE_SIZE) {
		pte_t *p = pte_offset(mm, a);
		if (p && (*p & _PAGE_PRESENT) && pfn_to_page(*p >> PAGE_SHIFT) != zero_page)
			fn(pfn_to_page(*p >> PAGE_SHIFT));
	}
}

static long set_locked(unsigned long start, unsigned long len, bool lock)
{
	struct mm_struct *mm = current->mm;
	unsigned long end = PAGE_ALIGN(start + len);
	int r;

	start &= PAGE_MASK;
	if (end < start)
		return -EINVAL;
	if (start == end)
		return 0;
	if (end > USER_SPACE_END)
		return -ENOMEM;	/* as Linux: no VMA covers kernel addresses */
	r = cover_range(mm, start, end);
	if (r)
		return r;
	for (unsigned long a = start; a < end;) {
		struct vm_area_struct *vma = find_vma(mm, a);
		if (lock)
			vma->vm_flags |= VM_LOCKED;
		else
			vma->vm_flags &= ~VM_LOCKED;
		a = vma->vm_end;
	}
	if (!lock) {
		for_each_mapped_page(mm, start, end, munlock_vma_page);
		return 0;
	}
	r = populate(mm, start, end);
	if (r)
		return r;
	lru_add_drain();	/* the pages just faulted in, onto the lists to leave them */
	for_each_mapped_page(mm, start, end, mlock_vma_page);
	return 0;
}

long sys_mlock(unsigned long start, unsigned long len)
{
	return set_locked(start, len, true);
}

long sys_munlock(unsigned long start, unsigned long len)
{
	return set_locked(start, len, false);
}

bool vma_locked_at(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	return vma && (vma->vm_flags & VM_LOCKED);
}
