/*
 * Wait queues: how a task sleeps until something happens (a disk request
 * completes, a child exits, memory is freed) and how an interrupt handler
 * or another task wakes it (Mauerer §14.4).
 *
 * The sleeper's pattern (wait_event does it for you):
 *	prepare_to_wait(wq, &w, TASK_UNINTERRUPTIBLE);  state set BEFORE the check
 *	if (!condition) schedule();                     so a wake-up in between
 *	finish_wait(wq, &w);                            makes schedule() return
 * Locking: the queue is changed with interrupts off (wake_up may run in an
 * interrupt handler).
 *
 * Defined in kernel/sched.c; signal_pending_current in kernel/signal.c.
 */
#ifndef KERNEL_WAIT_H
#define KERNEL_WAIT_H

#include <lib/list.h>

struct task_struct;

typedef struct {
	struct list_head head;
} wait_queue_head_t;

struct wait_queue_entry {
	struct task_struct *task;
	struct list_head link;
};

/* A wait entry for the current task, not yet on any queue. */
#define DEFINE_WAIT(name) struct wait_queue_entry name = { NULL, LIST_HEAD_INIT((name).link) }

#define WAIT_QUEUE_HEAD_INIT(name) { LIST_HEAD_INIT((name).head) }
#define DECLARE_WAIT_QUEUE_HEAD(name) wait_queue_head_t name = WAIT_QUEUE_HEAD_INIT(name)

static inline void init_waitqueue_head(wait_queue_head_t *wq)
{
	INIT_LIST_HEAD(&wq->head);
}

void prepare_to_wait(wait_queue_head_t *wq, struct wait_queue_entry *w, int state);
void finish_wait(wait_queue_head_t *wq, struct wait_queue_entry *w);
/* Wake every task sleeping on @wq. Safe in interrupt context. */
void wake_up(wait_queue_head_t *wq);
bool waitqueue_active(const wait_queue_head_t *wq);
void schedule(void);
/* Sleep (state already set by the caller) for at most @ticks; returns ticks left. */
long schedule_timeout(long ticks);
bool signal_pending_current(void);

#define TASK_RUNNING		0
#define TASK_INTERRUPTIBLE	1	/* woken by signals too */
#define TASK_UNINTERRUPTIBLE	2
#define TASK_ZOMBIE		4	/* exited, waiting to be reaped */

/* Sleep until @cond is true; signals do not interrupt the wait. */
#define wait_event(wq, cond)                                                                       \
	do {                                                                                       \
		DEFINE_WAIT(__w);                                                       \
		for (;;) {                                                                         \
			prepare_to_wait(&(wq), &__w, TASK_UNINTERRUPTIBLE);                        \
			if (cond)                                                                  \
				break;                                                             \
			schedule();                                                                \
		}                                                                                  \
		finish_wait(&(wq), &__w);                                                          \
	} while (0)

/* Like wait_event, but give up after @ticks: returns ticks left, 0 on timeout. */
#define wait_event_timeout(wq, cond, ticks)                                                        \
	({                                                                                         \
		DEFINE_WAIT(__w);                                                       \
		long __left = (ticks);                                                             \
		for (;;) {                                                                         \
			prepare_to_wait(&(wq), &__w, TASK_UNINTERRUPTIBLE);                        \
			if (cond) {                                                                \
				if (!__left)                                                       \
					__left = 1;                                                \
				break;                                                             \
			}                                                                          \
			if (!__left)                                                               \
				break;                                                             \
			__left = schedule_timeout(__left);                                         \
		}                                                                                  \
		finish_wait(&(wq), &__w);                                                          \
		__left;                                                                            \
	})

/* Sleep until @cond is true or a signal arrives: 0 or -EINTR. */
#define wait_event_interruptible(wq, cond)                                                         \
	({                                                                                         \
		DEFINE_WAIT(__w);                                                       \
		int __ret = 0;                                                                     \
		for (;;) {                                                                         \
			prepare_to_wait(&(wq), &__w, TASK_INTERRUPTIBLE);                          \
			if (cond)                                                                  \
				break;                                                             \
			if (signal_pending_current()) {                                            \
				__ret = -EINTR;                                                    \
				break;                                                             \
			}                                                                          \
			schedule();                                                                \
		}                                                                                  \
		finish_wait(&(wq), &__w);                                                          \
		__ret;                                                                             \
	})

/* Like wait_event_interruptible, but give up after @ticks: ticks left (at least 1)
 * when @cond came true, 0 on timeout, -EINTR on a signal. */
#define wait_event_interruptible_timeout(wq, cond, ticks)                                          \
	({                                                                                         \
		DEFINE_WAIT(__w);                                                                  \
		long __left = (ticks);                                                             \
		for (;;) {                                                                         \
			prepare_to_wait(&(wq), &__w, TASK_INTERRUPTIBLE);                          \
			if (cond) {                                                                \
				if (!__left)                                                       \
					__left = 1;                                                \
				break;                                                             \
			}                                                                          \
			if (signal_pending_current()) {                                            \
				__left = -EINTR;                                                   \
				break;                                                             \
			}                                                                          \
			if (!__left)                                                               \
				break;                                                             \
			__left = schedule_timeout(__left);                                         \
		}                                                                                  \
		finish_wait(&(wq), &__w);                                                          \
		__left;                                                                            \
	})

#endif
