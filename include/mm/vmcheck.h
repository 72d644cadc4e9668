/*
 * vmcheck: the VM consistency checker (mm/vmcheck.c). One sweep checks
 * that page tables, reverse maps, LRU and free lists, the swap cache and
 * every swap_map agree, and prints one "vmcheck: WHY: clean (...)" or
 * "vmcheck: WHY: N problems" line after one "vmcheck: error: ..." line per
 * problem. Run from process context with nothing half-done.
 *
 * It runs when init exits (so at the end of every user-level test), every
 * N seconds with the boot parameter vmcheck=N, on Ctrl-V at the console,
 * when /proc/vmcheck is read, and from the self-tests.
 */
#ifndef MM_VMCHECK_H
#define MM_VMCHECK_H

#include <lib/types.h>

/* Check everything now; returns the number of problems found (each printed). */
unsigned long vmcheck(const char *why);
/* The same, printing nothing: for tests that break something on purpose. */
unsigned long vmcheck_quiet(void);
/* Ask the vmcheckd thread for a sweep (the console's Ctrl-V; any context). */
void vmcheck_request(void);
/* Start vmcheckd (after init, so init keeps its pid). */
void vmcheck_init(void);

/* Sweeps since boot and problems they found (/proc/vmcheck, the stress summary). */
extern unsigned long vmcheck_runs, vmcheck_problems;

#endif
