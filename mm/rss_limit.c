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
 * Which page goes is decided by ARC, the Adaptive Replacement Cache of
 * Megiddo and Modha (FAST 2003), fed with what the hardware tells us:
 *
 *   T1  resident pages used in a single fault interval since they came in
 *   T2  resident pages used again later, or refaulted soon after eviction
 *   B1, B2  ghosts: addresses of pages recently evicted from T1 and T2
 *   p   the target size of T1, moved by ghost hits: a refault found in B1
 *       says "T1 is too small", one in B2 says "T2 is too small"
 *
 * Time is the process's fault clock (mm->fault_clock). Recency inside T1
 * and T2 comes from the PTE accessed bits, sampled and cleared at every
 * eviction decision: a page's "last use" is the last fault interval in
 * which its bit was found set. Within one interval the order of uses is
 * unknown; among equally old pages the one that came in last goes first,
 * which keeps transient pages from pushing out established ones.
 *
 * Measured against the simulators in tests/host/policysim*: on the traces
 * in tests/traces and ../shared/traces this reads fewer pages than exact
 * LRU on most of them (make bench prints the table). Why not LRU itself?
 * With sampled accessed bits an LRU can only order pages by fault
 * interval, and that ambiguity costs it more than LRU; ARC's frequency list
 * and ghosts make up for it.
 *
 * Per page state, for a resident anonymous page of a limited process, in
 * page->index (otherwise unused for such pages):
 *   bits 31..12  last use (fault clock, 20 bits, compared modulo 2^20)
 *   bits 11..1   last use minus arrival, saturated at 2047
 *   bit 0        in T2
 * Locking: everything here runs in the faulting process's context; the
 * process's page tables and the policy state are only changed by it.
 */
#include <mm/rss_limit.h>
#include <mm/vmscan.h>
#include <mm/lru.h>
#include <mm/pagemap.h>
#include <mm/gfp.h>
#include <mm/vmstat.h>
#include <mm/slab.h>
#include <kernel/sched.h>
#include <kernel/printk.h>
#include <arch/x86/paging.h>
#include <lib/string.h>

#define CLOCK_BITS	20
#define CLOCK_MASK	((1UL << CLOCK_BITS) - 1)
#define DELTA_MAX	2047UL
#define GHOST_MAX	4096	/* ghost entries per list (the limit, up to this) */
#define GHOST_ORDER	2	/* 4 pages: 4096 u32 entries */

struct ghost_list {
	u32 *vpn;		/* oldest first */
	unsigned int len, cap;
};

struct rss_policy {
	struct ghost_list b1, b2;
	unsigned long p_x2;	/* target size of T1, in half pages (ARC's p, step 1/2) */
	bool incoming_t2;	/* the page being faulted in was a ghost hit */
	unsigned long t1, t2;	/* sizes found by the last sample */
};

/* ---- page state in page->index ---- */

static unsigned long last_use(const struct page *page)
{
	return page->index >> 12;
}

static unsigned long age(const struct mm_struct *mm, const struct page *page)
{
	return (mm->fault_clock - last_use(page)) & CLOCK_MASK;
}

static unsigned long arrival_delta(const struct page *page)
{
	return (page->index >> 1) & DELTA_MAX;
}

static bool in_t2(const struct page *page)
{
	return page->index & 1;
}

static void set_state(struct page *page, unsigned long last, unsigned long delta, bool t2)
{
	page->index = ((last & CLOCK_MASK) << 12) | (min(delta, DELTA_MAX) << 1) | t2;
}

/* ---- ghost lists ---- */

static bool ghost_init(struct ghost_list *g, unsigned long cap)
{
	g->vpn = (u32 *)__get_free_pages(GFP_KERNEL, GHOST_ORDER);
	g->len = 0;
	g->cap = min(cap, (unsigned long)GHOST_MAX);
	return g->vpn != NULL;
}

/* Remove @vpn if present; true if it was there. */
static bool ghost_take(struct ghost_list *g, u32 vpn)
{
	for (unsigned int i = 0; i < g->len; i++)
		if (g->vpn[i] == vpn) {
			memmove(g->vpn + i, g->vpn + i + 1, (g->len - i - 1) * sizeof(u32));
			g->len--;
			return true;
		}
	return false;
}

