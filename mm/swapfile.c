/*
 * Swap areas: the swap_map slot allocator, swapon and swapoff (Gorman ch.
 * 11: §11.1 "Describing the Swap Area", §11.3 "Allocating a Swap Slot",
 * §11.8 "Activating a Swap Area", §11.9 "Deactivating a Swap Area";
 * Mauerer §18.3 "Managing Swap Areas"). This file is Linux's
 * mm/swapfile.c and the one owner of swap_map: every other file reads a
 * slot's count through the functions below. The structures, the
 * accounting and the locking rules are described in <mm/swapfile.h>; the
 * extents that say where a swap file's slots lie are in mm/swap_extent.c.
 *
 * The file has two parts. The first, the slot allocator and the area life
 * cycle, needs nothing but swap_lock and also builds as a host program
 * (tests/host/swapfile_test.c, the fuzzer). The second needs the running
 * kernel: swapon of a device or a file (sys_swapon), swapoff
 * (sys_swapoff, try_to_unuse), and the two ways a slot is let go with its
 * swap-cache page (remove_exclusive_swap_page, free_swap_and_cache).
 *
 * Choosing a slot in an area (scan_swap_map). Pages swapped out together
 * are likely to be swapped in together, so consecutive allocations should
 * get consecutive slots: the writes then merge into large requests and
 * readahead finds neighbours on disk.
 *
 * Linux 2.4, as Gorman §11.3 describes it, does this with SWAPFILE_CLUSTER:
 * hand out slots one after another (cluster_next) for runs of 256
 * allocations; when a run ends, search swap_map from lowest_bit for 256
 * consecutive free slots and start the next run there; if there is no such
 * hole, take the first free slot. This kernel did the same until the
 * figures of issue 13: the search is a linear scan, and it runs with
 * swap_lock held and interrupts off. Once the area has been used for a
 * while, swap_free leaves single free slots scattered over the used
 * region; they never add up to 256 in a row, so every new run scans the
 * whole used prefix and then falls back to the first free slot, whose run
 * ends at the next used slot. In slot-bench (make bench: 1,048,576 slots,
 * callgrind) a call cost 7.6K instructions at 10 % full, 17-34K from 50 %
 * on, and a single call up to 9.1 million. Linux hit the same wall (kswapd
 * "endlessly in get_swap_page", 2001; scan_swap_map at 20-30 % of the CPU
 * on SSDs, 2013) and replaced the search with per-cluster bookkeeping
 * (Linux 3.12-3.14: swap_cluster_info and a free-cluster list; 6.11: lists
 * of partly used clusters).
 *
 * What this file does now, after that design: swap_map is cut into aligned
 * clusters of SWAPFILE_CLUSTER slots, and struct swap_cluster_info counts
 * each cluster's slots that are not free. A cluster with every slot free
 * sits on the area's free_clusters list, one with some free on
 * nonfull_clusters, a full one on neither. Allocation takes the free slots
 * of the current cluster in order (a bitmap per cluster of the slots not
 * free finds the next one a word at a time); when it has none left, the
 * head of free_clusters becomes current, or, when no cluster is free, the
 * head of nonfull_clusters (whose count says it has a free slot).
 * swap_free and a slot taken or marked bad move a cluster between the
 * lists when its count crosses 0 or its size. So no call looks at more
 * than two clusters' bitmaps, however full or large the area is: the
 * bounded search of 2.4's fallback became a list of the clusters worth
 * searching. slot-bench: 184 instructions per call at 10 % full, 198 at
 * 99 %, 309 at most. Swapon makes cluster 0 (it holds the header)
 * current, so the first pages go to slots 1, 2, 3...
 *
 * Choosing an area (get_swap_page): areas are tried in priority order.
 * Areas of equal priority take turns, one allocation each, the way Linux
 * 2.4/2.6 stripe swap over several disks: swap_list.next remembers where
 * the next allocation starts.
 *
 * Reference counts (swap_duplicate, swap_free) saturate at SWAP_MAP_MAX;
 * a slot that fails a write is retired with swap_mark_bad.
 *
 * Locking: swap_lock, taken with interrupts disabled by every exported
 * function; static helpers and the functions marked "=> swap_lock held"
 * assert it. The scans run with interrupts off: at most two clusters' worth
 * of counts per allocation (see above). swapon
 * and swapoff run in process context, one at a time (swapon_lock), and
 * sleep on disk reads and allocations.
 */
#include <lib/string.h>
#include <kernel/bug.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <kernel/trace.h>
#include <mm/swap.h>
#include <mm/swap_header.h>
#include <mm/swapfile.h>
#include <uapi/errno.h>
#ifndef HOST_TEST
#include <mm/page_io.h>
#include <mm/fault.h>
#include <mm/swap_extent.h>
#include <mm/swap_state.h>
#include <mm/pagemap.h>
#include <mm/rmap.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include <mm/gfp.h>
#include <mm/vmstat.h>
#include <mm/slab.h>
#include <block/blkdev.h>
#include <fs/fs.h>
#include <kernel/sched.h>
#include <kernel/params.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>
#include <arch/x86/paging.h>
#include <lib/vsnprintf.h>
#include <uapi/abi.h>
#include <uapi/signal.h>
#endif

struct swap_info_struct swap_info[MAX_SWAPFILES];
struct swap_list_t swap_list = {-1, -1};
long nr_swap_pages;
long total_swap_pages;
DEFINE_SPINLOCK(swap_lock);

/* Last priority given to an area swapped on without one: -1, -2, ... */
static int least_priority;
/* The serial number the last area set up got (see swap_slot_counts). */
static unsigned long area_serial;

#define assert_swap_locked() BUG_ON(!spin_is_locked(&swap_lock))

static int area_type(const struct swap_info_struct *si)
{
	return (int)(si - swap_info);
}

/* ---- clusters: swap_cluster_info and its lists ----------------------------- */

static unsigned long cluster_index(unsigned long offset)
{
	return offset / SWAPFILE_CLUSTER;
}

/* Slots in cluster @idx of @si: SWAPFILE_CLUSTER, fewer for the last one. */
static unsigned long cluster_size(const struct swap_info_struct *si, unsigned long idx)
{
	return min(si->max - idx * SWAPFILE_CLUSTER, (unsigned long)SWAPFILE_CLUSTER);
}

/* The list cluster @idx belongs on by its count: CLUSTER_FLAG_FREE, _NONFULL, or 0 (full). */
static unsigned short cluster_class(const struct swap_info_struct *si, unsigned long idx)
{
	unsigned short count = si->cluster_info[idx].count;

	if (!count)
		return CLUSTER_FLAG_FREE;
	return count < cluster_size(si, idx) ? CLUSTER_FLAG_NONFULL : 0;
}

/* Take cluster @ci off whatever list it is on. */
static void cluster_unlist(struct swap_info_struct *si, struct swap_cluster_info *ci)
{
	if (ci->flags & CLUSTER_FLAG_FREE)
		si->nr_free_clusters--;
	list_del_init(&ci->list);
	ci->flags = 0;
}

/* Put cluster @idx, which is not the current one, at the tail of the list its count says. */
static void cluster_file(struct swap_info_struct *si, unsigned long idx)
{
	struct swap_cluster_info *ci = &si->cluster_info[idx];

	cluster_unlist(si, ci);
	ci->flags = cluster_class(si, idx);
	if (ci->flags & CLUSTER_FLAG_FREE) {
		list_add_tail(&ci->list, &si->free_clusters);
		si->nr_free_clusters++;
	} else if (ci->flags & CLUSTER_FLAG_NONFULL) {
		list_add_tail(&ci->list, &si->nonfull_clusters);
	}
}

