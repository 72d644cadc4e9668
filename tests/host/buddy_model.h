/*
 * Host harness for mm/page_alloc.c, shared by buddy_test.c, slab_test.c and
 * buddy_fuzz.c: "booting" the allocator over a malloc'd arena exactly as
 * the kernel's mm/init.c does over RAM, and a reference model of what the
 * allocator must do.
 *
 * The model keeps the blocks the test holds and the frames they cover.
 * Before each allocation it predicts, from the zones' counters and its own
 * copy of the policy (zonelists, watermark passes, __GFP_HIGH), which zone
 * must serve the request or that it must fail; afterwards it checks the
 * block (aligned, in that zone, disjoint from every block held, counters
 * moved by its size). model_check() compares every frame with the model:
 * each is reserved, held (by the test, or allocated before the model
 * started), or in exactly one free block.
 *
 * Functions return false after printing what went wrong, so the unit test
 * can CHECK() them and the fuzz target abort().
 */
#ifndef HOST_BUDDY_MODEL_H
#define HOST_BUDDY_MODEL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mm/gfp.h>
#include <mm/mmzone.h>

extern int host_quiet_printk;

struct pfn_range {
	unsigned long start, end;
};

/* A PC's first 32 MiB: page 0 (BIOS), the 640K-1M hole, a kernel at 1-2 MiB. */
static const struct pfn_range pc_ranges[] = { { 1, 160 }, { 512, 8192 } };
#define PC_PAGES 8192UL

/* Boot the allocator over [0, end_pfn) with @ranges usable, like mm/init.c. */
static inline void host_boot(unsigned long end_pfn, const struct pfn_range *ranges, size_t n)
{
	static unsigned long arena_pages;
	static struct page *map;
	size_t i;

	if (end_pfn > arena_pages) {
		free(host_phys_base);
		free(map);
		host_phys_base = aligned_alloc(PAGE_SIZE, end_pfn * PAGE_SIZE);
		map = calloc(end_pfn, sizeof(*map));
		if (!host_phys_base || !map) {
			fprintf(stderr, "host_boot: no memory for %lu pages\n", end_pfn);
			abort();
		}
		arena_pages = end_pfn;
	}
	free_area_init(map, end_pfn);
	for (i = 0; i < n; i++)
		free_bootmem_range(ranges[i].start, ranges[i].end);
	setup_zone_watermarks();
}

static inline void host_boot_pc(void)
{
	host_boot(PC_PAGES, pc_ranges, 2);
}

static inline struct zone *zone_of(enum zone_type type)
{
	return &contig_page_data.node_zones[type];
}

/* ---- the model -------------------------------------------------------------- */

struct model_block {
	struct page *page;
	unsigned int order;
};

struct model {
	unsigned char *held;	     /* per pfn: held by the test or by others */
	struct model_block *blocks;  /* the blocks the test holds */
	size_t nr_blocks, cap;
	unsigned long nr_free_at_boot[MAX_NR_ZONES][MAX_ORDER];
};

#define MODEL_FAIL(...)                                                                            \
	({                                                                                         \
		fprintf(stderr, "model: " __VA_ARGS__);                                            \
		fprintf(stderr, "\n");                                                             \
		false;                                                                             \
	})

static inline void model_snapshot(unsigned long nr_free[MAX_NR_ZONES][MAX_ORDER])
{
	for (int z = 0; z < MAX_NR_ZONES; z++)
		for (int o = 0; o < MAX_ORDER; o++)
			nr_free[z][o] = zone_of(z)->free_area[o].nr_free;
}

/* Set @in_free[pfn] for every frame inside a block on a free list. */
static inline void mark_free_blocks(unsigned char *in_free)
{
	struct zone *zone;

	for_each_zone(zone) {
		for (unsigned int o = 0; o < MAX_ORDER; o++) {
			struct page *page;

			list_for_each_entry(page, &zone->free_area[o].free_list, lru)
				memset(in_free + page_to_pfn(page), 1, 1UL << o);
		}
	}
}

/*
 * Start modelling the allocator as it is now. Frames already allocated
 * (by kmem_cache_init, say) count as held by somebody else for good.
 */
static inline void model_init(struct model *m)
{
	memset(m, 0, sizeof(*m));
	m->held = calloc(max_pfn, 1);
	m->cap = 64;
	m->blocks = malloc(m->cap * sizeof(*m->blocks));
	mark_free_blocks(m->held);
	for (unsigned long pfn = 0; pfn < max_pfn; pfn++)
		m->held[pfn] = !m->held[pfn] && !PageReserved(pfn_to_page(pfn));
	model_snapshot(m->nr_free_at_boot);
}

static inline void model_destroy(struct model *m)
{
	free(m->held);
	free(m->blocks);
}

/* Pages free in blocks of at least @order: the ones a request of @order can use. */
static inline unsigned long free_in_blocks_from(const struct zone *zone, unsigned int order)
{
	unsigned long sum = 0;

	for (unsigned int o = order; o < MAX_ORDER; o++)
		sum += zone->free_area[o].nr_free << o;
	return sum;
}

/*
 * The watermark rule restated: after taking 2^order pages, the pages left
 * in blocks of order o or more must still number mark >> o, for every
 * o <= @order (o = 0: all free pages against the mark itself).
 */
static inline bool model_watermark_ok(const struct zone *zone, unsigned int order,
				      unsigned long mark)
{
	for (unsigned int o = 0; o <= order; o++) {
		long left = (long)free_in_blocks_from(zone, o) - (1L << order);

		if (left < (long)(mark >> o))
			return false;
	}
	return true;
}

