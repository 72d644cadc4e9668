/*
 * The swap cache and swap-in (mm/swap_state.c; Gorman ch. 12.4-12.7,
 * Mauerer ch. 18.4-18.5).
 */
#ifndef MM_SWAP_STATE_H
#define MM_SWAP_STATE_H

#include <mm/swap.h>
#include <mm/mm.h>

/* Drop a PTE's hold on @entry, and the cached page if nothing else uses it. */
void free_swap_and_cache(swp_entry_t entry);
/* If @page (locked, in the swap cache) is only ours, drop it from the cache: true. */
bool remove_exclusive_swap_page(struct page *page);
/* Fault on a PTE holding a swap entry. */
int do_swap_page(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
		 pte_t *ptep, pte_t orig, bool write);

#endif