/*
 * Slot @offset stopped being free (@taken: allocated or marked bad) or
 * became free again: count it in its cluster, and move the cluster to
 * another list if its count crossed 0 or the cluster's size (the current
 * cluster is on no list).
 */
static void cluster_count(struct swap_info_struct *si, unsigned long offset, bool taken)
{
	unsigned long idx = cluster_index(offset);
	struct swap_cluster_info *ci = &si->cluster_info[idx];
	unsigned short before = cluster_class(si, idx);
	int bit = offset % SWAPFILE_CLUSTER;

	BUG_ON(test_bit(bit, ci->used) == taken);
	if (taken) {
		set_bit(bit, ci->used);
		ci->count++;
	} else {
		clear_bit(bit, ci->used);
		ci->count--;
	}
	if (idx != si->curr_cluster && cluster_class(si, idx) != before)
		cluster_file(si, idx);
}

/* ---- scan_swap_map: one slot from one area ------------------------------ */

/*
 * The first free slot of the current cluster at or after cluster_next, or
 * 0: the first clear bit of its used map, a word at a time.
 */
static unsigned long cluster_scan(const struct swap_info_struct *si)
{
	const struct swap_cluster_info *ci = &si->cluster_info[si->curr_cluster];
	unsigned long first = si->curr_cluster * SWAPFILE_CLUSTER;
	unsigned long size = cluster_size(si, si->curr_cluster);
	unsigned long bit = si->cluster_next - first;

	while (bit < size) {
		unsigned long free = ~ci->used[bit / BITS_PER_LONG] >> (bit % BITS_PER_LONG);

		if (free) {
			bit += __ffs(free);
			return bit < size ? first + bit : 0;
		}
		bit = ALIGN_DOWN(bit, BITS_PER_LONG) + BITS_PER_LONG;
	}
	return 0;
}

/*
 * The current cluster has no free slot left ahead of cluster_next: file
 * it on its list and make another cluster current, the oldest free one if
 * any (stats.clusters), else the oldest partly used one (stats.fallbacks).
 * The caller knows the area has a free slot, so one of the lists has a
 * cluster: perhaps the old current one again, with slots freed behind the
 * scan.
 */
static void next_cluster(struct swap_info_struct *si)
{
	struct swap_cluster_info *ci;

	cluster_file(si, si->curr_cluster);
	if (!list_empty(&si->free_clusters)) {
		ci = list_first_entry(&si->free_clusters, struct swap_cluster_info, list);
		si->stats.clusters++;
	} else {
		BUG_ON(list_empty(&si->nonfull_clusters));
		ci = list_first_entry(&si->nonfull_clusters, struct swap_cluster_info, list);
		si->stats.fallbacks++;
	}
	cluster_unlist(si, ci);
	ci->flags = CLUSTER_FLAG_CURRENT;
	si->curr_cluster = ci - si->cluster_info;
	si->cluster_next = si->curr_cluster * SWAPFILE_CLUSTER;
}

/* Give free slot @offset its first reference. */
static void take_slot(struct swap_info_struct *si, unsigned long offset)
{
	BUG_ON(si->swap_map[offset]);
	si->swap_map[offset] = 1;
	cluster_count(si, offset, true);
	trace_slot("alloc", area_type(si), offset, 1);
	si->inuse_pages++;
	nr_swap_pages--;
	si->stats.alloc++;
	si->cluster_next = offset + 1;
}

/**
 * scan_swap_map - allocate one slot of area @si
 *
 * => swap_lock held; @si enabled (its free slots are in nr_swap_pages)
 *
 * The next free slot of the current cluster at or after cluster_next;
 * when there is none, the first free slot of the next cluster (see the
 * top of this file). The slot gets a count of 1.
 *
 * Return: the slot's offset, or 0 if the area is full.
 */
unsigned long scan_swap_map(struct swap_info_struct *si)
{
	unsigned long offset;

	assert_swap_locked();
	BUG_ON(!(si->flags & SWP_WRITEOK));
	if (si->inuse_pages == si->pages)
		return 0;
	offset = cluster_scan(si);
	if (!offset) {
		next_cluster(si);
		offset = cluster_scan(si);
		/* A free or partly used cluster has a free slot: the count says so. */
		BUG_ON(!offset);
	}
	take_slot(si, offset);
	return offset;
}

/* ---- get_swap_page: choose the area ------------------------------------- */

/* Where the allocation after one from @type starts: round-robin within its priority. */
static int round_robin_next(int type)
{
	int next = swap_info[type].next;

	if (next >= 0 && swap_info[next].prio == swap_info[type].prio)
		return next;
	return swap_list.head;
}

/*
 * Try the areas on swap_list from @type on; with @same_prio, only those of
 * @type's priority. An area without SWP_WRITEOK is skipped; a full one
 * fails in scan_swap_map.
 */
static swp_entry_t alloc_from_list(int type, bool same_prio)
{
	const int prio = type >= 0 ? swap_info[type].prio : 0;

	for (; type >= 0; type = swap_info[type].next) {
		struct swap_info_struct *si = &swap_info[type];
		unsigned long offset;

		if (same_prio && si->prio != prio)
			break;
		if (!(si->flags & SWP_WRITEOK))
			continue;
		offset = scan_swap_map(si);
		if (offset) {
			swap_list.next = round_robin_next(type);
			return swp_entry(type, offset);
		}
	}
	return (swp_entry_t){0};
}

/**
 * get_swap_page - allocate a swap slot for a page about to be swapped out
 *
 * Starts at swap_list.next and tries the rest of its priority group, then
 * every area in priority order. swap_list.next then moves to the next area
 * of the same priority, or back to the head after the last one. It never
 * points below a priority that has free slots (swap_free and
 * swap_area_enable move it up), so the walk from it finds the best area.
 *
 * Return: the entry (count 1), or an entry with val 0 when swap is full.
 */
swp_entry_t get_swap_page(void)
{
	unsigned long flags = spin_lock_irqsave(&swap_lock);
	swp_entry_t entry = {0};

	if (swap_list.next >= 0)
		entry = alloc_from_list(swap_list.next, true);
	if (!entry.val)
		entry = alloc_from_list(swap_list.head, false);
	spin_unlock_irqrestore(&swap_lock, flags);
	return entry;
}

/* ---- reference counts ---------------------------------------------------- */

/*
 * The area of @entry if the entry names an allocated slot, else NULL after
 * a message naming @who. SWAP_MAP_BAD slots count as allocated: an owner
 * may still hold an entry whose slot failed a write.
 */
static struct swap_info_struct *lookup(swp_entry_t entry, const char *who)
{
	unsigned int type = swp_type(entry);
	unsigned long offset = swp_offset(entry);
	struct swap_info_struct *si = &swap_info[type];

	assert_swap_locked();
	if (!(si->flags & SWP_USED)) {
		pr_err("%s: bad swap file entry %08lx: no swap area %u\n", who, entry.val, type);
		return NULL;
	}
	if (offset == 0 || offset >= si->max) {
		pr_err("%s: bad swap offset entry %08lx: offset %lu outside 1..%lu of %s\n", who,
		       entry.val, offset, si->max - 1, si->name);
		return NULL;
	}
	if (!si->swap_map[offset]) {
		pr_err("%s: unused swap offset entry %08lx: slot %lu of %s is free\n", who,
		       entry.val, offset, si->name);
		return NULL;
	}
	return si;
}

/**
 * swap_info_get - the area of an allocated swap entry
 *
 * => swap_lock held
 *
 * Return: the area, or NULL (with a KERN_ERR message saying why) if @entry
 * names no area, an offset outside it, the header, or a free slot.
 */
