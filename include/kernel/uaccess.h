/*
 * Copying between kernel and user memory. The copies may fault: a fault on
 * a valid user address is handled like any page fault (and may sleep for
 * swap-in); an invalid one is caught by the exception table and the copy
 * returns early. Returns are bytes NOT copied, as in Linux.
 * user_read_denied is defined in mm/mprotect.c.
 */
#ifndef KERNEL_UACCESS_H
#define KERNEL_UACCESS_H

#include <lib/types.h>
#include <mm/fault.h>

unsigned long __copy_user(void *dst, const void *src, unsigned long n);
unsigned long __clear_user(void *dst, unsigned long n);

/* Is [addr, addr + n) entirely in user space? */
static inline bool access_ok(const void *addr, unsigned long n)
{
	unsigned long a = (unsigned long)addr;
	return a < USER_SPACE_END && n <= USER_SPACE_END - a;
}

/*
 * Does [addr, addr + n) touch a PROT_NONE region of the caller (mm/mprotect.c)?
 * Its resident pages are mapped for the kernel only, so ring 0 could read
 * them without a fault; a read from user memory asks first.
 */
bool user_read_denied(const void *addr, unsigned long n);

static inline unsigned long copy_from_user(void *dst, const void *usrc, unsigned long n)
{
	return access_ok(usrc, n) && !user_read_denied(usrc, n) ? __copy_user(dst, usrc, n) : n;
}

static inline unsigned long copy_to_user(void *udst, const void *src, unsigned long n)
{
	return access_ok(udst, n) ? __copy_user(udst, src, n) : n;
}

static inline unsigned long clear_user(void *udst, unsigned long n)
{
	return access_ok(udst, n) ? __clear_user(udst, n) : n;
}

/*
 * Copy a NUL-terminated string of at most @size - 1 characters from user
 * space. Returns its length, -EFAULT or -ENAMETOOLONG.
 */
long strncpy_from_user(char *dst, const char *usrc, long size);

#endif
