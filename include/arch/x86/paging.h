/*
 * i386 two-level paging (Intel SDM vol. 3 ch. 4.3): a page directory of
 * 1024 PDEs, each pointing to a page table of 1024 PTEs mapping 4 KiB
 * pages. The kernel half (PDEs 768-1023) is the direct map of physical
 * memory with 4 MiB global pages, identical in every address space.
 */
#ifndef ARCH_X86_PAGING_H
#define ARCH_X86_PAGING_H

#include <lib/types.h>

#define _PAGE_PRESENT	(1 << 0)
#define _PAGE_RW	(1 << 1)
#define _PAGE_USER	(1 << 2)
#define _PAGE_PWT	(1 << 3)
#define _PAGE_PCD	(1 << 4)
#define _PAGE_ACCESSED	(1 << 5)
#define _PAGE_DIRTY	(1 << 6)
#define _PAGE_PSE	(1 << 7)
#define _PAGE_GLOBAL	(1 << 8)

#define PGDIR_SHIFT	22
#define PGDIR_SIZE	(1UL << PGDIR_SHIFT)	/* what one page table maps: 4 MiB */
#define PGDIR_MASK	(~(PGDIR_SIZE - 1))
#define PTRS_PER_PGD	1024
#define PTRS_PER_PTE	1024
#define KERNEL_PGD_FIRST (0xC0000000UL >> PGDIR_SHIFT)
#define DIRECT_MAP_SIZE	(896UL << 20)	/* physical memory mapped at 3 GiB */

#define pgd_index(addr)	(((addr) >> PGDIR_SHIFT) & (PTRS_PER_PGD - 1))
#define pte_index(addr)	(((addr) >> 12) & (PTRS_PER_PTE - 1))

typedef u32 pgd_t;

extern pgd_t boot_page_dir[PTRS_PER_PGD];

/* Drop the boot identity map: from now on low addresses are user space. */
void paging_init(void);

#endif
