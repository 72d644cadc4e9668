/*
 * /proc files (fs/proc/). A subsystem adds a file next to its code:
 *
 *	static void show_swaps(struct seq_buf *s) { ... }
 *	PROC_ENTRY(swaps, show_swaps);
 *
 * Defined in fs/proc/proc.c and fs/proc/sysctl.c.
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

struct inode;
/*
 * /proc/sys in the proc file system (fs/proc/sysctl.c): its directories
 * and tunables have inode numbers from PROC_SYS_INO on, which proc's
 * read_inode hands to proc_sys_read_inode.
 */
#define PROC_SYS_INO 0x8000UL
bool proc_sys_owns(unsigned long ino);
int proc_sys_read_inode(struct inode *inode);

#endif
