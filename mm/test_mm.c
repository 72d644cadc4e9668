/*
 * Borrowed address spaces for self-tests and benchmarks (see
 * include/mm/test_mm.h).
 */
#include <mm/test_mm.h>
#include <kernel/sched.h>

static struct mm_struct *saved_mm;

struct mm_struct *test_mm_create(unsigned long pages)
{
	struct mm_struct *mm = mm_alloc();

	if (mm && insert_vma(mm, TEST_MM_BASE, TEST_MM_BASE + pages * PAGE_SIZE,
			     VM_READ | VM_WRITE, NULL)) {
		mmput(mm);
		return NULL;
	}
	return mm;
}

void test_mm_enter(struct mm_struct *mm)
{
	saved_mm = current->mm;
	current->mm = mm;
	switch_mm(mm);
}

void test_mm_leave(void)
{
	current->mm = saved_mm;
	switch_mm(saved_mm);
}
