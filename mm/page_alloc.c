/*
 * The zoned buddy allocator: zone setup, watermarks, and allocation and
 * freeing of blocks of 2^order page frames (Gorman §2.2 "Zones" and
 * ch. 6 "Physical Page Allocation"; Mauerer §3.5 "Management of Physical
 * Memory").
 *
 * Each zone keeps, for every order k < MAX_ORDER, a list of its free
 * blocks of 2^k pages (free_area[k]). A block of order k starts at a
 * zone-relative page index that is a multiple of 2^k; its buddy is the
 * other half of the order k+1 block containing it, at index ^ 2^k.
 * Allocation takes the first block of the smallest order that fits and
 * puts the halves it does not need back on the lower lists (expand).
 * Freeing merges the block with its buddy for as long as the buddy is a
 * free block of the same order (__free_one_page), so two free buddies of
 * one order never coexist. Zones start at multiples of 2^(MAX_ORDER-1)
 * pages, so every block is also physically aligned to its size; the slab
 * allocator relies on that to find a slab's first page.
 *
 * A page frame is in one of three states here:
 *   reserved   PG_reserved, count 1: from free_area_init() until
 *              free_bootmem_range() releases it, forever for the rest;
 *   free       count 0, _mapcount -1, private 0, no flags but the zone;
 *              the first page of a block also has PG_buddy and private =
 *              order and is linked through lru on free_area[order];
 *   allocated  the first page has count >= 1, the others count 0; the
 *              owner may use every other field until it frees the block.
 *
 * Watermarks decide when a zone may still give pages away: an allocation
 * first tries each zone of its zonelist keeping free pages >= pages_low;
 * failing that, the slow path (__alloc_pages_slowpath) wakes kswapd and
 * goes down to pages_min, or half of it for __GFP_HIGH requests, and an
 * allocation that may sleep reclaims directly (direct_reclaim in
 * mm/vmscan.c) before it tries again. The zonelists give the fallback
 * order: ZONE_NORMAL requests fall back to ZONE_DMA; __GFP_DMA requests
 * can use nothing but ZONE_DMA.
 *
 * With CONFIG_DEBUG_PAGEALLOC, freed pages are filled with PAGE_POISON and
 * the pattern is checked when they are handed out again, which catches
 * writes through stale pointers to freed memory.
 *
 * Locking: zone->lock, taken with spin_lock_irqsave, protects a zone's
 * free_area[] and free_pages; it is held only for list surgery, never while
 * poisoning or zeroing. There are no per-CPU page lists: with one CPU the
 * lock costs no more than disabling interrupts. Zone geometry and
 * watermarks are written at boot, before interrupts are enabled.
 */
#include <mm/vmscan.h>
#include <mm/gfp.h>
#include <mm/mmzone.h>
#include <mm/page.h>
#include <kernel/bug.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <lib/string.h>
#include <lib/vsnprintf.h>

pg_data_t contig_page_data;
unsigned long totalram_pages;

static const char *const zone_names[MAX_NR_ZONES] = { "DMA", "Normal" };

#define PAGE_ZONE_MASK (3UL << PG_zone_shift)

/* Flags that say somebody still uses the page: freeing it then is a bug. */
#define PAGE_FLAGS_CHECK_AT_FREE                                                                   \
	(BIT(PG_locked) | BIT(PG_lru) | BIT(PG_active) | BIT(PG_slab) | BIT(PG_reserved) |         \
	 BIT(PG_writeback) | BIT(PG_swapcache) | BIT(PG_buddy) | BIT(PG_reclaim) |                 \
	 BIT(PG_pagetable))

/* How far down an allocation may take a zone (see zone_alloc_mark). */
#define ALLOC_WMARK_MIN 0x0
#define ALLOC_WMARK_LOW 0x1
#define ALLOC_HIGH	0x2
#define ALLOC_NO_WATERMARKS 0x4	/* __GFP_MEMALLOC: reclaim's own allocations */

