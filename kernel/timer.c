/*
 * Work done on every timer tick, from the timer interrupt: kernel timers
 * (a short unsorted list: a few drivers and watchdogs use them), the
 * scheduler's tick, the soft-lockup detector (first, so the time a slow
 * timer function takes does not count as interrupts off) and the
 * self-test watchdog.
 */
#include <kernel/time.h>
#include <kernel/timer.h>
#include <kernel/sched.h>
#include <kernel/watchdog.h>
#include <kernel/ktest.h>
#include <arch/x86/irqflags.h>

static LIST_HEAD(timers);

void mod_timer(struct timer_list *t, unsigned long expires)
{
	unsigned long flags = local_irq_save();

	t->expires = expires;
	if (list_empty(&t->entry))
		list_add_tail(&t->entry, &timers);
	local_irq_restore(flags);
}

bool del_timer(struct timer_list *t)
{
	unsigned long flags = local_irq_save();
	bool pending = !list_empty(&t->entry);

	if (pending)
		list_del_init(&t->entry);
	local_irq_restore(flags);
	return pending;
}

bool timer_pending(const struct timer_list *t)
{
	return !list_empty(&t->entry);
}

static struct timer_list *first_expired(void)
{
	struct timer_list *t;

	list_for_each_entry(t, &timers, entry)
		if (!time_before(jiffies, t->expires))
			return t;
	return NULL;
}

/* Rescan after each call: a function may arm or delete any timer. */
static void run_timers(void)
{
	struct timer_list *t;

	while ((t = first_expired())) {
		list_del_init(&t->entry);
		t->function(t->data);
	}
}

void timer_tick_hooks(struct pt_regs *regs)
{
	softlockup_tick(regs);
	run_timers();
	scheduler_tick(regs);
	ktest_watchdog_tick();
}
