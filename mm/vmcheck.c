/*
 * vmcheck: a consistency checker for the whole VM, in the spirit of
 * Linux's CONFIG_DEBUG_VM checks but done as one sweep. It walks every
 * mm's page tables, the zones' LRU and free lists, the swap cache and
 * every swap area's slot counts, and checks that they tell the same story:
 *
 *   - each page's map count equals the PTEs that map it, and its reverse
 *     map lists exactly those PTEs; mm->rss and mm->swap_ents count them;
 *   - each slot's use count equals the swap PTEs holding it plus one
 *     if the swap cache holds it; inuse_pages, pages, nr_swap_pages and
 *     total_swap_pages agree with the maps;
 *   - each page is on the LRU list its flags say (PG_lru, PG_active), and
 *     the lists' lengths are the zone's counters;
 *   - nothing is both free and in use: a mapped, cached or listed page has
 *     references and is not a free buddy block;
 *   - the swap cache's tree and its pages' PG_swapcache agree.
 *
 * Callers: init's exit (every user-level test ends with a verdict line),
 * the vmcheckd thread (every N seconds with vmcheck=N, and on Ctrl-V at
 * the console), /proc/vmcheck, and the self-tests. Each problem is one
 * "vmcheck: error: ..." line, then the verdict "vmcheck: WHY: clean (...)"
 * or "vmcheck: WHY: N problems".
 *
 * When it may run: in process context, at a point where the caller itself
 * holds nothing half-done. The kernel is not preemptible, so every other
 * task is then asleep at a point where the structures agree (the code
 * between two changes that must agree never sleeps; read_swap_cache_async
 * is written that way for this reason). Interrupts stay off for the
 * sweep, so no I/O completion changes a page under it. It needs no
 * memory: counts are taken window by window in a static array, each
 * window one more walk of all page tables.
 */
#include <mm/vmcheck.h>
#include <mm/mm.h>
#include <mm/fault.h>
#include <mm/mmzone.h>
#include <mm/rmap.h>
#include <mm/swap_state.h>
#include <mm/workingset.h>
#include <mm/swapfile.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/wait.h>
#include <fs/proc.h>
#include <lib/seq_buf.h>
#include <lib/string.h>
#include <lib/vsnprintf.h>
#include <kernel/time.h>
#include <uapi/errno.h>
#include <arch/x86/irqflags.h>
#include <arch/x86/paging.h>

#define WINDOW 4096		/* pfns or slots counted per walk of the page tables */
#define MAX_REPORTED 20		/* problem lines printed per sweep */

static u16 counts[WINDOW];		/* PTEs per pfn or per slot of the window */
static u16 slot_counts[WINDOW];		/* the slots' own counts (swap_slot_counts) */
static unsigned long problems;
static bool quiet;

unsigned long vmcheck_runs, vmcheck_problems;

__printf(1, 2) static void problem(const char *fmt, ...)
{
	char line[160];
	va_list ap;

	if (problems++ >= MAX_REPORTED || quiet)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	printk(KERN_ERR "vmcheck: error: %s\n", line);
}

/* ---- walking every user PTE ------------------------------------------------ */

struct pte_visit {
	void (*fn)(struct mm_struct *mm, unsigned long addr, pte_t *pte, void *arg);
	struct mm_struct *mm;
	void *arg;
};

static int visit_pte(pte_t *pte, unsigned long addr, void *arg)
{
	struct pte_visit *v = arg;

	if (*pte)
		v->fn(v->mm, addr, pte, v->arg);
	return 0;
}

/* Call @fn for every non-empty user PTE of @mm. */
static void walk_user_ptes(struct mm_struct *mm,
			   void (*fn)(struct mm_struct *, unsigned long, pte_t *, void *), void *arg)
{
	static const struct mm_walk_ops visit_ops = { visit_pte };
	struct pte_visit v = { fn, mm, arg };

	walk_page_range(mm, 0, USER_SPACE_END, &visit_ops, &v);
}

/* ... and of every mm. */
static void for_each_user_pte(void (*fn)(struct mm_struct *, unsigned long, pte_t *, void *),
			      void *arg)
{
	struct mm_struct *mm;

	list_for_each_entry(mm, &mm_list, mmlist)
		walk_user_ptes(mm, fn, arg);
}

