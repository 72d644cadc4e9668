/*
 * madvise(2): MADV_PAGEOUT reclaims a range of the caller's pages now,
 * through exactly the path reclaim uses (isolate from the LRU, shrink_list:
 * add_to_swap, try_to_unmap, pageout -> swap_writepage), so tests and
 * teachers can drive swapping deterministically. Like Linux, it only takes
 * pages mapped by this process alone. Unlike Linux it also waits for the
 * writes and frees the written pages before returning, so that when the
 * call returns the data is on disk and out of memory.
 *
 * MADV_DONTNEED drops the pages (anonymous memory then reads as zeros);
 * MADV_NORMAL is accepted and does nothing.
 */
#include <mm/mm.h>
#include <mm/fault.h>
#include <mm/lru.h>
#include <mm/vmscan.h>
#include <mm/pagemap.h>
#include <mm/vmscan.h>
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <arch/x86/paging.h>
#include <uapi/abi.h>
#include <uapi/errno.h>

#define PAGEOUT_BATCH 64

/* Isolate the pages of [start, end) that only @mm maps; returns how many. */
static int isolate_range(struct mm_struct *mm, unsigned long start, unsigned long end,
			 struct list_head *list)
{
	int n = 0;

	for (unsigned long a = start; a < end && n < PAGEOUT_BATCH; a += PAGE_SIZE) {
		pte_t *p = pte_offset(mm, a);
		if (!p || !(*p & _PAGE_PRESENT) || vma_locked_at(mm, a))
			continue;
		struct page *page = pfn_to_page(*p >> PAGE_SHIFT);
		if (page == zero_page || !PageAnon(page) || page_mapcount(page) != 1)
			continue;
		n += isolate_lru_page(page, list) == 0;
	}
	return n;
}

/* Reclaim what shrink_list started writing, once the writes are done. */
static void finish_writeback(struct list_head *list, struct scan_control *sc)
{
	struct page *page;

	list_for_each_entry(page, list, lru)
		wait_on_page_writeback(page);
	shrink_list(list, sc);
}

void pageout_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct scan_control sc = { .gfp_mask = GFP_KERNEL, .may_swap = true,
				   .ignore_referenced = true };
	LIST_HEAD(list);

	lru_add_drain();
	for (unsigned long a = start; a < end; a += PAGEOUT_BATCH * PAGE_SIZE) {
		unsigned long stop = min(end, a + PAGEOUT_BATCH * PAGE_SIZE);
		if (!isolate_range(mm, a, stop, &list))
			continue;
		shrink_list(&list, &sc);
		finish_writeback(&list, &sc);
		putback_lru_pages(&list);
		cond_resched();
	}
}

/* Every page of [start, end) must be mapped by some VMA (Linux: -ENOMEM). */
static bool range_mapped(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	for (unsigned long a = start; a < end;) {
		struct vm_area_struct *vma = find_vma(mm, a);
		if (!vma)
			return false;
		a = vma->vm_end;
	}
	return true;
}

long sys_madvise(unsigned long start, unsigned long len, long advice)
{
	struct mm_struct *mm = current->mm;
	unsigned long end = start + PAGE_ALIGN(len);

	if ((start & ~PAGE_MASK) || end < start || end > USER_SPACE_END)
		return -EINVAL;
	if (advice != MADV_NORMAL && advice != MADV_DONTNEED && advice != MADV_PAGEOUT)
		return -EINVAL;
	if (start == end)
		return 0;
	if (!range_mapped(mm, start, end))
		return -ENOMEM;
	if (advice == MADV_PAGEOUT) {
		pageout_range(mm, start, end);
	} else if (advice == MADV_DONTNEED) {
		for (unsigned long a = start; a < end;) {
			struct vm_area_struct *vma = find_vma(mm, a);
			unsigned long stop = min(end, vma->vm_end);
			zap_page_range(vma, a, stop);
			a = stop;
		}
	}
	return 0;
}
