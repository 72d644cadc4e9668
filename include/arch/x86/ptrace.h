/*
 * struct pt_regs: the registers saved on the kernel stack by every
 * interrupt, exception and system call (arch/x86/entry.asm pushes them in
 * exactly this order, from the bottom field up). esp and ss are only
 * pushed by the CPU when the interrupt came from ring 3.
 */
#ifndef ARCH_X86_PTRACE_H
#define ARCH_X86_PTRACE_H

#include <lib/types.h>

struct pt_regs {
	u32 ebx, ecx, edx, esi, edi, ebp, eax;
	u32 ds, es, fs, gs;
	u32 vector, error_code;
	u32 eip, cs, eflags;
	u32 esp, ss;
};

static inline bool user_mode(const struct pt_regs *regs)
{
	return (regs->cs & 3) == 3;
}

#endif