#define K(pages) ((pages) << (PAGE_SHIFT - 10))

/* ---- page poisoning (CONFIG_DEBUG_PAGEALLOC) ------------------------------ */

#ifdef CONFIG_DEBUG_PAGEALLOC
#define PAGE_POISON 0xaa

static void poison_page(struct page *page)
{
	memset(page_address(page), PAGE_POISON, PAGE_SIZE);
}

/* A free page must come back exactly as poison_page() left it. */
static void check_poison(struct page *page)
{
	const unsigned long pattern = ~0UL / 0xff * PAGE_POISON;
	const unsigned long *word = page_address(page);
	size_t i;

	for (i = 0; i < PAGE_SIZE / sizeof(*word); i++) {
		if (word[i] != pattern) {
			pr_err("page_alloc: free pfn %lu written at offset %zu (use after free?)\n",
			       page_to_pfn(page), i * sizeof(*word));
			BUG();
		}
	}
}
#else
static inline void poison_page(struct page *page)
{
}

static inline void check_poison(struct page *page)
{
}
#endif

/* ---- the buddy system ----------------------------------------------------- */

static inline struct page *zone_page(const struct zone *zone, unsigned long idx)
{
	return pfn_to_page(zone->zone_start_pfn + idx);
}

/* Put the block headed by @page on the free list of @order (zone->lock held). */
static void add_to_free_area(struct page *page, struct zone *zone, unsigned int order)
{
	struct free_area *area = &zone->free_area[order];

	page->private = order;
	SetPageBuddy(page);
	list_add(&page->lru, &area->free_list);
	area->nr_free++;
}

static void del_from_free_area(struct page *page, struct zone *zone, unsigned int order)
{
	list_del(&page->lru);
	zone->free_area[order].nr_free--;
	ClearPageBuddy(page);
	page->private = 0;
}

/*
 * Is the page at zone index @idx the head of a free block of @order? Only
 * then may a block be merged with it. Reserved pages, pages inside a free
 * block and pages in use all lack PG_buddy, so holes are never merged.
 */
static bool page_is_buddy(const struct zone *zone, unsigned long idx, unsigned int order)
{
	const struct page *page;

	if (idx >= zone->spanned_pages)
		return false;
	page = zone_page(zone, idx);
	return PageBuddy(page) && page->private == order;
}

/*
 * __free_one_page - return a block to @zone, merging it with its buddies
 * => caller holds zone->lock
 *
 * Each merge takes the buddy off its list and doubles the block, whose
 * start is then the lower of the two (page_idx & buddy_idx).
 */
static void __free_one_page(struct page *page, struct zone *zone, unsigned int order)
{
	unsigned long page_idx = page_to_pfn(page) - zone->zone_start_pfn;

	BUG_ON(page_idx & ((1UL << order) - 1));
	BUG_ON(page_idx + (1UL << order) > zone->spanned_pages);
	zone->free_pages += 1UL << order;
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_idx = page_idx ^ (1UL << order);

		if (!page_is_buddy(zone, buddy_idx, order))
			break;
		del_from_free_area(zone_page(zone, buddy_idx), zone, order);
		page_idx &= buddy_idx;
		order++;
	}
	add_to_free_area(zone_page(zone, page_idx), zone, order);
}

/*
 * expand - split a block of order @high down to the @low-order block at its start
 * => caller holds zone->lock
 *
 * The upper half of each split goes back on the free list one order down.
 */
static void expand(struct zone *zone, struct page *page, unsigned int low, unsigned int high)
{
	unsigned long size = 1UL << high;

	while (high > low) {
		high--;
		size >>= 1;
		add_to_free_area(page + size, zone, high);
	}
}

/*
 * __rmqueue - take a block of @order off @zone's free lists, or NULL
 * => caller holds zone->lock
 */
static struct page *__rmqueue(struct zone *zone, unsigned int order)
{
	unsigned int current_order;

