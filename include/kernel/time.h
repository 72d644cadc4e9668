/*
 * Time: the PIT ticks HZ times a second (jiffies); the TSC, calibrated
 * against the PIT at boot, gives nanosecond timestamps for trace events
 * and benchmarks.
 *
 * Defined in arch/x86/time.c; timer_tick_hooks in kernel/timer.c.
 */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include <lib/types.h>

struct pt_regs;

#define HZ 100

extern volatile unsigned long jiffies;
extern u64 tsc_khz;

void time_init(void);
/* Nanoseconds since boot (TSC based). */
u64 ktime_get_ns(void);
/* Convert a TSC delta to nanoseconds. */
u64 tsc_to_ns(u64 cycles);
/* Busy-wait; only for drivers' short delays. */
void udelay(unsigned long us);
/* Called from the timer interrupt each tick (scheduler, watchdogs). */
void timer_tick_hooks(struct pt_regs *regs);

#define time_after(a, b) ((long)((b) - (a)) < 0)
#define time_before(a, b) time_after(b, a)



#endif
