/*
 * Host tests for mm/page_alloc.c, built unchanged over a simulated mem_map
 * (tests/host/buddy_model.h) under the sanitizers, with and without
 * CONFIG_DEBUG_PAGEALLOC (build/host/buddy-debug): zone setup and watermarks, splitting and coalescing at every
 * order, exhaustion and recovery, zone fallback, the checks on freed
 * pages, poisoning, the reports, and a long randomized run against the
 * reference model.
 */
#include "check.h"
#include "buddy_model.h"
#include <kernel/bug.h>

#define NOWARN __GFP_NOWARN

static void check_nr_free(const struct zone *zone, const unsigned long expect[MAX_ORDER], int *bad)
{
	for (int o = 0; o < MAX_ORDER; o++) {
		if (zone->free_area[o].nr_free != expect[o]) {
			printf("# %s order %d: %lu free blocks, expected %lu\n", zone->name, o,
			       zone->free_area[o].nr_free, expect[o]);
			*bad = 1;
		}
	}
}

/* A machine whose RAM is all usable: every zone is a row of order-10 blocks. */
static void boot_flat(unsigned long pages)
{
	const struct pfn_range all = { 0, pages };

	host_boot(pages, &all, 1);
}

TEST(boot_describes_zones_and_blocks)
{
	static const unsigned long dma[MAX_ORDER] = { 1, 1, 1, 1, 1, 2, 1, 0, 0, 1, 3 };
	static const unsigned long normal[MAX_ORDER] = { [10] = 4 };
	struct zone *d = zone_of(ZONE_DMA), *n = zone_of(ZONE_NORMAL);
	int bad = 0;

	host_boot_pc();
	CHECK_EQ(d->zone_start_pfn, 0);
	CHECK_EQ(d->spanned_pages, 4096);
	CHECK_EQ(d->present_pages, 159 + 3584);
	CHECK_EQ(n->zone_start_pfn, 4096);
	CHECK_EQ(n->spanned_pages, 4096);
	CHECK_EQ(n->present_pages, 4096);
	CHECK_EQ(totalram_pages, 159 + 3584 + 4096);
	CHECK_EQ(nr_free_pages(), totalram_pages);
	CHECK_EQ(verify_free_areas(), totalram_pages);
	/* [1,160) splits into 1+2+4+...+64+32; [512,4096) into 512+3*1024. */
	check_nr_free(d, dma, &bad);
	check_nr_free(n, normal, &bad);
	CHECK(!bad);
	CHECK(PageReserved(pfn_to_page(0)) && page_count(pfn_to_page(0)) == 1);
	CHECK(PageReserved(pfn_to_page(300)) && PageReserved(pfn_to_page(511)));
	CHECK(!PageReserved(pfn_to_page(512)));
	CHECK_EQ(page_zonenum(pfn_to_page(4095)), ZONE_DMA);
	CHECK_EQ(page_zonenum(pfn_to_page(4096)), ZONE_NORMAL);
	CHECK(page_zone(pfn_to_page(8191)) == n);
}

TEST(zonelists_fall_back_only_downwards)
{
	struct zone **normal, **dma;

	host_boot_pc();
	normal = contig_page_data.node_zonelists[gfp_zone(GFP_KERNEL)].zones;
	dma = contig_page_data.node_zonelists[gfp_zone(GFP_KERNEL | GFP_DMA)].zones;
	CHECK(normal[0] == zone_of(ZONE_NORMAL) && normal[1] == zone_of(ZONE_DMA) && !normal[2]);
	CHECK(dma[0] == zone_of(ZONE_DMA) && !dma[1]);
}

TEST(bootmem_range_crossing_zones_is_split)
{
	static const struct pfn_range r = { 4000, 4200 };
	static const unsigned long dma[MAX_ORDER] = { [5] = 1, [6] = 1 };
	static const unsigned long normal[MAX_ORDER] = { [3] = 1, [5] = 1, [6] = 1 };
	int bad = 0;

	host_boot(PC_PAGES, &r, 1);
	CHECK_EQ(zone_of(ZONE_DMA)->present_pages, 96);
	CHECK_EQ(zone_of(ZONE_NORMAL)->present_pages, 104);
	check_nr_free(zone_of(ZONE_DMA), dma, &bad);
	check_nr_free(zone_of(ZONE_NORMAL), normal, &bad);
	CHECK(!bad);
	CHECK_EQ(verify_free_areas(), 200);
}

