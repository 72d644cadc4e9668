/*
 * /proc/stat and /proc/uptime, in Linux's formats (proc(5)), for vmstat's
 * r, b, in and cs columns and its per-second rates.
 *
 * /proc/stat has the lines vmstat reads, without the "cpu" lines (we keep
 * no per-state CPU time for exited tasks) and without btime (no RTC):
 *
 *	intr TOTAL IRQ0 ... IRQ15	interrupts since boot, then per line
 *	ctxt N				context switches
 *	processes N			forks
 *	procs_running N			tasks on the run queue, the reader included
 *	procs_blocked N			user tasks in uninterruptible sleep (D)
 *
 * Linux's procs_blocked counts tasks waiting for I/O. Ours are user tasks
 * in TASK_UNINTERRUPTIBLE: they wait for a page lock, a writeback, a disk
 * request or reclaim. Kernel threads are left out because kswapd sleeps
 * uninterruptibly while it has nothing to do.
 *
 * /proc/uptime: "SECONDS IDLE", both with two decimals, from jiffies and
 * the idle task's ticks.
 */
#include <fs/proc.h>
#include <arch/x86/irqflags.h>
#include <arch/x86/traps.h>
#include <kernel/sched.h>
#include <kernel/time.h>

static void show_stat(struct seq_buf *s)
{
	unsigned long irqs[NR_IRQS], total = 0, flags = local_irq_save();
	const struct task_struct *t;
	int blocked = 0;

	/* one snapshot, so the total is the sum of the lines even as interrupts arrive */
	for (int irq = 0; irq < NR_IRQS; irq++)
		total += irqs[irq] = irq_count[irq];
	local_irq_restore(flags);
	seq_printf(s, "intr %lu", total);
	for (int irq = 0; irq < NR_IRQS; irq++)
		seq_printf(s, " %lu", irqs[irq]);
	list_for_each_entry(t, &task_list, tasks)
		if (t->state == TASK_UNINTERRUPTIBLE && !t->kthread && t->mm)
			blocked++;
	seq_printf(s, "\nctxt %lu\nprocesses %lu\nprocs_running %d\nprocs_blocked %d\n",
		   nr_context_switches, nr_forks, nr_running(), blocked);
}
PROC_ENTRY(stat, show_stat);

static void show_uptime(struct seq_buf *s)
{
	const struct task_struct *idle = find_task_by_pid(0);
	unsigned long up = jiffies, idle_ticks = idle ? idle->utime + idle->stime : 0;

	seq_printf(s, "%lu.%02lu %lu.%02lu\n", up / HZ, (up % HZ) * 100 / HZ, idle_ticks / HZ,
		   (idle_ticks % HZ) * 100 / HZ);
}
PROC_ENTRY(uptime, show_uptime);
