/*
 * Address spaces and their regions (Gorman §4.4 "Memory Regions",
 * Mauerer §4.5 "Operations on Regions"): creating and dropping mm_structs, the sorted VMA list,
 * brk, anonymous mmap and munmap.
 *
 * Each mm is on mm_list so swapoff can find every PTE holding a swap entry
 * (Gorman §11.9 "Deactivating a Swap Area"). VMAs are kept in a sorted list: processes here have a
 * handful of regions, and a list is what a reader can check by eye.
 */
#include <mm/mm.h>
#include <mm/fault.h>
#include <mm/slab.h>
#include <mm/gfp.h>
#include <mm/lru.h>
#include <kernel/sched.h>
#include <fs/file.h>
#include <kernel/syscalls.h>
#include <kernel/printk.h>
#include <arch/x86/cpu.h>
#include <arch/x86/paging.h>
#include <lib/string.h>
#include <uapi/abi.h>
#include <uapi/errno.h>

LIST_HEAD(mm_list);
static struct kmem_cache *mm_cache, *vma_cache;

static bool mmap_caches_ready(void)
{
	if (!mm_cache)
		mm_cache = kmem_cache_create("mm_struct", sizeof(struct mm_struct), 0, 0, NULL);
	if (!vma_cache)
		vma_cache = kmem_cache_create("vm_area_struct", sizeof(struct vm_area_struct), 0,
					      0, NULL);
	return mm_cache && vma_cache;
}

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm;

	if (!mmap_caches_ready())
		return NULL;
	mm = kmem_cache_alloc(mm_cache, GFP_KERNEL);
	if (!mm)
		return NULL;
	memset(mm, 0, sizeof(*mm));
	mm->pgd = pgd_alloc();
	if (!mm->pgd) {
		kmem_cache_free(mm_cache, mm);
		return NULL;
	}
	INIT_LIST_HEAD(&mm->mmap);
	mm->mm_users = 1;
	mm->mmap_base = USER_MMAP_BASE;
	mm->rss_limit = ~0UL;
	list_add_tail(&mm->mmlist, &mm_list);
	return mm;
}

void mmput(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *n;

	if (--mm->mm_users > 0)
		return;
	lru_add_drain();	/* pages batched for the LRU would otherwise linger (exit_mmap) */
	list_for_each_entry_safe(vma, n, &mm->mmap, vm_list) {
		zap_page_range(vma, vma->vm_start, vma->vm_end);
		vma_free(vma);
	}
	list_del(&mm->mmlist);
	pgd_free(mm);
	kmem_cache_free(mm_cache, mm);
}

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (addr < vma->vm_end)
			return addr >= vma->vm_start ? vma : NULL;
	return NULL;
}

struct vm_area_struct *find_next_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (addr < vma->vm_end)
			return vma;
	return NULL;
}

static struct vm_area_struct *vma_alloc(struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	if (!mmap_caches_ready())
		return NULL;
	vma = kmem_cache_alloc(vma_cache, GFP_KERNEL);
	if (vma) {
		memset(vma, 0, sizeof(*vma));
		vma->vm_mm = mm;
	}
	return vma;
}

/* Insert [start, end) into mm's sorted list; -EEXIST if it overlaps. */
int insert_vma(struct mm_struct *mm, unsigned long start, unsigned long end,
	       unsigned long flags, struct vm_area_struct **out)
{
	struct vm_area_struct *vma, *new;
	struct list_head *pos = &mm->mmap;

	list_for_each_entry(vma, &mm->mmap, vm_list) {
		if (vma->vm_start >= end) {
			pos = &vma->vm_list;
			break;
		}
		if (vma->vm_end > start)
			return -EEXIST;
	}
	new = vma_alloc(mm);
	if (!new)
		return -ENOMEM;
	new->vm_start = start;
	new->vm_end = end;
	new->vm_flags = flags;
	list_add_tail(&new->vm_list, pos);	/* before @pos keeps the order */
	if (out)
		*out = new;
	return 0;
}

