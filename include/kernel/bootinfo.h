/*
 * What the boot loader told us (Multiboot v1 information structure),
 * copied into kernel memory before any allocator can reuse the loader's
 * pages: the physical memory map, the command line and the modules.
 *
 * Defined in kernel/multiboot.c.
 */
#ifndef KERNEL_BOOTINFO_H
#define KERNEL_BOOTINFO_H

#include <lib/types.h>

#define MULTIBOOT_LOADER_MAGIC 0x2BADB002
#define MAX_MEM_RANGES 32
#define MAX_BOOT_MODULES 128
#define MODULE_NAME_MAX 32

struct mem_range {
	u64 start, end;		/* physical, end exclusive */
	u32 type;		/* 1 = usable RAM */
};

struct boot_module {
	char name[MODULE_NAME_MAX];
	u32 start, end;		/* physical, end exclusive */
};

struct boot_info {
	int nr_ranges;
	struct mem_range ranges[MAX_MEM_RANGES];
	int nr_modules;
	struct boot_module modules[MAX_BOOT_MODULES];
	u64 total_ram;		/* bytes of usable RAM in the map */
};

extern struct boot_info boot_info;

/* Copy the multiboot information; returns false if @magic is wrong. */
bool multiboot_parse(u32 magic, u32 mbi_phys, char *cmdline, size_t cmdline_size);
/* The module named @name, or NULL. */
const struct boot_module *find_boot_module(const char *name);

#endif