/* The zone the allocator must take a block from, or NULL if it must fail. */
static inline struct zone *model_expected_zone(gfp_t gfp, unsigned int order)
{
	static const enum zone_type normal_list[] = { ZONE_NORMAL, ZONE_DMA };
	const enum zone_type *list = (gfp & __GFP_DMA) ? normal_list + 1 : normal_list;
	size_t n = (gfp & __GFP_DMA) ? 1 : 2;

	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < n; i++) {
			struct zone *z = zone_of(list[i]);
			unsigned long mark = pass == 0 ? z->pages_low : z->pages_min;

			if (pass == 1 && (gfp & __GFP_HIGH))
				mark -= mark / 2;
			if (z->present_pages && model_watermark_ok(z, order, mark))
				return z;
		}
	}
	return NULL;
}

static inline void model_hold(struct model *m, struct page *page, unsigned int order)
{
	if (m->nr_blocks == m->cap) {
		m->cap *= 2;
		m->blocks = realloc(m->blocks, m->cap * sizeof(*m->blocks));
	}
	m->blocks[m->nr_blocks++] = (struct model_block){ page, order };
	memset(m->held + page_to_pfn(page), 1, 1UL << order);
}

/* Allocate through the allocator and check the result against the model. */
static inline bool model_alloc(struct model *m, gfp_t gfp, unsigned int order)
{
	struct zone *expect = model_expected_zone(gfp, order);
	unsigned long before = expect ? expect->free_pages : 0;
	struct page *page = alloc_pages(gfp | __GFP_NOWARN, order);
	unsigned long pfn;

	if (!page)
		return expect ? MODEL_FAIL("order %u gfp 0x%x failed, expected zone %s", order,
					   gfp, expect->name)
			      : true;
	pfn = page_to_pfn(page);
	if (!expect)
		return MODEL_FAIL("order %u gfp 0x%x got pfn %lu, expected failure", order, gfp,
				  pfn);
	if (page_zone(page) != expect)
		return MODEL_FAIL("order %u gfp 0x%x from %s, expected %s", order, gfp,
				  page_zone(page)->name, expect->name);
	if ((pfn - expect->zone_start_pfn) & ((1UL << order) - 1))
		return MODEL_FAIL("pfn %lu not aligned to order %u", pfn, order);
	if (expect->free_pages != before - (1UL << order))
		return MODEL_FAIL("%s free_pages %lu after order %u, was %lu", expect->name,
				  expect->free_pages, order, before);
	if (page_count(page) != 1 || page_mapped(page) || PageBuddy(page))
		return MODEL_FAIL("pfn %lu handed out with count %d mapcount %d flags 0x%lx", pfn,
				  page_count(page), page_mapcount(page), page->flags);
	for (unsigned long i = 0; i < (1UL << order); i++)
		if (m->held[pfn + i])
			return MODEL_FAIL("pfn %lu handed out twice", pfn + i);
	model_hold(m, page, order);
	return true;
}

/* Free the test's block number @i and check the zone took it back. */
static inline bool model_free(struct model *m, size_t i)
{
	struct model_block b = m->blocks[i];
	struct zone *zone = page_zone(b.page);
	unsigned long before = zone->free_pages;

	m->blocks[i] = m->blocks[--m->nr_blocks];
	memset(m->held + page_to_pfn(b.page), 0, 1UL << b.order);
	__free_pages(b.page, b.order);
	if (zone->free_pages != before + (1UL << b.order))
		return MODEL_FAIL("%s free_pages %lu after freeing order %u, was %lu", zone->name,
				  zone->free_pages, b.order, before);
	return true;
}

/* Every frame is reserved, held (by the test or others), or in one free block. */
static inline bool model_check(const struct model *m)
{
	unsigned long nfree = verify_free_areas(), held = 0, reserved = 0, pfn;
	unsigned char *in_free = calloc(max_pfn, 1);
	bool ok = true;

	if (nfree != nr_free_pages())
		ok = MODEL_FAIL("free lists hold %lu pages, nr_free_pages() %lu", nfree,
				nr_free_pages());
	mark_free_blocks(in_free);
	for (pfn = 0; pfn < max_pfn && ok; pfn++) {
		held += m->held[pfn];
		reserved += PageReserved(pfn_to_page(pfn));
		if (m->held[pfn] + in_free[pfn] + PageReserved(pfn_to_page(pfn)) != 1)
			ok = MODEL_FAIL("pfn %lu: held %d free %d reserved %d", pfn, m->held[pfn],
					in_free[pfn], PageReserved(pfn_to_page(pfn)));
	}
	if (ok && (reserved != max_pfn - totalram_pages || held + nfree != totalram_pages))
		ok = MODEL_FAIL("held %lu + free %lu + reserved %lu != %lu pages", held, nfree,
				reserved, max_pfn);
	free(in_free);
	return ok;
}

/* Give everything back: the free lists must be exactly as after boot. */
static inline bool model_free_all(struct model *m)
{
	unsigned long now[MAX_NR_ZONES][MAX_ORDER];

	while (m->nr_blocks)
		if (!model_free(m, m->nr_blocks - 1))
			return false;
	model_snapshot(now);
	for (int z = 0; z < MAX_NR_ZONES; z++)
		for (int o = 0; o < MAX_ORDER; o++)
			if (now[z][o] != m->nr_free_at_boot[z][o])
				return MODEL_FAIL("zone %d order %d: %lu free blocks, %lu at boot",
						  z, o, now[z][o], m->nr_free_at_boot[z][o]);
	return model_check(m);
}

#endif
