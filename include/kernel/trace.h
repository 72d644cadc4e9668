/*
 * Trace events: one line per event on the console when the event's
 * category was enabled with trace=swap,vmscan,ata (or trace=all):
 *
 *	trace: <seconds>.<micros> <category>:<event> key=value key=value ...
 *
 * e.g. "trace: 1.204311 swap:writepage entry=1:42 sector=336 pages=8".
 * Cheap when off: one test of a bitmask, no formatting.
 */
#ifndef KERNEL_TRACE_H
#define KERNEL_TRACE_H

#include <lib/compiler.h>

#define TRACE_SWAP	(1U << 0)
#define TRACE_VMSCAN	(1U << 1)
#define TRACE_ATA	(1U << 2)
#define TRACE_FAULT	(1U << 3)

extern unsigned int trace_mask;

__printf(3, 4) void __trace_event(unsigned int cat, const char *event, const char *fmt, ...);

#define trace_event(cat, event, ...)                                                               \
	do {                                                                                       \
		if (unlikely(trace_mask & (cat)))                                                  \
			__trace_event(cat, event, __VA_ARGS__);                                    \
	} while (0)

#endif
