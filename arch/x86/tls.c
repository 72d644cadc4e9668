/*
 * Thread-local storage segments: set_thread_area(2) and get_thread_area(2)
 * (Linux i386 243 and 244; Linux's arch/x86/kernel/tls.c). A program asks
 * for a data segment whose base is its TLS block and loads %gs with it;
 * C libraries (musl, glibc) do so before main, so a statically linked
 * program cannot start without it. Each task has GDT_TLS_ENTRIES segment
 * descriptors of its own (task->tls); the context switch copies the next
 * task's into the GDT's TLS entries, fork inherits them, exec clears them.
 *
 * A task may clear an entry its own %gs (or %fs, %ds, %es) still names:
 * the return to user mode then reloads a segment register from an empty
 * descriptor, which faults in the kernel; entry.asm's exception-table
 * fixups load the null selector instead, as Linux does.
 */
#include <arch/x86/segment.h>
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>
#include <lib/string.h>
#include <uapi/abi.h>
#include <uapi/errno.h>

/* The descriptor "empty" asks for: what Linux's LDT_empty and LDT_zero accept. */
static bool desc_request_empty(const struct user_desc *u)
{
	bool zero = !u->base_addr && !u->limit && !u->contents && !u->seg_32bit &&
		    !u->limit_in_pages && !u->useable;

	return zero && ((u->read_exec_only && u->seg_not_present) ||
			(!u->read_exec_only && !u->seg_not_present));
}

/* Only present 32-bit data segments (Linux's tls_desc_okay), or empty. */
static bool desc_okay(const struct user_desc *u)
{
	return desc_request_empty(u) || (u->seg_32bit && u->contents <= 1 && !u->seg_not_present);
}

/* The two words of the segment descriptor @u asks for, DPL 3 (Linux's fill_ldt). */
static u64 make_desc(const struct user_desc *u)
{
	u32 type = ((u->read_exec_only ^ 1) << 1) | (u->contents << 2) | 1; /* accessed */
	u32 lo, hi;

	if (desc_request_empty(u))
		return 0;
	lo = ((u->base_addr & 0xffff) << 16) | (u->limit & 0xffff);
	hi = (u->base_addr & 0xff000000) | ((u->base_addr >> 16) & 0xff) | (u->limit & 0xf0000) |
	     (type << 8) | (1 << 12) /* code/data */ | (3 << 13) /* DPL 3 */ |
	     ((u32)(u->seg_not_present ^ 1) << 15) | ((u32)u->useable << 20) |
	     ((u32)u->seg_32bit << 22) | ((u32)u->limit_in_pages << 23);
	return ((u64)hi << 32) | lo;
}

long sys_set_thread_area(struct user_desc *uinfo)
{
	struct user_desc u;
	int idx;

	if (copy_from_user(&u, uinfo, sizeof(u)))
		return -EFAULT;
	if (!desc_okay(&u))
		return -EINVAL;
	idx = (int)u.entry_number;
	if (idx == -1) {
		for (idx = 0; idx < GDT_TLS_ENTRIES && current->tls[idx]; idx++)
			;
		if (idx == GDT_TLS_ENTRIES)
			return -ESRCH;
		idx += GDT_TLS_MIN;
		if (copy_to_user(&uinfo->entry_number, &idx, sizeof(idx)))
			return -EFAULT;
	}
	if (idx < GDT_TLS_MIN || idx >= GDT_TLS_MIN + GDT_TLS_ENTRIES)
		return -EINVAL;
	current->tls[idx - GDT_TLS_MIN] = make_desc(&u);
	gdt_load_tls(current->tls);
	return 0;
}

long sys_get_thread_area(struct user_desc *uinfo)
{
	struct user_desc u;
	int idx;
	u64 d;
	u32 lo, hi;

	if (copy_from_user(&idx, &uinfo->entry_number, sizeof(idx)))
		return -EFAULT;
	if (idx < GDT_TLS_MIN || idx >= GDT_TLS_MIN + GDT_TLS_ENTRIES)
		return -EINVAL;
	d = current->tls[idx - GDT_TLS_MIN];
	lo = (u32)d;
	hi = (u32)(d >> 32);
	memset(&u, 0, sizeof(u));
	u.entry_number = (unsigned int)idx;
	u.base_addr = (hi & 0xff000000) | ((hi & 0xff) << 16) | (lo >> 16);
	u.limit = (hi & 0xf0000) | (lo & 0xffff);
	u.seg_32bit = (hi >> 22) & 1;
	u.contents = (hi >> 10) & 3;
	u.read_exec_only = !((hi >> 9) & 1);
	u.limit_in_pages = (hi >> 23) & 1;
	u.seg_not_present = !((hi >> 15) & 1);
	u.useable = (hi >> 20) & 1;
	return copy_to_user(uinfo, &u, sizeof(u)) ? -EFAULT : 0;
}

/*
 * sys_set_tid_address - Linux i386 258: C libraries call it at start-up
 * for the thread ID. Without threads there is nobody to wake at exit, so
 * the address is not kept; the answer is the caller's ID, its pid.
 */
long sys_set_tid_address(int *tidptr)
{
	return current->pid;
}
