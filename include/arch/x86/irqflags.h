/*
 * Interrupt flag helpers (EFLAGS.IF). The whole kernel runs on one CPU and
 * is not preempted while in kernel mode, so disabling interrupts is what
 * makes a critical section atomic against interrupt handlers.
 */
#ifndef ARCH_X86_IRQFLAGS_H
#define ARCH_X86_IRQFLAGS_H

#include <lib/types.h>

static inline unsigned long local_irq_save(void)
{
	unsigned long flags;
	__asm__ __volatile__("pushfl; popl %0; cli" : "=r"(flags)::"memory");
	return flags;
}

static inline void local_irq_restore(unsigned long flags)
{
	__asm__ __volatile__("pushl %0; popfl" ::"r"(flags) : "memory", "cc");
}

static inline void local_irq_disable(void)
{
	__asm__ __volatile__("cli" ::: "memory");
}

static inline void local_irq_enable(void)
{
	__asm__ __volatile__("sti" ::: "memory");
}

static inline bool irqs_disabled(void)
{
	unsigned long flags;
	__asm__ __volatile__("pushfl; popl %0" : "=r"(flags));
	return !(flags & (1 << 9));
}

#endif
