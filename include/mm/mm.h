/*
 * Process address spaces (Gorman ch. 4, Mauerer ch. 4): an mm_struct per
 * process with its page directory and its sorted list of vm_area_structs.
 *
 *   0x00000000  unmapped (NULL pointer guard)
 *   0x08048000  program text and data (ELF PT_LOAD segments), then brk heap
 *   0x40000000  mmap area (grows up)
 *   0xBF800000  user stack (8 MiB, grows down), argv/envp at its top
 *   0xC0000000  kernel: the direct map, identical in every page directory
 *
 * Locking: the VMA list and the page tables of an mm are only changed by
 * its owner in process context or by reclaim (try_to_unmap, which does not
 * sleep while it edits PTEs). As the kernel is not preemptible, a path that
 * does not sleep sees them consistent; paths that sleep (swap-in) recheck
 * the PTE after waking, like Linux's pte_same() test.
 *
 * Defined in mm/memory.c, mm/mmap.c, mm/mlock.c and mm/madvise.c; put_page
 * in mm/swap.c.
 */
#ifndef MM_MM_H
#define MM_MM_H

#include <lib/list.h>
#include <mm/page.h>
#include <arch/x86/paging.h>

#define USER_STACK_TOP	0xC0000000UL
#define USER_STACK_SIZE	(8UL << 20)
#define USER_MMAP_BASE	0x40000000UL

/* vm_flags */
#define VM_READ		0x0001
#define VM_WRITE	0x0002
#define VM_EXEC		0x0004
#define VM_ACCESS	(VM_READ | VM_WRITE | VM_EXEC)	/* none of them: PROT_NONE */
#define VM_GROWSDOWN	0x0100
#define VM_STACK	0x0200
#define VM_HEAP		0x0400
#define VM_LOCKED	0x2000	/* mlock: never swapped out */

struct boot_module;
struct pte_chain;

struct vm_area_struct {
	struct mm_struct *vm_mm;
	unsigned long vm_start, vm_end;	/* [start, end), page aligned */
	unsigned long vm_flags;
	struct list_head vm_list;	/* in mm->mmap, sorted by address */
	/* Private file mapping of a boot module (ELF segments): */
	const struct boot_module *vm_file;
	unsigned long vm_file_off;	/* file offset of vm_file_start */
	unsigned long vm_file_start;	/* address where file data begins */
	unsigned long vm_file_end;	/* beyond it (to vm_end) pages are zero */
};

struct mm_struct {
	pgd_t *pgd;
	struct list_head mmap;		/* VMAs, sorted */
	struct list_head mmlist;	/* all mms: swapoff's try_to_unuse walks it */
	int mm_users;
	unsigned long start_code, end_code, start_brk, brk, start_stack, mmap_base;
	unsigned long rss;		/* resident pages mapped (not the zero page) */
	unsigned long swap_ents;	/* PTEs holding swap entries */
	unsigned long hiwater_rss;
	unsigned long rss_limit;	/* RLIMIT_RSS in pages, ~0UL: none */
	unsigned long fault_clock;	/* pages faulted in under rss_limit: its policy's time */
	struct task_struct *owner;
};

extern struct list_head mm_list;
extern struct mm_struct *active_mm;	/* whose page directory is loaded */

struct mm_struct *mm_alloc(void);
/* Drop a user; the last one frees the address space. */
void mmput(struct mm_struct *mm);
/* Duplicate for fork: VMAs copied, private pages shared copy-on-write. */
struct mm_struct *dup_mm(struct mm_struct *old);
void switch_mm(struct mm_struct *next);

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
/* The VMA holding @addr, else the first one above it, else NULL (Linux's find_vma). */
struct vm_area_struct *find_next_vma(struct mm_struct *mm, unsigned long addr);
int insert_vma(struct mm_struct *mm, unsigned long start, unsigned long end,
	       unsigned long flags, struct vm_area_struct **out);
/* Unmap [start, end): pages freed, swap entries released, VMAs split. */
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len);
/* Split @vma at @addr; the upper part becomes a new VMA after it. */
int split_vma(struct vm_area_struct *vma, unsigned long addr);
/* Take @vma off its mm's list and free it (its range must be unmapped or taken over). */
void vma_free(struct vm_area_struct *vma);
/* The VM_READ/VM_WRITE/VM_EXEC flags for mmap's or mprotect's PROT_ bits. */
unsigned long calc_vm_prot_bits(unsigned long prot);
/* Is the page at @addr of @mm in an mlocked region? */
bool vma_locked_at(struct mm_struct *mm, unsigned long addr);
/*
 * Mlocked pages and the LRU (mm/mlock.c; Linux 2.6.28's unevictable LRU):
 * a page mapped in a VM_LOCKED region is taken off the LRU lists, where
 * reclaim could only find it to keep it. mlock_vma_page takes @page off
 * (PG_mlocked); munlock_vma_page, called when a mapping of it goes away or
 * its region is unlocked, puts it back (reclaim takes it off again if
 * another locked region still maps it). page_mlocked: does some VM_LOCKED
 * region map @page?
 */