	for (current_order = order; current_order < MAX_ORDER; current_order++) {
		struct free_area *area = &zone->free_area[current_order];
		struct page *page;

		if (list_empty(&area->free_list))
			continue;
		page = list_first_entry(&area->free_list, struct page, lru);
		del_from_free_area(page, zone, current_order);
		zone->free_pages -= 1UL << order;
		expand(zone, page, order, current_order);
		return page;
	}
	return NULL;
}

/* ---- watermarks ----------------------------------------------------------- */

bool zone_watermark_ok(struct zone *zone, unsigned int order, unsigned long mark)
{
	long free_pages = (long)zone->free_pages - (1L << order) + 1;
	long min = (long)mark;
	unsigned int o;

	if (free_pages <= min)
		return false;
	for (o = 0; o < order; o++) {
		/* Blocks of order o cannot serve this request. */
		free_pages -= (long)(zone->free_area[o].nr_free << o);
		min >>= 1;
		if (free_pages <= min)
			return false;
	}
	return true;
}

/*
 * pages_min for a zone of @present pages: Linux 2.4's present / 128,
 * clamped to [20, 255] (Gorman §2.2.1). Linux never meets zones of a few
 * dozen pages, where 20 would reserve a large share or all of the zone,
 * so we also cap it at a quarter of the zone (pages_high then stays below
 * three quarters): with mem=4M the DMA zone gets 20/40/60, and a zone of
 * 40 pages 10/20/30.
 */
static unsigned long zone_pages_min(unsigned long present)
{
	unsigned long pages = present / ZONE_BALANCE_RATIO;

	if (pages < ZONE_BALANCE_MIN)
		pages = ZONE_BALANCE_MIN;
	if (pages > ZONE_BALANCE_MAX)
		pages = ZONE_BALANCE_MAX;
	return min(pages, present / 4);
}

void setup_zone_watermarks(void)
{
	struct zone *zone;

	for_each_zone(zone) {
		unsigned long pages = zone_pages_min(zone->present_pages);
		unsigned long flags = spin_lock_irqsave(&zone->lock);

		zone->pages_min = pages;
		zone->pages_low = 2 * pages;
		zone->pages_high = 3 * pages;
		spin_unlock_irqrestore(&zone->lock, flags);
	}
}

/* The free pages an allocation must leave in @zone. */
static unsigned long zone_alloc_mark(const struct zone *zone, int alloc_flags)
{
	unsigned long mark = (alloc_flags & ALLOC_WMARK_LOW) ? zone->pages_low : zone->pages_min;

	if (alloc_flags & ALLOC_NO_WATERMARKS)
		return 0;
	if (alloc_flags & ALLOC_HIGH)
		mark -= mark / 2;
	return mark;
}

/* ---- allocation ----------------------------------------------------------- */

/* Take a block from @zone if that leaves it at or above @mark. */
static struct page *rmqueue(struct zone *zone, unsigned int order, unsigned long mark)
{
	struct page *page = NULL;
	unsigned long flags = spin_lock_irqsave(&zone->lock);

	if (zone_watermark_ok(zone, order, mark))
		page = __rmqueue(zone, order);
	spin_unlock_irqrestore(&zone->lock, flags);
	return page;
}

/* One pass over the zonelist: the first zone that stays above its mark. */
static struct page *get_page_from_freelist(unsigned int order, struct zonelist *zonelist,
					   int alloc_flags)
{
	struct zone **z;

	for (z = zonelist->zones; *z; z++) {
		struct page *page;

		if (!populated_zone(*z))
			continue;
		page = rmqueue(*z, order, zone_alloc_mark(*z, alloc_flags));
		if (page)
			return page;
	}
	return NULL;
}

/*
 * Is another round of direct reclaim worth it? Not for a caller that cannot
 * sleep, nor for reclaim's own allocations (no recursion into reclaim). A
 * small block forms again as reclaim frees pages, so it is retried for as
 * long as direct_reclaim sees a point; a costly one (above
 * PAGE_ALLOC_COSTLY_ORDER) or a __GFP_NORETRY request gets one round and
 * fails, as in Linux 2.6's __alloc_pages. Without that bound a request that
 * cannot be met (order 10 on a 4 MiB machine) slept through 16 rounds.
 */
