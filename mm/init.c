/*
 * Memory bring-up (the role of Linux 2.4's setup_arch/paging_init/
 * mem_init, Gorman ch. 2.3 and ch. 5 "Boot Memory Allocator"): size the
 * frame table from the multiboot memory map, place mem_map just after the
 * kernel image and its modules, and release every usable frame that
 * nothing occupies to the buddy allocator.
 *
 * Never handed out: frame 0 (real-mode IVT and BIOS data), everything the
 * map does not call usable (the VGA hole, BIOS ROMs, ACPI tables), the
 * kernel image, the multiboot modules, and mem_map itself. RAM above the
 * 896 MiB direct map, or above mem=, is reported and left unused.
 */
#include <mm/init.h>
#include <mm/mmzone.h>
#include <mm/page.h>
#include <mm/slab.h>
#include <kernel/bootinfo.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/panic.h>
#include <arch/x86/paging.h>
#include <lib/vsnprintf.h>
#include <lib/string.h>
#include <uapi/errno.h>

extern char _kernel_start[], _kernel_end[];

struct page *mem_map;
unsigned long max_pfn;
unsigned long first_free_pfn;
u64 unused_ram;
static u64 mem_limit = DIRECT_MAP_SIZE;

static int set_mem(const char *val)
{
	const char *end;
	unsigned long long v;

	if (!val)
		return -EINVAL;
	v = memparse(val, &end);
	if (*end || v < (2 << 20))
		return -EINVAL;	/* a kernel below 2 MiB cannot even hold itself */
	if (v < mem_limit)
		mem_limit = v;
	return 0;
}
__setup("mem", set_mem);

/* One past the highest usable frame below the limit. */
static unsigned long find_end_pfn(void)
{
	u64 end = 0;

	for (int i = 0; i < boot_info.nr_ranges; i++) {
		const struct mem_range *r = &boot_info.ranges[i];
		if (r->type != 1)
			continue;
		u64 e = r->end < mem_limit ? r->end : mem_limit;
		if (e > end)
			end = e;
		if (r->end > mem_limit)
			unused_ram += r->end - (r->start > mem_limit ? r->start : mem_limit);
	}
	return (unsigned long)(end >> PAGE_SHIFT);
}

/* Release [start, end) minus [busy_start, busy_end): the one busy hole. */
static void release_around(unsigned long start, unsigned long end, unsigned long busy_start,
			   unsigned long busy_end)
{
	if (start < busy_start)
		free_bootmem_range(start, min(end, busy_start));
	if (end > busy_end)
		free_bootmem_range(max(start, busy_end), end);
}

static void release_usable_ranges(unsigned long end_pfn)
{
	unsigned long busy_start = __pa(_kernel_start) >> PAGE_SHIFT;

	for (int i = 0; i < boot_info.nr_ranges; i++) {
		const struct mem_range *r = &boot_info.ranges[i];
		if (r->type != 1)
			continue;
		/* Partial frames at the edges of a range are not usable. */
		unsigned long s = (unsigned long)((r->start + PAGE_SIZE - 1) >> PAGE_SHIFT);
		u64 e64 = r->end >> PAGE_SHIFT;
		unsigned long e = e64 < end_pfn ? (unsigned long)e64 : end_pfn;
		if (s == 0)
			s = 1;
		if (s < e)
			release_around(s, e, busy_start, first_free_pfn);
	}
}

static void print_zones(void)
{
	struct zone *z;

	for_each_zone(z) {
		if (!populated_zone(z))
			continue;
		printk(KERN_INFO "  zone %-6s pfn %6lu-%-6lu present %6lu free %6lu  "
				 "watermarks min %lu low %lu high %lu\n",
		       z->name, z->zone_start_pfn, z->zone_start_pfn + z->spanned_pages,
		       z->present_pages, z->free_pages, z->pages_min, z->pages_low,
		       z->pages_high);
	}
}

void mem_init(void)
{
	unsigned long end_pfn = find_end_pfn();
	u32 image_end = __pa(_kernel_end);
	u32 busy_end = boot_info.highest_module_end > image_end ? boot_info.highest_module_end
							     : image_end;
	unsigned long map_pfn = PAGE_ALIGN(busy_end) >> PAGE_SHIFT;
	size_t map_bytes = PAGE_ALIGN(end_pfn * sizeof(struct page));
	struct page *map = __va(map_pfn << PAGE_SHIFT);

	first_free_pfn = map_pfn + (map_bytes >> PAGE_SHIFT);
	if (first_free_pfn >= end_pfn)
		panic("mem_init: %lu KiB of RAM cannot hold the kernel, its modules and mem_map",
		      end_pfn << 2);
	memset(map, 0, map_bytes);
	free_area_init(map, end_pfn);
	release_usable_ranges(end_pfn);
	setup_zone_watermarks();
	kmem_cache_init();

	printk(KERN_INFO "mm: %lu pages (%lu MiB) usable, %lu free; kernel %u KiB, "
			 "modules %u KiB, mem_map %zu KiB\n",
	       totalram_pages, totalram_pages >> 8, nr_free_pages(),
	       (unsigned)(image_end - __pa(_kernel_start)) >> 10,
	       (unsigned)(busy_end - image_end) >> 10, map_bytes >> 10);
	if (unused_ram)
		printk(KERN_INFO "mm: %llu MiB of RAM above mem= or the 896 MiB direct map "
				 "left unused\n", unused_ram >> 20);
	print_zones();
}
