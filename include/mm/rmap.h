/*
 * Reverse mapping with PTE chains, as in Linux 2.5/early 2.6 (Mauerer
 * §4.8 describes the later object-based scheme; Gorman's appendix on
 * 2.6 describes pte_chains): each mapped page knows every PTE that maps
 * it, so reclaim can test the accessed bits (page_referenced) and unmap a
 * page shared by many processes (try_to_unmap).
 *
 * One mapping is stored directly in the page (PG_direct, u.pte_direct);
 * more need a chain of small blocks (u.chain). A PTE's page table knows its
 * mm and address (struct page of the table: u.mm, index).
 *
 * Chain blocks are allocated before page tables are touched and handed in
 * (a pte_chain_alloc that sleeps must not happen with a PTE half-made).
 */
#ifndef MM_RMAP_H
#define MM_RMAP_H

#include <mm/page.h>
#include <mm/gfp.h>

#define NRPTE 7	/* a chain block is 32 bytes on i386 */

struct pte_chain {
	struct pte_chain *next;
	pte_t *ptes[NRPTE];
};

struct pte_chain *pte_chain_alloc(gfp_t gfp);
void pte_chain_free(struct pte_chain *pc);

/*
 * page_add_rmap - record that @ptep maps @page
 * @prealloc: a chain block the call may consume (set to NULL if it does)
 * Returns -ENOMEM only if a block was needed and none was given.
 */
int page_add_rmap(struct page *page, pte_t *ptep, struct pte_chain **prealloc);
void page_remove_rmap(struct page *page, pte_t *ptep);
/* Pages mapped by at least one PTE (Linux 2.6's nr_mapped; reclaim's mapped_ratio). */
extern unsigned long nr_mapped;
/* Visit every PTE mapping @page; stop early when @fn returns non-zero. */
int rmap_walk(struct page *page, int (*fn)(struct page *, pte_t *, void *), void *arg);
/* How many mapping PTEs had the accessed bit set; clears them. */
int page_referenced(struct page *page);

#define SWAP_SUCCESS	0
#define SWAP_AGAIN	1
#define SWAP_FAIL	2
/* Replace every PTE mapping @page (which must be in the swap cache) by its swap entry. */
int try_to_unmap(struct page *page);

#endif
