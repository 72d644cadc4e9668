/*
 * The interface between the architecture's page-fault entry and the
 * memory manager (mm/memory.c).
 */
#ifndef MM_FAULT_H
#define MM_FAULT_H

#include <lib/types.h>

struct pt_regs;

#define USER_SPACE_END 0xC0000000UL	/* user addresses are below 3 GiB */

#define FAULT_FLAG_WRITE (1 << 0)	/* the access was a write */
#define FAULT_FLAG_PROT  (1 << 1)	/* the page was present (protection fault) */
#define FAULT_FLAG_USER  (1 << 2)	/* the CPU was in ring 3 */

/*
 * Handle a fault at user address @addr. Returns 0 when the access can be
 * retried; otherwise a negative errno, and for a ring-3 fault the process
 * has been sent the right signal.
 */
int user_page_fault(struct pt_regs *regs, unsigned long addr, unsigned int flags);

#endif
