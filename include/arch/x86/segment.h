/*
 * GDT layout and selectors (keep in sync with layout.inc), and the TSS.
 *
 * The functions are defined in arch/x86/gdt.c.
 */
#ifndef ARCH_X86_SEGMENT_H
#define ARCH_X86_SEGMENT_H

#include <lib/types.h>

#define GDT_KERNEL_CODE	1
#define GDT_KERNEL_DATA	2
#define GDT_USER_CODE	3
#define GDT_USER_DATA	4
#define GDT_TSS		5
#define GDT_TLS_MIN	6	/* set_thread_area's entries, Linux's GDT_ENTRY_TLS_MIN */
#define GDT_TLS_ENTRIES	3
#define GDT_ENTRIES	(GDT_TLS_MIN + GDT_TLS_ENTRIES)

#define KERNEL_CS	(GDT_KERNEL_CODE << 3)
#define KERNEL_DS	(GDT_KERNEL_DATA << 3)
#define USER_CS		((GDT_USER_CODE << 3) | 3)
#define USER_DS		((GDT_USER_DATA << 3) | 3)
#define TSS_SEL		(GDT_TSS << 3)

void gdt_init(void);
/* The stack the CPU switches to on an interrupt from ring 3. */
void tss_set_kernel_stack(u32 esp0);
/* Put a task's thread-local storage descriptors (arch/x86/tls.c) into the GDT. */
void gdt_load_tls(const u64 tls[GDT_TLS_ENTRIES]);

#endif
