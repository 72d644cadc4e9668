/*
 * The swap cache and swap-in. Until swap areas can be activated no PTE
 * holds a swap entry, so these are the whole story for now: a slot a PTE
 * held is released, no page is ever in the swap cache, and a fault on a
 * swap PTE cannot happen (and is refused loudly if it does).
 */
#include <mm/swap_state.h>
#include <mm/swapfile.h>
#include <kernel/printk.h>

void free_swap_and_cache(swp_entry_t entry)
{
	swap_free(entry);
}

bool remove_exclusive_swap_page(struct page *page)
{
	return false;
}

int do_swap_page(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
		 pte_t *ptep, pte_t orig, bool write)
{
	printk(KERN_ERR "do_swap_page: pte %08x at %08lx with no swap cache\n", orig, addr);
	return VM_FAULT_SIGBUS;
}
