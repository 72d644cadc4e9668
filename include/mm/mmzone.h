/*
 * Describing physical memory: the node, its zones and their free areas
 * (Gorman §2.1 "Nodes", §2.2 "Zones"; Mauerer §3.2). We have one node,
 * contig_page_data, split by physical address into two zones:
 *
 *   ZONE_DMA     pfn [0, 4096)        below 16 MiB, reachable by ISA DMA
 *   ZONE_NORMAL  pfn [4096, max_pfn)  the rest of the directly mapped memory
 *
 * Memory above the direct map (Linux's ZONE_HIGHMEM) is not managed here.
 * Each zone owns a buddy allocator (free_area[], mm/page_alloc.c) and the
 * LRU lists that page reclaim (mm/vmscan.c) scans.
 *
 * Locking: zone->lock protects free_area[] and free_pages; zone->lru_lock
 * protects the LRU lists and their counters. Both are taken with
 * interrupts disabled because interrupt handlers allocate memory. The
 * geometry (start, spanned, present) and the watermarks are written only
 * during boot, before interrupts are enabled.
 */
#ifndef MM_MMZONE_H
#define MM_MMZONE_H

#include <lib/types.h>
#include <lib/list.h>
#include <kernel/spinlock.h>
#include <mm/page.h>

enum zone_type {
	ZONE_DMA,    /* below MAX_DMA_PFN, where ISA DMA reaches */
	ZONE_NORMAL, /* the rest of the direct map */
	MAX_NR_ZONES
};

/* First pfn above ISA DMA reach (16 MiB). */
#define MAX_DMA_PFN (0x1000000UL >> PAGE_SHIFT)

/*
 * Linux 2.4's watermark parameters (Gorman §2.2.1): pages_min is
 * present_pages / zone_balance_ratio, clamped to [zone_balance_min,
 * zone_balance_max].
 */
#define ZONE_BALANCE_RATIO 128
#define ZONE_BALANCE_MIN   20
#define ZONE_BALANCE_MAX   255

/* The blocks of one order that are free, linked through page->lru. */
struct free_area {
	struct list_head free_list;
	unsigned long nr_free; /* blocks, not pages */
};

struct zone {
	/* Buddy allocator state, under lock. */
	spinlock_t lock;
	unsigned long free_pages;
	unsigned long pages_min, pages_low, pages_high;
	struct free_area free_area[MAX_ORDER];

	/* Page reclaim state (mm/swap.c, mm/vmscan.c), under lru_lock. */
	spinlock_t lru_lock;
	struct list_head active_list;
	struct list_head inactive_list;
	unsigned long nr_active;
	unsigned long nr_inactive;
	/*
	 * The scan priority reclaim needed the last time (DEF_PRIORITY: it was
	 * easy), lowered as soon as a pass goes deeper: the "distress" that
	 * makes refill_inactive_zone take mapped pages (mm/vmscan.c).
	 * temp_priority is the priority of this call's latest pass.
	 */
	int prev_priority, temp_priority;

	/* Geometry, fixed after boot. */
	unsigned long zone_start_pfn;
	unsigned long spanned_pages; /* pfns from start to end, holes included */
	unsigned long present_pages; /* pages handed to the buddy allocator */
	const char *name;
};

/* Zones to try for one kind of request, in order; NULL-terminated. */
struct zonelist {
	struct zone *zones[MAX_NR_ZONES + 1];
};

/*
 * A memory node (Gorman §2.1, pg_data_t). A uniprocessor PC is one node,
 * so there is exactly one, as with Linux's !CONFIG_NUMA contig_page_data.
 */
typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	struct zonelist node_zonelists[MAX_NR_ZONES]; /* indexed by gfp_zone() */
	struct page *node_mem_map;
	unsigned long node_start_pfn;
	unsigned long node_spanned_pages;
} pg_data_t;

extern pg_data_t contig_page_data;

/* Pages handed to the buddy allocator since boot (MemTotal). */
extern unsigned long totalram_pages;

#define for_each_zone(zone)                                                                        \
	for (zone = contig_page_data.node_zones;                                                   \
	     zone < contig_page_data.node_zones + MAX_NR_ZONES; zone++)

static inline struct zone *page_zone(const struct page *page)
{
	return &contig_page_data.node_zones[page_zonenum(page)];
}

static inline int zone_idx(const struct zone *zone)
{
	return (int)(zone - contig_page_data.node_zones);
}

static inline bool populated_zone(const struct zone *zone)
{
	return zone->present_pages != 0;
}

/**
 * free_area_init - describe the frames [0, @end_pfn) and set up the zones
 * @map: room for @end_pfn page descriptors (overwritten); becomes mem_map
 * @end_pfn: one past the last directly mapped pfn; becomes max_pfn
 *
 * Every frame starts reserved with a count of one, as if in use by the
 * firmware; free_bootmem_range() then releases the usable ones. May be
 * called again to start over (the host tests do).
 */
void free_area_init(struct page *map, unsigned long end_pfn);

/**
 * free_bootmem_range - hand the usable frames [@start_pfn, @end_pfn) to the buddy allocator
 *
 * The frames must be reserved and unused (count one, as free_area_init
 * left them); they are released as the largest aligned blocks that fit,
 * so a large range costs one free per block rather than one per page.
 */
void free_bootmem_range(unsigned long start_pfn, unsigned long end_pfn);

/**
 * setup_zone_watermarks - compute pages_min/low/high once memory is released
 *
 * Call after the last free_bootmem_range(); see the formula in page_alloc.c.
 */
void setup_zone_watermarks(void);

/**
 * zone_watermark_ok - may @zone hand out a block of @order and stay above @mark?
 *
 * True when the free pages minus the request stay at or above @mark and,
 * for each order below @order, the pages free in blocks at least that big
 * stay above a mark halved per order (so a zone full of single pages does
 * not pass for a high-order request). Exact only under zone->lock.
 */
bool zone_watermark_ok(struct zone *zone, unsigned int order, unsigned long mark);

/* Free pages in all zones (read without locks: a snapshot). */
unsigned long nr_free_pages(void);

/**
 * verify_free_areas - check the free lists of every zone against the pages
 *
 * BUG_ON unless every free block is an aligned PG_buddy head of its order
 * on exactly that order's list, no free block's buddy is a free block of
 * the same order (coalescing is complete), nr_free and free_pages match
 * the lists, and no page inside a free block is in use. Walks every frame:
 * for tests and debugging. Returns the number of free pages seen.
 */
unsigned long verify_free_areas(void);

/* SysRq-m: free pages per zone and per order, with the watermarks. */
void show_free_areas(void);
/* show_free_areas() plus a census of mem_map (reserved, slab, in use). */
void show_mem(void);

/**
 * buddyinfo_format - /proc/buddyinfo: one line per zone, free blocks per order
 *
 * Returns the length of the text in @buf, which is truncated to @len - 1
 * characters and always NUL-terminated when @len > 0.
 */
int buddyinfo_format(char *buf, size_t len);

#endif
