/*
 * Watchdogs: soft lockups and hung tasks (Linux 2.6's kernel/softlockup.c
 * and kernel/hung_task.c; Mauerer ch. 2 on the scheduler they watch).
 *
 * Soft lockup. The kernel is not preemptible: code that loops in kernel
 * mode without calling schedule() starves every other task, and code that
 * loops with interrupts off starves the interrupt handlers as well. Linux
 * notices the first from a timer interrupt that finds its watchdog thread
 * has not run, the second (a "hard lockup") from an NMI. QEMU's PC gives
 * us no NMI source, so both checks run in the timer interrupt, against
 * the TSC, which keeps counting while interrupts are off:
 *
 *  - schedule() stamps the TSC (touch_softlockup_watchdog). A tick that
 *    interrupts kernel code of a task other than idle, and finds the stamp
 *    older than softlockup_thresh seconds, reports that task with the
 *    registers and backtrace of where it is looping.
 *  - every tick stamps the TSC too. A tick that finds the previous one
 *    more than softlockup_thresh seconds ago knows interrupts were off for
 *    that long. It can only tell once they are back on, so what it shows
 *    is the place that turned them on again (the code it interrupted),
 *    the end of the stretch and usually inside the function to blame. A
 *    loop that never enables interrupts again is seen by nobody in the
 *    kernel: the launcher's timeout reports it as a hang.
 *
 * A stretch is reported again for each further threshold it lasts.
 * Boot parameter softlockup_thresh=N (seconds; 0 turns it off; default 20).
 *
 * Hung tasks. khungtaskd wakes four times per hung_task_timeout_secs and
 * reports each task in TASK_UNINTERRUPTIBLE that has not run for longer
 * than the timeout (context_switch stamps last_switch when a task leaves
 * the CPU): its name, pid, and the backtrace of where it sleeps, read from
 * the frame pointers on its saved kernel stack. Once per sleep. Boot
 * parameter hung_task_timeout_secs=N (0 turns it off; default 120, as
 * Linux's).
 *
 * A virtual machine the host stops for a while looks like a lockup to
 * both (the TSC and the PIT follow the host's clock); Linux guests share
 * the trouble, and the defaults leave room for it.
 *
 * Locking: the soft-lockup stamps are written with interrupts off only
 * (schedule() and the tick). khungtaskd walks task_list and reads other
 * tasks' stacks without sleeping; tasks are created and reaped only by
 * tasks, and a task that sleeps does not touch its stack, so on our one
 * CPU neither changes under the walk.
 */
#include <kernel/watchdog.h>
#include <kernel/params.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/time.h>
#include <arch/x86/cpu.h>
#include <lib/string.h>
#include <lib/vsnprintf.h>
#include <uapi/errno.h>

static unsigned int softlockup_thresh = 20;
static unsigned int hung_task_timeout_secs = 120;

unsigned long softlockup_reports, hung_task_reports;
struct watchdog_report last_softlockup, last_hung_task;

static u64 touch_ts, last_tick_ts; /* TSC at the last schedule() and the last tick */

/* "N" seconds, 0 (off) to a day. */
static int parse_seconds(const char *val, unsigned int *out)
{
	const char *end;
	unsigned long long v;

	if (!val)
		return -EINVAL;
	v = simple_strtoull(val, &end, 10);
	if (end == val || *end || v > 86400)
		return -EINVAL;
	*out = (unsigned int)v;
	return 0;
}

static int set_softlockup_thresh(const char *val)
{
	return parse_seconds(val, &softlockup_thresh);
}
__setup("softlockup_thresh", set_softlockup_thresh);

static int set_hung_task_timeout(const char *val)
{
	return parse_seconds(val, &hung_task_timeout_secs);
}
__setup("hung_task_timeout_secs", set_hung_task_timeout);

/* Fill @r for task @t, starting the trace at @eip and the frame at @ebp. */
static void record(struct watchdog_report *r, enum watchdog_kind kind, const struct task_struct *t,
		   unsigned long ms, unsigned long eip, unsigned long ebp)
{
	r->kind = kind;
	r->pid = t->pid;
	strlcpy(r->comm, t->comm, sizeof(r->comm));
	r->ms = ms;
	r->trace[0] = eip;
	r->depth = 1 + save_stack_trace_from(ebp, r->trace + 1, WATCHDOG_TRACE_MAX - 1);
}

