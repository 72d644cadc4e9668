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
#include <kernel/uaccess.h>
#include <arch/x86/irqflags.h>
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
	fpu_fork(p);
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
 * tls, child_tid). C libraries fork with clone: nolibc with SIGCHLD alone,
 * glibc adding CLONE_CHILD_SETTID and CLONE_CHILD_CLEARTID on its thread
 * descriptor's tid. Those are honoured: the child's pid is stored at
 * @parent_tid in the parent (CLONE_PARENT_SETTID) and at @child_tid in the
 * child (CLONE_CHILD_SETTID, when it first runs: fork_child_tail).
 * CLONE_CHILD_CLEARTID asks for a store of 0 there at exit, which only a
 * thread sharing the memory could see: without threads it changes
 * nothing. The child runs on @newsp if given. Threads and the other
 * sharing flags (CLONE_VM, CLONE_FILES, CLONE_SETTLS...) are not
 * implemented: -EINVAL. vfork (190) is a fork too, which POSIX allows.
 */
long sys_clone(unsigned long flags, unsigned long newsp, int *parent_tid, unsigned long tls,
	       int *child_tid)
{
	struct pt_regs regs = *task_pt_regs(current);
	long pid;

	if (flags & ~(CSIGNAL | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID))
		return -EINVAL;
	if (newsp)
		regs.esp = newsp;
	pid = do_fork(&regs);
	if (pid <= 0)
		return pid;
	if (flags & CLONE_CHILD_SETTID)
		find_task_by_pid((int)pid)->set_child_tid = child_tid; /* it has not run yet */
	if (flags & CLONE_PARENT_SETTID)
		(void)copy_to_user(parent_tid, &pid, sizeof(int));	/* Linux ignores a fault */
	return pid;
}

/*
 * The first thing a forked child does, in its own context (entry.asm's
 * ret_from_fork; Linux's schedule_tail): CLONE_CHILD_SETTID's store. The
 * copy may fault (copy-on-write) and sleep, so interrupts are on for it.
 */
void fork_child_tail(void)
{
	int pid = current->pid;

	if (!current->set_child_tid)
		return;
	local_irq_enable();
	(void)copy_to_user(current->set_child_tid, &pid, sizeof(pid));
	local_irq_disable();
	current->set_child_tid = NULL;
}
