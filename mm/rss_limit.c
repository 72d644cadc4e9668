/*
 * Per-process memory limits: a process whose RLIMIT_RSS is N pages runs as
 * if it had N frames (like a cgroup's memory.max for one process). Before a
 * fault maps one more page of a process at its limit, one of its own pages
 * is evicted through shrink_list — add_to_swap, try_to_unmap, pageout —
 * exactly as global reclaim would evict it; the write is waited for and the
 * frame freed at once, so a later access really reads the page back, as on
 * a machine with N frames. (No swap readahead is done for such a process
 * either: see do_swap_page.)
 *
 * Which page goes is decided by mm/rss_policy.c, from what the hardware
 * tells us: at every fault of the process (one tick of mm->fault_clock)
 * this file reads and clears the PTE accessed bits of its resident pages
 * and tells the policy which were used since the last fault; when the
 * process is at its limit it evicts the page the policy puts first. The
 * policy's per-page state lives in page->index, otherwise unused for an
 * anonymous page mapped by one process.
 *
 * Unlike global reclaim (mm/vmscan.c: the zone LRU lists, aged by kswapd
 * and shrink_zone for all processes at once), this path needs no lists:
 * one process's pages are few enough to look at all of them at every
 * fault, which gives the policy a use history at the granularity of the
 * process's own faults. docs/tour.md compares the two.
 *
 * Locking: everything here runs in the faulting process's context; the
 * process's page tables and the policy state are only changed by it.
 */
#include <mm/rss_limit.h>
#include <mm/rss_policy.h>
#include <mm/vmscan.h>
#include <mm/lru.h>
#include <mm/pagemap.h>
#include <mm/gfp.h>
#include <mm/vmstat.h>
#include <kernel/sched.h>
#include <arch/x86/paging.h>

#define MAX_TRIES 8	/* evictions to attempt for one fault */

/*
 * The policy's clock. Its limit is the frames the evictable pages share:
 * RLIMIT_RSS less the mlocked pages, which count in the resident set but
 * are never the policy's to evict (replay locks its own memory so).
 */
static struct rss_clock clock_of(const struct mm_struct *mm)
{
	const struct vm_area_struct *vma;
	unsigned long locked = 0;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (vma->vm_flags & VM_LOCKED)
			locked += (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	return (struct rss_clock){ .now = (u32)mm->fault_clock,
				   .limit = (u32)(mm->rss_limit > locked ? mm->rss_limit - locked : 1) };
}

/* A resident page of @mm the policy may evict. */
static struct page *evictable(struct mm_struct *mm, pte_t pte)
{
	struct page *page;

	if (!(pte & _PAGE_PRESENT))
		return NULL;
	page = pfn_to_page(pte >> PAGE_SHIFT);
	if (page == zero_page || !PageAnon(page))
		return NULL;
	return page;
}

/* Fold one PTE's accessed bit into its page's state. */
static void sample_pte(struct mm_struct *mm, const struct rss_clock *c, unsigned long addr,
		       pte_t *p, struct page *page)
{
	if (!(*p & _PAGE_ACCESSED))
		return;
	*p &= ~_PAGE_ACCESSED;
	flush_tlb_page(mm, addr);
	page->index = rss_policy_referenced(c, (rss_state_t)page->index);
}

struct victim {
	struct page *page;
	unsigned long addr;
};

struct sample_walk {
	struct mm_struct *mm;
	struct rss_clock c;
	struct victim v;
};

/* One PTE for sample_and_find. */
static int sample_one(pte_t *p, unsigned long a, void *arg)
{
	struct sample_walk *w = arg;
	struct page *page = evictable(w->mm, *p);

	if (!page)
		return 0;
	sample_pte(w->mm, &w->c, a, p, page);
	if (page_mapcount(page) != 1 || !PageLRU(page) || PageLocked(page))
		return 0;
	if (!w->v.page || rss_policy_before(&w->c, (rss_state_t)page->index, a,
					    (rss_state_t)w->v.page->index, w->v.addr))
		w->v = (struct victim){ page, a };
	return 0;
}

/*
 * Sample every resident page of @mm; returns the one the policy would evict
 * first among those that can be (mapped by this process alone, on the LRU,
 * not locked).
 */
static struct victim sample_and_find(struct mm_struct *mm)
{
	static const struct mm_walk_ops sample_ops = { sample_one };
	struct sample_walk w = { mm, clock_of(mm), { NULL, 0 } };
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (!(vma->vm_flags & VM_LOCKED))
			walk_page_range(mm, vma->vm_start, vma->vm_end, &sample_ops, &w);
	return w.v;
}

/* Evict @page of @mm now: through shrink_list, waiting for the write. */
static bool evict(struct page *page)
{
	struct scan_control sc = { .gfp_mask = GFP_KERNEL, .may_swap = true,
				   .ignore_referenced = true };
	LIST_HEAD(list);

	if (isolate_lru_page(page, &list))
		return false;
	count_vm_event(PGSCAN_DIRECT);
	shrink_list(&list, &sc);
	shrink_list_sync(&list, &sc);
	bool kept = !list_empty(&list);
	putback_lru_pages(&list);
	return !kept;
}

void rss_limit_fault(struct mm_struct *mm, unsigned long addr)
{
	struct victim v;
	int tries = 0;

	if (mm->rss_limit == ~0UL)
		return;
	mm->fault_clock++;	/* the policy's time: one tick per page brought in */
	lru_add_drain();
	v = sample_and_find(mm);
	while (mm->rss >= mm->rss_limit && v.page && tries++ < MAX_TRIES) {
		evict(v.page);
		v = sample_and_find(mm);
	}
}

void rss_limit_mapped(struct mm_struct *mm, struct page *page)
{
	struct rss_clock c = clock_of(mm);

	page->index = rss_policy_arrive(&c);
}
