/*
 * Trace events: one line per event on the console when the event's
 * category was enabled with trace=swap,vmscan,ata,fault,slot (or trace=all):
 *
 *	trace: <seconds>.<micros> <category>:<event> key=value key=value ...
 *
 * The telemetry stream on COM2 (boot parameter telemetry, see
 * kernel/telemetry.c) receives every event of every category as well,
 * whatever trace= says; it keeps the arguments and formats them later.
 *
 * Cheap when off: one test of a bitmask, no formatting. Values have no
 * spaces; an entry is "type:offset" (swap area index, slot), an address
 * is hex with 0x. docs/trace-events.md has the same table with examples;
 * scripts/plot reads these lines.
 *
 *   event               where                     fields
 *   swap:add_to_cache   add_to_swap_cache         entry cached (pages in the swap cache now)
 *   swap:new_cluster    add_to_swap               entry area fresh (1: the allocator's new
 *                                                 current cluster was free, 0: partly used)
 *   swap:writepage      end_swap_bio_write        entry sector (of the swap device) pages (in
 *                                                 the ATA command that carried it) err
 *   swap:read           read_swap_cache_async     entry ra (1: readahead, 0: the faulting slot)
 *   fault:major         count_fault               pid comm addr
 *   vmscan:shrink_list  shrink_list               scanned freed activated kswapd (1: kswapd,
 *                                                 0: direct reclaim or a memory limit)
 *   vmscan:kswapd_wake  kswapd                    free (pages)
 *   vmscan:kswapd_sleep kswapd                    free (pages)
 *   ata:cmd             issue (drivers/ata)       dev cmd (opcode) lba (on the disk) sectors
 *                                                 dir (read/write) retry
 *   slot:alloc          take_slot (swapfile.c)    entry (its count is now 1)
 *   slot:free           release_slot              entry (its count is now 0)
 *   slot:count          swap_duplicate, swap_free entry count (the new use count, not 0)
 *   slot:bad            mark_slot_bad             entry
 *
 * The slot events come from trace_slot(), which also tells telemetry the
 * slot changed: they are the most frequent events of all (three or four
 * per page swapped out and in), so telemetry sends the changed slots'
 * counts once a period instead of each event.
 *
 * swap:writepage is emitted when the write completes: only then is the
 * command it was merged into known.
 */
#ifndef KERNEL_TRACE_H
#define KERNEL_TRACE_H

#include <lib/compiler.h>

#define TRACE_SWAP	(1U << 0)
#define TRACE_VMSCAN	(1U << 1)
#define TRACE_ATA	(1U << 2)
#define TRACE_FAULT	(1U << 3)
#define TRACE_SLOT	(1U << 4)

/* Categories some sink wants: the console's (trace=) and telemetry's. */
extern unsigned int trace_mask;
/* Categories printed on the console. */
extern unsigned int trace_console_mask;

__printf(3, 4) void __trace_event(unsigned int cat, const char *event, const char *fmt, ...);
void __trace_slot(const char *event, unsigned int type, unsigned long offset, unsigned int count);

/*
 * Is @cat on for the console? For a caller that must gather data before it
 * can trace (swap:new_cluster): telemetry goes without such events rather
 * than make every swap-out pay for them.
 */
#define trace_enabled(cat) unlikely(trace_console_mask & (cat))

#ifdef HOST_TEST
/* The host-built cores (mm/swapfile.c) trace nothing. */
#define trace_event(cat, event, ...) do { } while (0)
#define trace_slot(event, type, offset, count) do { } while (0)
#else
/*
 * Slot @offset of swap area @type has a new use @count (mm/swapfile.c,
 * => swap_lock held): slot:EVENT on the console, and a mark for telemetry.
 */
#define trace_slot(event, type, offset, count)                                                     \
	do {                                                                                       \
		if (unlikely(trace_mask & TRACE_SLOT))                                             \
			__trace_slot(event, type, offset, count);                                  \
	} while (0)
#define trace_event(cat, event, ...)                                                               \
	do {                                                                                       \
		if (unlikely(trace_mask & (cat)))                                                  \
			__trace_event(cat, event, __VA_ARGS__);                                    \
	} while (0)
#endif

/* Send every category to telemetry as well (kernel/telemetry.c). */
void trace_enable_telemetry(void);
/* "swap" for TRACE_SWAP. */
const char *trace_category_name(unsigned int cat);

#endif
