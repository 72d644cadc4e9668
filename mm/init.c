/*
 * Memory bring-up (the role of Linux 2.4's setup_arch/paging_init/
 * mem_init, Gorman ch. 2 "Describing Physical Memory"
 * and ch. 5 "Boot Memory Allocator"): size the
 * frame table from the multiboot memory map, place mem_map, and release
 * every usable frame that nothing occupies to the buddy allocator.
 *
 * Never handed out: frame 0 (real-mode IVT and BIOS data), everything the
 * map does not call usable (the VGA hole, BIOS ROMs, ACPI tables), the
 * kernel image, the multiboot modules the kernel uses, and mem_map
 * itself, which goes in the first stretch above the kernel that is free.
 * The gaps a boot loader leaves between modules are released (GRUB leaves
 * about as much again as the modules hold). RAM above the 896 MiB direct
 * map, or above mem=, is reported and left unused.
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

/*
 * What boot memory must keep, as frame ranges sorted by start: the kernel
 * image, each module the kernel uses (kernel/multiboot.c keeps those) and
 * mem_map. Everything else that the map calls usable is released,
 * including gaps a boot loader leaves between modules and modules the
 * kernel ignores.
 */
struct busy_range {
	unsigned long start, end; /* pfns, end exclusive */
};
static struct busy_range busy[MAX_BOOT_MODULES + 2];
static int nr_busy;

static void add_busy(unsigned long start, unsigned long end)
{
	int i = nr_busy++;

	while (i > 0 && busy[i - 1].start > start) {
		busy[i] = busy[i - 1];
		i--;
	}
	busy[i] = (struct busy_range){ start, end };
}

/* The first busy range that ends above @pfn, or NULL. */
static const struct busy_range *busy_after(unsigned long pfn)
{
	for (int i = 0; i < nr_busy; i++)
		if (busy[i].end > pfn)
			return &busy[i];
	return NULL;
}

/* Is [start, end) inside one usable range of the memory map? */
static bool usable(unsigned long start, unsigned long end)
{
	for (int i = 0; i < boot_info.nr_ranges; i++) {
		const struct mem_range *r = &boot_info.ranges[i];
		if (r->type == 1 && r->start <= (u64)start << PAGE_SHIFT &&
		    r->end >= (u64)end << PAGE_SHIFT)
			return true;
	}
	return false;
}

/*
 * Where mem_map goes: the lowest free stretch of @pages frames above the
 * kernel image, below @end_pfn, so it lies in the direct map; 0 if none.
 */
static unsigned long place_mem_map(unsigned long pages, unsigned long end_pfn)
{
	unsigned long pfn = PAGE_ALIGN(__pa(_kernel_end)) >> PAGE_SHIFT;
	const struct busy_range *b;

	while (pfn + pages <= end_pfn) {
		b = busy_after(pfn);
		if ((!b || b->start >= pfn + pages) && usable(pfn, pfn + pages))
			return pfn;
		pfn = b && b->start < pfn + pages ? b->end : pfn + 1;
	}
	return 0;
}

/* Release the frames of [start, end) that nothing keeps. */
static void release_free_frames(unsigned long start, unsigned long end)
{
	const struct busy_range *b;

	while (start < end && (b = busy_after(start)) && b->start < end) {
		if (start < b->start)
			free_bootmem_range(start, b->start);
		start = b->end;
	}
	if (start < end)
		free_bootmem_range(start, end);
}

static void release_usable_ranges(unsigned long end_pfn)
{
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
			release_free_frames(s, e);
	}
}

/* Keep the kernel image and the modules; returns the frames the modules hold. */
static unsigned long reserve_image_and_modules(void)
{
	unsigned long module_pages = 0;

	nr_busy = 0;
	add_busy(__pa(_kernel_start) >> PAGE_SHIFT, PAGE_ALIGN(__pa(_kernel_end)) >> PAGE_SHIFT);
	for (int i = 0; i < boot_info.nr_modules; i++) {
		const struct boot_module *m = &boot_info.modules[i];
		unsigned long s = m->start >> PAGE_SHIFT, e = PAGE_ALIGN(m->end) >> PAGE_SHIFT;

		add_busy(s, e);
		module_pages += e - s;
	}
	return module_pages;
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
	unsigned long module_pages = reserve_image_and_modules();
	size_t map_bytes = PAGE_ALIGN(end_pfn * sizeof(struct page));
	unsigned long map_pfn = place_mem_map(map_bytes >> PAGE_SHIFT, end_pfn);
	struct page *map = __va(map_pfn << PAGE_SHIFT);

	if (!map_pfn)
		panic("mem_init: %lu KiB of RAM cannot hold the kernel, its modules and mem_map",
		      end_pfn << 2);
	add_busy(map_pfn, map_pfn + (map_bytes >> PAGE_SHIFT));
	memset(map, 0, map_bytes);
	free_area_init(map, end_pfn);
	release_usable_ranges(end_pfn);
	setup_zone_watermarks();
	kmem_cache_init();

	printk(KERN_INFO "mm: %lu pages (%lu MiB) usable, %lu free; kernel %u KiB, "
			 "modules %lu KiB, mem_map %zu KiB\n",
	       totalram_pages, totalram_pages >> 8, nr_free_pages(),
	       (unsigned)(image_end - __pa(_kernel_start)) >> 10, module_pages << 2,
	       map_bytes >> 10);
	if (unused_ram)
		printk(KERN_INFO "mm: %llu MiB of RAM above mem= or the 896 MiB direct map "
				 "left unused\n", unused_ram >> 20);
	print_zones();
}
