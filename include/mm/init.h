/*
 * Bringing up memory management at boot (mm/init.c).
 */
#ifndef MM_INIT_H
#define MM_INIT_H

#include <lib/types.h>

/* Build mem_map from the multiboot memory map and start the allocators. */
void mem_init(void);
/* Bytes of RAM cut off by mem= or lying above the direct map (unused). */
extern u64 unused_ram;

#endif
