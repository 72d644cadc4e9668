/*
 * Finishing the boot page tables: boot.asm identity-mapped the first 8 MiB
 * only to survive the jump to 3 GiB. Removing it makes every address below
 * 3 GiB fault, so a stray NULL dereference in the kernel is caught.
 */
#include <arch/x86/paging.h>
#include <arch/x86/cpu.h>

void paging_init(void)
{
	boot_page_dir[0] = 0;
	boot_page_dir[1] = 0;
	flush_tlb_all_user();
}