void mlock_vma_page(struct page *page);
void munlock_vma_page(struct page *page);
bool page_mlocked(struct page *page);
/* Set up what the fault path needs at boot: the shared zero page. */
void memory_init(void);
/* A free range of @len bytes in the mmap area, or 0. */
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long len);
/*
 * MADV_PAGEOUT: reclaim the pages of [start, end) mapped by @mm alone, now:
 * written to swap and freed when it returns (mm/madvise.c).
 */
void pageout_range(struct mm_struct *mm, unsigned long start, unsigned long end);

/*
 * walk_page_range - call @ops->pte_entry(pte, addr, @arg) for every PTE of
 * [@start, @end) in @mm that has a page table (empty PTEs included); a
 * stretch with no page table is skipped whole. A non-zero return stops
 * the walk and is returned. The callback may sleep: the walk looks each
 * page table up again from mm->pgd for the next address.
 */
struct mm_walk_ops {
	int (*pte_entry)(pte_t *pte, unsigned long addr, void *arg);
};
int walk_page_range(struct mm_struct *mm, unsigned long start, unsigned long end,
		    const struct mm_walk_ops *ops, void *arg);
/*
 * install_pte - map @page at @ptep of @mm (empty, or a swap entry the caller
 * gives back): reverse map, PTE with @prot (_PAGE_RW, _PAGE_DIRTY,
 * _PAGE_ACCESSED), rss and its high-water mark. The PTE takes a page
 * reference the caller holds for it. @pc: a chain block the reverse map
 * may consume (NULL for a page nobody maps yet). Returns 0 or -ENOMEM.
 */
int install_pte(struct mm_struct *mm, unsigned long addr, pte_t *ptep, struct page *page,
		pte_t prot, struct pte_chain **pc);
/*
 * swapin_pte - @ptep holds the swap entry of @page (locked, up to date, in
 * the swap cache): map the page there instead, read-only, and give the
 * PTE's count on the slot back. Returns 0 or -ENOMEM (no chain block).
 */
int swapin_pte(struct mm_struct *mm, unsigned long addr, pte_t *ptep, struct page *page,
	       struct pte_chain **pc);
/* Fault on a PTE holding a swap entry: bring the page back. */
int do_swap_page(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
		 pte_t *ptep, pte_t orig, bool write);
/* A swap read of @page (locked, in the swap cache) failed: its holders lose it (SIGBUS). */
void swap_read_failed(struct page *page);

/* Page-table walking. */
pte_t *pte_offset(struct mm_struct *mm, unsigned long addr);
pte_t *pte_alloc(struct mm_struct *mm, unsigned long addr);
/* Page tables of @mm's user half (VmPTE in /proc/PID/status, in pages). */
unsigned long mm_pgtables(const struct mm_struct *mm);
/* Free the page table mapping @addr, if any; its PTEs must be clear. No TLB flush. */
void pte_free(struct mm_struct *mm, unsigned long addr);
/* The user address @ptep maps, from its page table's struct page. */
unsigned long pte_to_address(const pte_t *ptep);
struct mm_struct *pte_to_mm(const pte_t *ptep);
/* Flush the TLB entry for @addr if @mm is the loaded address space. */
void flush_tlb_page(struct mm_struct *mm, unsigned long addr);

/* The shared zero page: reads of never-written anonymous memory map it. */
extern struct page *zero_page;

/* Fault handling (mm/memory.c). */
#define VM_FAULT_MINOR	1
#define VM_FAULT_MAJOR	2
#define VM_FAULT_SIGSEGV (-1)
#define VM_FAULT_SIGBUS	(-2)
#define VM_FAULT_OOM	(-3)
int handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
		    bool write);

/* Drop a reference to a page; the last one frees it (mm/swap.c). */
void put_page(struct page *page);

/* Page tables of an address space (mm/memory.c). */
pgd_t *pgd_alloc(void);
void pgd_free(struct mm_struct *mm);
/* Unmap and release everything in [start, end) of @vma. */
void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
int dup_vmas(struct mm_struct *new, struct mm_struct *old);

#endif
