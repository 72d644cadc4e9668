/*
 * Reverse mapping: from a struct page to the PTEs that map it, with the
 * PTE chains of Linux 2.5/2.6.0 (see include/mm/rmap.h), and the two uses
 * reclaim makes of it (Mauerer §18.6.3 "Determining Page Activity" for page_referenced, §4.8 on
 * reverse mapping;
 * Gorman §3.10 on reverse mapping).
 *
 * page->_mapcount counts the PTEs (minus one) and is kept exact: it is
 * what tells reclaim a page is still mapped and tells COW whether a page
 * is shared. Locking: only process context changes the chains, and never
 * across a sleep, so the non-preemptive kernel keeps them consistent.
 */
#include <mm/rmap.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/swap.h>
#include <mm/swapfile.h>
#include <kernel/bug.h>
#include <kernel/printk.h>
#include <kernel/panic.h>
#include <arch/x86/paging.h>
#include <lib/string.h>
#include <uapi/errno.h>

static struct kmem_cache *pte_chain_cache;

/*
 * The page whose chain rmap_walk is reading, or NULL. A callback may
 * remove the PTE it is given (unmap_one does); page_remove_rmap then
 * leaves the blocks that became empty in place, because the walk is still
 * reading one of them, and rmap_walk frees them when it is done. One
 * pointer is enough: callbacks do not sleep and do not walk other pages.
 */
static struct page *rmap_walking;

struct pte_chain *pte_chain_alloc(gfp_t gfp)
{
	struct pte_chain *pc;

	if (!pte_chain_cache)
		pte_chain_cache = kmem_cache_create("pte_chain", sizeof(struct pte_chain), 0, 0,
						    NULL);
	if (!pte_chain_cache)
		return NULL;
	pc = kmem_cache_alloc(pte_chain_cache, gfp);
	if (pc)
		memset(pc, 0, sizeof(*pc));
	return pc;
}

void pte_chain_free(struct pte_chain *pc)
{
	if (pc)
		kmem_cache_free(pte_chain_cache, pc);
}

/* Put @ptep in a free slot of the chain, or in the block @prealloc. */
static int chain_add(struct page *page, pte_t *ptep, struct pte_chain **prealloc)
{
	for (struct pte_chain *pc = page->u.chain; pc; pc = pc->next)
		for (int i = 0; i < NRPTE; i++)
			if (!pc->ptes[i]) {
				pc->ptes[i] = ptep;
				return 0;
			}
	if (!prealloc || !*prealloc)
		return -ENOMEM;
	(*prealloc)->ptes[0] = ptep;
	(*prealloc)->next = page->u.chain;
	page->u.chain = *prealloc;
	*prealloc = NULL;
	return 0;
}

unsigned long nr_mapped;

int page_add_rmap(struct page *page, pte_t *ptep, struct pte_chain **prealloc)
{
	if (!page_mapped(page)) {
		page->u.pte_direct = ptep;
		SetPageDirect(page);
		nr_mapped++;
	} else if (PageDirect(page)) {
		pte_t *first = page->u.pte_direct;
		if (!prealloc || !*prealloc)
			return -ENOMEM;
		page->u.chain = NULL;
		ClearPageDirect(page);
		chain_add(page, first, prealloc);
		BUG_ON(chain_add(page, ptep, NULL));
	} else if (chain_add(page, ptep, prealloc)) {
		return -ENOMEM;
	}
	page->_mapcount++;
	return 0;
}

/* Free chain blocks that became empty. */
static void chain_compact(struct page *page)
{
	struct pte_chain **link = &page->u.chain;

	while (*link) {
		struct pte_chain *pc = *link;
		bool empty = true;
		for (int i = 0; i < NRPTE; i++)
			empty &= !pc->ptes[i];
		if (empty) {
			*link = pc->next;
			pte_chain_free(pc);
		} else {
			link = &pc->next;
		}
	}
}

void page_remove_rmap(struct page *page, pte_t *ptep)
{
	BUG_ON(!page_mapped(page));
	if (PageDirect(page)) {
		BUG_ON(page->u.pte_direct != ptep);
		page->u.pte_direct = NULL;
		ClearPageDirect(page);
		page->_mapcount--;
		nr_mapped--;
		if (PageMlocked(page))
			munlock_vma_page(page);
		return;
	}
	for (struct pte_chain *pc = page->u.chain; pc; pc = pc->next)
		for (int i = 0; i < NRPTE; i++)
			if (pc->ptes[i] == ptep) {
				pc->ptes[i] = NULL;
				if (--page->_mapcount < 0)
					nr_mapped--;
				if (page != rmap_walking)
					chain_compact(page);
				if (PageMlocked(page))
					munlock_vma_page(page);
				return;
			}
	panic("page_remove_rmap: pfn %lu is not mapped by pte %p", page_to_pfn(page), ptep);
}

int rmap_walk(struct page *page, int (*fn)(struct page *, pte_t *, void *), void *arg)
{
	int r = 0;

	if (!page_mapped(page))
		return 0;
	if (PageDirect(page))
		return fn(page, page->u.pte_direct, arg);
	BUG_ON(rmap_walking);
	rmap_walking = page;	/* @fn may remove entries: keep the blocks until we are done */
	for (struct pte_chain *pc = page->u.chain; pc && !r; pc = pc->next)
		for (int i = 0; i < NRPTE && !r; i++)
			if (pc->ptes[i])
				r = fn(page, pc->ptes[i], arg);
	rmap_walking = NULL;
	chain_compact(page);
	return r;
}

static int referenced_one(struct page *page, pte_t *ptep, void *arg)
{
	if (*ptep & _PAGE_ACCESSED) {
		*ptep &= ~_PAGE_ACCESSED;
		flush_tlb_page(pte_to_mm(ptep), pte_to_address(ptep));
		(*(int *)arg)++;
	}
	return 0;
}

int page_referenced(struct page *page)
{
	int referenced = 0;

	rmap_walk(page, referenced_one, &referenced);
	return referenced;
}

/*
 * Unmap one PTE: the page's swap entry takes its place, with one more
 * reference on the slot (swap_duplicate), and the page loses the PTE's
 * reference. A dirty bit moves to the page so the data gets written.
 */
static int unmap_one(struct page *page, pte_t *ptep, void *arg)
{
	struct mm_struct *mm = pte_to_mm(ptep);
	swp_entry_t entry = { .val = page->private };
	pte_t pte = *ptep;

	if (vma_locked_at(mm, pte_to_address(ptep)))
		return SWAP_FAIL;	/* mlocked: stays in memory */
	if (swap_duplicate(entry) < 0)
		return SWAP_FAIL;
	if (pte & _PAGE_DIRTY)
		SetPageDirty(page);
	*ptep = swp_entry_to_pte(entry);
	flush_tlb_page(mm, pte_to_address(ptep));
	page_remove_rmap(page, ptep);
	mm->rss--;
	mm->swap_ents++;
	put_page(page);
	return 0;
}

int try_to_unmap(struct page *page)
{
	int r;

	BUG_ON(!PageSwapCache(page));
	if (!swap_writeok((swp_entry_t){ page->private }))
		return SWAP_FAIL;	/* its area is being swapped off: keep it mapped */
	r = rmap_walk(page, unmap_one, NULL);
	if (r)
		return r;
	return page_mapped(page) ? SWAP_AGAIN : SWAP_SUCCESS;
}