TEST(bootmem_range_released_twice_is_a_bug)
{
	host_boot_pc();
	CHECK_BUG(free_bootmem_range(600, 601));
}

struct wm_case {
	const char *what;
	unsigned long end_pfn;
	struct pfn_range ranges[2];
	unsigned long dma_min, normal_min;
};

TEST(watermarks_follow_linux_2_4_formula)
{
	static const struct wm_case cases[] = {
		/* 799 present: 799/128 = 6, raised to zone_balance_min 20. */
		{ "mem=4M", 1024, { { 1, 160 }, { 384, 1024 } }, 20, 0 },
		/* 3743/128 = 29 and 4096/128 = 32. */
		{ "32 MiB PC", PC_PAGES, { { 1, 160 }, { 512, 8192 } }, 29, 32 },
		/* 256/128 = 2 -> 20, below a quarter of the zone (64). */
		{ "mem=17M", 4096 + 256, { { 0, 4096 + 256 }, { 0, 0 } }, 32, 20 },
		/* 40 pages: 20 would be half the zone; capped at 40/4 = 10. */
		{ "40-page Normal", 4096 + 40, { { 0, 4096 + 40 }, { 0, 0 } }, 32, 10 },
		/* 40960/128 = 320, lowered to zone_balance_max 255. */
		{ "176 MiB", 4096 + 40960, { { 0, 4096 + 40960 }, { 0, 0 } }, 32, 255 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct wm_case *c = &cases[i];
		struct zone *d = zone_of(ZONE_DMA), *n = zone_of(ZONE_NORMAL);

		printf("# %s\n", c->what);
		host_boot(c->end_pfn, c->ranges, 2);
		CHECK_EQ(d->pages_min, c->dma_min);
		CHECK_EQ(d->pages_low, 2 * c->dma_min);
		CHECK_EQ(d->pages_high, 3 * c->dma_min);
		CHECK_EQ(n->pages_min, c->normal_min);
		CHECK_EQ(n->pages_low, 2 * c->normal_min);
		CHECK_EQ(n->pages_high, 3 * c->normal_min);
		CHECK_EQ(populated_zone(n), c->end_pfn > MAX_DMA_PFN);
	}
}

TEST(watermark_check_counts_only_big_enough_blocks)
{
	struct zone *d = zone_of(ZONE_DMA);

	boot_flat(PC_PAGES); /* DMA: four order-10 blocks, 4096 pages */
	CHECK(zone_watermark_ok(d, 0, 4095));
	CHECK(!zone_watermark_ok(d, 0, 4096));
	CHECK(zone_watermark_ok(d, 10, 3072));
	CHECK(!zone_watermark_ok(d, 10, 3073));
	CHECK(model_watermark_ok(d, 10, 3072) && !model_watermark_ok(d, 10, 3073));
}

/* Allocate every order from a flat zone: the split leaves one block per lower order. */
TEST(split_and_coalesce_at_every_order)
{
	struct zone *n = zone_of(ZONE_NORMAL);
	int bad = 0;

	boot_flat(PC_PAGES);
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		unsigned long split[MAX_ORDER] = { [10] = 3 };
		unsigned long one_free[MAX_ORDER] = { [10] = 3 };
		static const unsigned long flat[MAX_ORDER] = { [10] = 4 };
		struct page *a, *b;

		for (unsigned int o = order; o < MAX_ORDER - 1; o++)
			split[o] = one_free[o] = 1;
		a = alloc_pages(GFP_KERNEL, order);
		CHECK(a && page_zone(a) == n);
		CHECK_EQ((page_to_pfn(a) - n->zone_start_pfn) % (1UL << order), 0);
		check_nr_free(n, split, &bad);
		CHECK(!bad);
		if (order == MAX_ORDER - 1) {
			__free_pages(a, order);
			check_nr_free(n, flat, &bad);
			CHECK(!bad);
			break;
		}
		/* The next block of this order is a's buddy, split off just now. */
		b = alloc_pages(GFP_KERNEL, order);
		CHECK(b == a + (1UL << order));
		one_free[order] = 1;
		/* Free one half: it cannot merge while its buddy is in use. */
		__free_pages(order % 2 ? a : b, order);
		check_nr_free(n, one_free, &bad);
		CHECK(!bad);
		CHECK(PageBuddy(order % 2 ? a : b));
		/* The other half merges all the way back to order 10. */
		__free_pages(order % 2 ? b : a, order);
		check_nr_free(n, flat, &bad);
		CHECK(!bad);
		CHECK_EQ(verify_free_areas(), PC_PAGES);
	}
}

