/*
 * mprotect(2): change the access rights of a range of the caller's
 * mappings (Linux's mm/mprotect.c; Gorman §4.4 on memory regions,
 * Mauerer §4.5). The range is cut into whole VMAs (split_vma), each takes
 * the new rights, and its present PTEs follow at once:
 *
 *   - losing write access clears _PAGE_RW, so the next write faults and is
 *     refused by the VMA check (SIGSEGV, or -EFAULT for a system call);
 *   - PROT_NONE also clears _PAGE_USER: the page stays mapped (reclaim,
 *     rmap and swapoff treat it like any other) but ring 3 cannot touch it;
 *     install_pte keeps it that way for a page swapoff brings back;
 *   - gaining write access sets nothing: the first write takes do_wp_page,
 *     which reuses the page if nobody else can see it and copies it
 *     otherwise, exactly as for copy-on-write after fork.
 *
 * PTEs that hold swap entries are left alone: the fault that brings the
 * page back checks the VMA's new rights first. Neighbouring anonymous VMAs
 * with the same rights are merged again (Linux's vma_merge), so toggling
 * rights does not leave a trail of small VMAs.
 *
 * Locking: the caller's own VMAs and page tables, changed in process
 * context without sleeping between the VMA and its PTEs (see mm/mm.h);
 * only split_vma's allocation sleeps, before anything changed.
 */
#include <mm/mm.h>
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>
#include <arch/x86/paging.h>
#include <uapi/abi.h>
#include <uapi/errno.h>

static int change_pte(pte_t *ptep, unsigned long addr, void *arg)
{
	struct vm_area_struct *vma = arg;
	pte_t pte = *ptep;

	if (!(pte & _PAGE_PRESENT))
		return 0;	/* empty, or a swap entry: the fault checks the VMA */
	if (!(vma->vm_flags & VM_ACCESS))
		pte &= ~(_PAGE_USER | _PAGE_RW);
	else if (!(vma->vm_flags & VM_WRITE))
		pte = (pte | _PAGE_USER) & ~_PAGE_RW;
	else
		pte |= _PAGE_USER;
	if (pte != *ptep) {
		*ptep = pte;
		flush_tlb_page(vma->vm_mm, addr);
	}
	return 0;
}

/* Can @b be folded into @a, which ends where it starts? */
static bool can_merge(const struct vm_area_struct *a, const struct vm_area_struct *b)
{
	return a->vm_end == b->vm_start && a->vm_flags == b->vm_flags && !a->vm_file &&
	       !b->vm_file;
}

/* Merge @vma with the VMA before it and the one after it where they agree. */
static void merge_neighbours(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = NULL, *next = NULL;

	if (vma->vm_list.prev != &mm->mmap)
		prev = list_entry(vma->vm_list.prev, struct vm_area_struct, vm_list);
	if (vma->vm_list.next != &mm->mmap)
		next = list_entry(vma->vm_list.next, struct vm_area_struct, vm_list);
	if (next && can_merge(vma, next)) {
		vma->vm_end = next->vm_end;
		vma_free(next);
	}
	if (prev && can_merge(prev, vma)) {
		prev->vm_end = vma->vm_end;
		vma_free(vma);
	}
}

/* Give [start, end), which lies inside one VMA from @start on, the rights @flags. */
static int mprotect_fixup(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long start,
			  unsigned long end, unsigned long flags)
{
	static const struct mm_walk_ops change_ops = { change_pte };
	int r;

	flags |= vma->vm_flags & ~VM_ACCESS;
	if (flags == vma->vm_flags)
		return 0;
	if (vma->vm_start < start) {
		if ((r = split_vma(vma, start)))
			return r;
		vma = find_vma(mm, start);
	}
	if (vma->vm_end > end && (r = split_vma(vma, end)))
		return r;
	vma->vm_flags = flags;
	walk_page_range(mm, vma->vm_start, vma->vm_end, &change_ops, vma);
	merge_neighbours(mm, vma);
	return 0;
}

/*
 * sys_mprotect - Linux's checks in Linux's order (do_mprotect_pkey): an
 * unaligned start or unknown rights -EINVAL; a zero length 0; a range
 * that wraps -ENOMEM; a start outside every mapping -ENOMEM. A hole
 * further on ends the call with -ENOMEM after the VMAs before it changed,
 * as in Linux. PROT_GROWSDOWN extends the range down to the start of a
 * stack VMA; there are no VMAs that grow up.
 */
long sys_mprotect(unsigned long start, unsigned long len, unsigned long prot)
{
	struct mm_struct *mm = current->mm;
	unsigned long grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP), end, flags;
	struct vm_area_struct *vma;

	prot &= ~grows;
	if (grows == (PROT_GROWSDOWN | PROT_GROWSUP) || (start & ~PAGE_MASK))
		return -EINVAL;
	if (!len)
		return 0;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end <= start)
		return -ENOMEM;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM))
		return -EINVAL;
	vma = find_vma(mm, start);
	if (!vma)
		return -ENOMEM;
	if (grows & PROT_GROWSUP)
		return -EINVAL;
	if (grows & PROT_GROWSDOWN) {
		if (!(vma->vm_flags & VM_GROWSDOWN))
			return -EINVAL;
		start = vma->vm_start;
	}
	flags = calc_vm_prot_bits(prot);
	for (unsigned long a = start; a < end;) {
		int r;
		vma = find_vma(mm, a);
		if (!vma)
			return -ENOMEM;	/* a hole */
		r = mprotect_fixup(mm, vma, a, end, flags);
		if (r)
			return r;
		vma = find_vma(mm, a);
		a = vma->vm_end;
	}
	return 0;
}

bool user_read_denied(const void *addr, unsigned long n)
{
	unsigned long start = (unsigned long)addr, end = start + n;
	struct vm_area_struct *vma;

	if (!current->mm)
		return false;
	for (vma = find_next_vma(current->mm, start); vma && vma->vm_start < end;
	     vma = find_next_vma(current->mm, vma->vm_end))
		if (!(vma->vm_flags & VM_ACCESS))
			return true;
	return false;
}
