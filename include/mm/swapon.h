/*
 * Swap areas in the running kernel (mm/swapon.c): activating them from a
 * block device holding an mkswap header, deactivating them (try_to_unuse),
 * and retiring slots that failed a write.
 */
#ifndef MM_SWAPON_H
#define MM_SWAPON_H

#include <lib/types.h>

struct page;
struct sysinfo;

/* Activate the swap area on block device @name ("hda1"); prio < 0 with no flag: default. */
int do_swapon(const char *name, int flags);
int do_swapoff(const char *name);
/* A swap-cache page whose write failed: map it back everywhere, retire its slot. */
bool swap_retire_bad_slot(struct page *page);
/* Total and free swap in pages, counting areas being swapped off as Linux does. */
void si_swapinfo(struct sysinfo *val);
/* The /proc/swaps table. */
int swaps_format(char *buf, size_t len);

#endif
