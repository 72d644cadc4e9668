/*
 * /proc/meminfo, /proc/vmstat, /proc/buddyinfo,
 * /proc/zoneinfo and /proc/slabinfo, in Linux's formats.
 */
#include <fs/proc.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include <mm/slab.h>
#include <mm/swapfile.h>
#include <uapi/abi.h>
#include <mm/swap_state.h>
#include <mm/page_io.h>
#include <mm/vmstat.h>
#include <mm/workingset.h>
#include <lib/radix-tree.h>
#include <block/bio.h>
#include <block/genhd.h>

#define K(pages) ((pages) * (PAGE_SIZE / 1024))

static void count_dirty(void *entry, unsigned long index, void *arg)
{
	*(unsigned long *)arg += !is_shadow_entry(entry) && PageDirty((struct page *)entry);
}

/*
 * Dirty: swap-cache pages with PG_dirty, whose copy on swap is missing or
 * stale. Several paths set the flag (add_to_swap, unmap_one and zap_pte
 * for a dirty PTE, a failed write, swapoff), and only add_to_swap sets the
 * radix tree's SWAP_TAG_DIRTY, so the flags themselves are counted. Linux
 * keeps a counter where the flag changes (NR_FILE_DIRTY); a walk of the
 * cache needs no cooperation from those paths. The lock is dropped between
 * batches so interrupts are never off for the whole walk; pages may come
 * and go in between, which a statistic can afford.
 */
static unsigned long nr_dirty_swapcache(void)
{
	unsigned long n = 0;

	swap_cache_walk(count_dirty, &n);
	return n;
}

static void lru_totals(unsigned long *active, unsigned long *inactive)
{
	struct zone *z;

	*active = *inactive = 0;
	for_each_zone(z) {
		*active += z->nr_active;
		*inactive += z->nr_inactive;
	}
}

/*
 * Linux's MemAvailable estimate, without a page cache to count: the free
 * pages above the zones' high watermarks, which kswapd keeps in reserve.
 * Anonymous pages are not "available": freeing them takes swapping.
 */
static unsigned long available_pages(unsigned long free)
{
	unsigned long reserve = 0;
	struct zone *z;

	for_each_zone(z)
		reserve += z->pages_high;
	return free > reserve ? free - reserve : 0;
}

static void show_meminfo(struct seq_buf *s)
{
	unsigned long active, inactive, free = nr_free_pages();
	struct sysinfo swap;

	lru_totals(&active, &inactive);
	seq_printf(s, "MemTotal:       %8lu kB\n", K(totalram_pages));
	seq_printf(s, "MemFree:        %8lu kB\n", K(free));
	seq_printf(s, "MemAvailable:   %8lu kB\n", K(available_pages(free)));
	seq_printf(s, "Buffers:        %8lu kB\n", 0UL);
	seq_printf(s, "Cached:         %8lu kB\n", 0UL);
	seq_printf(s, "SwapCached:     %8lu kB\n", K(swapper_space.nrpages));
	seq_printf(s, "Active:         %8lu kB\n", K(active));
	seq_printf(s, "Inactive:       %8lu kB\n", K(inactive));
	seq_printf(s, "Active(anon):   %8lu kB\n", K(active));
	seq_printf(s, "Inactive(anon): %8lu kB\n", K(inactive));
	si_swapinfo(&swap);
	seq_printf(s, "SwapTotal:      %8lu kB\n", K(swap.totalswap));
	seq_printf(s, "SwapFree:       %8lu kB\n", K(swap.freeswap));
	seq_printf(s, "Dirty:          %8lu kB\n", K(nr_dirty_swapcache()));
	seq_printf(s, "Writeback:      %8lu kB\n", K(nr_swap_writeback));
}
PROC_ENTRY(meminfo, show_meminfo);

/*
 * pgpgin/pgpgout: KiB read from and written to the disks, as Linux counts
 * them (all block I/O, swap included); vmstat's bi/bo columns.
 */
static void disk_kbytes(unsigned long *in, unsigned long *out)
{
	unsigned long sectors[2] = { 0, 0 };
	struct block_device *b;

	for_each_bdev(b)
		if (b->partno == 0) {
			sectors[READ] += b->disk->stats.sectors[READ];
			sectors[WRITE] += b->disk->stats.sectors[WRITE];
		}
	*in = sectors[READ] / 2;
	*out = sectors[WRITE] / 2;
}

static void show_vmstat(struct seq_buf *s)
{
	unsigned long active, inactive, pgpgin, pgpgout;

	lru_totals(&active, &inactive);
	disk_kbytes(&pgpgin, &pgpgout);
	seq_printf(s, "nr_free_pages %lu\n", nr_free_pages());
	seq_printf(s, "nr_inactive_anon %lu\nnr_active_anon %lu\n", inactive, active);
	seq_printf(s, "nr_swapcached %lu\nnr_writeback %lu\n", swapper_space.nrpages,
		   nr_swap_writeback);
	seq_printf(s, "pgpgin %lu\npgpgout %lu\n", pgpgin, pgpgout);
	for (int i = 0; i < NR_VM_EVENT_ITEMS; i++)
		seq_printf(s, "%s %lu\n", vm_event_names[i], vm_events[i]);
}
PROC_ENTRY(vmstat, show_vmstat);

/* Let a formatter that fills a plain buffer write into the seq_buf. */
static void append(struct seq_buf *s, int (*format)(char *buf, size_t len))
{
	size_t used = seq_buf_used(s);

	s->len += format(s->buf + used, s->size - used);
}


static void show_buddyinfo(struct seq_buf *s)
{
	append(s, buddyinfo_format);
}
PROC_ENTRY(buddyinfo, show_buddyinfo);

static void show_zoneinfo(struct seq_buf *s)
{
	struct zone *z;

	for_each_zone(z) {
		if (!populated_zone(z))
			continue;
		seq_printf(s, "Node 0, zone %8s\n  pages free     %lu\n        min      %lu\n"
			      "        low      %lu\n        high     %lu\n        spanned  %lu\n"
			      "        present  %lu\n        nr_active   %lu\n"
			      "        nr_inactive %lu\n  start_pfn:         %lu\n",
			   z->name, z->free_pages, z->pages_min, z->pages_low, z->pages_high,
			   z->spanned_pages, z->present_pages, z->nr_active, z->nr_inactive,
			   z->zone_start_pfn);
	}
}
PROC_ENTRY(zoneinfo, show_zoneinfo);

static void proc_slabinfo(struct seq_buf *s)
{
	append(s, slabinfo_format);
}
PROC_ENTRY(slabinfo, proc_slabinfo);