static bool may_reclaim_again(gfp_t gfp, unsigned int order, int attempt)
{
	if (!(gfp & __GFP_WAIT) || (gfp & __GFP_MEMALLOC))
		return false;
	if (attempt == 0)
		return true;
	return order <= PAGE_ALLOC_COSTLY_ORDER && !(gfp & __GFP_NORETRY);
}

/*
 * __alloc_pages_slowpath - every zone is at pages_low: reclaim and dig into
 * the reserve (Gorman §6.2 "Allocating Pages")
 *
 * kswapd is woken for each zone so it frees pages up to pages_high in the
 * background. Requests may go down to pages_min; __GFP_HIGH ones
 * (GFP_ATOMIC, which cannot wait) down to half of it. Below that, a
 * caller that may sleep (__GFP_WAIT) reclaims directly (direct_reclaim in
 * mm/vmscan.c, which may end in the OOM killer) and tries again, until
 * direct_reclaim says giving up is better or the request is too large to
 * be worth more than one round (may_reclaim_again). Reclaim's own allocations
 * (__GFP_MEMALLOC: the bio of a swap write, a swap-cache tree node) may
 * take the very last pages: freeing memory must not need memory that is
 * not there (Linux's PF_MEMALLOC).
 */
static struct page *__alloc_pages_slowpath(gfp_t gfp, unsigned int order, struct zonelist *zonelist)
{
	int alloc_flags = ALLOC_WMARK_MIN;
	struct page *page;
	int attempt = 0;

	for (struct zone **z = zonelist->zones; *z; z++)
		wakeup_kswapd(*z);
	if (gfp & __GFP_HIGH)
		alloc_flags |= ALLOC_HIGH;
	if (gfp & __GFP_MEMALLOC)
		alloc_flags |= ALLOC_NO_WATERMARKS;
	for (;;) {
		page = get_page_from_freelist(order, zonelist, alloc_flags);
		if (page)
			return page;
		if (!may_reclaim_again(gfp, order, attempt) || !direct_reclaim(gfp, order, attempt))
			break;
		attempt++;
	}
	if (!(gfp & __GFP_NOWARN)) {
		pr_warn("page allocation failure. order:%u, mode:0x%x\n", order, gfp);
		show_free_areas();
	}
	return NULL;
}

/* A page about to be handed out must be exactly as the free path left it. */
static void check_new_page(struct page *page)
{
	BUG_ON(page_count(page) != 0);
	BUG_ON(page_mapped(page));
	BUG_ON(page->flags & ~PAGE_ZONE_MASK);
	BUG_ON(page->private != 0);
	check_poison(page);
}

static void prep_new_page(struct page *page, unsigned int order, gfp_t gfp)
{
	unsigned long i;

	for (i = 0; i < (1UL << order); i++)
		check_new_page(page + i);
	set_page_count(page, 1);
	if (gfp & __GFP_ZERO)
		memset(page_address(page), 0, PAGE_SIZE << order);
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct zonelist *zonelist = &contig_page_data.node_zonelists[gfp_zone(gfp)];
	struct page *page;

	if (WARN_ON(order >= MAX_ORDER))
		return NULL;
	page = get_page_from_freelist(order, zonelist, ALLOC_WMARK_LOW);
	if (!page)
		page = __alloc_pages_slowpath(gfp, order, zonelist);
	if (page)
		prep_new_page(page, order, gfp);
	return page;
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	return page ? (unsigned long)page_address(page) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

/* ---- freeing -------------------------------------------------------------- */

/*
 * A page being freed must be unused by everybody (not mapped, off the LRU,
 * out of the swap cache, no I/O). Flags that only describe the contents,
 * and the owner's fields, are wiped so the next owner starts clean.
 */
static void free_pages_check(struct page *page)
{
	BUG_ON(page_mapcount(page) != 0);
	BUG_ON(page_count(page) != 0);
	BUG_ON(page->flags & PAGE_FLAGS_CHECK_AT_FREE);
	page->flags &= PAGE_ZONE_MASK;
	page->private = 0;
	memset(&page->u, 0, sizeof(page->u));
	page->index = 0;
	poison_page(page);
}

static void __free_pages_ok(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);
	unsigned long i, flags;

	BUG_ON(order >= MAX_ORDER);
	for (i = 0; i < (1UL << order); i++)
		free_pages_check(page + i);
	flags = spin_lock_irqsave(&zone->lock);
	__free_one_page(page, zone, order);
	spin_unlock_irqrestore(&zone->lock, flags);
}

