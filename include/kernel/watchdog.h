/*
 * Watchdogs (kernel/watchdog.c): the soft-lockup detector, which reports
 * a CPU that ran kernel code for softlockup_thresh seconds without
 * schedule() or with interrupts off, and khungtaskd, which reports tasks
 * in uninterruptible sleep for hung_task_timeout_secs. Both print a
 * backtrace; the last report of each kind is kept for the self-tests.
 */
#ifndef KERNEL_WATCHDOG_H
#define KERNEL_WATCHDOG_H

#include <lib/types.h>
#include <kernel/sched.h>

#define WATCHDOG_TRACE_MAX 16

enum watchdog_kind {
	SOFTLOCKUP_NO_SCHEDULE, /* kernel code ran on without calling schedule() */
	SOFTLOCKUP_IRQS_OFF,	/* interrupts were off */
	HUNG_TASK,		/* a task slept uninterruptibly */
};

struct watchdog_report {
	enum watchdog_kind kind;
	int pid;
	char comm[TASK_COMM_LEN];
	unsigned long ms;			 /* how long it lasted when reported */
	unsigned long trace[WATCHDOG_TRACE_MAX]; /* return addresses, innermost first */
	int depth;
};

/* Reports so far, and the last one of each detector (read with interrupts off). */
extern unsigned long softlockup_reports, hung_task_reports;
extern struct watchdog_report last_softlockup, last_hung_task;

/* schedule() ran: the CPU is not locked up. */
void touch_softlockup_watchdog(void);
/* From the timer interrupt, every tick. */
void softlockup_tick(struct pt_regs *regs);
/* Start khungtaskd (once the scheduler runs). */
void watchdog_init(void);

#endif
