/*
 * The swap cache (Gorman §11.4, Mauerer §18.4): a radix tree keyed by
 * swap entry holding the pages that are both in memory and on swap.
 *
 * References: a page in the swap cache holds one page reference (the
 * cache's) and one count on its swap slot. Each PTE that holds the entry
 * instead of mapping the page holds one more count on the slot.
 * So a slot whose count is 1 while its page is cached is referenced by
 * nobody but the cache, and the page can be dropped from it.
 *
 * Locking: swapper_space.tree_lock (interrupts off) around the tree. Pages
 * are locked (PG_locked) while they enter or leave the cache, so a racing
 * fault finds either no page or a complete one.
 */
#include <mm/swap_state.h>
#include <mm/swapfile.h>
#include <mm/page_io.h>
#include <mm/pagemap.h>
#include <mm/lru.h>
#include <mm/gfp.h>
#include <mm/slab.h>
#include <mm/vmstat.h>
#include <mm/workingset.h>
#include <kernel/printk.h>
#include <kernel/panic.h>
#include <kernel/trace.h>
#include <uapi/errno.h>
#include <lib/string.h>

static struct kmem_cache *radix_node_cache;

static void *radix_node_alloc(void)
{
	if (!radix_node_cache)
		radix_node_cache = kmem_cache_create("radix_tree_node", radix_tree_node_size(),
						     0, 0, NULL);
	if (!radix_node_cache)
		return NULL;
	void *node = kmem_cache_alloc(radix_node_cache, GFP_ATOMIC | __GFP_MEMALLOC);
	if (node)
		memset(node, 0, radix_tree_node_size());
	return node;
}

static void radix_node_free(void *node)
{
	kmem_cache_free(radix_node_cache, node);
}

static const struct radix_tree_node_ops swap_tree_ops = { radix_node_alloc, radix_node_free };

/* The swap cache's write-out: reclaim's pageout() calls it through swapper_space.a_ops. */
static const struct address_space_operations swap_aops = {
	.writepage = swap_writepage,
};

struct address_space swapper_space = {
	.page_tree = RADIX_TREE_INIT(&swap_tree_ops),
	.tree_lock = SPIN_LOCK_UNLOCKED,
	.a_ops = &swap_aops,
};
int page_cluster = 3;
static unsigned long swapin_readahead_hits;	/* readahead pages found since the last fault */

/*
 * Put @page in the tree at @index, in place of a shadow entry if the slot
 * holds one (returned in *@shadowp, else NULL). tree_lock held.
 */
static int swap_tree_insert(unsigned long index, struct page *page, void **shadowp)
{
	void **slot = radix_tree_lookup_slot(&swapper_space.page_tree, index);

	*shadowp = NULL;
	if (!slot)
		return radix_tree_insert(&swapper_space.page_tree, index, page);
	if (!is_shadow_entry(*slot))
		return -EEXIST;
	*shadowp = *slot;
	*slot = page;
	swapper_space.nrexceptional--;
	return 0;
}

/*
 * add_to_swap_cache - insert a locked page under @entry
 * The caller has a count on the slot that becomes the cache's. If reclaim
 * left a shadow entry in the slot (mm/workingset.c), *@shadowp gets it.
 * Returns 0, -EEXIST (another page got there first) or -ENOMEM.
 */
int add_to_swap_cache(struct page *page, swp_entry_t entry, void **shadowp)
{
	unsigned long flags;
	int r;

	BUG_ON(!PageLocked(page) || PageSwapCache(page));
	flags = spin_lock_irqsave(&swapper_space.tree_lock);
	r = swap_tree_insert(entry.val, page, shadowp);
	if (!r) {
		get_page(page);
		SetPageSwapCache(page);
		page->private = entry.val;
		swapper_space.nrpages++;
		count_vm_event(SWAP_CACHE_ADD);
	}
	spin_unlock_irqrestore(&swapper_space.tree_lock, flags);
	if (!r)
		trace_event(TRACE_SWAP, "add_to_cache", "entry=%u:%lu cached=%lu", swp_type(entry),
			    swp_offset(entry), swapper_space.nrpages);
	return r;
}

/* Runs the slot allocator has started in all areas (for the swap:new_cluster event). */
static unsigned long swap_runs_started(unsigned long *fresh)
{
	unsigned long runs = 0;

	*fresh = 0;
	for (int type = 0; type < MAX_SWAPFILES; type++) {
		*fresh += swap_info[type].stats.clusters;
		runs += swap_info[type].stats.clusters + swap_info[type].stats.fallbacks;
	}
	return runs;
}

