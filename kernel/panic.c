/*
 * panic(), BUG/WARN reports, register dumps and symbolised backtraces.
 *
 * Backtraces follow the saved frame pointers (the kernel is built with
 * -fno-omit-frame-pointer); boot.asm clears EBP so the chain ends. Each
 * return address is named from the .ksyms table the second link pass
 * fills in (scripts/gen-ksyms).
 */
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/bug.h>
#include <kernel/telemetry.h>
#include <arch/x86/ptrace.h>
#include <arch/x86/cpu.h>
#include <arch/x86/io.h>
#include <arch/x86/irqflags.h>
#include <lib/vsnprintf.h>
#include <lib/string.h>
#include <mm/page.h>

extern const u32 ksyms_count;
extern const u32 ksyms_addrs[];
extern const char *const ksyms_names[];
extern char _kernel_start[], _etext[];

static int panicking;

bool ksym_lookup(unsigned long addr, char *buf, size_t len)
{
	u32 lo = 0, hi = ksyms_count;

	if (addr < (unsigned long)_kernel_start || addr >= (unsigned long)_etext || !hi)
		return false;
	while (hi - lo > 1) {
		u32 mid = (lo + hi) / 2;
		if (ksyms_addrs[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (ksyms_addrs[lo] > addr)
		return false;
	snprintf(buf, len, "%s+0x%lx", ksyms_names[lo], addr - ksyms_addrs[lo]);
	return true;
}

static void print_frame(unsigned long eip)
{
	char sym[80];

	if (!ksym_lookup(eip, sym, sizeof(sym)))
		strlcpy(sym, "?", sizeof(sym));
	printk(KERN_EMERG "  [<%08lx>] %s\n", eip, sym);
}

/* A frame pointer we may dereference: in the direct map and aligned. */
static bool frame_ok(unsigned long ebp)
{
	return ebp >= PAGE_OFFSET && !(ebp & 3) && ebp < 0xFFFFF000UL;
}

int save_stack_trace_from(unsigned long ebp, unsigned long *trace, int max)
{
	int depth = 0;

	while (depth < max && frame_ok(ebp)) {
		unsigned long *frame = (unsigned long *)ebp;
		if (!frame[1])
			break;
		trace[depth++] = frame[1];
		if (frame[0] <= ebp)
			break;	/* frames grow upwards; anything else is corrupt */
		ebp = frame[0];
	}
	return depth;
}

void show_stack_trace(const unsigned long *trace, int depth)
{
	printk(KERN_EMERG "Call trace:\n");
	for (int i = 0; i < depth; i++)
		print_frame(trace[i]);
}

void dump_stack_from(unsigned long ebp)
{
	unsigned long trace[24];

	show_stack_trace(trace, save_stack_trace_from(ebp, trace, ARRAY_SIZE(trace)));
}

void dump_stack(void)
{
	dump_stack_from(read_ebp());
}

void show_regs(const struct pt_regs *r)
{
	char sym[80];

	if (!ksym_lookup(r->eip, sym, sizeof(sym)))
		strlcpy(sym, user_mode(r) ? "user" : "?", sizeof(sym));
	printk(KERN_EMERG "EIP: %04x:%08x [%s] EFLAGS: %08x\n", r->cs & 0xffff, r->eip, sym,
	       r->eflags);
	printk(KERN_EMERG "EAX: %08x EBX: %08x ECX: %08x EDX: %08x\n", r->eax, r->ebx, r->ecx,
	       r->edx);
	printk(KERN_EMERG "ESI: %08x EDI: %08x EBP: %08x CR2: %08x CR3: %08x\n", r->esi, r->edi,
	       r->ebp, read_cr2(), read_cr3());
}

void machine_power_off(int code)
{
	if (code != EXIT_PANIC_CODE)
		telemetry_shutdown();
	local_irq_disable();
	outb(0xf4, (u8)code);		/* isa-debug-exit: QEMU exits here */
	outw(0x604, 0x2000);		/* ACPI power off on QEMU's pc machine */
	for (;;)
		halt();
}

/* The registers of the caller of panic(), as an exception frame would hold them. */
static void capture_regs(struct pt_regs *r)
{
	memset(r, 0, sizeof(*r));
	__asm__ __volatile__("mov %%eax, %0\n\tmov %%ebx, %1\n\tmov %%ecx, %2\n\t"
			     "mov %%edx, %3\n\tmov %%esi, %4\n\tmov %%edi, %5\n\tmov %%ebp, %6"
			     : "=m"(r->eax), "=m"(r->ebx), "=m"(r->ecx), "=m"(r->edx), "=m"(r->esi),
			       "=m"(r->edi), "=m"(r->ebp));
	__asm__ __volatile__("pushfl; popl %0" : "=r"(r->eflags));
	__asm__ __volatile__("mov %%cs, %0" : "=r"(r->cs));
	r->eip = (u32)__builtin_return_address(0);
}

void panic(const char *fmt, ...)
{
	struct pt_regs regs;
	char buf[256];
	va_list ap;

	local_irq_disable();
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (panicking++) {
		console_write("panic: recursive panic\n", 23);
		machine_power_off(EXIT_PANIC_CODE);
	}
	console_loglevel = 7;
	capture_regs(&regs);
	printk(KERN_EMERG "Kernel panic: %s\n", buf);
	show_regs(&regs);
	dump_stack();
	printk(KERN_EMERG "---[ end Kernel panic: %s ]---\n", buf);
	machine_power_off(EXIT_PANIC_CODE);
}

void die(const char *what, struct pt_regs *regs)
{
	local_irq_disable();
	console_loglevel = 7;
	show_regs(regs);
	dump_stack_from(regs->ebp);
	panic("%s", what);
}

void bug_fail(const char *file, int line, const char *cond)
{
	panic("BUG at %s:%d: %s", file, line, cond);
}

void warn_fail(const char *file, int line, const char *cond)
{
	printk(KERN_WARNING "WARNING at %s:%d: %s\n", file, line, cond);
	dump_stack();
}
