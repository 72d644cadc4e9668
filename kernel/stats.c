/*
 * The one-line summary printed when init exits (and by tests): what the
 * run cost in faults, swapping and scheduling.
 */
#include <kernel/stats.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/time.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include <mm/vmstat.h>

extern unsigned long syscall_count;

void kernel_stats_line(const char *why)
{
	printk(KERN_INFO "stats: %s: uptime_ms=%llu forks=%lu ctxsw=%lu syscalls=%lu "
			 "pgfault=%lu pgmajfault=%lu pswpin=%lu pswpout=%lu free_pages=%lu\n",
	       why, ktime_get_ns() / 1000000, nr_forks, nr_context_switches, syscall_count,
	       vm_events[PGFAULT], vm_events[PGMAJFAULT], vm_events[PSWPIN], vm_events[PSWPOUT],
	       nr_free_pages());
}
