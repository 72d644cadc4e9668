/*
 * PIT channel 0 as the periodic tick (HZ), and TSC calibration against
 * PIT channel 2 in one-shot mode (the speaker gate, polled via port 0x61),
 * the classic method that needs no other timer.
 */
#include <kernel/time.h>
#include <kernel/printk.h>
#include <arch/x86/traps.h>
#include <arch/x86/io.h>
#include <arch/x86/cpu.h>

#define PIT_HZ 1193182
#define PIT_CH0 0x40
#define PIT_CH2 0x42
#define PIT_CMD 0x43

volatile unsigned long jiffies;
u64 tsc_khz;
static u64 tsc_boot;

static void timer_interrupt(struct pt_regs *regs)
{
	jiffies++;
	timer_tick_hooks(regs);
}

/* TSC cycles during @ms milliseconds, timed by PIT channel 2. */
static u64 measure_tsc(unsigned int ms)
{
	u32 count = PIT_HZ * ms / 1000;
	u64 start, end;

	outb(0x61, (inb(0x61) & ~0x02) | 0x01);	/* gate on, speaker off */
	outb(PIT_CMD, 0xB0);			/* channel 2, lo/hi, mode 0 */
	outb(PIT_CH2, count & 0xFF);
	outb(PIT_CH2, count >> 8);
	start = rdtsc();
	while (!(inb(0x61) & 0x20))
		;
	end = rdtsc();
	return end - start;
}

void time_init(void)
{
	u32 divisor = PIT_HZ / HZ;
	u64 best = ~0ULL;

	/* The shortest of a few runs is the one least disturbed by the host. */
	for (int i = 0; i < 3; i++) {
		u64 c = measure_tsc(10);
		if (c < best)
			best = c;
	}
	tsc_khz = best / 10;
	if (!tsc_khz)
		tsc_khz = 1;
	tsc_boot = rdtsc();
	outb(PIT_CMD, 0x36);	/* channel 0, lo/hi, mode 3 (square wave) */
	outb(PIT_CH0, divisor & 0xFF);
	outb(PIT_CH0, divisor >> 8);
	request_irq(IRQ_TIMER, timer_interrupt);
	printk(KERN_INFO "time: PIT at %d Hz, TSC %llu.%03llu MHz\n", HZ, tsc_khz / 1000,
	       tsc_khz % 1000);
}

u64 tsc_to_ns(u64 cycles)
{
	/* cycles * 1e6 / khz, split to avoid overflow for long intervals */
	return cycles / tsc_khz * 1000000ULL + (cycles % tsc_khz) * 1000000ULL / tsc_khz;
}

u64 ktime_get_ns(void)
{
	return tsc_to_ns(rdtsc() - tsc_boot);
}

void udelay(unsigned long us)
{
	u64 end = rdtsc() + tsc_khz * us / 1000;

	while (rdtsc() < end)
		cpu_relax();
}