struct swap_info_struct *swap_info_get(swp_entry_t entry)
{
	return lookup(entry, __func__);
}

/*
 * A slot's count went to 0: it is free again. If its area ranks above the
 * one get_swap_page would start with, start there next time, so a higher
 * priority is never passed over (an area being swapped off is not on
 * swap_list and must not become swap_list.next).
 */
static void release_slot(struct swap_info_struct *si, unsigned long offset)
{
	cluster_count(si, offset, false);
	trace_slot("free", area_type(si), offset, 0);
	si->inuse_pages--;
	nr_swap_pages++;
	si->stats.freed++;
	if ((si->flags & SWP_WRITEOK) && si->prio > swap_info[swap_list.next].prio)
		swap_list.next = area_type(si);
}

static void count_up(struct swap_info_struct *si, unsigned long offset)
{
	unsigned short *count = &si->swap_map[offset];

	if (*count >= SWAP_MAP_MAX || ++*count < SWAP_MAP_MAX)
		return;
	si->stats.saturated++;
	pr_warn("swap_duplicate: slot %lu of %s saturated at %u references: kept until swapoff\n",
		offset, si->name, SWAP_MAP_MAX);
}

/**
 * swap_duplicate - add a reference to an allocated swap slot
 *
 * For fork copying a swap PTE and the swap cache taking its reference.
 * A count that reaches SWAP_MAP_MAX no longer knows how many owners it
 * has, so it stays there (and the slot stays allocated) until swapoff.
 * A SWAP_MAP_BAD slot stays bad.
 *
 * Return: 0, or -EINVAL if @entry is not an allocated slot.
 */
int swap_duplicate(swp_entry_t entry)
{
	unsigned long flags = spin_lock_irqsave(&swap_lock);
	struct swap_info_struct *si = lookup(entry, __func__);

	if (si) {
		count_up(si, swp_offset(entry));
		trace_slot("count", swp_type(entry), swp_offset(entry),
			   si->swap_map[swp_offset(entry)]);
	}
	spin_unlock_irqrestore(&swap_lock, flags);
	return si ? 0 : -EINVAL;
}

/**
 * swap_free - drop a reference to a swap slot; the last one frees the slot
 *
 * Saturated (SWAP_MAP_MAX) and SWAP_MAP_BAD counts do not change. An
 * invalid @entry is reported and ignored.
 */
void swap_free(swp_entry_t entry)
{
	unsigned long flags = spin_lock_irqsave(&swap_lock);
	struct swap_info_struct *si = lookup(entry, __func__);
	unsigned long offset = swp_offset(entry);

	if (si && si->swap_map[offset] < SWAP_MAP_MAX && --si->swap_map[offset] == 0)
		release_slot(si, offset);
	else if (si)
		trace_slot("count", swp_type(entry), offset, si->swap_map[offset]);
	spin_unlock_irqrestore(&swap_lock, flags);
}

/**
 * swap_count - the use count of an allocated swap slot
 *
 * Return: 1..SWAP_MAP_MAX, SWAP_MAP_BAD for a slot that failed a write,
 * or -EINVAL if @entry is not an allocated slot.
 */
int swap_count(swp_entry_t entry)
{
	unsigned long flags = spin_lock_irqsave(&swap_lock);
	struct swap_info_struct *si = lookup(entry, __func__);
	int count = si ? si->swap_map[swp_offset(entry)] : -EINVAL;

	spin_unlock_irqrestore(&swap_lock, flags);
	return count;
}

/**
 * swap_reset_overflow - forget how many owners a saturated slot had
 *
 * For swapoff's try_to_unuse: once it has replaced every PTE that names
 * @entry, only the swap cache's reference is left, so a SWAP_MAP_MAX count
 * becomes 1 and the swap cache's swap_free then releases the slot. Other
 * counts are left alone.
 */
void swap_reset_overflow(swp_entry_t entry)
{
	unsigned long flags = spin_lock_irqsave(&swap_lock);
	struct swap_info_struct *si = lookup(entry, __func__);

	if (si && si->swap_map[swp_offset(entry)] == SWAP_MAP_MAX)
		si->swap_map[swp_offset(entry)] = 1;
	spin_unlock_irqrestore(&swap_lock, flags);
}

/**
 * swap_writeok - may a new reference to @entry go into a page table?
 *
 * Not while its area is being swapped off (SWP_WRITEOK cleared):
 * try_to_unuse is taking every reference out, and one added behind its
 * back would keep the area busy. Reclaim keeps such a page in memory.
 */
bool swap_writeok(swp_entry_t entry)
{
	unsigned long flags = spin_lock_irqsave(&swap_lock);
	bool ok = swap_info[swp_type(entry)].flags & SWP_WRITEOK;

	spin_unlock_irqrestore(&swap_lock, flags);
	return ok;
}

/**
 * swap_free_elsewhere - free slots in the enabled areas other than @si
 *
 * Where reclaim can put pages while swapoff brings @si's back.
 */
unsigned long swap_free_elsewhere(const struct swap_info_struct *si)
{
	unsigned long flags = spin_lock_irqsave(&swap_lock);
	unsigned long n = 0;

	for (int i = swap_list.head; i >= 0; i = swap_info[i].next)
		if (&swap_info[i] != si)
			n += swap_info[i].pages - swap_info[i].inuse_pages;
	spin_unlock_irqrestore(&swap_lock, flags);
	return n;
}

/*
 * Take slot @offset out of use for good. An allocated slot leaves
 * inuse_pages at once; its owners' later swap_free calls find SWAP_MAP_BAD
 * and change nothing. Either way the area has one usable slot less, which
 * the totals see only while the area is enabled (see <mm/swapfile.h>).
 */
static void mark_slot_bad(struct swap_info_struct *si, unsigned long offset)
{
	unsigned short *count = &si->swap_map[offset];

	assert_swap_locked();
	if (*count == SWAP_MAP_BAD)
		return;
	if (*count) {
		si->inuse_pages--;
		nr_swap_pages++;
	} else {
		cluster_count(si, offset, true);
	}
	*count = SWAP_MAP_BAD;
	trace_slot("bad", area_type(si), offset, SWAP_MAP_BAD);
	si->pages--;
	if (si->flags & SWP_WRITEOK) {
		nr_swap_pages--;
		total_swap_pages--;
	}
	si->stats.bad++;
}

/**
 * swap_mark_bad - never use the slot of @entry again (after a write error)
 *
 * The slot must be allocated: the page being written holds a reference.
 *
 * Return: 0, or -EINVAL if @entry is not an allocated slot.
 */
int swap_mark_bad(swp_entry_t entry)
{
	unsigned long flags = spin_lock_irqsave(&swap_lock);
	struct swap_info_struct *si = lookup(entry, __func__);

	if (si) {
		mark_slot_bad(si, swp_offset(entry));
		pr_err("swap: slot %lu of %s marked bad after an I/O error\n", swp_offset(entry),
		       si->name);
	}
	spin_unlock_irqrestore(&swap_lock, flags);
	return si ? 0 : -EINVAL;
}

/**
 * swap_slot_count - the use count of @entry's slot, quietly
 *
 * For callers that may hold an entry whose slot was freed meanwhile
 * (readahead picks neighbours from a snapshot; a fault may sleep): 0 when
 * the slot is free or names no slot, with no message.
 */
unsigned short swap_slot_count(swp_entry_t entry)
{
	unsigned long flags = spin_lock_irqsave(&swap_lock);
	const struct swap_info_struct *si = &swap_info[swp_type(entry)];
	unsigned short c = si->swap_map && swp_offset(entry) < si->max ?
				   si->swap_map[swp_offset(entry)] : 0;

	spin_unlock_irqrestore(&swap_lock, flags);
	return c;
}

