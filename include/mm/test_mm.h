/*
 * Helpers for self-tests and benchmarks that need a user address space:
 * the test thread borrows one (current->mm) and touches it through
 * copy_to_user/copy_from_user, which fault exactly as a process would.
 */
#ifndef MM_TEST_MM_H
#define MM_TEST_MM_H

#include <mm/mm.h>

#define TEST_MM_BASE 0x10000000UL

/* A fresh address space with one read-write VMA of @pages pages at TEST_MM_BASE. */
struct mm_struct *test_mm_create(unsigned long pages);
/* Run as @mm until test_mm_leave (calls do not nest). */
void test_mm_enter(struct mm_struct *mm);
void test_mm_leave(void);

#endif