/* A PTE that holds a swap slot (not the poisoned PTE, which holds none). */
static bool is_swap_pte(pte_t pte)
{
	return pte && !(pte & _PAGE_PRESENT) && !is_poisoned_pte(pte);
}

/* ---- per mm: its PTEs, its counters ------------------------------------- */

struct mm_totals {
	unsigned long rss, swap_ents;
};

static int find_pte(struct page *page, pte_t *ptep, void *arg)
{
	return ptep == arg;
}

/* One PTE of @mm: what it points to must exist and know about it. */
static void check_pte(struct mm_struct *mm, unsigned long addr, pte_t *ptep, void *arg)
{
	struct mm_totals *t = arg;
	pte_t pte = *ptep;
	struct vm_area_struct *vma = find_vma(mm, addr);

	if (!vma || addr < vma->vm_start)
		problem("mm %p: PTE %08x at %08lx outside every VMA", mm, pte, addr);
	if (is_poisoned_pte(pte))
		return;
	if (is_swap_pte(pte)) {
		swp_entry_t e = pte_to_swp_entry(pte);
		struct swap_info_struct *si = &swap_info[swp_type(e)];
		t->swap_ents++;
		unsigned short c = swap_slot_count(e);
		if (!(si->flags & SWP_USED) || !si->serial || swp_offset(e) >= si->max)
			problem("mm %p: swap PTE %08x at %08lx names no slot", mm, pte, addr);
		else if (!c || c == SWAP_MAP_BAD)
			problem("mm %p: swap PTE at %08lx holds %s slot %lu with count %#x", mm, addr,
				si->name, swp_offset(e), c);
		return;
	}
	if ((pte >> PAGE_SHIFT) >= max_pfn) {
		problem("mm %p: PTE %08x at %08lx maps no page", mm, pte, addr);
		return;
	}
	struct page *page = pfn_to_page(pte >> PAGE_SHIFT);
	if (page == zero_page) {
		if (pte & _PAGE_RW)
			problem("mm %p: the zero page is writable at %08lx", mm, addr);
		return;
	}
	t->rss++;
	if (PageBuddy(page) || page_count(page) <= 0)
		problem("pfn %lu: free (count %d) but mapped at %08lx of mm %p", page_to_pfn(page),
			page_count(page), addr, mm);
	else if (!PageAnon(page))
		problem("pfn %lu: mapped at %08lx of mm %p, not anonymous", page_to_pfn(page),
			addr, mm);
	else if (!rmap_walk(page, find_pte, ptep))
		problem("pfn %lu: mapped at %08lx of mm %p, missing from its reverse map",
			page_to_pfn(page), addr, mm);
}

/* The page tables of @mm are its own, and marked as page tables. */
static void check_page_tables(struct mm_struct *mm)
{
	for (unsigned int i = 0; i < KERNEL_PGD_FIRST; i++) {
		if (!(mm->pgd[i] & _PAGE_PRESENT))
			continue;
		struct page *pt = pfn_to_page(mm->pgd[i] >> PAGE_SHIFT);
		if (!PagePageTable(pt) || pt->u.mm != mm || pt->index != (i << PGDIR_SHIFT))
			problem("mm %p: page table pfn %lu for %08x is not marked as its", mm,
				page_to_pfn(pt), i << PGDIR_SHIFT);
	}
}

static void check_mms(void)
{
	struct mm_struct *mm;

	list_for_each_entry(mm, &mm_list, mmlist) {
		struct mm_totals t = { 0, 0 };
		check_page_tables(mm);
		walk_user_ptes(mm, check_pte, &t);
		if (t.rss != mm->rss || t.swap_ents != mm->swap_ents)
			problem("mm %p (%s): rss %lu swap_ents %lu, page tables say %lu and %lu", mm,
				mm->owner ? mm->owner->comm : "-", mm->rss, mm->swap_ents, t.rss,
				t.swap_ents);
	}
}

/* ---- per page: map counts, reverse map, flags ---------------------------- */

