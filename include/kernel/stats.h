/*
 * The one-line summary of a run (kernel/stats.c): uptime, forks, context
 * switches, system calls, faults and swap traffic, printed when init exits
 * and by tests.
 */
#ifndef KERNEL_STATS_H
#define KERNEL_STATS_H

void kernel_stats_line(const char *why);

#endif