static void ghost_drop_oldest(struct ghost_list *g)
{
	if (g->len) {
		memmove(g->vpn, g->vpn + 1, (g->len - 1) * sizeof(u32));
		g->len--;
	}
}

static void ghost_add(struct ghost_list *g, u32 vpn)
{
	if (!g->cap)
		return;
	if (g->len == g->cap)
		ghost_drop_oldest(g);
	g->vpn[g->len++] = vpn;
}

static struct rss_policy *policy_of(struct mm_struct *mm)
{
	struct rss_policy *pol = mm->rss_policy;

	if (pol || mm->rss_limit == ~0UL)
		return pol;
	pol = kzalloc(sizeof(*pol), GFP_KERNEL);
	if (!pol)
		return NULL;
	if (!ghost_init(&pol->b1, mm->rss_limit) || !ghost_init(&pol->b2, mm->rss_limit)) {
		free_pages((unsigned long)pol->b1.vpn, GHOST_ORDER);
		kfree(pol);
		return NULL;
	}
	mm->rss_policy = pol;
	return pol;
}

void rss_limit_release(struct mm_struct *mm)
{
	struct rss_policy *pol = mm->rss_policy;

	if (!pol)
		return;
	free_pages((unsigned long)pol->b1.vpn, GHOST_ORDER);
	free_pages((unsigned long)pol->b2.vpn, GHOST_ORDER);
	kfree(pol);
	mm->rss_policy = NULL;
}

/* ---- sampling and choosing ---- */

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
static void sample_pte(struct mm_struct *mm, unsigned long addr, pte_t *p, struct page *page)
{
	unsigned long now = mm->fault_clock;

	if (!(*p & _PAGE_ACCESSED))
		return;
	*p &= ~_PAGE_ACCESSED;
	flush_tlb_page(mm, addr);
	if (age(mm, page) == 0)
		return;	/* already seen in this interval */
	/* Used in a later interval than its arrival: it belongs to T2. */
	bool t2 = in_t2(page) || arrival_delta(page) + age(mm, page) >= 2;
	set_state(page, now, arrival_delta(page) + age(mm, page), t2);
}

struct victims {
	struct page *lru[2];	/* the least recently used page of T1, of T2 */
	unsigned long addr[2];
};

static bool older(const struct mm_struct *mm, const struct page *a, unsigned long aa,
		  const struct page *b, unsigned long ba)
{
	if (age(mm, a) != age(mm, b))
		return age(mm, a) > age(mm, b);
	if (arrival_delta(a) != arrival_delta(b))
		return arrival_delta(a) < arrival_delta(b);	/* the newcomer goes first */
	return aa < ba;
}

struct sample_walk {
	struct mm_struct *mm;
	struct rss_policy *pol;
	struct victims *v;
};

/* One PTE for sample_and_find. */
static int sample_one(pte_t *p, unsigned long a, void *arg)
{
	struct sample_walk *w = arg;
	struct page *page = evictable(w->mm, *p);
	int l;

	if (!page)
		return 0;
	sample_pte(w->mm, a, p, page);
	l = in_t2(page);
	*(l ? &w->pol->t2 : &w->pol->t1) += 1;
	if (page_mapcount(page) != 1 || !PageLRU(page) || PageLocked(page))
		return 0;
	if (!w->v->lru[l] || older(w->mm, page, a, w->v->lru[l], w->v->addr[l])) {
		w->v->lru[l] = page;
		w->v->addr[l] = a;
	}
	return 0;
}

/* Sample every resident page of @mm and find the LRU page of T1 and of T2. */
static void sample_and_find(struct mm_struct *mm, struct rss_policy *pol, struct victims *v)
{
	static const struct mm_walk_ops sample_ops = { sample_one };
	struct sample_walk w = { mm, pol, v };
	struct vm_area_struct *vma;

	memset(v, 0, sizeof(*v));
	pol->t1 = pol->t2 = 0;
	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (!(vma->vm_flags & VM_LOCKED))
			walk_page_range(mm, vma->vm_start, vma->vm_end, &sample_ops, &w);
}