static void count_mapping(struct mm_struct *mm, unsigned long addr, pte_t *ptep, void *arg)
{
	unsigned long base = *(unsigned long *)arg, pfn = *ptep >> PAGE_SHIFT;

	if ((*ptep & _PAGE_PRESENT) && pfn >= base && pfn < base + WINDOW && pfn < max_pfn &&
	    pfn_to_page(pfn) != zero_page && counts[pfn - base] < 0xffff)
		counts[pfn - base]++;
}

struct rmap_count {
	unsigned long pfn;
	int entries, wrong;
};

static int rmap_entry(struct page *page, pte_t *ptep, void *arg)
{
	struct rmap_count *rc = arg;

	rc->entries++;
	rc->wrong += !(*ptep & _PAGE_PRESENT) || (*ptep >> PAGE_SHIFT) != rc->pfn;
	return 0;
}

/* LRU flags seen per zone, to compare with the lists. */
static unsigned long flagged[MAX_NR_ZONES][2];

static void check_page(struct page *page, int ptes)
{
	unsigned long pfn = page_to_pfn(page);
	int refs = page_mapcount(page) + PageSwapCache(page);

	if (page == zero_page)
		return;
	if (page_mapcount(page) != ptes)
		problem("pfn %lu: map count %d, mapped by %d PTEs", pfn, page_mapcount(page), ptes);
	if (page_mapped(page)) {
		struct rmap_count rc = { pfn, 0, 0 };
		rmap_walk(page, rmap_entry, &rc);
		if (rc.entries != page_mapcount(page) || rc.wrong)
			problem("pfn %lu: reverse map has %d entries (%d not mapping it), map count %d",
				pfn, rc.entries, rc.wrong, page_mapcount(page));
	}
	if ((refs || PageLRU(page)) && (PageBuddy(page) || page_count(page) < refs ||
					page_count(page) <= 0))
		problem("pfn %lu: count %d%s, but %d mappings%s%s", pfn, page_count(page),
			PageBuddy(page) ? " (free)" : "", page_mapcount(page),
			PageSwapCache(page) ? ", in the swap cache" : "",
			PageLRU(page) ? ", on an LRU list" : "");
	if (PageSwapCache(page) &&
	    radix_tree_lookup(&swapper_space.page_tree, page->private) != page)
		problem("pfn %lu: PG_swapcache for entry %08lx, not in the swap cache", pfn,
			page->private);
	if (PageLRU(page))
		flagged[page_zonenum(page)][PageActive(page)]++;
}

static void check_pages(void)
{
	for (unsigned long base = 0; base < max_pfn; base += WINDOW) {
		memset(counts, 0, sizeof(counts));
		for_each_user_pte(count_mapping, &base);
		for (unsigned long pfn = base; pfn < max_pfn && pfn < base + WINDOW; pfn++)
			check_page(pfn_to_page(pfn), counts[pfn - base]);
	}
}

/* ---- LRU and free lists ------------------------------------------------- */

/* Length of @list, each page checked to belong to @zone with PG_active == @active. */
static unsigned long lru_length(struct zone *zone, struct list_head *list, bool active)
{
	unsigned long n = 0;
	struct page *page;

	list_for_each_entry(page, list, lru) {
		if (!PageLRU(page) || PageActive(page) != active || page_zone(page) != zone)
			problem("pfn %lu: on the %s %s list with flags %08lx", page_to_pfn(page),
				zone->name, active ? "active" : "inactive", page->flags);
		if (++n > zone->spanned_pages) {
			problem("%s %s list: a cycle", zone->name, active ? "active" : "inactive");
			break;
		}
	}
	return n;
}