void vma_free(struct vm_area_struct *vma)
{
	list_del(&vma->vm_list);
	kmem_cache_free(vma_cache, vma);
}

/* x86 pages cannot be writable or executable without being readable. */
unsigned long calc_vm_prot_bits(unsigned long prot)
{
	unsigned long flags = 0;

	if (prot & PROT_READ)
		flags |= VM_READ;
	if (prot & PROT_WRITE)
		flags |= VM_WRITE | VM_READ;
	if (prot & PROT_EXEC)
		flags |= VM_EXEC | VM_READ;
	return flags;
}

/* Split @vma at @addr; the new VMA (the upper part) follows it in the list. */
int split_vma(struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *upper = vma_alloc(vma->vm_mm);

	if (!upper)
		return -ENOMEM;
	*upper = *vma;
	upper->vm_start = addr;
	vma->vm_end = addr;
	list_add(&upper->vm_list, &vma->vm_list);
	return 0;
}

static struct vm_area_struct *next_vma(struct vm_area_struct *vma)
{
	return list_entry(vma->vm_list.next, struct vm_area_struct, vm_list);
}

/* Does any VMA of @mm overlap [start, end)? */
static bool range_in_use(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = find_next_vma(mm, start);

	return vma && vma->vm_start < end;
}

/* Are all the PTEs of the page table mapping @addr clear? */
static bool pte_table_empty(struct mm_struct *mm, unsigned long addr)
{
	const pte_t *pte = pte_offset(mm, addr & PGDIR_MASK);

	for (int i = 0; pte && i < PTRS_PER_PTE; i++)
		if (pte[i])
			return false;
	return true;
}

unsigned long mm_pgtables(const struct mm_struct *mm)
{
	unsigned long n = 0;

	for (unsigned int i = 0; i < KERNEL_PGD_FIRST; i++)
		n += (mm->pgd[i] & _PAGE_PRESENT) != 0;
	return n;
}

/*
 * free_pgtables - free the page tables over [start, end) that no VMA
 * needs any more (Linux's free_pgtables, from unmap_region; Gorman §4.4)
 * A page table maps 4 MiB; it goes once no VMA overlaps its span. The
 * range was zapped first, so its PTEs are clear: one that is not would be
 * a page or slot nobody could free, so the table is kept and reported.
 * Nobody holds a pointer into a table across a sleep: fault and swapoff
 * paths look their PTE up again after sleeping (pte_offset).
 */
static void free_pgtables(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	bool freed = false;

	for (unsigned long a = start & PGDIR_MASK; a < end; a += PGDIR_SIZE) {
		if (!pte_offset(mm, a) || range_in_use(mm, a, a + PGDIR_SIZE))
			continue;
		if (!pte_table_empty(mm, a)) {
			pr_err("free_pgtables: page table at %08lx still maps something\n", a);
			continue;
		}
		pte_free(mm, a);
		freed = true;
	}
	if (freed && mm == active_mm)
		flush_tlb_all_user(); /* the CPU may cache directory entries */
}

int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	unsigned long end = start + PAGE_ALIGN(len);
	struct vm_area_struct *vma, *next;

	if ((start & ~PAGE_MASK) || !len || end > USER_SPACE_END || end < start)
		return -EINVAL;
	lru_add_drain(); /* batched pages hold references: let the zap free them (unmap_region) */
	vma = list_first_entry(&mm->mmap, struct vm_area_struct, vm_list);
	while (&vma->vm_list != &mm->mmap && vma->vm_start < end) {
		if (vma->vm_end <= start) {
			vma = next_vma(vma);
			continue;
		}
		if (vma->vm_start < start) {
			/* Keep the part below @start; its upper part comes next. */
			if (split_vma(vma, start))
				return -ENOMEM;
			vma = next_vma(vma);
			continue;
		}
		if (vma->vm_end > end && split_vma(vma, end))
			return -ENOMEM;
		next = next_vma(vma);
		zap_page_range(vma, vma->vm_start, vma->vm_end);
		vma_free(vma);
		vma = next;
	}
	free_pgtables(mm, start, end);
	return 0;
}

unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long len)
{
	unsigned long addr = mm->mmap_base;
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list) {
		if (vma->vm_end <= addr)
			continue;
		if (vma->vm_start >= addr + len)
			break;
		addr = vma->vm_end;
	}
	if (addr + len > USER_STACK_TOP - USER_STACK_SIZE || addr + len < addr)
		return 0;
	return addr;
}

/* Copy every VMA of @old into @new (fork); page tables are dup_mm's job. */
int dup_vmas(struct mm_struct *new, struct mm_struct *old)
{
	struct vm_area_struct *vma, *copy;

	list_for_each_entry(vma, &old->mmap, vm_list) {
		copy = vma_alloc(new);
		if (!copy)
			return -ENOMEM;
		*copy = *vma;
		copy->vm_mm = new;
		list_add_tail(&copy->vm_list, &new->mmap);
	}
	return 0;
}

long sys_brk(unsigned long brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long old_end = PAGE_ALIGN(mm->brk), new_end = PAGE_ALIGN(brk);

	if (brk < mm->start_brk || brk > USER_MMAP_BASE)
		return mm->brk;
	if (new_end < old_end) {
		do_munmap(mm, new_end, old_end - new_end);
	} else if (new_end > old_end) {
		struct vm_area_struct *vma = find_vma(mm, old_end - 1);
		/* Never over another mapping (a MAP_FIXED one may lie above the heap). */
		if (range_in_use(mm, old_end, new_end))
			return mm->brk;
		if (vma && (vma->vm_flags & VM_HEAP) && vma->vm_end == old_end) {
			vma->vm_end = new_end;	/* grow the heap VMA in place */
		} else if (insert_vma(mm, old_end, new_end, VM_READ | VM_WRITE | VM_HEAP, NULL)) {
			return mm->brk;
		}
	}
	mm->brk = brk;
	return brk;
}

/*
 * sys_mmap2 - anonymous private mappings, with Linux's checks in Linux's
 * order (ksys_mmap_pgoff, do_mmap, get_unmapped_area): a bad descriptor
 * for a file mapping -EBADF; a zero length -EINVAL; a range that does not
 * fit below the stack -ENOMEM; an unaligned MAP_FIXED address -EINVAL;
 * neither MAP_PRIVATE nor MAP_SHARED -EINVAL. Without MAP_FIXED the
 * address is only a hint, and ignored. File and shared mappings are not
 * implemented: -ENODEV, Linux's answer for a file that cannot be mapped.
 */
long sys_mmap2(unsigned long addr, unsigned long len, long prot, long flags, long fd,
	       long pgoff)
{
	struct mm_struct *mm = current->mm;
	unsigned long vm_flags = calc_vm_prot_bits(prot);
	int r;

	if (!(flags & MAP_ANONYMOUS) && !fget((int)fd))
		return -EBADF;
	if (!len)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len || len > USER_STACK_TOP)
		return -ENOMEM;
	if (flags & MAP_FIXED) {
		if (len > USER_STACK_TOP - USER_STACK_SIZE ||
		    addr > USER_STACK_TOP - USER_STACK_SIZE - len)
			return -ENOMEM;
		if (addr & ~PAGE_MASK)
			return -EINVAL;
		if (addr < PAGE_SIZE)
			return -EPERM;	/* below mmap_min_addr */
	}
	if (!(flags & (MAP_PRIVATE | MAP_SHARED)))
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS) || (flags & MAP_SHARED))
		return -ENODEV;	/* only anonymous private mappings exist here */
	if (flags & MAP_FIXED) {
		r = do_munmap(mm, addr, len);
		if (r)
			return r;
	} else {
		addr = get_unmapped_area(mm, len);
		if (!addr)
			return -ENOMEM;
	}
	r = insert_vma(mm, addr, addr + len, vm_flags, NULL);
	return r ? r : (long)addr;
}

long sys_munmap(unsigned long addr, unsigned long len)
{
	return do_munmap(current->mm, addr, len);
}
