/*
 * fork (Mauerer §2.4.1, Gorman §4.3): a new task with a copy of the
 * caller's address space in which every private page is shared
 * copy-on-write (dup_mm in mm/memory.c does the page tables), the same
 * open files, the same ignored signals, and the caller's registers with
 * eax = 0.
 */
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <fs/file.h>
#include <mm/mm.h>
#include <lib/string.h>
#include <uapi/abi.h>
#include <uapi/errno.h>

unsigned long nr_forks;

int do_fork(struct pt_regs *regs)
{
	struct task_struct *p = alloc_task(current->comm);

	if (!p)
		return -EAGAIN;
	if (current->mm) {
		p->mm = dup_mm(current->mm);
		if (!p->mm) {
			free_task(p);
			return -ENOMEM;
		}
		p->mm->owner = p;
	}
	dup_files(p, current);
	p->sigignore = current->sigignore;
	memcpy(p->tls, current->tls, sizeof(p->tls));	/* the child inherits its TLS segments */
	p->parent = current;
	list_add_tail(&p->sibling, &current->children);
	copy_thread(p, regs);
	task_pt_regs(p)->eax = 0;	/* the child's return value */
	nr_forks++;
	sched_fork_done(p);
	return p->pid;
}

long sys_fork(void)
{
	return do_fork(task_pt_regs(current));
}

/*
 * sys_clone - clone(2) as a fork (Linux i386 120: flags, newsp, parent_tid,
 * tls, child_tid). Some libcs fork with clone(SIGCHLD, 0): that is a fork,
 * with the child on @newsp if it is given. Threads and the other sharing
 * flags (CLONE_VM, CLONE_FILES, the TID and TLS flags) are not
 * implemented: -EINVAL. vfork (190) is a fork too, which POSIX allows.
 */
long sys_clone(unsigned long flags, unsigned long newsp)
{
	struct pt_regs regs = *task_pt_regs(current);

	if (flags & ~CSIGNAL)
		return -EINVAL;
	if (newsp)
		regs.esp = newsp;
	return do_fork(&regs);
}
