/*
 * Interrupt descriptor table, exceptions and hardware interrupts.
 *
 * Defined in arch/x86/traps.c, arch/x86/irq.c and arch/x86/fault.c; the
 * hooks in kernel/syscall.c (do_syscall) and kernel/signal.c.
 */
#ifndef ARCH_X86_TRAPS_H
#define ARCH_X86_TRAPS_H

#include <arch/x86/ptrace.h>
#include <lib/compiler.h>

#define IRQ_BASE	32
#define NR_IRQS		16
#define IRQ_TIMER	0
#define IRQ_KEYBOARD	1
#define IRQ_COM1	4
#define IRQ_ATA0	14
#define IRQ_ATA1	15
#define SYSCALL_VECTOR	0x80

void idt_init(void);
void pic_init(void);
void request_irq(int irq, void (*handler)(struct pt_regs *regs));
void enable_irq(int irq);
/* Interrupts handled per line since boot (/proc/interrupts, vmstat "in"). */
extern unsigned long irq_count[NR_IRQS];
extern unsigned long irq_total;

/* Exception-table entry: a faulting instruction and where to resume. */
struct exception_table_entry {
	unsigned long insn, fixup;
};
/* If @regs->eip has a fixup, jump there on return and say so. */
bool fixup_exception(struct pt_regs *regs);

/*
 * A recovery point for self-tests that fault on purpose: an exception the
 * kernel cannot handle prints its report as usual and then resumes at the
 * armed kjmp with value vector + 1, instead of panicking.
 */
struct kjmp {
	unsigned long ebx, esi, edi, ebp, esp, eip, eflags;
};
int kjmp_set(struct kjmp *j) __attribute__((returns_twice));
__noreturn void kjmp_jump(struct kjmp *j, int value);
extern struct kjmp *fault_recovery;

/*
 * Kernel single-stepping: while set, a #DB debug trap in kernel mode (EFLAGS.TF
 * set by the code under test) calls this hook after every instruction,
 * instead of being reported. Self-tests use it to put an "interrupt" between
 * any two instructions of an operation (lib/bitops_test.c).
 */
extern void (*kernel_step_hook)(struct pt_regs *regs);
#define X86_EFLAGS_TF 0x100

/* Report an unhandled exception: name, vector, error code, EIP, CR2, trace. */
void report_exception(struct pt_regs *regs, unsigned long cr2);
__noreturn void kernel_fault(struct pt_regs *regs, unsigned long cr2);

/* Entry from arch/x86/entry.asm: every vector, with the saved registers. */
void do_interrupt(struct pt_regs *regs);
/* A hardware interrupt: acknowledge the PIC and run the line's handler. */
void do_irq(struct pt_regs *regs);
/* Hooks the rest of the kernel provides. */
void do_page_fault(struct pt_regs *regs);
void do_syscall(struct pt_regs *regs);
void exit_to_user_mode(struct pt_regs *regs);
/* A user-mode exception other than a page fault: deliver a signal. */
void user_exception(struct pt_regs *regs, int signo);

#endif