/* ---- soft lockup ---------------------------------------------------------- */

void touch_softlockup_watchdog(void)
{
	touch_ts = rdtsc();
}

static unsigned long ms_between(u64 from, u64 to)
{
	return (unsigned long)(tsc_to_ns(to - from) / 1000000);
}

static void report_softlockup(enum watchdog_kind kind, unsigned long ms, struct pt_regs *regs)
{
	record(&last_softlockup, kind, current, ms, regs->eip, regs->ebp);
	softlockup_reports++;
	if (kind == SOFTLOCKUP_IRQS_OFF)
		printk(KERN_ERR "BUG: soft lockup - CPU#0 had interrupts off for %lu.%03lus! "
				"[%s:%d] (shown where they came back on)\n",
		       ms / 1000, ms % 1000, current->comm, current->pid);
	else
		printk(KERN_ERR "BUG: soft lockup - CPU#0 stuck for %lus without schedule()! "
				"[%s:%d]\n",
		       ms / 1000, current->comm, current->pid);
	show_regs(regs);
	show_stack_trace(last_softlockup.trace, last_softlockup.depth);
}

void softlockup_tick(struct pt_regs *regs)
{
	u64 now = rdtsc(), prev = last_tick_ts;
	unsigned long limit = softlockup_thresh * 1000UL;

	last_tick_ts = now;
	if (!softlockup_thresh || !prev) {
		touch_ts = now;
		return;
	}
	if (ms_between(prev, now) > limit) {
		report_softlockup(SOFTLOCKUP_IRQS_OFF, ms_between(prev, now), regs);
		touch_ts = now;
		return;
	}
	/* User mode is preemptible, and the idle task (pid 0) only halts. */
	if (user_mode(regs) || current->pid == 0) {
		touch_ts = now;
		return;
	}
	if (ms_between(touch_ts, now) > limit) {
		report_softlockup(SOFTLOCKUP_NO_SCHEDULE, ms_between(touch_ts, now), regs);
		touch_ts = now;
	}
}

/* ---- hung tasks ----------------------------------------------------------- */

static bool task_hung(const struct task_struct *t, unsigned long timeout)
{
	return t->state == TASK_UNINTERRUPTIBLE && t->switch_count && !t->hung_reported &&
	       time_after(jiffies, t->last_switch + timeout);
}

static void report_hung_task(struct task_struct *t)
{
	/* switch_to_asm left edi, esi, ebx, ebp and its return address there. */
	const u32 *sp = (const u32 *)t->esp;

	record(&last_hung_task, HUNG_TASK, t, (jiffies - t->last_switch) * (1000 / HZ), sp[4],
	       sp[3]);
	t->hung_reported = true;
	hung_task_reports++;
	printk(KERN_ERR "INFO: task %s:%d blocked for more than %u seconds.\n", t->comm, t->pid,
	       hung_task_timeout_secs);
	printk(KERN_ERR "      hung_task_timeout_secs=0 disables this message.\n");
	show_stack_trace(last_hung_task.trace, last_hung_task.depth);
}

static int khungtaskd(void *arg)
{
	unsigned long timeout = hung_task_timeout_secs * (unsigned long)HZ;

	for (;;) {
		struct task_struct *t;

		list_for_each_entry (t, &task_list, tasks)
			if (t != current && task_hung(t, timeout))
				report_hung_task(t);
		current->state = TASK_INTERRUPTIBLE;
		schedule_timeout(timeout / 4 ? timeout / 4 : 1);
	}
	return 0;
}

void watchdog_init(void)
{
	touch_softlockup_watchdog();
	if (hung_task_timeout_secs && !kernel_thread(khungtaskd, NULL, "khungtaskd"))
		printk(KERN_ERR "watchdog: cannot start khungtaskd: hung tasks go unreported\n");
}