/* ARC's replace(): evict from T1 if it is over its target, else from T2. */
static int choose_list(const struct rss_policy *pol, const struct victims *v, bool hit_b2)
{
	unsigned long t1_x2 = pol->t1 * 2;

	if (v->lru[0] && (t1_x2 > pol->p_x2 || (hit_b2 && t1_x2 == pol->p_x2) || !v->lru[1]))
		return 0;
	return v->lru[1] ? 1 : -1;
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

enum incoming { MISS, HIT_B1, HIT_B2, MISS_T1_FULL };

/*
 * ARC's c: the frames its lists share. The limit counts every resident
 * page, and some are not the policy's to evict (mlocked, shared, the zero
 * page is not counted at all), so c is the limit less those.
 */
static unsigned long cache_size(const struct mm_struct *mm, const struct rss_policy *pol)
{
	unsigned long others = mm->rss > pol->t1 + pol->t2 ? mm->rss - pol->t1 - pol->t2 : 0;

	return mm->rss_limit > others ? mm->rss_limit - others : 1;
}

/*
 * ARC's bookkeeping for the page about to come in at @addr: adapt p on a
 * ghost hit, and on a plain miss keep the directory (T1+B1 at most c
 * entries, all four lists at most 2c) by dropping the oldest ghost.
 * MISS_T1_FULL: T1 alone fills the memory, so its LRU page leaves without
 * a ghost (there is no room for one in T1's directory).
 */
static enum incoming note_incoming(struct mm_struct *mm, struct rss_policy *pol,
				   unsigned long addr)
{
	u32 vpn = addr >> PAGE_SHIFT;
	unsigned long c = cache_size(mm, pol);
	unsigned long b1 = pol->b1.len, b2 = pol->b2.len;

	pol->incoming_t2 = false;
	if (ghost_take(&pol->b1, vpn)) {
		pol->p_x2 = min(2 * c, pol->p_x2 + max(b2 / max(b1, 1UL), 1UL));
		pol->incoming_t2 = true;
		return HIT_B1;
	}
	if (ghost_take(&pol->b2, vpn)) {
		unsigned long step = max(b1 / max(b2, 1UL), 1UL);
		pol->p_x2 = pol->p_x2 > step ? pol->p_x2 - step : 0;
		pol->incoming_t2 = true;
		return HIT_B2;
	}
	if (pol->t1 + b1 >= c) {
		if (!b1)
			return MISS_T1_FULL;
		ghost_drop_oldest(&pol->b1);
	} else if (pol->t1 + pol->t2 + b1 + b2 >= 2 * c) {
		ghost_drop_oldest(&pol->b2);
	}
	return MISS;
}

void rss_limit_fault(struct mm_struct *mm, unsigned long addr)
{
	struct rss_policy *pol;
	struct victims v;
	enum incoming in;
	int tries = 0;

	if (mm->rss_limit == ~0UL || !(pol = policy_of(mm)))
		return;
	mm->fault_clock++;	/* the policy's time: one tick per page brought in */
	lru_add_drain();
	sample_and_find(mm, pol, &v);
	in = note_incoming(mm, pol, addr);
	while (mm->rss >= mm->rss_limit && tries++ < 8) {
		int l = in == MISS_T1_FULL && v.lru[0] ? 0 : choose_list(pol, &v, in == HIT_B2);
		if (l < 0)
			break;
		unsigned long victim_addr = v.addr[l];
		if (evict(v.lru[l]) && in != MISS_T1_FULL)
			ghost_add(l ? &pol->b2 : &pol->b1, victim_addr >> PAGE_SHIFT);
		sample_and_find(mm, pol, &v);
	}
}

void rss_limit_mapped(struct mm_struct *mm, struct page *page)
{
	struct rss_policy *pol = mm->rss_policy;

	set_state(page, mm->fault_clock, 0, pol && pol->incoming_t2);
	if (pol)
		pol->incoming_t2 = false;
}
