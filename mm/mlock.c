/*
 * mlock(2) and munlock(2) (Gorman §4.x "Locking Memory Regions"): pages of
 * a VM_LOCKED region are made present at once and never swapped out:
 * reclaim's try_to_unmap refuses to unmap them, and the RLIMIT_RSS
 * eviction and MADV_PAGEOUT skip them. Locked pages still count in the
 * resident set, as in Linux.
 */
#include <mm/mm.h>
#include <mm/fault.h>
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <uapi/errno.h>

/* Split the VMAs so that [start, end) is made of whole VMAs; -ENOMEM if unmapped. */
static int cover_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	for (unsigned long a = start; a < end;) {
		struct vm_area_struct *vma = find_vma(mm, a);
		int r;
		if (!vma)
			return -ENOMEM;
		if (vma->vm_start < a && (r = split_vma(vma, a)))
			return r;
		vma = find_vma(mm, a);
		if (vma->vm_end > end && (r = split_vma(vma, end)))
			return r;
		a = vma->vm_end;
	}
	return 0;
}

/* Fault in every page of [start, end), writably where the region allows it. */
static int populate(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	for (unsigned long a = start; a < end; a += PAGE_SIZE) {
		struct vm_area_struct *vma = find_vma(mm, a);
		int r = handle_mm_fault(mm, vma, a, vma->vm_flags & VM_WRITE);
		if (r < 0)
			return -ENOMEM;
		if (r == VM_FAULT_MAJOR)
			current->maj_flt++;
		else
			current->min_flt++;
		cond_resched();
	}
	return 0;
}

static long set_locked(unsigned long start, unsigned long len, bool lock)
{
	struct mm_struct *mm = current->mm;
	unsigned long end = PAGE_ALIGN(start + len);
	int r;

	start &= PAGE_MASK;
	if (end < start || end > USER_SPACE_END)
		return -EINVAL;
	if (start == end)
		return 0;
	r = cover_range(mm, start, end);
	if (r)
		return r;
	for (unsigned long a = start; a < end;) {
		struct vm_area_struct *vma = find_vma(mm, a);
		if (lock)
			vma->vm_flags |= VM_LOCKED;
		else
			vma->vm_flags &= ~VM_LOCKED;
		a = vma->vm_end;
	}
	return lock ? populate(mm, start, end) : 0;
}

long sys_mlock(unsigned long start, unsigned long len)
{
	return set_locked(start, len, true);
}

long sys_munlock(unsigned long start, unsigned long len)
{
	return set_locked(start, len, false);
}

bool vma_locked_at(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	return vma && (vma->vm_flags & VM_LOCKED);
}
