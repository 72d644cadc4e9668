/*
 * String copies from user space, built on the faulting-safe __copy_user.
 */
#include <kernel/uaccess.h>
#include <uapi/errno.h>

long strncpy_from_user(char *dst, const char *usrc, long size)
{
	for (long i = 0; i < size; i++) {
		if (copy_from_user(dst + i, usrc + i, 1))
			return -EFAULT;
		if (!dst[i])
			return i;
	}
	dst[size - 1] = 0;
	return -ENAMETOOLONG;
}