void __free_pages(struct page *page, unsigned int order)
{
	if (put_page_testzero(page))
		__free_pages_ok(page, order);
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (!addr)
		return;
	BUG_ON(addr & ~PAGE_MASK);
	__free_pages(virt_to_page((void *)addr), order);
}

unsigned long nr_free_pages(void)
{
	unsigned long sum = 0;
	struct zone *zone;

	for_each_zone(zone)
		sum += READ_ONCE(zone->free_pages);
	return sum;
}

/* ---- boot-time setup ------------------------------------------------------ */

static void init_zone(pg_data_t *pgdat, enum zone_type type, unsigned long start_pfn,
		      unsigned long end_pfn)
{
	struct zone *zone = &pgdat->node_zones[type];
	unsigned long pfn;
	unsigned int order;

	spin_lock_init(&zone->lock);
	spin_lock_init(&zone->lru_lock);
	INIT_LIST_HEAD(&zone->active_list);
	INIT_LIST_HEAD(&zone->inactive_list);
	zone->prev_priority = zone->temp_priority = DEF_PRIORITY;
	for (order = 0; order < MAX_ORDER; order++)
		INIT_LIST_HEAD(&zone->free_area[order].free_list);
	zone->zone_start_pfn = start_pfn;
	zone->spanned_pages = end_pfn - start_pfn;
	zone->name = zone_names[type];

	for (pfn = start_pfn; pfn < end_pfn; pfn++) {
		struct page *page = pfn_to_page(pfn);

		memset(page, 0, sizeof(*page));
		set_page_zonenum(page, type);
		SetPageReserved(page);
		set_page_count(page, 1);
		page->_mapcount = -1;
		INIT_LIST_HEAD(&page->lru);
	}
}

/*
 * Each zonelist starts with its own zone and falls back to the zones below
 * it (Gorman §2.1 on zonelists): NORMAL -> DMA, but DMA -> nothing, as memory above
 * 16 MiB would be useless to an ISA DMA engine.
 */
static void build_zonelists(pg_data_t *pgdat)
{
	int i, j;

	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone **zones = pgdat->node_zonelists[i].zones;

		for (j = i; j >= 0; j--)
			*zones++ = &pgdat->node_zones[j];
		*zones = NULL;
	}
}

void free_area_init(struct page *map, unsigned long end_pfn)
{
	pg_data_t *pgdat = &contig_page_data;

	BUILD_BUG_ON(MAX_DMA_PFN % (1UL << (MAX_ORDER - 1)));
	mem_map = map;
	max_pfn = end_pfn;
	totalram_pages = 0;
	memset(pgdat, 0, sizeof(*pgdat));
	pgdat->node_mem_map = map;
	pgdat->node_start_pfn = 0;
	pgdat->node_spanned_pages = end_pfn;
	init_zone(pgdat, ZONE_DMA, 0, min(end_pfn, MAX_DMA_PFN));
	init_zone(pgdat, ZONE_NORMAL, MAX_DMA_PFN, max(end_pfn, MAX_DMA_PFN));
	build_zonelists(pgdat);
}