bool add_to_swap(struct page *page)
{
	BUG_ON(!PageLocked(page) || !PageAnon(page));
	for (;;) {
		unsigned long fresh0 = 0, fresh = 0;
		unsigned long runs0 = trace_enabled(TRACE_SWAP) ? swap_runs_started(&fresh0) : 0;
		swp_entry_t entry = get_swap_page();
		if (!entry.val)
			return false;	/* out of swap space */
		/* get_swap_page does not sleep: the difference is this allocation's. */
		if (trace_enabled(TRACE_SWAP) && swap_runs_started(&fresh) != runs0)
			trace_event(TRACE_SWAP, "new_cluster", "entry=%u:%lu area=%s fresh=%d",
				    swp_type(entry), swp_offset(entry),
				    swap_info[swp_type(entry)].name, fresh != fresh0);
		void *stale;	/* a shadow of the slot's last user, freed since */
		int r = add_to_swap_cache(page, entry, &stale);
		if (r == 0) {
			SetPageUptodate(page);	/* the memory copy is the valid one */
			SetPageDirty(page);	/* the slot holds nothing yet */
			swap_cache_tag(page, SWAP_TAG_DIRTY, true);
			return true;
		}
		swap_free(entry);
		if (r != -EEXIST)
			return false;	/* no memory for a tree node */
	}
}

/*
 * Remove from the tree, leaving @shadow (a workingset shadow entry, or
 * NULL for none) in the slot; the caller drops the slot count and the page
 * reference. PG_error described the last I/O between the page and its
 * slot; it has no meaning once they part.
 */
void __delete_from_swap_cache(struct page *page, void *shadow)
{
	unsigned long flags;

	BUG_ON(!PageLocked(page) || !PageSwapCache(page) || PageWriteback(page));
	flags = spin_lock_irqsave(&swapper_space.tree_lock);
	if (shadow) {
		radix_tree_tag_clear(&swapper_space.page_tree, page->private, SWAP_TAG_DIRTY);
		radix_tree_tag_clear(&swapper_space.page_tree, page->private, SWAP_TAG_WRITEBACK);
		*radix_tree_lookup_slot(&swapper_space.page_tree, page->private) = shadow;
		swapper_space.nrexceptional++;
	} else {
		radix_tree_delete(&swapper_space.page_tree, page->private);
	}
	ClearPageSwapCache(page);
	ClearPageError(page);
	page->private = 0;
	swapper_space.nrpages--;
	count_vm_event(SWAP_CACHE_DEL);
	spin_unlock_irqrestore(&swapper_space.tree_lock, flags);
}

/*
 * delete_from_swap_cache - the page leaves the swap cache (locked, not
 * under writeback); the cache's slot count and page reference go. If the
 * page's last I/O with the slot failed (PG_error) and nobody else holds
 * the slot, the slot is retired here, whoever removes the page: the
 * owner's fault, its exit, reclaim, or swap_read_failed. Otherwise a bad
 * slot would be freed and reused. (A page whose read failed may leave
 * while its owners still hold the slot, to read it again: then it stays.)
 * Reclaim passes the shadow entry to leave behind (mm/workingset.c);
 * everyone else NULL.
 */
void delete_from_swap_cache(struct page *page, void *shadow)
{
	swp_entry_t entry = { .val = page->private };
	bool failed = PageError(page) && swap_count(entry) == 1;

	__delete_from_swap_cache(page, shadow);
	if (failed)
		swap_mark_bad(entry);	/* the swap_free below then changes nothing */
	swap_free(entry);
	put_page(page);
}

struct page *lookup_swap_cache(swp_entry_t entry)
{
	unsigned long flags = spin_lock_irqsave(&swapper_space.tree_lock);
	struct page *page = radix_tree_lookup(&swapper_space.page_tree, entry.val);

	if (is_shadow_entry(page))
		page = NULL;	/* only the memory of an evicted page */
	if (page)
		get_page(page);
	count_vm_event(SWAP_CACHE_FIND_TOTAL);
	if (page)
		count_vm_event(SWAP_CACHE_FIND_SUCCESS);
	if (page && TestClearPageReadahead(page))
		swapin_readahead_hits++;	/* readahead guessed right */
	spin_unlock_irqrestore(&swapper_space.tree_lock, flags);
	return page;
}

void swap_cache_tag(struct page *page, unsigned int tag, bool set)
{
	unsigned long flags = spin_lock_irqsave(&swapper_space.tree_lock);

	if (PageSwapCache(page)) {
		if (set)
			radix_tree_tag_set(&swapper_space.page_tree, page->private, tag);
		else
			radix_tree_tag_clear(&swapper_space.page_tree, page->private, tag);
	}
	spin_unlock_irqrestore(&swapper_space.tree_lock, flags);
}

/* read_swap_cache_async; @readahead only tells the swap:read trace event. */
static struct page *__read_swap_cache_async(swp_entry_t entry, bool readahead)
{
	struct page *page, *new = NULL;
	void *shadow;

