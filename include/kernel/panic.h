/*
 * Fatal errors, backtraces and powering off.
 *
 * Exit codes for QEMU's isa-debug-exit device (port 0xf4): QEMU exits with
 * status (code << 1) | 1, so the launcher sees 33 (success), 35 (failure:
 * some test failed or init exited non-zero) and 37 (panic).
 *
 * Defined in kernel/panic.c; crashtest in kernel/crashtest.c.
 */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include <lib/compiler.h>

/* crash=...: fail on purpose after boot (kernel/crashtest.c). */
void crashtest(void);

struct pt_regs;

#define EXIT_SUCCESS_CODE 0x10
#define EXIT_FAILURE_CODE 0x11
#define EXIT_PANIC_CODE   0x12

__noreturn __printf(1, 2) void panic(const char *fmt, ...);
/* Print the registers and a backtrace for an exception, then panic. */
__noreturn void die(const char *what, struct pt_regs *regs);
void show_regs(const struct pt_regs *regs);
/* Backtrace from frame pointer @ebp (0: the caller's frame). */
void dump_stack_from(unsigned long ebp);
/* The return addresses of the frame chain at @ebp, innermost first; returns how many. */
int save_stack_trace_from(unsigned long ebp, unsigned long *trace, int max);
/* Print a saved trace as "Call trace:" and one symbolised line per address. */
void show_stack_trace(const unsigned long *trace, int depth);
void dump_stack(void);
/* "name+0x1c" for a kernel text address; false when unknown. */
bool ksym_lookup(unsigned long addr, char *buf, size_t len);
__noreturn void machine_power_off(int code);

#endif