TEST(allocated_block_state)
{
	struct page *page;

	host_boot_pc();
	page = alloc_pages(GFP_KERNEL, 3);
	CHECK(page);
	CHECK_EQ(page_count(page), 1);
	CHECK_EQ(page_mapcount(page), 0);
	CHECK_EQ(page->flags, (unsigned long)ZONE_NORMAL << PG_zone_shift);
	CHECK_EQ(page->private, 0);
	for (int i = 1; i < 8; i++) {
		CHECK_EQ(page_count(page + i), 0);
		CHECK(!PageBuddy(page + i));
	}
	__free_pages(page, 3);
	CHECK_EQ(nr_free_pages(), totalram_pages);
}

/* Drain each zone with GFP_ATOMIC, biggest blocks first, then give it all back. */
TEST(exhaustion_then_full_recovery)
{
	struct model m;

	host_boot_pc();
	model_init(&m);
	for (int order = MAX_ORDER - 1; order >= 0; order--) {
		size_t before;

		do {
			before = m.nr_blocks;
			CHECK(model_alloc(&m, GFP_ATOMIC, order));
		} while (m.nr_blocks > before);
	}
	CHECK(!alloc_pages(GFP_ATOMIC | NOWARN, 0));
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = zone_of(z);

		CHECK_EQ(zone->free_pages, zone->pages_min - zone->pages_min / 2);
	}
	CHECK(model_check(&m));
	CHECK(model_free_all(&m));
	CHECK_EQ(nr_free_pages(), totalram_pages);
	model_destroy(&m);
}

/* Count the allocations served by @zone in a row, until another zone serves one. */
static unsigned long run_from(struct zone *zone, gfp_t gfp, struct page **next)
{
	unsigned long n = 0;
	struct page *page;

	while ((page = alloc_pages(gfp | NOWARN, 0)) && page_zone(page) == zone)
		n++;
	*next = page;
	return n;
}

/*
 * Order-0 GFP_KERNEL requests drain Normal to pages_low, then DMA to
 * pages_low, then (the slow path) Normal to pages_min and DMA to pages_min.
 * GFP_ATOMIC then takes each down to half of pages_min.
 */
TEST(watermark_passes_and_fallback_order)
{
	struct zone *d = zone_of(ZONE_DMA), *n = zone_of(ZONE_NORMAL);
	unsigned long dma_free, normal_free;
	struct page *next;

	host_boot_pc();
	dma_free = d->free_pages;
	normal_free = n->free_pages;
	CHECK_EQ(run_from(n, GFP_KERNEL, &next), normal_free - n->pages_low);
	CHECK(next && page_zone(next) == d);
	/* Each later run also includes the page that ended the one before. */
	CHECK_EQ(run_from(d, GFP_KERNEL, &next) + 1, dma_free - d->pages_low);
	CHECK(next && page_zone(next) == n);
	CHECK_EQ(run_from(n, GFP_KERNEL, &next) + 1, n->pages_low - n->pages_min);
	CHECK(next && page_zone(next) == d);
	CHECK_EQ(run_from(d, GFP_KERNEL, &next) + 1, d->pages_low - d->pages_min);
	CHECK(!next);
	CHECK_EQ(n->free_pages, n->pages_min);
	CHECK_EQ(d->free_pages, d->pages_min);
	CHECK_EQ(run_from(n, GFP_ATOMIC, &next), n->pages_min / 2);
	CHECK(next && page_zone(next) == d);
	CHECK_EQ(run_from(d, GFP_ATOMIC, &next) + 1, d->pages_min / 2);
	CHECK(!next);
}

