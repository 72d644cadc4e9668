/*
 * Swap areas and the swap slot allocator (Gorman ch. 12: §12.3 "Allocating
 * a Swap Slot", §12.5-12.6 activating and deactivating an area; Mauerer
 * §18.2 "Managing Swap Areas"). The structures, the accounting and the
 * locking rules are described in <mm/swapfile.h>; swapon and swapoff
 * themselves (device I/O, allocating swap_map, try_to_unuse) live in
 * mm/swapon.c and call the area functions at the end of this file.
 *
 * Choosing a slot in an area (scan_swap_map): pages swapped out together
 * are likely to be swapped in together, so slots are handed out one after
 * another in runs of SWAPFILE_CLUSTER, which keeps the disk head moving
 * forward. When a run ends, the next one starts at the lowest run of
 * SWAPFILE_CLUSTER free slots; when fragmentation leaves none, at the first
 * free slot. Runs need not be aligned to SWAPFILE_CLUSTER (Linux 2.6 does
 * not align them either): slot 0 is the header, so aligned runs would never
 * use slots 1..255, and an unaligned search is as simple.
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
 * assert it. The scans run with interrupts off: a few thousand slots for
 * a typical area, at most one pass over swap_map per run of 256.
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

struct swap_info_struct swap_info[MAX_SWAPFILES];
struct swap_list_t swap_list = {-1, -1};
long nr_swap_pages;
long total_swap_pages;
DEFINE_SPINLOCK(swap_lock);

/* Last priority given to an area swapped on without one: -1, -2, ... */
static int least_priority;

#define assert_swap_locked() BUG_ON(!spin_is_locked(&swap_lock))

static int area_type(const struct swap_info_struct *si)
{
	return (int)(si - swap_info);
}

/* ---- scan_swap_map: one slot from one area ------------------------------ */

/* The next free slot of the current run, or 0 when the run is over. */
static unsigned long cluster_continue(const struct swap_info_struct *si)
{
	if (!si->cluster_nr)
		return 0;
	for (unsigned long off = max(si->cluster_next, si->lowest_bit); off <= si->highest_bit;
	     off++)
		if (!si->swap_map[off])
			return off;
	return 0;
}

/* The first slot of the lowest SWAPFILE_CLUSTER consecutive free slots, or 0. */
static unsigned long find_free_cluster(const struct swap_info_struct *si)
{
	unsigned long start = si->lowest_bit;

	/* Invariant: slots start..off-1 are all free. */
	for (unsigned long off = si->lowest_bit; off <= si->highest_bit; off++) {
		if (si->swap_map[off])
			start = off + 1;
		else if (off + 1 - start == SWAPFILE_CLUSTER)
			return start;
	}
	return 0;
}

/* The lowest free slot, which must exist: the caller knows the area is not full. */
static unsigned long first_free(const struct swap_info_struct *si)
{
	for (unsigned long off = si->lowest_bit; off <= si->highest_bit; off++)
		if (!si->swap_map[off])
			return off;
	/* inuse_pages < pages, yet no free slot within the bounds. */
	BUG();
}

/* Begin a new run of SWAPFILE_CLUSTER allocations; return its first slot. */
static unsigned long start_new_run(struct swap_info_struct *si)
{
	unsigned long offset = find_free_cluster(si);

	if (offset) {
		si->stats.clusters++;
	} else {
		offset = first_free(si);
		/* Everything below the first free slot is in use. */
		si->lowest_bit = offset;
		si->stats.fallbacks++;
	}
	si->cluster_nr = SWAPFILE_CLUSTER;
	return offset;
}

/* Give free slot @offset its first reference and shrink the free bounds. */
static void take_slot(struct swap_info_struct *si, unsigned long offset)
{
	si->swap_map[offset] = 1;
	trace_slot("alloc", area_type(si), offset, 1);
	si->inuse_pages++;
	nr_swap_pages--;
	si->stats.alloc++;
	si->cluster_next = offset + 1;
	si->cluster_nr--;
	if (offset == si->lowest_bit)
		si->lowest_bit++;
	if (offset == si->highest_bit)
		si->highest_bit--;
	if (si->inuse_pages == si->pages) {
		si->lowest_bit = si->max;
		si->highest_bit = 0;
	}
}

/**
 * scan_swap_map - allocate one slot of area @si
 *
 * => swap_lock held; @si enabled (its free slots are in nr_swap_pages)
 *
 * Continues the current run if it has allocations left and a free slot
 * at or after cluster_next; otherwise starts a new run (see the top of
 * this file). The slot gets a count of 1.
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
	offset = cluster_continue(si);
	if (!offset)
		offset = start_new_run(si);
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
	if (offset < si->lowest_bit)
		si->lowest_bit = offset;
	if (offset > si->highest_bit)
		si->highest_bit = offset;
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

/**
 * swap_area_setup - give an allocated area its swap_map, all slots free
 * @swap_map:	@max entries, from the caller's allocator; freed by the caller
 *		after swap_area_free()
 * @max:	slots including the header: 2..SWP_MAX_OFFSET + 1
 *
 * Slot 0 (the header) becomes SWAP_MAP_BAD; the first run starts at slot 1.
 */
void swap_area_setup(struct swap_info_struct *si, unsigned short *swap_map, unsigned long max)
{
	unsigned long flags;

	BUG_ON(max < 2 || max > SWP_MAX_OFFSET + 1);
	memset(swap_map, 0, max * sizeof(*swap_map));
	swap_map[0] = SWAP_MAP_BAD;

	flags = spin_lock_irqsave(&swap_lock);
	BUG_ON(si->flags != SWP_USED);
	si->swap_map = swap_map;
	si->max = max;
	si->pages = max - 1;
	si->inuse_pages = 0;
	si->lowest_bit = 1;
	si->highest_bit = max - 1;
	si->cluster_next = 1;
	si->cluster_nr = 0;
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
	si->flags = 0;
	spin_unlock_irqrestore(&swap_lock, flags);
	return swap_map;
}

/* ---- dumps ---------------------------------------------------------------- */

/**
 * swap_area_dump - print one area: geometry, counts, current run, map summary
 *
 * Takes swap_lock; walks the whole swap_map to count bad and saturated slots.
 */
void swap_area_dump(const struct swap_info_struct *si)
{
	unsigned long flags = spin_lock_irqsave(&swap_lock);
	unsigned long bad = 0, saturated = 0;

	for (unsigned long off = 0; si->swap_map && off < si->max; off++) {
		bad += si->swap_map[off] == SWAP_MAP_BAD;
		saturated += si->swap_map[off] == SWAP_MAP_MAX;
	}
	printk("swap area %d (%s):%s%s prio %d next %d\n", area_type(si), si->name,
	       si->flags & SWP_USED ? " used" : " unused",
	       si->flags & SWP_WRITEOK ? " writeok" : "", si->prio, si->next);
	printk("  slots %lu, usable %lu, in use %lu; free within %lu..%lu\n", si->max, si->pages,
	       si->inuse_pages, si->lowest_bit, si->highest_bit);
	printk("  run: next %lu, %lu left; map: %lu bad (with header), %lu saturated\n",
	       si->cluster_next, si->cluster_nr, bad, saturated);
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
