/*
 * Kernel timers: run a function from the timer interrupt once jiffies
 * reaches @expires (Mauerer ch. 15, the classic low-resolution timers).
 * The function runs in interrupt context: it must not sleep.
 * Locking: the timer list is changed with interrupts off.
 */
#ifndef KERNEL_TIMER_H
#define KERNEL_TIMER_H

#include <lib/list.h>

struct timer_list {
	struct list_head entry;
	unsigned long expires;
	void (*function)(void *data);
	void *data;
};

static inline void init_timer(struct timer_list *t, void (*fn)(void *), void *data)
{
	INIT_LIST_HEAD(&t->entry);
	t->function = fn;
	t->data = data;
}

/* (Re)arm @t to fire at @expires. */
void mod_timer(struct timer_list *t, unsigned long expires);
/* Disarm @t; true if it was pending. */
bool del_timer(struct timer_list *t);
bool timer_pending(const struct timer_list *t);

#endif
