/*
 * Self-tests of the buddy allocator on the running kernel's memory
 * (mm/page_alloc.c): watermarks against the formula, splitting and
 * coalescing at every order, exhaustion and full recovery, zone fallback,
 * __GFP_ZERO and reference counts. They borrow memory and give all of it
 * back, leaving the free lists exactly as they found them; whole zones are
 * drained with the largest blocks first, so even with mem=4M or 1 GiB
 * exhaustion takes a few thousand allocations at most.
 */
#include <kernel/ktest.h>
#include <mm/gfp.h>
#include <mm/mmzone.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <mm/vmstat.h>

struct free_snapshot {
	unsigned long nr_free[MAX_NR_ZONES][MAX_ORDER];
	unsigned long free_pages[MAX_NR_ZONES];
};

static void take_snapshot(struct free_snapshot *s)
{
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &contig_page_data.node_zones[z];

		s->free_pages[z] = zone->free_pages;
		for (int o = 0; o < MAX_ORDER; o++)
			s->nr_free[z][o] = zone->free_area[o].nr_free;
	}
}

static bool same_free_areas(const struct free_snapshot *a, const struct free_snapshot *b)
{
	return !memcmp(a, b, sizeof(*a));
}

static struct zone *zone_of(enum zone_type type)
{
	return &contig_page_data.node_zones[type];
}

/* Blocks borrowed by a test, linked through page->lru; page->index is the order. */
static void hold(struct list_head *held, struct page *page, unsigned int order)
{
	page->index = order;
	list_add(&page->lru, held);
}

static void release_all(struct list_head *held)
{
	struct page *page, *n;

	list_for_each_entry_safe(page, n, held, lru) {
		list_del(&page->lru);
		__free_pages(page, page->index);
	}
}

/* Allocate with @gfp until even an order-0 request fails, largest blocks first. */
static unsigned long drain(struct list_head *held, gfp_t gfp)
{
	unsigned long blocks = 0;
	struct page *page;

	for (int order = MAX_ORDER - 1; order >= 0; order--) {
		while ((page = alloc_pages(gfp | __GFP_NOWARN, order))) {
			hold(held, page, order);
			blocks++;
		}
	}
	return blocks;
}

static void test_watermarks(struct ktest *t)
{
	struct zone *zone;

	for_each_zone(zone) {
		unsigned long present = zone->present_pages;
		unsigned long min = present / ZONE_BALANCE_RATIO;

		if (min < ZONE_BALANCE_MIN)
			min = ZONE_BALANCE_MIN;
		if (min > ZONE_BALANCE_MAX)
			min = ZONE_BALANCE_MAX;
		if (min > present / 4)
			min = present / 4;
		KT_EXPECT_EQ(t, zone->pages_min, min);
		KT_EXPECT_EQ(t, zone->pages_low, 2 * min);
		KT_EXPECT_EQ(t, zone->pages_high, 3 * min);
		KT_EXPECT(t, zone->present_pages <= zone->spanned_pages);
	}
	KT_EXPECT(t, populated_zone(zone_of(ZONE_DMA)));
}

/*
 * Allocating order k from a zone whose smallest free block of order >= k
 * has order j splits it: one block fewer of order j, one more of each
 * order k..j-1. Freeing it again must merge everything back.
 */
static bool split_as_predicted(const struct free_snapshot *before, struct page *page,
			       unsigned int order)
{
	struct free_snapshot after, expect = *before;
	int z = page_zonenum(page);
	unsigned int j = order;

	while (j < MAX_ORDER && !before->nr_free[z][j])
		j++;
	if (j == MAX_ORDER)
		return false;
	expect.nr_free[z][j]--;
	for (unsigned int o = order; o < j; o++)
		expect.nr_free[z][o]++;
	expect.free_pages[z] -= 1UL << order;
	take_snapshot(&after);
	return same_free_areas(&after, &expect);
}

static void test_split_and_coalesce(struct ktest *t)
{
	unsigned int tested = 0;

	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		struct free_snapshot before, after;
		struct page *page;
		unsigned long pfn;

		take_snapshot(&before);
		page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, order);
		if (!page)
			continue; /* small machine: no block that big above the watermark */
		tested++;
		pfn = page_to_pfn(page) - page_zone(page)->zone_start_pfn;
		KT_EXPECT_EQ(t, pfn & ((1UL << order) - 1), 0);
		KT_EXPECT_EQ(t, page_count(page), 1);
		KT_EXPECT(t, split_as_predicted(&before, page, order));
		__free_pages(page, order);
		take_snapshot(&after);
		KT_EXPECT(t, same_free_areas(&before, &after));
	}
	KT_EXPECT(t, tested >= 4);
	KT_EXPECT_EQ(t, verify_free_areas(), nr_free_pages());
}

static void test_exhaustion_and_recovery(struct ktest *t)
{
	struct free_snapshot before, after;
	LIST_HEAD(held);
	struct zone *zone;

	take_snapshot(&before);
	KT_EXPECT(t, drain(&held, GFP_ATOMIC) > 0);
	KT_EXPECT(t, !alloc_page(GFP_ATOMIC | __GFP_NOWARN));
	for_each_zone(zone)
		if (populated_zone(zone))
			KT_EXPECT_EQ(t, zone->free_pages, zone->pages_min - zone->pages_min / 2);
	KT_EXPECT_EQ(t, verify_free_areas(), nr_free_pages());
	release_all(&held);
	take_snapshot(&after);
	KT_EXPECT(t, same_free_areas(&before, &after));
	KT_EXPECT_EQ(t, verify_free_areas(), nr_free_pages());
}

/*
 * Drain with GFP_KERNEL until a block comes from ZONE_DMA; that may only
 * happen once ZONE_NORMAL fails its pages_low check for the order asked.
 */
