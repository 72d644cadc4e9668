/*
 * Page faults on user addresses (Gorman ch. 4.6, Mauerer ch. 4.10).
 * Until processes exist there is no user address space, so every fault
 * on a user address is an error for the caller to report.
 */
#include <mm/fault.h>
#include <uapi/errno.h>

int user_page_fault(struct pt_regs *regs, unsigned long addr, unsigned int flags)
{
	return -EFAULT;
}