TEST(gfp_dma_never_falls_back_to_normal)
{
	struct zone *n = zone_of(ZONE_NORMAL);
	struct model m;
	size_t before;

	host_boot_pc();
	model_init(&m);
	do {
		before = m.nr_blocks;
		CHECK(model_alloc(&m, GFP_ATOMIC | GFP_DMA, 0));
	} while (m.nr_blocks > before);
	for (size_t i = 0; i < m.nr_blocks; i++)
		CHECK(page_zone(m.blocks[i].page) == zone_of(ZONE_DMA));
	CHECK_EQ(n->free_pages, n->present_pages);
	CHECK(!alloc_pages(GFP_KERNEL | GFP_DMA | NOWARN, 0));
	CHECK(model_alloc(&m, GFP_KERNEL, 0));
	CHECK(page_zone(m.blocks[m.nr_blocks - 1].page) == n);
	CHECK(model_free_all(&m));
	model_destroy(&m);
}

TEST(dma_only_machine_serves_normal_requests_from_dma)
{
	static const struct pfn_range r[] = { { 1, 160 }, { 384, 1024 } }; /* mem=4M */
	struct page *page;

	host_boot(1024, r, 2);
	CHECK(!populated_zone(zone_of(ZONE_NORMAL)));
	page = alloc_page(GFP_KERNEL);
	CHECK(page && page_zone(page) == zone_of(ZONE_DMA));
	__free_page(page);
	CHECK_EQ(nr_free_pages(), totalram_pages);
}

/*
 * A zone with plenty of free pages, nearly all of them single, refuses an
 * order-1 request: the pages in blocks of order 1 or more would drop
 * below half the mark.
 */
TEST(fragmented_zone_refuses_higher_orders)
{
	struct zone *d = zone_of(ZONE_DMA);
	unsigned long mark;
	struct model m;
	size_t before;

	boot_flat(PC_PAGES);
	model_init(&m);
	do {
		before = m.nr_blocks;
		CHECK(model_alloc(&m, GFP_ATOMIC | GFP_DMA, 0));
	} while (m.nr_blocks > before);
	/* Free every page with an even pfn: no two free pages are buddies. */
	for (size_t i = m.nr_blocks; i-- > 0;)
		if (page_to_pfn(m.blocks[i].page) % 2 == 0)
			CHECK(model_free(&m, i));
	/* Use up what GFP_ATOMIC left in bigger blocks. */
	do {
		before = m.nr_blocks;
		CHECK(model_alloc(&m, GFP_ATOMIC | GFP_DMA, 1));
	} while (m.nr_blocks > before);
	mark = d->pages_min - d->pages_min / 2;
	CHECK(d->free_pages > 2000);
	CHECK(free_in_blocks_from(d, 1) < 2 + mark / 2);
	CHECK(!zone_watermark_ok(d, 1, mark));
	CHECK(zone_watermark_ok(d, 0, mark));
	CHECK(!alloc_pages(GFP_ATOMIC | GFP_DMA | NOWARN, 1));
	CHECK(model_alloc(&m, GFP_ATOMIC | GFP_DMA, 0));
	CHECK_EQ(m.nr_blocks, before + 1);
	CHECK(model_check(&m));
	CHECK(model_free_all(&m));
	model_destroy(&m);
}

TEST(gfp_zero_and_address_helpers)
{
	unsigned long addr;
	unsigned char *p;

	host_boot_pc();
	addr = __get_free_pages(GFP_KERNEL, 2);
	CHECK(addr && (void *)addr == page_address(virt_to_page((void *)addr)));
	CHECK_EQ(addr % PAGE_SIZE, 0);
	memset((void *)addr, 0xff, 4 * PAGE_SIZE);
	free_pages(addr, 2);
	p = (unsigned char *)__get_free_pages(GFP_KERNEL | __GFP_ZERO, 2);
	CHECK(p);
	for (size_t i = 0; i < 4 * PAGE_SIZE; i++)
		CHECK_EQ(p[i], 0);
	free_pages((unsigned long)p, 2);
	p = (unsigned char *)get_zeroed_page(GFP_KERNEL);
	CHECK(p);
	for (size_t i = 0; i < PAGE_SIZE; i++)
		CHECK_EQ(p[i], 0);
	free_page((unsigned long)p);
	free_pages(0, 0);
	CHECK_EQ(nr_free_pages(), totalram_pages);
}

TEST(references_delay_the_free)
{
	struct page *page;
	unsigned long free;

	host_boot_pc();
	page = alloc_page(GFP_KERNEL);
	free = nr_free_pages();
	get_page(page);
	__free_page(page);
	CHECK_EQ(nr_free_pages(), free);
	__free_page(page);
	CHECK_EQ(nr_free_pages(), free + 1);
}

