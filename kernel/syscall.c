/*
 * System-call dispatch for int 0x80 with the Linux i386 ABI: the number in
 * eax, arguments in ebx, ecx, edx, esi, edi, ebp, the result (or a negative
 * errno) returned in eax. Numbers without an implementation get -ENOSYS.
 */
#include <arch/x86/traps.h>
#include <uapi/errno.h>

void do_syscall(struct pt_regs *regs)
{
	regs->eax = (u32)-ENOSYS;
}

void exit_to_user_mode(struct pt_regs *regs)
{
}

void user_exception(struct pt_regs *regs, int signo)
{
	kernel_fault(regs, 0);
}