/**
 * swap_slot_counts - copy the use counts of slots [@from, @from + @n) of area @type
 * @serial: the area's serial (si->serial) the caller expects, or 0 for any
 *
 * For /proc/swapmap, the telemetry and vmcheck, which show or check a
 * whole map. Return: how many counts were copied: fewer at the end of the
 * area, 0 if it is not set up or is no longer the area of @serial.
 */
unsigned long swap_slot_counts(int type, unsigned long serial, unsigned long from,
			       unsigned short *out, unsigned long n)
{
	unsigned long flags = spin_lock_irqsave(&swap_lock);
	const struct swap_info_struct *si = &swap_info[type];

	if (!si->swap_map || (serial && si->serial != serial) || from >= si->max)
		n = 0;
	else
		n = min(n, si->max - from);
	memcpy(out, si->swap_map + from, n * sizeof(*out));
	spin_unlock_irqrestore(&swap_lock, flags);
	return n;
}

/* ---- area life cycle: swapon and swapoff -------------------------------- */

/**
 * swap_area_alloc - reserve a swap_info[] entry for a swapon in progress
 * @name: device name for messages (truncated to 31 characters)
 *
 * The area is SWP_USED (no other swapon takes it) but not yet usable.
 *
 * Return: its type (index), or -EPERM when MAX_SWAPFILES areas exist.
 */
int swap_area_alloc(const char *name)
{
	unsigned long flags = spin_lock_irqsave(&swap_lock);
	struct swap_info_struct *si;
	int type = 0;

	while (type < MAX_SWAPFILES && swap_info[type].flags)
		type++;
	if (type < MAX_SWAPFILES) {
		si = &swap_info[type];
		memset(si, 0, sizeof(*si));
		si->flags = SWP_USED;
		si->next = -1;
		INIT_LIST_HEAD(&si->extent_list);
		memcpy(si->name, name, strnlen(name, sizeof(si->name) - 1));
	}
	spin_unlock_irqrestore(&swap_lock, flags);
	return type < MAX_SWAPFILES ? type : -EPERM;
}

/* Where cluster_info starts in an area's map allocation: after swap_map, aligned. */
static unsigned long cluster_info_offset(unsigned long max)
{
	return ALIGN_UP(max * sizeof(unsigned short), __alignof__(struct swap_cluster_info));
}

/**
 * swap_area_map_bytes - the size of the map allocation for an area of @max slots
 *
 * swap_map (@max counts) followed by the cluster_info array.
 */
unsigned long swap_area_map_bytes(unsigned long max)
{
	return cluster_info_offset(max) +
	       DIV_ROUND_UP(max, SWAPFILE_CLUSTER) * sizeof(struct swap_cluster_info);
}

/**
 * swap_area_setup - give an allocated area its swap_map and clusters, all slots free
 * @map:	swap_area_map_bytes(@max) bytes from the caller's allocator,
 *		suitably aligned; returned by swap_area_free() for the caller to free
 * @max:	slots including the header: 2..SWP_MAX_OFFSET + 1
 *
 * Slot 0 (the header) becomes SWAP_MAP_BAD. Its cluster, 0, is made the
 * current one, so the first allocations take slots 1, 2, ...; the other
 * clusters go on free_clusters in order.
 */
void swap_area_setup(struct swap_info_struct *si, void *map, unsigned long max)
{
	unsigned short *swap_map = map;
	struct swap_cluster_info *ci;
	unsigned long flags, nr;

	BUG_ON(max < 2 || max > SWP_MAX_OFFSET + 1);
	memset(map, 0, swap_area_map_bytes(max));
	swap_map[0] = SWAP_MAP_BAD;
	ci = (struct swap_cluster_info *)((char *)map + cluster_info_offset(max));
	nr = DIV_ROUND_UP(max, SWAPFILE_CLUSTER);

	flags = spin_lock_irqsave(&swap_lock);
	BUG_ON(si->flags != SWP_USED);
	si->swap_map = swap_map;
	si->serial = ++area_serial;
	si->max = max;
	si->pages = max - 1;
	si->inuse_pages = 0;
	si->cluster_info = ci;
	si->nr_clusters = nr;
	INIT_LIST_HEAD(&si->free_clusters);
	INIT_LIST_HEAD(&si->nonfull_clusters);
	si->nr_free_clusters = 0;
	for (unsigned long i = 0; i < nr; i++)
		INIT_LIST_HEAD(&ci[i].list);
	ci[0].count = 1;
	set_bit(0, ci[0].used);
	ci[0].flags = CLUSTER_FLAG_CURRENT;
	si->curr_cluster = 0;
	si->cluster_next = 1;
	for (unsigned long i = 1; i < nr; i++)
		cluster_file(si, i);
	spin_unlock_irqrestore(&swap_lock, flags);
}

/**
 * swap_area_apply_badpages - mark the bad pages of a parsed header SWAP_MAP_BAD
 *
 * => swap_area_setup() done with @hdr->max slots, area not yet enabled
 *
 * Afterwards si->pages equals @hdr->pages.
 */
void swap_area_apply_badpages(struct swap_info_struct *si, const struct swap_header_info *hdr)
{
	unsigned long flags = spin_lock_irqsave(&swap_lock);

	BUG_ON(si->flags != SWP_USED || si->max != hdr->max);
	for (unsigned int i = 0; i < hdr->nr_badpages; i++) {
		u32 page = swap_header_badpage(hdr, i);

		if (page < si->max)
			mark_slot_bad(si, page);
	}
	spin_unlock_irqrestore(&swap_lock, flags);
}

/**
 * swap_next_default_prio - a priority for an area swapped on without one
 *
 * -1, then -2, ...: each such area ranks below the ones before it, as in
 * Linux; numbers are not reused after swapoff.
 */
int swap_next_default_prio(void)
{
	unsigned long flags = spin_lock_irqsave(&swap_lock);
	int prio = --least_priority;

	spin_unlock_irqrestore(&swap_lock, flags);
	return prio;
}

/* Link @si into swap_list after every area of higher or equal priority. */
static void swap_list_insert(struct swap_info_struct *si)
{
	int prev = -1, i;

	for (i = swap_list.head; i >= 0 && swap_info[i].prio >= si->prio; i = swap_info[i].next)
		prev = i;
	si->next = i;
	if (prev < 0)
		swap_list.head = area_type(si);
	else
		swap_info[prev].next = area_type(si);
}

static void swap_list_remove(struct swap_info_struct *si)
{
	int prev = -1, i;

	for (i = swap_list.head; i != area_type(si); i = swap_info[i].next) {
		BUG_ON(i < 0);
		prev = i;
	}
	if (prev < 0)
		swap_list.head = si->next;
	else
		swap_info[prev].next = si->next;
	si->next = -1;
}

/**
 * swap_area_enable - let get_swap_page allocate from @si
 * @prio: its priority (swap_next_default_prio() when the user gave none)
 *
 * => area set up, or disabled by a swapoff that failed
 *
 * An area of equal priority that is already enabled stays ahead of @si.
 * The area's usable pages join the totals, and the next allocation starts
 * again from the highest priority.
 */
void swap_area_enable(struct swap_info_struct *si, int prio)
{
	unsigned long flags = spin_lock_irqsave(&swap_lock);

	BUG_ON(si->flags != SWP_USED || !si->swap_map);
	si->prio = prio;
	swap_list_insert(si);
	si->flags |= SWP_WRITEOK;
	nr_swap_pages += si->pages;
	total_swap_pages += si->pages;
	swap_list.next = swap_list.head;
	spin_unlock_irqrestore(&swap_lock, flags);
}

