/*
 * /proc files (fs/proc/). A subsystem adds a file next to its code:
 *
 *	static void show_swaps(struct seq_buf *s) { ... }
 *	PROC_ENTRY(swaps, show_swaps);
 */
#ifndef FS_PROC_H
#define FS_PROC_H

#include <lib/seq_buf.h>

struct proc_entry {
	const char *name;
	void (*show)(struct seq_buf *s);
};

#define PROC_ENTRY(pname, fn)                                                                      \
	static const struct proc_entry __proc_##pname __attribute__((used,                          \
		section(".proc_entries"), aligned(4))) = { #pname, fn }

struct file;
/* Open /proc/sys/@rest, a tunable or one of its directories (fs/proc/sysctl.c). */
int proc_sys_open(const char *rest, int flags, struct file *f);

#endif