static void check_zones(void)
{
	struct zone *zone;

	for_each_zone(zone) {
		unsigned long active = lru_length(zone, &zone->active_list, true);
		unsigned long inactive = lru_length(zone, &zone->inactive_list, false);
		unsigned long free = 0;
		if (active != zone->nr_active || inactive != zone->nr_inactive ||
		    active != flagged[zone_idx(zone)][1] || inactive != flagged[zone_idx(zone)][0])
			problem("zone %s: lists hold %lu active and %lu inactive pages, counters say "
				"%lu and %lu, flags %lu and %lu", zone->name, active, inactive,
				zone->nr_active, zone->nr_inactive, flagged[zone_idx(zone)][1],
				flagged[zone_idx(zone)][0]);
		for (unsigned int order = 0; order < MAX_ORDER; order++) {
			struct page *page;
			list_for_each_entry(page, &zone->free_area[order].free_list, lru) {
				if (!PageBuddy(page) || page->private != order || page_count(page) ||
				    page_mapped(page))
					problem("pfn %lu: on the order-%u free list, flags %08lx count %d",
						page_to_pfn(page), order, page->flags, page_count(page));
				free += 1UL << order;
				if (free > zone->spanned_pages)
					break;
			}
		}
		if (free != zone->free_pages)
			problem("zone %s: free lists hold %lu pages, free_pages says %lu", zone->name,
				free, zone->free_pages);
	}
}

/* ---- swap: slots, areas, the swap cache ---------------------------------- */

struct slot_window {
	int type;
	unsigned long base;
};

static void count_holder(struct mm_struct *mm, unsigned long addr, pte_t *ptep, void *arg)
{
	const struct slot_window *w = arg;
	swp_entry_t e;

	if (!is_swap_pte(*ptep))
		return;
	e = pte_to_swp_entry(*ptep);
	if ((int)swp_type(e) == w->type && swp_offset(e) >= w->base &&
	    swp_offset(e) < w->base + WINDOW && counts[swp_offset(e) - w->base] < 0xffff)
		counts[swp_offset(e) - w->base]++;
}

/* Slot @off of @si, whose count is @c, held by @ptes swap PTEs. */
static void check_slot(struct swap_info_struct *si, int type, unsigned long off, unsigned short c,
		       int ptes, unsigned long *inuse, unsigned long *bad)
{
	struct page *page = radix_tree_lookup(&swapper_space.page_tree, swp_entry(type, off).val);

	if (is_shadow_entry(page))
		page = NULL;	/* holds no count on the slot */

	if (c == SWAP_MAP_BAD) {
		(*bad)++;
		if (ptes || page)
			problem("%s slot %lu: bad, yet %d swap PTEs%s hold it", si->name, off, ptes,
				page ? " and the swap cache" : "");
		return;
	}
	if (c)
		(*inuse)++;
	if (c != SWAP_MAP_MAX && c != ptes + !!page)
		problem("%s slot %lu: count %u, held by %d swap PTEs%s", si->name, off, c, ptes,
			page ? " and the swap cache" : "");
}

static void check_area(struct swap_info_struct *si, long *free, long *total)
{
	struct slot_window w = { (int)(si - swap_info), 0 };
	unsigned long inuse = 0, bad = 0;

	for (; w.base < si->max; w.base += WINDOW) {
		unsigned long n = swap_slot_counts(w.type, si->serial, w.base, slot_counts, WINDOW);
		memset(counts, 0, sizeof(counts));
		for_each_user_pte(count_holder, &w);
		for (unsigned long i = 0; i < n; i++)
			check_slot(si, w.type, w.base + i, slot_counts[i], counts[i], &inuse, &bad);
	}
	if (inuse != si->inuse_pages || si->max - bad != si->pages)
		problem("%s: %lu slots in use and %lu usable by its map, inuse_pages %lu pages %lu",
			si->name, inuse, si->max - bad, si->inuse_pages, si->pages);
	*free += (si->flags & SWP_WRITEOK ? (long)si->pages : 0) - (long)si->inuse_pages;
	*total += si->flags & SWP_WRITEOK ? (long)si->pages : 0;
}