/**
 * swap_area_disable - stop allocating from @si (the start of swapoff)
 *
 * Removes the area from swap_list and all its usable pages from the
 * totals. Its allocated slots stay valid: swapoff then reads them back
 * and frees them, and swap_free accounts for each as usual.
 */
void swap_area_disable(struct swap_info_struct *si)
{
	unsigned long flags = spin_lock_irqsave(&swap_lock);

	BUG_ON(!(si->flags & SWP_WRITEOK));
	swap_list_remove(si);
	if (swap_list.next == area_type(si))
		swap_list.next = swap_list.head;
	si->flags &= ~SWP_WRITEOK;
	nr_swap_pages -= si->pages;
	total_swap_pages -= si->pages;
	spin_unlock_irqrestore(&swap_lock, flags);
}

/**
 * swap_area_free - release a disabled, empty area's swap_info[] entry
 *
 * => swap_area_disable() done and every slot freed (inuse_pages == 0),
 *    or the area never enabled
 *
 * Return: the swap_map, which the caller now frees.
 */
unsigned short *swap_area_free(struct swap_info_struct *si)
{
	unsigned long flags = spin_lock_irqsave(&swap_lock);
	unsigned short *swap_map = si->swap_map;

	BUG_ON(si->flags != SWP_USED || si->inuse_pages);
	si->swap_map = NULL;
	si->serial = 0;
	si->flags = 0;
	spin_unlock_irqrestore(&swap_lock, flags);
	return swap_map;
}

/* ---- dumps ---------------------------------------------------------------- */

/**
 * swap_area_dump - print one area: geometry, counts, clusters, map summary
 *
 * Takes swap_lock; walks the whole swap_map to count bad and saturated
 * slots, and the list of partly used clusters.
 */
void swap_area_dump(const struct swap_info_struct *si)
{
	unsigned long flags = spin_lock_irqsave(&swap_lock);
	unsigned long bad = 0, saturated = 0, nonfull = 0;
	struct swap_cluster_info *ci;

	for (unsigned long off = 0; si->swap_map && off < si->max; off++) {
		bad += si->swap_map[off] == SWAP_MAP_BAD;
		saturated += si->swap_map[off] == SWAP_MAP_MAX;
	}
	if (si->swap_map)
		list_for_each_entry(ci, &si->nonfull_clusters, list)
			nonfull++;
	printk("swap area %d (%s):%s%s prio %d next %d\n", area_type(si), si->name,
	       si->flags & SWP_USED ? " used" : " unused",
	       si->flags & SWP_WRITEOK ? " writeok" : "", si->prio, si->next);
	printk("  slots %lu, usable %lu, in use %lu; map: %lu bad (with header), %lu saturated\n",
	       si->max, si->pages, si->inuse_pages, bad, saturated);
	printk("  clusters %lu: %lu free, %lu partly used; current %lu, next slot %lu\n",
	       si->nr_clusters, si->nr_free_clusters, nonfull, si->curr_cluster,
	       si->cluster_next);
	printk("  stats: alloc %lu freed %lu clusters %lu fallbacks %lu saturated %lu bad %lu\n",
	       si->stats.alloc, si->stats.freed, si->stats.clusters, si->stats.fallbacks,
	       si->stats.saturated, si->stats.bad);
	spin_unlock_irqrestore(&swap_lock, flags);
}

/* swap_list_dump - print swap_list in order, and the totals */
void swap_list_dump(void)
{
	unsigned long flags = spin_lock_irqsave(&swap_lock);

	printk("swap_list: head %d next %d; nr_swap_pages %ld total_swap_pages %ld\n",
	       swap_list.head, swap_list.next, nr_swap_pages, total_swap_pages);
	for (int i = swap_list.head; i >= 0; i = swap_info[i].next)
		printk("  area %d (%s) prio %d: %lu of %lu slots in use\n", i, swap_info[i].name,
		       swap_info[i].prio, swap_info[i].inuse_pages, swap_info[i].pages);
	spin_unlock_irqrestore(&swap_lock, flags);
}

#ifndef HOST_TEST
/*
 * The rest of this file needs the running kernel: page tables, the swap
 * cache, the block layer and file systems, processes. The host tests
 * build the part above.
 */

/* ---- letting a slot go with its swap-cache page ---------------------------- */

/**
 * free_swap_and_cache - a PTE that held @entry is gone (exit, munmap)
 *
 * Gives the PTE's count on the slot back, and if only the swap cache
 * still holds the slot, drops the cached page too (unless it is mapped,
 * under writeback or locked by someone else: it then goes later).
 */
void free_swap_and_cache(swp_entry_t entry)
{
	struct page *page;

	swap_free(entry);
	if (swap_slot_count(entry) != 1)
		return;	/* still used by PTEs, or free now */
	page = lookup_swap_cache(entry);
	if (!page)
		return;
	if (trylock_page(page)) {
		if (PageSwapCache(page) && !PageWriteback(page) && !page_mapped(page) &&
		    page->private == entry.val)
			delete_from_swap_cache(page, NULL);
		unlock_page(page);
	}
	put_page(page);
}

/**
 * remove_exclusive_swap_page - drop @page (locked, in the swap cache) from
 * the cache, freeing its slot, if nobody else can need the copy on swap:
 * at most one PTE maps it, no write is in flight, and the slot's only
 * count is the cache's (no other PTE holds the entry).
 *
 * Return: true if the page left the swap cache.
 */
bool remove_exclusive_swap_page(struct page *page)
{
	swp_entry_t entry = { .val = page->private };

	BUG_ON(!PageLocked(page) || !PageSwapCache(page));
	if (page_mapcount(page) > 1 || PageWriteback(page) || swap_count(entry) != 1)
		return false;
	delete_from_swap_cache(page, NULL);
	return true;
}

/**
 * valid_swaphandles - the slots readahead may read around @entry
 * @n: the window, a power of two: the aligned @n slots that hold @entry
 * @offsets: where the offsets of the window's slots in use go
 *
 * For swapin_readahead (mm/swap_state.c), which decides @n.
 * Return: how many offsets were stored (free and bad slots, and the
 * header, are left out).
 */
unsigned long valid_swaphandles(swp_entry_t entry, unsigned long n, unsigned long *offsets)
{
	struct swap_info_struct *si = &swap_info[swp_type(entry)];
	unsigned long start = swp_offset(entry) & ~(n - 1), found = 0;
	unsigned long flags = spin_lock_irqsave(&swap_lock);

	/* No map: swapoff freed the area while the faulting task slept. */
	for (unsigned long off = start; si->swap_map && off < start + n && off < si->max; off++) {
		unsigned short c = si->swap_map[off];
		if (off && c && c != SWAP_MAP_BAD)	/* slot 0 is the header */
			offsets[found++] = off;
	}
	spin_unlock_irqrestore(&swap_lock, flags);
	return found;
}

/* ---- swapon ---------------------------------------------------------------- */

#define SECTORS_PER_PAGE (PAGE_SIZE / 512)

static bool swapon_busy;
static DECLARE_WAIT_QUEUE_HEAD(swapon_wait);

static void swapon_lock(void)
{
	wait_event(swapon_wait, !swapon_busy);
	swapon_busy = true;
}

static void swapon_unlock(void)
{
	swapon_busy = false;
	wake_up(&swapon_wait);
}

/* "/dev/hda1" or "/mnt/swapfile": how messages and /proc/swaps name an area. */
void swap_area_path(const struct swap_info_struct *si, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s", si->swap_file ? "" : "/dev/", si->name);
}

/*
 * What swapon works on: a block device, or a regular file of a mounted
 * file system (then @bdev is the file system's device and the file's
 * blocks are found with bmap). The device is claimed, or the file's inode
 * held and marked I_SWAPFILE (which keeps its file system mounted), from
 * get_swap_source() until the area is gone.
 */