static struct page *page_with(int bit, int mapcount)
{
	struct page *page = alloc_page(GFP_KERNEL);

	if (bit >= 0)
		set_bit(bit, &page->flags);
	page->_mapcount = mapcount;
	return page;
}

TEST(freeing_a_page_in_use_is_a_bug)
{
	static const int bits[] = { PG_lru, PG_swapcache, PG_writeback, PG_locked, PG_reserved,
				    PG_slab, PG_active };
	struct page *volatile page; /* volatile: live across the longjmp of CHECK_BUG */

	host_boot_pc();
	page = page_with(-1, 0); /* still mapped once */
	CHECK_BUG(__free_page(page));
	for (volatile size_t i = 0; i < ARRAY_SIZE(bits); i++) {
		page = page_with(bits[i], -1);
		CHECK_BUG(__free_page(page));
	}
	page = alloc_page(GFP_KERNEL);
	__free_page(page);
	CHECK_BUG(__free_page(page)); /* double free: the count is already zero */
	/* Content flags are simply forgotten. */
	page = page_with(PG_dirty, -1);
	SetPageReferenced(page);
	__free_page(page);
	CHECK_EQ(verify_free_areas(), nr_free_pages());
}

TEST(order_above_max_is_refused)
{
	host_boot_pc();
	CHECK(!alloc_pages(GFP_KERNEL, MAX_ORDER));
}

#ifdef CONFIG_DEBUG_PAGEALLOC
TEST(poison_catches_write_after_free)
{
	struct page *page;

	host_boot_pc();
	page = alloc_page(GFP_KERNEL);
	__free_page(page);
	((char *)page_address(page))[100] = 1;
	/* The freed page merged back into the block the next request splits. */
	CHECK_BUG(alloc_page(GFP_KERNEL));
}
#endif

TEST(buddyinfo_text)
{
	static const char expect[] =
		"Node 0, zone      DMA      0      0      0      0      0      0      0      0"
		"      0      0      4\n"
		"Node 0, zone   Normal      0      0      0      0      0      0      0      0"
		"      0      0      4\n";
	char buf[256];

	boot_flat(PC_PAGES);
	CHECK_EQ(buddyinfo_format(buf, sizeof(buf)), strlen(expect));
	CHECK(!strcmp(buf, expect));
	CHECK_EQ(buddyinfo_format(buf, 10), 9);
	CHECK(!strcmp(buf, "Node 0, z"));
	CHECK_EQ(buddyinfo_format(buf, 0), 0);
	host_quiet_printk = 1;
	show_free_areas();
	show_mem();
	host_quiet_printk = 0;
}

static unsigned long long rng_state;

static unsigned long rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned long)(rng_state >> 11);
}

/* Mostly small orders, now and then a big one, as real workloads ask. */
static unsigned int random_order(void)
{
	unsigned long r = rnd() % 100;

	return r < 60 ? 0 : r < 80 ? rnd() % 3 + 1 : rnd() % MAX_ORDER;
}

TEST(random_operations_match_model)
{
	static const gfp_t gfps[] = { GFP_KERNEL, GFP_ATOMIC, GFP_KERNEL | GFP_DMA,
				      GFP_ATOMIC | GFP_DMA, GFP_USER };

	for (unsigned long long seed = 1; seed <= 4; seed++) {
		unsigned long allocs = 0, failures = 0;
		struct model m;

		rng_state = seed * 0x9E3779B97F4A7C15ULL;
		host_boot_pc();
		model_init(&m);
		for (int step = 0; step < 5000; step++) {
			/* Phases of growth and shrinkage, to reach exhaustion and come back. */
			unsigned int alloc_pct = (step / 500) % 2 ? 25 : 75;

			if (m.nr_blocks && rnd() % 100 >= alloc_pct) {
				CHECK(model_free(&m, rnd() % m.nr_blocks));
			} else {
				size_t before = m.nr_blocks;

				gfp_t gfp = gfps[rnd() % ARRAY_SIZE(gfps)];

				CHECK(model_alloc(&m, gfp, random_order()));
				allocs++;
				failures += m.nr_blocks == before;
			}
			CHECK(model_check(&m));
		}
		printf("# seed %llu: %lu allocations, %lu refused\n", seed, allocs, failures);
		CHECK(failures > 0 && failures < allocs);
		CHECK(model_free_all(&m));
		model_destroy(&m);
	}
}