	for (;;) {
		page = lookup_swap_cache(entry);
		/*
		 * The slot may have been freed since the caller saw it in use:
		 * readahead picks its neighbours from a snapshot, and the
		 * alloc_page below may sleep in reclaim while other processes
		 * swap in or exit. Nothing to read then, and no error to report
		 * (swap_duplicate would report a free slot).
		 */
		if (page || !swap_slot_count(entry))
			break;
		if (!new) {
			new = alloc_page(GFP_HIGHUSER);
			if (!new)
				break;
			continue;	/* it may have slept: look again */
		}
		/*
		 * Nothing sleeps from the lookup to the insertion, so the slot's
		 * count and the cache agree at every point where another task
		 * (or vmcheck) can look: the cache's count, then the page.
		 */
		swap_duplicate(entry);
		SetPageLocked(new);
		if (add_to_swap_cache(new, entry, &shadow)) {
			ClearPageLocked(new);	/* no memory for a tree node */
			swap_free(entry);
			break;
		}
		SetPageAnon(new);
		if (readahead)
			SetPageReadahead(new);
		/*
		 * Inactive, unless its refault distance says it would have
		 * stayed resident (mm/workingset.c): then active.
		 */
		if (shadow)
			workingset_refault(new, shadow);
		lru_cache_add(new);
		trace_event(TRACE_SWAP, "read", "entry=%u:%lu ra=%d", swp_type(entry),
			    swp_offset(entry), readahead);
		swap_readpage(new);	/* unlocks the page when the read ends */
		return new;
	}
	if (new)
		__free_page(new);
	return page;
}

/*
 * read_swap_cache_async - the page for @entry, read from swap if needed
 * Returns the page with a reference (locked while its read is in flight:
 * wait with lock_page), or NULL when the entry is no longer in use or
 * memory is short.
 */
struct page *read_swap_cache_async(swp_entry_t entry)
{
	return __read_swap_cache_async(entry, false);
}

/*
 * swapin_nr_pages - how many slots to read around a fault at @offset
 * (Linux 3.14's adaptive swap readahead; after the books, which read
 * 2^page_cluster slots at every fault). Readahead pays when the pages
 * read with a faulting one are used soon after, as with a process that
 * swapped out a region in order and reads it back in order; it costs a
 * read and a frame per page when they are not, as with scattered accesses.
 * So the window follows what the last ones achieved: the readahead pages
 * found in the swap cache since the last fault (swapin_readahead_hits),
 * plus 2, rounded up to a power of two, at most 2^page_cluster; with no
 * hits, one page, unless this fault is next to the previous one. It never
 * shrinks to less than half of the last window at once.
 */
static unsigned long swapin_nr_pages(unsigned long offset)
{
	static unsigned long prev_offset, last_ra;
	unsigned long max = 1UL << min(page_cluster, PAGE_CLUSTER_MAX), hits, pages;
	unsigned long flags = local_irq_save();

	hits = swapin_readahead_hits;
	swapin_readahead_hits = 0;
	local_irq_restore(flags);
	pages = hits + 2;
	if (!hits) {
		if (offset != prev_offset + 1 && offset + 1 != prev_offset)
			pages = 1;
		prev_offset = offset;
	} else {
		pages = max(4UL, 1UL << order_base_2(pages));
	}
	pages = min(max(pages, last_ra / 2), max);
	last_ra = pages;
	return pages;
}

void swapin_readahead(swp_entry_t entry)
{
	unsigned long offsets[1UL << PAGE_CLUSTER_MAX], n = swapin_nr_pages(swp_offset(entry));
	struct swap_plug plug;

	if (n <= 1)
		return;	/* read_swap_cache_async reads the one page */
	n = valid_swaphandles(entry, n, offsets);
	swap_readahead_plug(&plug, entry);	/* adjacent reads merge into one command */
	for (unsigned long i = 0; i < n; i++) {
		swp_entry_t e = swp_entry(swp_type(entry), offsets[i]);
		struct page *page = __read_swap_cache_async(e, e.val != entry.val);
		if (!page)
			break;	/* memory is short */
		if (e.val != entry.val)
			count_vm_event(SWAP_RA);
		put_page(page);
	}
	swap_io_unplug(&plug);
}

bool vm_swap_full(void)
{
	return nr_swap_pages * 2 < total_swap_pages;
}

void swap_cache_walk(void (*fn)(void *entry, unsigned long index, void *arg), void *arg)
{
	void *batch[16];
	unsigned long indices[16], index = 0;
	unsigned int got;

	do {
		unsigned long flags = spin_lock_irqsave(&swapper_space.tree_lock);

		got = radix_tree_gang_lookup_index(&swapper_space.page_tree, batch, indices, index,
						   ARRAY_SIZE(batch));
		for (unsigned int i = 0; i < got; i++)
			fn(batch[i], indices[i], arg);
		if (got)
			index = indices[got - 1] + 1;
		spin_unlock_irqrestore(&swapper_space.tree_lock, flags);
	} while (got == ARRAY_SIZE(batch) && index);	/* index 0 again: wrapped at the last one */
}

struct prune_shadows {
	bool (*useless)(const void *shadow);
	unsigned long pruned;
};

static void prune_shadow(void *entry, unsigned long index, void *arg)
{
	struct prune_shadows *p = arg;

	if (is_shadow_entry(entry) && p->useless(entry)) {
		radix_tree_delete(&swapper_space.page_tree, index);
		swapper_space.nrexceptional--;
		p->pruned++;
	}
}

void swap_cache_prune_shadows(bool (*useless)(const void *shadow))
{
	struct prune_shadows p = { .useless = useless };

	swap_cache_walk(prune_shadow, &p);
	trace_event(TRACE_VMSCAN, "prune_shadows", "pruned=%lu left=%lu", p.pruned,
		    swapper_space.nrexceptional);
}