struct swap_source {
	struct block_device *bdev;
	struct inode *file;
	char name[64];		/* "hda1" or the file's path, see swap_info_struct.name */
	char path[72];		/* "/dev/hda1" or the file's path, for messages */
	unsigned long pages;	/* of the device or the file */
};

static int source_of_device(struct inode *inode, struct swap_source *src)
{
	src->bdev = inode->i_private;
	strlcpy(src->name, src->bdev->name, sizeof(src->name));
	snprintf(src->path, sizeof(src->path), "/dev/%s", src->name);
	src->pages = src->bdev->nr_sects / SECTORS_PER_PAGE;
	if (bdev_claim(src->bdev, (void *)swap_info)) {
		printk(KERN_ERR "swapon: %s: device busy (already a swap area, or mounted)\n",
		       src->path);
		return -EBUSY;
	}
	return 0;
}

static int source_of_file(struct inode *inode, const char *path, struct swap_source *src)
{
	if (inode->i_state & I_SWAPFILE) {
		printk(KERN_ERR "swapon: %s: already a swap area\n", path);
		return -EBUSY;
	}
	if (!inode->i_op || !inode->i_op->bmap || !inode->i_sb->s_bdev) {
		printk(KERN_ERR "swapon: %s: its file system cannot map swap pages\n", path);
		return -EINVAL;
	}
	src->bdev = inode->i_sb->s_bdev;
	src->file = igrab(inode);
	inode->i_state |= I_SWAPFILE;
	strlcpy(src->name, path, sizeof(src->name));
	strlcpy(src->path, path, sizeof(src->path));
	src->pages = (unsigned long)(inode->i_size >> PAGE_SHIFT);
	return 0;
}

/*
 * Look up @name, a device name ("hda1") or a path, into @p; @canon
 * (PATH_MAX bytes) gets its canonical path. @who names the caller in the
 * one line printed when the lookup fails.
 */
static int lookup_swap_path(const char *name, struct path *p, char *canon, const char *who)
{
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	int r;

	if (!path)
		return -ENOMEM;
	snprintf(path, PATH_MAX, "%s%s", name[0] == '/' ? "" : "/dev/", name);
	r = kern_path(path, LOOKUP_FOLLOW, p, canon);
	if (r)
		printk(KERN_ERR "%s: %s: %s\n", who, path,
		       r != -ENOENT	 ? "cannot be looked up"
		       : name[0] == '/' ? "no such file or directory"
					: "no such device");
	kfree(path);
	return r;
}

/* @name: "hda1" (a device) or a path; resolve it and take hold of it. */
static int get_swap_source(const char *name, struct swap_source *src)
{
	char *canon = kmalloc(PATH_MAX, GFP_KERNEL);
	struct path p;
	int r = canon ? lookup_swap_path(name, &p, canon, "swapon") : -ENOMEM;

	memset(src, 0, sizeof(*src));
	if (!r) {
		if (S_ISBLK(p.inode->i_mode)) {
			r = source_of_device(p.inode, src);
		} else if (S_ISREG(p.inode->i_mode)) {
			r = source_of_file(p.inode, canon, src);
		} else {
			printk(KERN_ERR "swapon: %s: not a block device or a regular file\n", canon);
			r = -EINVAL;
		}
		path_put(&p);
	}
	kfree(canon);
	return r;
}

static void put_swap_source(struct swap_source *src)
{
	if (src->file) {
		src->file->i_state &= ~I_SWAPFILE;
		iput(src->file);
	} else {
		bdev_release(src->bdev);
	}
}

static unsigned int blkbits_of(const struct inode *file)
{
	return order_base_2(file->i_sb->s_blocksize);
}

/* Read the header page of @src into @page and validate it. */
static int read_header(struct swap_source *src, void *page, struct swap_header_info *hdr)
{
	const char *reason;
	int r = swap_read_header(src->bdev, src->file, page);

	if (r) {
		printk(KERN_ERR "swapon: %s: cannot read the swap header (error %d)\n", src->path, r);
		return r;
	}
	if (swap_header_parse(page, src->pages, hdr, &reason)) {
		printk(KERN_ERR "swapon: %s: %s\n", src->path, reason);
		return -EINVAL;
	}
	return 0;
}

/* The page order of the map allocation (swap_map and clusters) of @max slots. */
static unsigned int swap_map_order(unsigned long max)
{
	return order_base_2(DIV_ROUND_UP(swap_area_map_bytes(max), PAGE_SIZE));
}

/* swap_map and cluster_info for @max slots, from the page allocator (it can be large). */
static void *alloc_swap_map(unsigned long max)
{
	if (swap_map_order(max) >= MAX_ORDER)
		return NULL;
	return (void *)__get_free_pages(GFP_KERNEL, swap_map_order(max));
}

static void free_swap_map(void *map, unsigned long max)
{
	free_pages((unsigned long)map, swap_map_order(max));
}

static int file_bmap(void *file, u64 block, u32 *phys)
{
	struct inode *inode = file;

	return inode->i_op->bmap(inode, block, phys);
}

/*
 * Build @si's extents (mm/swap_extent.c): one for a device, the file's
 * usable pages for a file, which may make the area shorter than @hdr says
 * (*@max). *@span: the disk pages the area is spread over.
 */
static int map_area(struct swap_info_struct *si, struct swap_source *src,
		    const struct swap_header_info *hdr, unsigned long *max, unsigned long *span)
{
	int r;

	*max = hdr->max;
	if (!src->file) {
		*span = hdr->pages;
		return add_swap_extent(si, 0, hdr->max, 0);
	}
	r = setup_swap_extents(si, blkbits_of(src->file),
			       (u64)src->file->i_size >> blkbits_of(src->file), hdr->max, file_bmap,
			       src->file, max, span);
	if (r == -EINVAL)
		printk(KERN_ERR "swapon: %s: swapfile has holes\n", src->path);
	else if (r >= 0 && *max < 2) {
		printk(KERN_ERR "swapon: %s: no page of the file is usable\n", src->path);
		destroy_swap_extents(si);
		r = -EINVAL;
	}
	return r;
}

static int activate(struct swap_source *src, int flags, const struct swap_header_info *hdr)
{
	struct swap_header_info mapped = *hdr;
	struct swap_info_struct *si;
	unsigned long span;
	void *map;
	int type, prio, r;

	type = swap_area_alloc(src->name);
	if (type < 0) {
		printk(KERN_ERR "swapon: %s: all %d swap areas are in use\n", src->path,
		       MAX_SWAPFILES);
		return type;
	}
	si = &swap_info[type];
	si->bdev = src->bdev;
	si->swap_file = src->file;
	r = map_area(si, src, hdr, &mapped.max, &span);
	if (r < 0) {
		swap_area_free(si);
		return r;
	}
	/* For the slots the extents map: a swap file may give fewer than the header says. */
	map = alloc_swap_map(mapped.max);
	if (!map) {
		printk(KERN_ERR "swapon: %s: no memory for swap_map of %lu slots\n", src->path,
		       mapped.max);
		destroy_swap_extents(si);
		swap_area_free(si);
		return -ENOMEM;
	}
	swap_area_setup(si, map, mapped.max);
	swap_area_apply_badpages(si, &mapped);
	prio = (flags & SWAP_FLAG_PREFER) ? (flags & SWAP_FLAG_PRIO_MASK)
					  : swap_next_default_prio();
	swap_area_enable(si, prio);
	printk(KERN_INFO "Adding %luk swap on %s.  Priority:%d extents:%d across:%luk%s%s\n",
	       si->pages * (PAGE_SIZE / 1024), src->path, prio,
	       si->nr_extents, span * (PAGE_SIZE / 1024), hdr->label[0] ? " label:" : "",
	       hdr->label);
	return 0;
}