/* The largest order whose aligned block starts at @pfn and ends by @end. */
static unsigned int bootmem_block_order(const struct zone *zone, unsigned long pfn,
					unsigned long end)
{
	unsigned long idx = pfn - zone->zone_start_pfn;
	unsigned int order = MAX_ORDER - 1;

	while ((idx & ((1UL << order) - 1)) || pfn + (1UL << order) > end)
		order--;
	return order;
}

/*
 * Turn a reserved, aligned block into an allocated one (count 1 on its
 * first page, as alloc_pages would leave it) and free it the normal way,
 * which checks, poisons and merges it like any other.
 */
static void free_bootmem_block(unsigned long pfn, unsigned int order)
{
	struct page *page = pfn_to_page(pfn);
	unsigned long i, nr = 1UL << order;

	for (i = 0; i < nr; i++) {
		BUG_ON(!PageReserved(page + i) || page_count(page + i) != 1);
		ClearPageReserved(page + i);
		if (i)
			set_page_count(page + i, 0);
	}
	page_zone(page)->present_pages += nr;
	totalram_pages += nr;
	__free_pages(page, order);
}

void free_bootmem_range(unsigned long start_pfn, unsigned long end_pfn)
{
	BUG_ON(end_pfn > max_pfn);
	while (start_pfn < end_pfn) {
		struct zone *zone = page_zone(pfn_to_page(start_pfn));
		unsigned long zone_end = zone->zone_start_pfn + zone->spanned_pages;
		unsigned int order = bootmem_block_order(zone, start_pfn, min(end_pfn, zone_end));

		free_bootmem_block(start_pfn, order);
		start_pfn += 1UL << order;
	}
}

/* ---- consistency checks --------------------------------------------------- */

/* Every page of a free block: unused, and no other block's head inside it. */
static void verify_free_block(const struct zone *zone, struct page *page, unsigned int order)
{
	unsigned long i;

	for (i = 0; i < (1UL << order); i++) {
		BUG_ON(page_count(page + i) != 0 || page_mapped(page + i));
		BUG_ON(page_zone(page + i) != zone);
		BUG_ON(i && (PageBuddy(page + i) || page[i].private));
		BUG_ON(page[i].flags & ~PAGE_ZONE_MASK & ~BIT(PG_buddy));
	}
}

/* Check one free list; returns its length. */
static unsigned long verify_free_list(const struct zone *zone, unsigned int order)
{
	const struct free_area *area = &zone->free_area[order];
	unsigned long n = 0;
	struct page *page;

	list_for_each_entry(page, &area->free_list, lru) {
		unsigned long idx = page_to_pfn(page) - zone->zone_start_pfn;

		BUG_ON(++n > area->nr_free); /* also ends a walk around a cycle */
		BUG_ON(idx >= zone->spanned_pages || (idx & ((1UL << order) - 1)));
		BUG_ON(!PageBuddy(page) || page->private != order);
		BUG_ON(order < MAX_ORDER - 1 && page_is_buddy(zone, idx ^ (1UL << order), order));
		verify_free_block(zone, page, order);
	}
	BUG_ON(n != area->nr_free);
	return n;
}

/*
 * The lists hold only heads of their order, and as many as nr_free; so if
 * the zone holds as many PG_buddy heads of each order as the lists, every
 * free block is on exactly one list.
 */
static unsigned long verify_zone(const struct zone *zone)
{
	unsigned long heads[MAX_ORDER] = { 0 };
	unsigned long idx, free = 0;
	unsigned int order;

	for (order = 0; order < MAX_ORDER; order++)
		free += verify_free_list(zone, order) << order;
	BUG_ON(free != zone->free_pages);
	for (idx = 0; idx < zone->spanned_pages; idx++) {
		const struct page *page = zone_page(zone, idx);

		if (!PageBuddy(page))
			continue;
		BUG_ON(page->private >= MAX_ORDER);
		heads[page->private]++;
	}
	for (order = 0; order < MAX_ORDER; order++)
		BUG_ON(heads[order] != zone->free_area[order].nr_free);
	return free;
}

