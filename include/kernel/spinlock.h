/*
 * Spinlocks for a uniprocessor, non-preemptive kernel: taking one disables
 * interrupts, which is the only concurrency a kernel path can meet while it
 * does not sleep. The owner flag catches recursive locking and unlocking a
 * lock that is not held. Never sleep with a spinlock held.
 */
#ifndef KERNEL_SPINLOCK_H
#define KERNEL_SPINLOCK_H

#include <arch/x86/irqflags.h>
#include <kernel/bug.h>

typedef struct {
	int locked;
} spinlock_t;

#define SPIN_LOCK_UNLOCKED { 0 }
#define DEFINE_SPINLOCK(name) spinlock_t name = SPIN_LOCK_UNLOCKED

static inline void spin_lock_init(spinlock_t *l)
{
	l->locked = 0;
}

static inline unsigned long spin_lock_irqsave(spinlock_t *l)
{
	unsigned long flags = local_irq_save();
	BUG_ON(l->locked);
	l->locked = 1;
	return flags;
}

static inline void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags)
{
	BUG_ON(!l->locked);
	l->locked = 0;
	local_irq_restore(flags);
}

static inline bool spin_is_locked(const spinlock_t *l)
{
	return l->locked;
}

#endif