int do_swapon(const char *name, int flags)
{
	struct swap_source src;
	struct swap_header_info hdr;
	void *page;
	int r;

	/*
	 * Linux's SWAP_FLAGS_VALID. The discard flags ask for TRIM of freed
	 * slots (util-linux swapon --discard); an ATA disk without TRIM has
	 * nothing to discard, so they are accepted and change nothing.
	 */
	if (flags & ~(SWAP_FLAG_PREFER | SWAP_FLAG_PRIO_MASK | SWAP_FLAG_DISCARD |
		      SWAP_FLAG_DISCARD_ONCE | SWAP_FLAG_DISCARD_PAGES))
		return -EINVAL;
	swapon_lock();
	r = get_swap_source(name, &src);
	if (r)
		goto out;
	page = (void *)__get_free_page(GFP_KERNEL);
	r = page ? read_header(&src, page, &hdr) : -ENOMEM;
	if (!r)
		r = activate(&src, flags, &hdr);
	free_page((unsigned long)page);
	if (r)
		put_swap_source(&src);
out:
	swapon_unlock();
	return r;
}

/* ---- swapoff: bringing pages back with try_to_unuse ------------------------- */

/*
 * @page (locked, not under writeback) holds the last reference to its slot
 * of an area being swapped off: take it out of the swap cache. Its only
 * copy is in memory now, so it is dirty, unless its read failed (then it
 * is only freed).
 */
static void drop_from_dying_area(struct page *page)
{
	if (PageUptodate(page))
		SetPageDirty(page);
	delete_from_swap_cache(page, NULL);
}

/* Bring in the page for the swap PTE at @addr of @mm (if still there). */
static int unuse_one(struct mm_struct *mm, unsigned long addr, pte_t orig)
{
	swp_entry_t entry = pte_to_swp_entry(orig);
	struct pte_chain *pc = pte_chain_alloc(GFP_KERNEL);
	struct page *page;
	pte_t *ptep;
	int r = 0;

	swapin_readahead(entry);
	page = read_swap_cache_async(entry);
	if (!page || !pc) {
		if (page)
			put_page(page);
		pte_chain_free(pc);
		ptep = pte_offset(mm, addr);	/* no page: the slot may be free by now */
		return ptep && *ptep == orig ? -ENOMEM : 0;
	}
	lock_page(page);
	ptep = pte_offset(mm, addr);	/* we slept: look again */
	if (ptep && *ptep == orig && PageSwapCache(page) && page->private == entry.val) {
		if (!PageUptodate(page)) {
			swap_read_failed(page);	/* the owners get SIGBUS if they touch it */
		} else {
			r = swapin_pte(mm, addr, ptep, page, &pc);
			/*
			 * The last PTE holding the slot is gone: the page leaves
			 * the swap cache at once, so reclaim may move it to another
			 * area while we bring in the rest.
			 */
			if (!r && !PageWriteback(page) && swap_count(entry) == 1)
				drop_from_dying_area(page);
		}
	}
	unlock_page(page);
	put_page(page);
	pte_chain_free(pc);
	return r;
}

/* Does @pte hold a slot of area @type? (The poisoned PTE holds none.) */
static bool holds_area(pte_t pte, int type)
{
	return pte && !(pte & _PAGE_PRESENT) && !is_poisoned_pte(pte) &&
	       swp_type(pte_to_swp_entry(pte)) == (unsigned int)type;
}

/* Free memory below the zones' pages_min: time to stop bringing pages in. */
static bool memory_short(void)
{
	unsigned long min = 0;
	struct zone *zone;

	for_each_zone(zone)
		min += zone->pages_min;
	return nr_free_pages() < min;
}

struct unuse_walk {
	struct mm_struct *mm;
	int type;
};

static int unuse_pte_entry(pte_t *ptep, unsigned long addr, void *arg)
{
	struct unuse_walk *w = arg;
	int r;

	if (!holds_area(*ptep, w->type))
		return 0;
	r = unuse_one(w->mm, addr, *ptep);
	/*
	 * Memory is short. Reclaim makes room by moving pages to the other
	 * areas (the allocations in unuse_one wait for it); with no room
	 * there either, give up before nothing is left.
	 */
	if (!r && memory_short() && !swap_free_elsewhere(&swap_info[w->type]))
		r = -ENOMEM;
	cond_resched();
	return r;
}

/* Bring back every page of area @type that @mm holds. */
/* Bring back every page of area @type that @mm holds: one walk of its page tables. */
static int unuse_mm(struct mm_struct *mm, int type)
{
	static const struct mm_walk_ops unuse_ops = { unuse_pte_entry };
	struct unuse_walk w = { mm, type };

	return walk_page_range(mm, 0, USER_SPACE_END, &unuse_ops, &w);
}

/*
 * The first mm on mm_list from @pos on that is not being torn down, with
 * a reference taken; NULL at the end of the list. An mm whose last user
 * is gone (mm_users 0, mmput zapping it) is skipped: its exit frees its
 * slots. Nothing here sleeps, so the list does not change under the loop.
 */
static struct mm_struct *get_next_mm(struct list_head *pos)
{
	for (; pos != &mm_list; pos = pos->next) {
		struct mm_struct *mm = list_entry(pos, struct mm_struct, mmlist);

		if (mm->mm_users > 0) {
			mm->mm_users++;
			return mm;
		}
	}
	return NULL;
}

/*
 * Replace every swap PTE of area @type in every mm: one pass over mm_list
 * and one page-table walk per mm, as Linux 2.6's try_to_unuse calls
 * unuse_mm for each mm in turn. The walks sleep; the reference on the mm
 * being walked keeps it, and with it the pass's place on mm_list, while
 * other processes exit. The next mm is taken before that reference is
 * dropped (dropping it may tear the mm down, and sleep). A process forked
 * meanwhile joins the list's tail, so the pass reaches it too.
 */
static int unuse_all_mms(int type)
{
	struct mm_struct *mm = get_next_mm(mm_list.next), *next;
	int r = 0;

	while (mm) {
		r = unuse_mm(mm, type);
		next = r ? NULL : get_next_mm(mm->mmlist.next);
		mmput(mm);
		mm = next;
	}
	return r;
}

/*
 * Once no page table holds a slot of @si, the slots still in use are
 * held by the swap cache alone: drop those pages from it. A slot no
 * longer counts its owners once saturated (SWAP_MAP_MAX); with every PTE
 * gone only the cache holds it, so its count becomes 1 first (such a slot
 * is read into the cache if it is not there). A slot that a PTE holds
 * again by now (a process was forked meanwhile) is left for the next
 * round of try_to_unuse.
 */
static void drop_cached_slots(struct swap_info_struct *si, int type)
{
	for (unsigned long i = 1; i < si->max; i++) {
		unsigned short c = si->swap_map[i];
		swp_entry_t entry = swp_entry(type, i);
		struct page *page;
		if (!c || c == SWAP_MAP_BAD)
			continue;
		page = c == SWAP_MAP_MAX ? read_swap_cache_async(entry) : lookup_swap_cache(entry);
		if (!page)
			continue;
		lock_page(page);
		wait_on_page_writeback(page);
		if (PageSwapCache(page) && page->private == entry.val) {
			swap_reset_overflow(entry);
			if (swap_count(entry) == 1)
				drop_from_dying_area(page);
		}
		unlock_page(page);
		put_page(page);
	}
}

