/*
 * The IDT and the C side of every interrupt (arch/x86/entry.asm calls
 * do_interrupt with the saved registers). CPU exceptions in user mode
 * become signals; in kernel mode they are reported with vector, error code,
 * EIP, CR2 and a backtrace, then the kernel panics (or, in a self-test that
 * armed fault_recovery, resumes at the recovery point).
 */
#include <arch/x86/traps.h>
#include <arch/x86/segment.h>
#include <arch/x86/cpu.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <uapi/signal.h>

struct idt_entry {
	u16 offset_low, selector;
	u8 zero, type;
	u16 offset_high;
} __attribute__((packed));

static struct idt_entry idt[256];
extern const u32 interrupt_vectors[48];
extern const u32 syscall_vector;
extern const struct exception_table_entry __ex_table_start[], __ex_table_end[];

struct kjmp *fault_recovery;

static const char *const exception_names[32] = {
	"#DE divide error", "#DB debug", "NMI", "#BP breakpoint", "#OF overflow",
	"#BR bound range", "#UD invalid opcode", "#NM no math coprocessor",
	"#DF double fault", "coprocessor overrun", "#TS invalid TSS", "#NP segment not present",
	"#SS stack fault", "#GP general protection", "#PF page fault", "reserved",
	"#MF x87 error", "#AC alignment check", "#MC machine check", "#XM SIMD error",
};

/* The signal a user-mode exception raises, as on Linux. */
static const u8 exception_signal[20] = {
	SIGFPE, SIGTRAP, SIGSEGV, SIGTRAP, SIGSEGV, SIGSEGV, SIGILL, SIGSEGV, SIGSEGV, SIGFPE,
	SIGSEGV, SIGBUS, SIGBUS, SIGSEGV, SIGSEGV, SIGSEGV, SIGFPE, SIGBUS, SIGBUS, SIGFPE,
};

static void set_gate(int vec, u32 handler, u8 dpl)
{
	idt[vec].offset_low = handler & 0xFFFF;
	idt[vec].selector = KERNEL_CS;
	idt[vec].zero = 0;
	idt[vec].type = (u8)(0x8E | (dpl << 5));	/* present, 32-bit interrupt gate */
	idt[vec].offset_high = handler >> 16;
}

void idt_init(void)
{
	struct {
		u16 limit;
		u32 base;
	} __attribute__((packed)) idtr = { sizeof(idt) - 1, (u32)idt };

	for (int v = 0; v < 48; v++)
		set_gate(v, interrupt_vectors[v], 0);
	/* int 0x80 must be callable from ring 3 (DPL 3). */
	set_gate(SYSCALL_VECTOR, syscall_vector, 3);
	__asm__ __volatile__("lidt %0" ::"m"(idtr));
}

bool fixup_exception(struct pt_regs *regs)
{
	for (const struct exception_table_entry *e = __ex_table_start; e < __ex_table_end; e++) {
		if (e->insn == regs->eip) {
			regs->eip = e->fixup;
			return true;
		}
	}
	return false;
}

void report_exception(struct pt_regs *regs, unsigned long cr2)
{
	const char *name = regs->vector < 20 ? exception_names[regs->vector] : "reserved";

	printk(KERN_EMERG "Oops: %s, vector %u, error code 0x%04x, EIP %08x", name, regs->vector,
	       regs->error_code, regs->eip);
	if (regs->vector == 14)
		printk(KERN_EMERG ", CR2 %08lx (%s, %s, %s mode)", cr2,
		       regs->error_code & 2 ? "write" : "read",
		       regs->error_code & 1 ? "protection" : "not present",
		       regs->error_code & 4 ? "user" : "kernel");
	printk(KERN_EMERG "\n");
	show_regs(regs);
	dump_stack_from(regs->ebp);
}

void kernel_fault(struct pt_regs *regs, unsigned long cr2)
{
	report_exception(regs, cr2);
	if (fault_recovery) {
		struct kjmp *j = fault_recovery;
		fault_recovery = NULL;
		kjmp_jump(j, (int)regs->vector + 1);
	}
	panic("unhandled %s in kernel mode",
	      regs->vector < 20 ? exception_names[regs->vector] : "exception");
}

void (*kernel_step_hook)(struct pt_regs *regs);

static void do_exception(struct pt_regs *regs)
{
	if (regs->vector == 14) {
		do_page_fault(regs);
		return;
	}
	if (user_mode(regs)) {
		user_exception(regs, regs->vector < 20 ? exception_signal[regs->vector] : SIGSEGV);
		return;
	}
	if (regs->vector == 1 && kernel_step_hook) {
		kernel_step_hook(regs);
		return;
	}
	if (fixup_exception(regs))
		return;
	kernel_fault(regs, 0);
}


void do_interrupt(struct pt_regs *regs)
{
	if (regs->vector < 32)
		do_exception(regs);
	else if (regs->vector < 48)
		do_irq(regs);
	else if (regs->vector == SYSCALL_VECTOR)
		do_syscall(regs);
	if (user_mode(regs))
		exit_to_user_mode(regs);
}