static void check_swap(void)
{
	long free = 0, total = 0;
	unsigned long cached = 0, shadows = 0, index = 0, indices[16];
	void *batch[16];
	unsigned int n;

	for (int type = 0; type < MAX_SWAPFILES; type++)
		if ((swap_info[type].flags & SWP_USED) && swap_info[type].serial)
			check_area(&swap_info[type], &free, &total);
	if (free != nr_swap_pages || total != total_swap_pages)
		problem("nr_swap_pages %ld total_swap_pages %ld, the areas say %ld and %ld",
			nr_swap_pages, total_swap_pages, free, total);
	while ((n = radix_tree_gang_lookup_index(&swapper_space.page_tree, batch, indices, index,
						 16))) {
		for (unsigned int i = 0; i < n; i++) {
			struct page *page = batch[i];
			index = indices[i] + 1;
			if (is_shadow_entry(page)) {
				shadows++;	/* an evicted page's age (mm/workingset.c) */
				continue;
			}
			cached++;
			if (!PageSwapCache(page) || page->private != indices[i])
				problem("pfn %lu: in the swap cache at %lx without PG_swapcache "
					"or with private %lx", page_to_pfn(page), indices[i],
					page->private);
		}
		if (cached > max_pfn || !index)
			break;
	}
	if (cached != swapper_space.nrpages || shadows != swapper_space.nrexceptional)
		problem("the swap cache holds %lu pages and %lu shadows, nrpages says %lu and "
			"nrexceptional %lu", cached, shadows, swapper_space.nrpages,
			swapper_space.nrexceptional);
}

/* ---- the sweep and its callers --------------------------------------------- */

static unsigned long sweep(void)
{
	unsigned long flags = local_irq_save();
	unsigned long found;

	problems = 0;
	memset(flagged, 0, sizeof(flagged));
	check_mms();
	check_pages();
	check_zones();
	check_swap();
	found = problems;
	local_irq_restore(flags);
	return found;
}

unsigned long vmcheck(const char *why)
{
	unsigned long found = sweep();

	vmcheck_runs++;
	vmcheck_problems += found;
	if (found)
		printk(KERN_ERR "vmcheck: %s: %lu problem%s\n", why, found, found == 1 ? "" : "s");
	else
		printk(KERN_INFO "vmcheck: %s: clean (%lu swap-cache pages, %ld of %ld swap "
				 "slots free)\n", why, swapper_space.nrpages, nr_swap_pages,
		       total_swap_pages);
	return found;
}

unsigned long vmcheck_quiet(void)
{
	unsigned long found;

	quiet = true;
	found = sweep();
	quiet = false;
	return found;
}

/*
 * vmcheckd: sweeps every vmcheck_interval seconds (boot parameter
 * vmcheck=N; 0, the default, only when asked) and when the console asks
 * (Ctrl-V), from a thread of its own because the console's keys arrive
 * in interrupt context, where the structures may be half-changed.
 */
static unsigned long vmcheck_interval;
static volatile bool vmcheck_asked;
static DECLARE_WAIT_QUEUE_HEAD(vmcheckd_wait);

static int set_vmcheck(const char *val)
{
	const char *end;

	if (!val || !*val)
		return -EINVAL;
	vmcheck_interval = simple_strtoull(val, &end, 10);
	return *end ? -EINVAL : 0;
}
__setup("vmcheck", set_vmcheck);

void vmcheck_request(void)
{
	vmcheck_asked = true;
	wake_up(&vmcheckd_wait);
}

static int vmcheckd(void *arg)
{
	for (;;) {
		DEFINE_WAIT(w);
		prepare_to_wait(&vmcheckd_wait, &w, TASK_INTERRUPTIBLE);
		if (!vmcheck_asked) {
			if (vmcheck_interval)
				schedule_timeout(vmcheck_interval * HZ);
			else
				schedule();
		}
		finish_wait(&vmcheckd_wait, &w);
		vmcheck(vmcheck_asked ? "Ctrl-V" : "periodic");
		vmcheck_asked = false;
	}
	return 0;
}

void vmcheck_init(void)
{
	kernel_thread(vmcheckd, NULL, "vmcheckd");
}

/* /proc/vmcheck: a sweep now (its lines go to the console), and the totals. */
static void show_vmcheck(struct seq_buf *s)
{
	unsigned long found = vmcheck("/proc/vmcheck");

	seq_printf(s, "%s\nruns %lu\nproblems %lu\n", found ? "problems" : "clean", vmcheck_runs,
		   vmcheck_problems);
}
PROC_ENTRY(vmcheck, show_vmcheck);