static bool normal_falls_back_to_dma(struct ktest *t, struct list_head *held)
{
	struct zone *normal = zone_of(ZONE_NORMAL);

	for (int order = MAX_ORDER - 1; order >= 0; order--) {
		struct page *page;

		while ((page = alloc_pages(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN, order))) {
			hold(held, page, order);
			if (page_zone(page) == zone_of(ZONE_DMA)) {
				KT_EXPECT(t, !zone_watermark_ok(normal, order, normal->pages_low));
				return true;
			}
		}
	}
	return false;
}

static void test_zone_fallback(struct ktest *t)
{
	struct zone *normal = zone_of(ZONE_NORMAL);
	struct free_snapshot before, after;
	unsigned long normal_free;
	struct page *page;
	LIST_HEAD(held);

	if (!populated_zone(normal)) {
		ktest_skip(t, "no ZONE_NORMAL (16 MiB of RAM or less)");
		return;
	}
	/*
	 * The GFP_KERNEL allocations below reclaim, and reclaim gives the
	 * slab caches' empty pages back (shrink_slab): give them back first,
	 * or the free lists end up richer than they started.
	 */
	kmem_cache_shrink_all();
	take_snapshot(&before);
	KT_EXPECT(t, normal_falls_back_to_dma(t, &held));
	release_all(&held);

	/* GFP_DMA drains ZONE_DMA and fails while ZONE_NORMAL is untouched. */
	normal_free = normal->free_pages;
	drain(&held, GFP_ATOMIC | GFP_DMA);
	list_for_each_entry(page, &held, lru)
		KT_EXPECT(t, page_zonenum(page) == ZONE_DMA);
	KT_EXPECT_EQ(t, normal->free_pages, normal_free);
	KT_EXPECT(t, !alloc_page(GFP_KERNEL | GFP_DMA | __GFP_NOWARN));
	page = alloc_page(GFP_KERNEL);
	KT_EXPECT(t, page && page_zone(page) == normal);
	if (page)
		__free_page(page);
	release_all(&held);
	take_snapshot(&after);
	KT_EXPECT(t, same_free_areas(&before, &after));
}

/*
 * With every zone drained, a request that may sleep reclaims directly. A
 * costly order and a __GFP_NORETRY request get one round of it, then fail
 * (counted by allocstall, one per try_to_free_pages). GFP_NOIO keeps the
 * OOM killer out of it: this boot has no process to spare.
 */
static void test_costly_order_reclaims_once(struct ktest *t)
{
	static const struct { gfp_t gfp; unsigned int order; } req[] = {
		{ GFP_NOIO, PAGE_ALLOC_COSTLY_ORDER + 1 },
		{ GFP_NOIO, MAX_ORDER - 1 },
		{ GFP_NOIO | __GFP_NORETRY, 0 },
	};
	LIST_HEAD(held);

	drain(&held, GFP_ATOMIC);
	for (unsigned int i = 0; i < ARRAY_SIZE(req); i++) {
		unsigned long stalls = vm_events[ALLOCSTALL];
		struct page *page = alloc_pages(req[i].gfp | __GFP_NOWARN, req[i].order);

		KT_EXPECT(t, !page);
		if (page)
			__free_pages(page, req[i].order);
		KT_EXPECT_EQ(t, vm_events[ALLOCSTALL] - stalls, 1);
	}
	release_all(&held);
}

static bool all_zero(const unsigned char *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (p[i])
			return false;
	return true;
}

static void test_gfp_zero(struct ktest *t)
{
	unsigned long addr = __get_free_pages(GFP_KERNEL, 2);

	KT_ASSERT(t, addr);
	memset((void *)addr, 0xa5, 4 * PAGE_SIZE);
	free_pages(addr, 2);
	addr = __get_free_pages(GFP_KERNEL | __GFP_ZERO, 2);
	KT_ASSERT(t, addr);
	KT_EXPECT(t, all_zero((void *)addr, 4 * PAGE_SIZE));
	free_pages(addr, 2);
	addr = get_zeroed_page(GFP_KERNEL);
	KT_ASSERT(t, addr);
	KT_EXPECT(t, all_zero((void *)addr, PAGE_SIZE));
	free_page(addr);
}

static void test_references(struct ktest *t)
{
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long free;

	KT_ASSERT(t, page);
	KT_EXPECT_EQ(t, page_mapcount(page), 0);
	KT_EXPECT(t, !PageBuddy(page) && !PageReserved(page));
	free = nr_free_pages();
	get_page(page);
	__free_page(page);
	KT_EXPECT_EQ(t, nr_free_pages(), free);
	__free_page(page);
	KT_EXPECT_EQ(t, nr_free_pages(), free + 1);
}

static void test_buddyinfo(struct ktest *t)
{
	char buf[512];
	int len = buddyinfo_format(buf, sizeof(buf));
	int lines = 0, zones = 0;
	struct zone *zone;

	for (int i = 0; i < len; i++)
		lines += buf[i] == '\n';
	for_each_zone(zone)
		zones += populated_zone(zone);
	KT_EXPECT_EQ(t, len, strlen(buf));
	KT_EXPECT_EQ(t, lines, zones);
	KT_EXPECT(t, !strncmp(buf, "Node 0, zone      DMA", 21));
}

KTEST_SUITE(page_alloc, KTEST_CASE(test_watermarks), KTEST_CASE(test_split_and_coalesce),
	    KTEST_CASE(test_exhaustion_and_recovery), KTEST_CASE(test_zone_fallback),
	    KTEST_CASE(test_costly_order_reclaims_once),
	    KTEST_CASE(test_gfp_zero), KTEST_CASE(test_references), KTEST_CASE(test_buddyinfo));
