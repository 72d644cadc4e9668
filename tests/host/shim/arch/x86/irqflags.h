/*
 * Host stand-in for <arch/x86/irqflags.h>: a host test is one thread with
 * no interrupts, so the critical-section primitives do nothing.
 */
#ifndef ARCH_X86_IRQFLAGS_H
#define ARCH_X86_IRQFLAGS_H

#include <lib/types.h>

static inline unsigned long local_irq_save(void) { return 0; }
static inline void local_irq_restore(unsigned long flags) { (void)flags; }
static inline void local_irq_disable(void) { }
static inline void local_irq_enable(void) { }
static inline bool irqs_disabled(void) { return false; }

#endif