/* Rounds of try_to_unuse in a row that may free nothing before it gives up. */
#define UNUSE_IDLE_ROUNDS 8

/* The first slot of @si still in use, for the message of a swapoff that gives up. */
static void report_busy_slot(struct swap_info_struct *si)
{
	char path[72];

	swap_area_path(si, path, sizeof(path));
	for (unsigned long i = 1; i < si->max; i++)
		if (si->swap_map[i] && si->swap_map[i] != SWAP_MAP_BAD) {
			printk(KERN_ERR "swapoff: %s: slot %lu (count %u) is still in use, "
					"%lu slots in all\n", path, i, si->swap_map[i], si->inuse_pages);
			return;
		}
}

/*
 * try_to_unuse - bring every page of area @type back into memory (Gorman
 * §11.9). One pass over mm_list drains each mm's swap PTEs of the area in
 * a single walk of its page tables (unuse_all_mms), then the slots only
 * the swap cache holds are dropped from it. Meanwhile no new reference to the area appears
 * (reclaim keeps its pages mapped, see swap_writeok), but a fork may copy
 * a PTE the walk has not reached yet, so this goes round until the area
 * is empty, giving up only after rounds in a row that freed nothing.
 */
static int try_to_unuse(int type)
{
	struct swap_info_struct *si = &swap_info[type];
	int idle = 0, r;

	while (si->inuse_pages) {
		unsigned long before = si->inuse_pages;
		if ((r = unuse_all_mms(type)))
			return r;
		drop_cached_slots(si, type);
		if (si->inuse_pages < before) {
			idle = 0;
		} else if (++idle == UNUSE_IDLE_ROUNDS) {
			report_busy_slot(si);
			return -EBUSY;
		} else {
			schedule_timeout_uninterruptible(idle);	/* writes to end, exits to finish */
		}
	}
	return 0;
}

/* The area @name names (a device name or a path): its type, -ENOENT, or -EINVAL if not swap. */
static int find_area(const char *name)
{
	char *canon = kmalloc(PATH_MAX, GFP_KERNEL);
	struct path p;
	int r = canon ? lookup_swap_path(name, &p, canon, "swapoff") : -ENOMEM;

	kfree(canon);
	if (r)
		return r;
	r = -EINVAL;
	for (int type = 0; type < MAX_SWAPFILES && r < 0; type++) {
		const struct swap_info_struct *si = &swap_info[type];
		if (!(si->flags & SWP_USED))
			continue;
		if (si->swap_file ? si->swap_file == p.inode
				  : S_ISBLK(p.inode->i_mode) && si->bdev == p.inode->i_private)
			r = type;
	}
	path_put(&p);
	return r;
}

/* Let go of what swapon took hold of: the device's claim, or the swap file. */
static void release_area(struct swap_info_struct *si)
{
	struct swap_source src = { .bdev = si->bdev, .file = si->swap_file };

	destroy_swap_extents(si);
	put_swap_source(&src);
}

/*
 * Can memory hold @si's pages in use? Linux's rule: RAM (here the free
 * pages above a reserve of 1/64 of it) plus the free slots of the other
 * areas, where reclaim can move pages meanwhile.
 */
static bool room_for(const struct swap_info_struct *si, unsigned long free_now)
{
	unsigned long reserve = totalram_pages / 64;
	unsigned long room = (free_now > reserve ? free_now - reserve : 0) + swap_free_elsewhere(si);

	return si->inuse_pages <= room;
}

int do_swapoff(const char *name)
{
	struct swap_info_struct *si;
	int type, prio, r;
	unsigned long free_now = nr_free_pages(), max;
	char path[72];

	swapon_lock();
	type = find_area(name);	/* Linux: -ENOENT no such file, -EINVAL not swap */
	if (type < 0) {
		swapon_unlock();
		return type;
	}
	si = &swap_info[type];
	swap_area_path(si, path, sizeof(path));
	if (!room_for(si, free_now)) {
		printk(KERN_ERR "swapoff: %s: %lu pages in use, only %lu free pages and %lu free "
				"slots on other areas: not enough memory to bring them back\n",
		       path, si->inuse_pages, free_now, swap_free_elsewhere(si));
		swapon_unlock();
		return -ENOMEM;
	}
	prio = si->prio;
	swap_area_disable(si);
	r = try_to_unuse(type);
	if (r) {
		printk(KERN_ERR "swapoff: %s: %s; the area stays active\n", path,
		       r == -ENOMEM ? "out of memory" : "pages still in use");
		swap_area_enable(si, prio);
		swapon_unlock();
		return r;
	}
	max = si->max;
	release_area(si);
	free_swap_map(swap_area_free(si), max);
	printk(KERN_INFO "swapoff: %s: all pages back in memory\n", path);
	swapon_unlock();
	return 0;
}

/* ---- the system calls ----------------------------------------------------- */

/* A user path for swapon/swapoff: relative paths start at "/" (there is no working directory). */
static long user_swap_path(const char *upath, char **out)
{
	char *path;
	long r = getname(upath, &path);

	if (r)
		return r;
	if (!path[0]) {
		putname(path);
		return -ENOENT;
	}
	if (path[0] != '/' && strlen(path) + 1 < PATH_MAX) {
		memmove(path + 1, path, strlen(path) + 1);
		path[0] = '/';	/* not a device name: "hda1" means /hda1 here */
	}
	*out = path;
	return 0;
}

long sys_swapon(const char *upath, long flags)
{
	char *path;
	long r = user_swap_path(upath, &path);

	if (!r) {
		r = do_swapon(path, (int)flags);
		putname(path);
	}
	return r;
}

long sys_swapoff(const char *upath)
{
	char *path;
	long r = user_swap_path(upath, &path);

	if (!r) {
		r = do_swapoff(path);
		putname(path);
	}
	return r;
}

/**
 * si_swapinfo - swap totals for sysinfo(2), /proc/meminfo and the OOM report
 * @val: its totalswap and freeswap are set, in pages
 *
 * Like Linux's si_swapinfo: an area being swapped off has left both
 * totals, and each of its slots still in use brings nr_swap_pages one
 * further down until swapoff frees it; those slots count as used swap
 * (in the total, not free) so that free never exceeds total.
 */
void si_swapinfo(struct sysinfo *val)
{
	unsigned long flags = spin_lock_irqsave(&swap_lock);
	unsigned long draining = 0;

	for (int type = 0; type < MAX_SWAPFILES; type++)
		if ((swap_info[type].flags & SWP_USED) && !(swap_info[type].flags & SWP_WRITEOK))
			draining += swap_info[type].inuse_pages;
	val->freeswap = nr_swap_pages + draining;
	val->totalswap = total_swap_pages + draining;
	spin_unlock_irqrestore(&swap_lock, flags);
}


/* ---- swap= ------------------------------------------------------------------- */

static char swap_param[128];

static int set_swap(const char *val)
{
	if (!val || !*val)
		return -EINVAL;
	strlcpy(swap_param, val, sizeof(swap_param));
	return 0;
}
__setup("swap", set_swap);

/* swap=DEV[:PRIO][,DEV[:PRIO]...], once the disks are known. */
void swap_setup_from_cmdline(void)
{
	char *p = swap_param;

	while (*p) {
		char *comma = strchr(p, ','), *colon;
		int flags = 0;
		if (comma)
			*comma = 0;
		colon = strchr(p, ':');
		if (colon) {
			*colon = 0;
			flags = SWAP_FLAG_PREFER | (simple_strtol(colon + 1, NULL, 10) &
						    SWAP_FLAG_PRIO_MASK);
		}
		do_swapon(p, flags);
		if (!comma)
			break;
		p = comma + 1;
	}
}
#endif /* !HOST_TEST */
