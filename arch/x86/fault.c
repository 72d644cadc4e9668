/*
 * The page-fault handler's architecture side (Linux's arch/x86/mm/fault.c):
 * read CR2, decode the error code and hand user addresses to the memory
 * manager's handle_mm_fault. A kernel fault that nobody can handle ends in
 * the exception-table fixup (bad user pointer in a system call: -EFAULT)
 * or in an oops.
 */
#include <arch/x86/traps.h>
#include <arch/x86/cpu.h>
#include <kernel/panic.h>
#include <mm/fault.h>

#define PF_PROT  (1 << 0)	/* 0: page not present, 1: protection violation */
#define PF_WRITE (1 << 1)
#define PF_USER  (1 << 2)

void do_page_fault(struct pt_regs *regs)
{
	unsigned long addr = read_cr2();
	unsigned int flags = 0;

	if (regs->error_code & PF_WRITE)
		flags |= FAULT_FLAG_WRITE;
	if (regs->error_code & PF_PROT)
		flags |= FAULT_FLAG_PROT;
	if (user_mode(regs))
		flags |= FAULT_FLAG_USER;
	if (addr < USER_SPACE_END || user_mode(regs)) {
		if (user_page_fault(regs, addr, flags) == 0)
			return;
		if (user_mode(regs))
			return;	/* the process was sent SIGSEGV or SIGBUS */
	}
	if (fixup_exception(regs))
		return;
	kernel_fault(regs, addr);
}
