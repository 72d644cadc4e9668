/*
 * The scheduler: a run queue served round-robin, wait queues, sleeping
 * with a timeout, and the idle loop (Mauerer §2.5, in the simple shape
 * of Linux 2.4's goodness-free round robin).
 *
 * Invariants: a task is on run_queue exactly when its state is
 * TASK_RUNNING, except the idle task, which never is. The current task
 * stays on the queue while it runs; schedule() rotates it to the tail.
 * Locking: run_queue, sleep_timers and every wait queue are changed with
 * interrupts off, because interrupt handlers wake tasks.
 */
#include <kernel/sched.h>
#include <kernel/printk.h>
#include <kernel/time.h>
#include <kernel/panic.h>
#include <kernel/watchdog.h>
#include <arch/x86/segment.h>
#include <arch/x86/irqflags.h>
#include <arch/x86/cpu.h>
#include <mm/mm.h>
#include <uapi/errno.h>
#include <lib/string.h>

struct task_struct *current;
LIST_HEAD(task_list);
volatile bool need_resched;
unsigned long nr_context_switches;

static LIST_HEAD(run_queue);
static LIST_HEAD(sleep_timers);
static struct task_struct idle_task;
static struct task_struct *task_to_free;	/* a dead task to free after switching away */

void switch_to_asm(u32 *prev_esp, u32 next_esp);

void sched_init(void)
{
	extern char boot_stack_bottom[];

	idle_task.pid = 0;
	idle_task.state = TASK_RUNNING;
	strlcpy(idle_task.comm, "idle", sizeof(idle_task.comm));
	idle_task.stack = boot_stack_bottom;
	idle_task.kthread = true;
	INIT_LIST_HEAD(&idle_task.children);
	INIT_LIST_HEAD(&idle_task.sibling);
	INIT_LIST_HEAD(&idle_task.run_list);
	INIT_LIST_HEAD(&idle_task.timer_list);
	init_waitqueue_head(&idle_task.wait_chldexit);
	list_add_tail(&idle_task.tasks, &task_list);
	current = &idle_task;
}

void wake_up_process(struct task_struct *t)
{
	unsigned long flags = local_irq_save();

	if (t->state == TASK_INTERRUPTIBLE || t->state == TASK_UNINTERRUPTIBLE) {
		t->state = TASK_RUNNING;
		if (t != &idle_task && list_empty(&t->run_list))
			list_add_tail(&t->run_list, &run_queue);
		need_resched = true;
	}
	local_irq_restore(flags);
}

void sched_fork_done(struct task_struct *t)
{
	unsigned long flags = local_irq_save();

	t->state = TASK_RUNNING;
	list_add_tail(&t->run_list, &run_queue);
	local_irq_restore(flags);
}

/* Runs in the context of the task we just switched to (see also entry.asm). */
void schedule_tail(void)
{
	struct task_struct *dead = task_to_free;

	task_to_free = NULL;
	if (dead)
		free_task(dead);
}

static void context_switch(struct task_struct *prev, struct task_struct *next)
{
	if (next->mm && next->mm != active_mm)
		switch_mm(next->mm);
	tss_set_kernel_stack((u32)next->stack + THREAD_SIZE);
	gdt_load_tls(next->tls);
	fpu_switch(prev, next);
	if (prev->state == TASK_ZOMBIE && prev->kthread)
		task_to_free = prev;	/* nobody reaps kernel threads */
	prev->switch_count++;
	prev->last_switch = jiffies;	/* for khungtaskd */
	prev->hung_reported = false;
	nr_context_switches++;
	current = next;
	switch_to_asm(&prev->esp, next->esp);
	schedule_tail();
}

void schedule(void)
{
	unsigned long flags = local_irq_save();
	struct task_struct *prev = current, *next;

	need_resched = false;
	touch_softlockup_watchdog();
	if (prev != &idle_task) {
		if (prev->state == TASK_RUNNING)
			list_move_tail(&prev->run_list, &run_queue);
		else
			list_del_init(&prev->run_list);
	}
	next = list_empty(&run_queue) ? &idle_task
				       : list_first_entry(&run_queue, struct task_struct, run_list);
	next->time_slice = TIME_SLICE_TICKS;
	if (next != prev)
		context_switch(prev, next);
	local_irq_restore(flags);
}

void cond_resched(void)
{
	if (need_resched)
		schedule();
}

long schedule_timeout(long ticks)
{
	unsigned long flags = local_irq_save();
	long left;

	current->wake_at = jiffies + ticks;
	list_add_tail(&current->timer_list, &sleep_timers);
	local_irq_restore(flags);
	schedule();
	flags = local_irq_save();
	list_del_init(&current->timer_list);
	left = (long)(current->wake_at - jiffies);
	local_irq_restore(flags);
	return left > 0 ? left : 0;
}

void schedule_timeout_uninterruptible(long ticks)
{
	current->state = TASK_UNINTERRUPTIBLE;
	schedule_timeout(ticks);
}

static void run_sleep_timers(void)
{
	struct task_struct *t, *n;

	list_for_each_entry_safe(t, n, &sleep_timers, timer_list) {
		if (time_after(jiffies, t->wake_at) || jiffies == t->wake_at) {
			list_del_init(&t->timer_list);
			wake_up_process(t);
		}
	}
}

void scheduler_tick(struct pt_regs *regs)
{
	if (user_mode(regs))
		current->utime++;
	else
		current->stime++;
	run_sleep_timers();
	if (current != &idle_task && --current->time_slice <= 0)
		need_resched = true;
}

void cpu_idle(void)
{
	for (;;) {
		local_irq_disable();
		if (!list_empty(&run_queue))
			schedule();
		else
			safe_halt();	/* sti; hlt: no wake-up can slip in between */
	}
}

void prepare_to_wait(wait_queue_head_t *wq, struct wait_queue_entry *w, int state)
{
	unsigned long flags = local_irq_save();

	w->task = current;
	if (list_empty(&w->link))
		list_add_tail(&w->link, &wq->head);
	current->state = state;
	local_irq_restore(flags);
}

void finish_wait(wait_queue_head_t *wq, struct wait_queue_entry *w)
{
	unsigned long flags = local_irq_save();

	current->state = TASK_RUNNING;
	if (!list_empty(&w->link))
		list_del_init(&w->link);
	local_irq_restore(flags);
}

void wake_up(wait_queue_head_t *wq)
{
	unsigned long flags = local_irq_save();
	struct wait_queue_entry *w;

	list_for_each_entry(w, &wq->head, link)
		wake_up_process(w->task);
	local_irq_restore(flags);
}

bool waitqueue_active(const wait_queue_head_t *wq)
{
	return !list_empty(&wq->head);
}

struct task_struct *find_task_by_pid(int pid)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks)
		if (t->pid == pid && t->state != TASK_ZOMBIE)
			return t;
	return NULL;
}

int nr_running(void)
{
	struct task_struct *t;
	int n = 0;

	list_for_each_entry(t, &run_queue, run_list)
		n++;
	return n;
}

int nr_tasks(void)
{
	struct task_struct *t;
	int n = 0;

	list_for_each_entry(t, &task_list, tasks)
		n++;
	return n;
}
