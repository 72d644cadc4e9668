/*
 * Work done on every timer tick, from the timer interrupt.
 */
#include <kernel/time.h>

void ktest_watchdog_tick(void);

void timer_tick_hooks(struct pt_regs *regs)
{
	ktest_watchdog_tick();
}
