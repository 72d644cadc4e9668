/*
 * The swap cache and swap-in (mm/swap_state.c; Gorman §11.4
 * "Swap Cache", Mauerer §18.4 "The Swap Cache", §18.8).
 *
 * The swap cache holds pages that have a swap slot and may also be in
 * memory: a page on its way out (being written), or on its way in (read
 * but not yet mapped by every user). It is what lets several processes
 * that share a swapped-out page find the same copy when they fault, and
 * what lets a clean page be dropped without writing it again.
 */
#ifndef MM_SWAP_STATE_H
#define MM_SWAP_STATE_H

#include <mm/swap.h>
#include <mm/mm.h>
#include <lib/radix-tree.h>
#include <kernel/spinlock.h>

/* Radix-tree tags of the swap cache. */
#define SWAP_TAG_DIRTY		0
#define SWAP_TAG_WRITEBACK	1

/*
 * How an address_space's pages reach their backing store (Linux's
 * address_space_operations, reduced to what reclaim calls). Gorman §11.6:
 * "the address_space->a_ops is consulted to find the appropriate
 * write-out function"; for the swap cache that is swap_writepage.
 */
struct address_space_operations {
	/* Write the locked, clean-for-I/O @page; unlocks it. 0 or -errno (the page redirtied). */
	int (*writepage)(struct page *page);
};

/* Linux's address_space, reduced to what the swap cache uses. */
struct address_space {
	struct radix_tree_root page_tree;	/* swp_entry_t.val -> struct page */
	spinlock_t tree_lock;
	unsigned long nrpages;
	unsigned long nrexceptional;	/* shadow entries (mm/workingset.c) */
	const struct address_space_operations *a_ops;
};

extern struct address_space swapper_space;

/*
 * The address_space @page belongs to: swapper_space for a swap-cache page,
 * NULL for an anonymous page without a slot (the only other kind here).
 */
static inline struct address_space *page_mapping(struct page *page)
{
	return PageSwapCache(page) ? &swapper_space : NULL;
}
/* Pages read around a faulting entry: up to 2^page_cluster (8 by default). */
extern int page_cluster;
#define PAGE_CLUSTER_MAX 5

/*
 * Insert a locked page under @entry; a shadow entry the slot held goes to
 * *@shadowp (NULL if none). 0, -EEXIST or -ENOMEM.
 */
int add_to_swap_cache(struct page *page, swp_entry_t entry, void **shadowp);
/* Give an anonymous page (locked) a swap slot and put it in the cache. */
bool add_to_swap(struct page *page);
/* Remove a locked page from the cache, leaving @shadow (NULL: nothing) in its slot. */
void __delete_from_swap_cache(struct page *page, void *shadow);
void delete_from_swap_cache(struct page *page, void *shadow);
/*
 * Call @fn on every entry of the swap cache, a page or a shadow, with
 * swapper_space.tree_lock held, 16 at a time. The lock is dropped between
 * batches so interrupts never stay off for the whole tree; entries may come
 * and go in between. @fn may delete the entry it is given.
 */
void swap_cache_walk(void (*fn)(void *entry, unsigned long index, void *arg), void *arg);
/* Delete the shadow entries for which @useless says so (mm/workingset.c). */
void swap_cache_prune_shadows(bool (*useless)(const void *shadow));
/* The cached page for @entry with a reference taken, or NULL. */
struct page *lookup_swap_cache(swp_entry_t entry);
/* Find or read the page for @entry; returns it with a reference, or NULL. */
struct page *read_swap_cache_async(swp_entry_t entry);
/* Start reads of the slots around @entry (the faulting one included). */
void swapin_readahead(swp_entry_t entry);
/* Mark the page's cache entry dirty / under writeback (radix-tree tags). */
void swap_cache_tag(struct page *page, unsigned int tag, bool set);
/* Is more than half of the swap space in use? (Linux's vm_swap_full) */
bool vm_swap_full(void);

#endif
