/*
 * Self-tests of the watchdogs (kernel/watchdog.c), which provoke each
 * report and check what it names: the task, and a backtrace through the
 * function that misbehaved.
 *
 *   soft lockup, interrupts off   spin with interrupts off past the limit
 *   soft lockup, no schedule()    spin in kernel mode past the limit
 *   hung task                     sleep uninterruptibly past the timeout
 *   no report for an interruptible sleep just as long
 *
 * Explicit: tests/suites_mm.py boots "test=watchdog" with
 * softlockup_thresh=1 hung_task_timeout_secs=1, so each case takes a few
 * seconds.
 */
#include <kernel/ktest.h>
#include <kernel/watchdog.h>
#include <kernel/panic.h>
#include <kernel/time.h>
#include <arch/x86/cpu.h>
#include <arch/x86/irqflags.h>
#include <lib/vsnprintf.h>

#define LIMIT_MS 1000 /* the boot's softlockup_thresh and hung_task_timeout_secs */

/* Does @r's backtrace pass through the function named @fn (or a clone, @fn.constprop.0)? */
static bool trace_has(const struct watchdog_report *r, const char *fn)
{
	size_t n = strlen(fn);
	char sym[80];

	for (int i = 0; i < r->depth; i++)
		if (ksym_lookup(r->trace[i], sym, sizeof(sym)) && !strncmp(sym, fn, n) &&
		    (sym[n] == '+' || sym[n] == '.'))
			return true;
	return false;
}

/*
 * Busy-wait @ms milliseconds of TSC time without calling schedule(). The
 * loop calls no function, so the tick always interrupts it here.
 */
static __attribute__((noinline)) void spin_without_schedule(unsigned long ms)
{
	u64 end = rdtsc() + tsc_khz * ms;

	while (rdtsc() < end)
		cpu_relax();
}

static __attribute__((noinline)) void spin_with_interrupts_off(unsigned long ms)
{
	unsigned long flags = local_irq_save();

	spin_without_schedule(ms);
	local_irq_restore(flags); /* the pending tick comes in right here */
}

/* Let one timer tick pass (interrupts on). */
static void next_tick(void)
{
	unsigned long j = jiffies;

	while (jiffies == j)
		cpu_relax();
}

static void test_softlockup_interrupts_off(struct ktest *t)
{
	unsigned long n0 = softlockup_reports;

	schedule_timeout_uninterruptible(1); /* a fresh schedule() stamp */
	spin_with_interrupts_off(LIMIT_MS * 2);
	next_tick();
	KT_ASSERT_EQ(t, softlockup_reports, n0 + 1);
	KT_EXPECT_EQ(t, last_softlockup.kind, SOFTLOCKUP_IRQS_OFF);
	KT_EXPECT_EQ(t, last_softlockup.pid, current->pid);
	KT_EXPECT(t, last_softlockup.ms > LIMIT_MS);
	KT_EXPECT(t, trace_has(&last_softlockup, "spin_with_interrupts_off"));
}

static void test_softlockup_no_schedule(struct ktest *t)
{
	unsigned long n0 = softlockup_reports;

	schedule_timeout_uninterruptible(1); /* a fresh stamp */
	spin_without_schedule(LIMIT_MS * 3 / 2);
	KT_ASSERT_EQ(t, softlockup_reports, n0 + 1);
	KT_EXPECT_EQ(t, last_softlockup.kind, SOFTLOCKUP_NO_SCHEDULE);
	KT_EXPECT_EQ(t, last_softlockup.pid, current->pid);
	KT_EXPECT_STREQ(t, last_softlockup.comm, current->comm);
	KT_EXPECT(t, trace_has(&last_softlockup, "spin_without_schedule"));
	KT_EXPECT(t, trace_has(&last_softlockup, "test_softlockup_no_schedule"));
}

static __attribute__((noinline)) void sleep_uninterruptibly(unsigned long ms)
{
	schedule_timeout_uninterruptible((long)(ms * HZ / 1000));
	__asm__ __volatile__("" ::: "memory"); /* no tail call: keep this frame */
}

static void test_hung_task_reported(struct ktest *t)
{
	unsigned long n0 = hung_task_reports;

	sleep_uninterruptibly(LIMIT_MS * 5 / 2);
	KT_ASSERT_EQ(t, hung_task_reports, n0 + 1); /* once per sleep */
	KT_EXPECT_EQ(t, last_hung_task.kind, HUNG_TASK);
	KT_EXPECT_EQ(t, last_hung_task.pid, current->pid);
	KT_EXPECT_STREQ(t, last_hung_task.comm, current->comm);
	KT_EXPECT(t, last_hung_task.ms > LIMIT_MS);
	KT_EXPECT(t, trace_has(&last_hung_task, "sleep_uninterruptibly"));
	KT_EXPECT(t, trace_has(&last_hung_task, "test_hung_task_reported"));
}

static void test_interruptible_sleep_not_reported(struct ktest *t)
{
	unsigned long n0 = hung_task_reports;

	current->state = TASK_INTERRUPTIBLE;
	schedule_timeout((long)(LIMIT_MS * 5 / 2 * HZ / 1000));
	KT_EXPECT_EQ(t, hung_task_reports, n0);
}

KTEST_SUITE_FLAGS(watchdog, KTEST_EXPLICIT, KTEST_CASE(test_softlockup_interrupts_off),
		  KTEST_CASE(test_softlockup_no_schedule), KTEST_CASE(test_hung_task_reported),
		  KTEST_CASE(test_interruptible_sleep_not_reported));
