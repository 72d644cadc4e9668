/*
 * crash=panic|triple|hang|pf|de: make the kernel fail on purpose right
 * after boot, so the harness can check that the launcher reports each kind
 * of failure (panic, triple fault, hang, unhandled exception) as a failure
 * with the right reason, never as a pass.
 */
#include <kernel/params.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <uapi/errno.h>

static const char *crash_mode;

static int set_crash(const char *val)
{
	static const char *const modes[] = { "panic", "triple", "hang", "pf", "de" };

	for (size_t i = 0; val && i < ARRAY_SIZE(modes); i++)
		if (!strcmp(val, modes[i])) {
			crash_mode = modes[i];
			return 0;
		}
	return -EINVAL;
}
__setup("crash", set_crash);

static unsigned int zero;
static volatile unsigned long bad_address = 0x10;

void crashtest(void)
{
	if (!crash_mode)
		return;
	printk("crashtest: %s\n", crash_mode);
	if (!strcmp(crash_mode, "panic"))
		panic("crashtest requested");
	if (!strcmp(crash_mode, "triple")) {
		/* An empty IDT turns the next exception into a triple fault. */
		struct {
			u16 limit;
			u32 base;
		} __attribute__((packed)) idtr = { 0, 0 };
		__asm__ __volatile__("lidt %0; int3" ::"m"(idtr));
	}
	if (!strcmp(crash_mode, "hang"))
		for (;;)
			__asm__ __volatile__("cli; hlt");
	if (!strcmp(crash_mode, "pf"))
		*(volatile int *)bad_address = 1;
	if (!strcmp(crash_mode, "de"))
		__asm__ __volatile__("xor %%edx, %%edx; divl %0" ::"r"(zero) : "eax", "edx");
}
