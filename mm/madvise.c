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
 * MADV_WILLNEED starts the reads of the range's swapped-out pages
 * (Linux's force_swapin_readahead) without waiting for them or mapping
 * them; MADV_NORMAL, MADV_RANDOM and MADV_SEQUENTIAL are accepted and do
 * nothing (readahead here is per swap area, not per VMA).
 *
 * Errors are Linux's (see sys_madvise): -EINVAL for a bad advice, an
 * unaligned start, a length that wraps, or locked memory; -ENOMEM, after
 * the mapped parts were advised, when the range has a hole.
 */
#include <mm/mm.h>
#include <mm/fault.h>
#include <mm/lru.h>
#include <mm/vmscan.h>
#include <mm/pagemap.h>
#include <mm/swap.h>
#include <mm/swap_state.h>
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <arch/x86/paging.h>
#include <uapi/abi.h>
#include <uapi/errno.h>

#define PAGEOUT_BATCH 64

struct isolate_walk {
	struct mm_struct *mm;
	struct list_head *list;
	int n;
};

static int isolate_one(pte_t *p, unsigned long a, void *arg)
{
	struct isolate_walk *w = arg;
	struct page *page;

	if (!(*p & _PAGE_PRESENT) || vma_locked_at(w->mm, a))
		return 0;
	page = pfn_to_page(*p >> PAGE_SHIFT);
	if (page == zero_page || !PageAnon(page) || page_mapcount(page) != 1)
		return 0;
	w->n += isolate_lru_page(page, w->list) == 0;
	return w->n >= PAGEOUT_BATCH;
}

/* Isolate the pages of [start, end) that only @mm maps; returns how many. */
static int isolate_range(struct mm_struct *mm, unsigned long start, unsigned long end,
			 struct list_head *list)
{
	static const struct mm_walk_ops isolate_ops = { isolate_one };
	struct isolate_walk w = { mm, list, 0 };

	walk_page_range(mm, start, end, &isolate_ops, &w);
	return w.n;
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
		shrink_list_sync(&list, &sc);	/* free what the first pass wrote */
		putback_lru_pages(&list);
		cond_resched();
	}
}

/* MADV_WILLNEED: read the swapped-out pages of [start, end) into the swap cache. */
static void willneed_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	for (unsigned long a = start; a < end; a += PAGE_SIZE) {
		pte_t *p = pte_offset(mm, a);
		struct page *page;
		if (!p || !*p || (*p & _PAGE_PRESENT))
			continue;
		page = read_swap_cache_async(pte_to_swp_entry(*p));
		if (page)
			put_page(page);	/* the swap cache keeps it; a fault maps it */
		cond_resched();
	}
	lru_add_drain();
}

/*
 * Apply @advice to [start, end), which lies inside @vma. Locked memory is
 * neither paged out nor dropped: Linux refuses both on a VM_LOCKED VMA
 * with -EINVAL (can_madv_lru_vma).
 */
static long madvise_vma(struct vm_area_struct *vma, unsigned long start, unsigned long end,
			long advice)
{
	switch (advice) {
	case MADV_PAGEOUT:
		if (vma->vm_flags & VM_LOCKED)
			return -EINVAL;
		pageout_range(vma->vm_mm, start, end);
		return 0;
	case MADV_DONTNEED:
		if (vma->vm_flags & VM_LOCKED)
			return -EINVAL;
		zap_page_range(vma, start, end);
		return 0;
	case MADV_WILLNEED:
		willneed_range(vma->vm_mm, start, end);
		return 0;
	default:
		return 0; /* MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL */
	}
}

/*
 * sys_madvise - Linux's checks and VMA walk (do_madvise, madvise_walk_vmas)
 *
 * A length that rounds up past 4 GiB or a range that wraps is -EINVAL. The
 * VMAs of the range are advised in address order; a hole is skipped and
 * makes the call return -ENOMEM once the rest is done, and a VMA that
 * refuses the advice ends the walk with its error (the VMAs before it
 * have been advised, as in Linux).
 */
long sys_madvise(unsigned long start, unsigned long len_in, long advice)
{
	struct mm_struct *mm = current->mm;
	unsigned long len = PAGE_ALIGN(len_in), end = start + len;
	long unmapped_error = 0;

	if (advice != MADV_NORMAL && advice != MADV_RANDOM && advice != MADV_SEQUENTIAL &&
	    advice != MADV_WILLNEED && advice != MADV_DONTNEED && advice != MADV_PAGEOUT)
		return -EINVAL;
	if ((start & ~PAGE_MASK) || (len_in && !len) || end < start)
		return -EINVAL;
	while (start < end) {
		struct vm_area_struct *vma = find_next_vma(mm, start);
		long r;

		if (!vma || vma->vm_start >= end)
			return -ENOMEM; /* nothing mapped from here to the end */
		if (vma->vm_start > start) {
			unmapped_error = -ENOMEM;
			start = vma->vm_start;
		}
		r = madvise_vma(vma, start, min(end, vma->vm_end), advice);
		if (r)
			return r;
		start = min(end, vma->vm_end);
	}
	return unmapped_error;
}