unsigned long verify_free_areas(void)
{
	unsigned long total = 0;
	struct zone *zone;

	for_each_zone(zone) {
		unsigned long flags = spin_lock_irqsave(&zone->lock);

		total += verify_zone(zone);
		spin_unlock_irqrestore(&zone->lock, flags);
	}
	return total;
}

/* ---- reporting ------------------------------------------------------------ */

/* Copy the free block counts under the lock, so one report is consistent. */
static unsigned long snapshot_free_area(struct zone *zone, unsigned long nr_free[MAX_ORDER])
{
	unsigned long flags = spin_lock_irqsave(&zone->lock);
	unsigned long free_pages = zone->free_pages;
	unsigned int order;

	for (order = 0; order < MAX_ORDER; order++)
		nr_free[order] = zone->free_area[order].nr_free;
	spin_unlock_irqrestore(&zone->lock, flags);
	return free_pages;
}

/* Append to @buf at @pos, never past @len - 1; returns the new end. */
static __printf(4, 5) size_t buf_printf(char *buf, size_t len, size_t pos, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (pos + 1 >= len)
		return pos;
	va_start(ap, fmt);
	n = vsnprintf(buf + pos, len - pos, fmt, ap);
	va_end(ap);
	return n < 0 ? pos : min(pos + n, len - 1);
}

int buddyinfo_format(char *buf, size_t len)
{
	unsigned long nr_free[MAX_ORDER];
	struct zone *zone;
	size_t pos = 0;

	if (len)
		buf[0] = '\0';
	for_each_zone(zone) {
		unsigned int order;

		if (!populated_zone(zone))
			continue;
		snapshot_free_area(zone, nr_free);
		pos = buf_printf(buf, len, pos, "Node 0, zone %8s", zone->name);
		for (order = 0; order < MAX_ORDER; order++)
			pos = buf_printf(buf, len, pos, " %6lu", nr_free[order]);
		pos = buf_printf(buf, len, pos, "\n");
	}
	return (int)pos;
}

void show_free_areas(void)
{
	unsigned long nr_free[MAX_ORDER];
	struct zone *zone;

	for_each_zone(zone) {
		unsigned long free_pages;
		unsigned int order;
		char line[200];
		size_t pos;

		if (!populated_zone(zone))
			continue;
		free_pages = snapshot_free_area(zone, nr_free);
		printk("%s free:%lukB min:%lukB low:%lukB high:%lukB active:%lukB inactive:%lukB "
		       "present:%lukB\n",
		       zone->name, K(free_pages), K(zone->pages_min), K(zone->pages_low),
		       K(zone->pages_high), K(zone->nr_active), K(zone->nr_inactive),
		       K(zone->present_pages));
		pos = buf_printf(line, sizeof(line), 0, "%s:", zone->name);
		for (order = 0; order < MAX_ORDER; order++)
			pos = buf_printf(line, sizeof(line), pos, " %lu*%lukB", nr_free[order],
					 K(1UL << order));
		printk("%s = %lukB\n", line, K(free_pages));
	}
}

/* The census reads mem_map without locks: a snapshot, good enough to read. */
void show_mem(void)
{
	unsigned long pfn, reserved = 0, slab = 0, pagetables = 0, swapcache = 0, shared = 0;

	printk("Mem-info:\n");
	show_free_areas();
	for (pfn = 0; pfn < max_pfn; pfn++) {
		const struct page *page = pfn_to_page(pfn);

		if (PageReserved(page))
			reserved++;
		else if (PageSlab(page))
			slab++;
		else if (PagePageTable(page))
			pagetables++;
		else if (PageSwapCache(page))
			swapcache++;
		if (page_count(page) > 1)
			shared++;
	}
	printk("%lu pages of RAM\n%lu free pages\n%lu reserved pages\n%lu slab pages\n"
	       "%lu page table pages\n%lu pages swap cached\n%lu pages shared\n",
	       max_pfn, nr_free_pages(), reserved, slab, pagetables, swapcache, shared);
}
