/*
 * Workingset detection: refault distances of swapped anonymous pages
 * (Linux's mm/workingset.c, by Johannes Weiner, 3.15 for file pages and
 * 5.9 for anonymous ones). This is what Linux added after the books: in
 * Gorman's 2.4 and Mauerer's 2.6, a page read back from swap simply
 * joins the active list, and a page that is used again soon after its
 * eviction has no way to show it.
 *
 * The idea. Pages enter the inactive list and move to the active list
 * when they are used again there; reclaim evicts from the inactive tail.
 * Count the evictions and activations (nonresident_age): between any two
 * moments, their number is at least the number of inactive pages that
 * went by. When a page is evicted, leave its age then (a shadow entry: a
 * number, not a pointer) in the swap-cache radix-tree slot the page
 * occupied. If the page faults back in, the difference of ages, the
 * refault distance, says how much longer the inactive list would have had
 * to be for the page to be used again before it was evicted. The only
 * memory that could have made it longer is the active list's: so if the
 * distance is at most the active list's size, the page would have stayed
 * resident had it competed with the active pages, and it goes straight
 * to the active list (workingset_activate). Otherwise it starts inactive,
 * as every other page read from swap now does (the books' kernels put
 * them all on the active list).
 *
 *	evict A ........ (d evictions and activations) ........ A faults
 *	shadow: age a                                   now: age a + d
 *	d <= nr_active: A would have been found resident -> active list
 *
 * Shadows of slots that are long gone would fill the tree. A shadow is
 * useful only while its distance is at most the LRU lists' length, and
 * each eviction leaves one shadow with its own age, so there are never
 * more useful shadows than LRU pages. When there are more, the ones that
 * are too old go: reclaim's shrink_slab calls workingset_prune (Linux
 * prunes its shadow nodes from a shrinker too).
 *
 * Locking: nonresident_age is a counter bumped with interrupts possibly
 * on (one instruction on our uniprocessor); shadows live under
 * swapper_space.tree_lock like the pages they replace.
 */
#include <mm/workingset.h>
#include <mm/mmzone.h>
#include <mm/swap_state.h>
#include <mm/vmstat.h>

#define AGE_BITS	30	/* what a shadow (an unsigned long, low bit set) holds */
#define AGE_MASK	((1UL << AGE_BITS) - 1)

static unsigned long nonresident_age;

static void *pack_shadow(unsigned long age)
{
	return (void *)(((age & AGE_MASK) << 1) | 1);
}

static unsigned long unpack_shadow(const void *shadow)
{
	return ((unsigned long)shadow >> 1) & AGE_MASK;
}

static unsigned long lru_pages(bool active_only)
{
	unsigned long n = 0;
	struct zone *zone;

	for_each_zone(zone)
		n += zone->nr_active + (active_only ? 0 : zone->nr_inactive);
	return n;
}

/* Evictions and activations since @shadow was left (modulo 2^AGE_BITS). */
static unsigned long refault_distance(const void *shadow)
{
	return (nonresident_age - unpack_shadow(shadow)) & AGE_MASK;
}

void *workingset_eviction(struct page *page)
{
	void *shadow = pack_shadow(nonresident_age);

	workingset_age_nonresident();
	return shadow;
}

void workingset_age_nonresident(void)
{
	nonresident_age++;
}

bool workingset_refault(struct page *page, void *shadow)
{
	unsigned long distance = refault_distance(shadow), active = lru_pages(true);

	count_vm_event(WORKINGSET_REFAULT);
	if (distance > active)
		return false;
	SetPageActive(page);
	workingset_age_nonresident();	/* an activation */
	count_vm_event(WORKINGSET_ACTIVATE);
	return true;
}

/* A shadow no refault can use any more: older than the LRU lists are long. */
static bool shadow_too_old(const void *shadow)
{
	return refault_distance(shadow) > lru_pages(false);
}

void workingset_prune(void)
{
	if (swapper_space.nrexceptional > lru_pages(false))
		swap_cache_prune_shadows(shadow_too_old);
}
