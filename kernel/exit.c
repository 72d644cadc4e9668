/*
 * Process exit and waitpid (Mauerer §2.4.4 "Exiting Processes", Linux's kernel/exit.c).
 *
 * do_exit releases the address space and files at once (so memory comes
 * back even if the parent never waits), gives the children to init (pid
 * 1, which waits for them), becomes a zombie holding only its exit status,
 * wakes the parent and switches away for good. The parent's waitpid frees
 * the rest. A kernel thread is reaped automatically instead, as Linux's
 * children of kthreadd are: it leaves its parent's list and the scheduler
 * frees it after its last switch (kernel/sched.c). Status
 * encoding, as Linux: (code << 8) for exit(code), the signal number for a
 * process killed by a signal.
 */
#include <kernel/sched.h>
#include <kernel/main.h>
#include <arch/x86/irqflags.h>
#include <kernel/printk.h>
#include <kernel/panic.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>
#include <kernel/time.h>
#include <fs/file.h>
#include <mm/mm.h>
#include <lib/string.h>
#include <uapi/errno.h>
#include <uapi/abi.h>
#include <uapi/signal.h>

struct task_struct *init_task;

/* Called when init (pid 1) exits: the machine's work is done. */

static void exit_mm(struct task_struct *t)
{
	struct mm_struct *mm = t->mm;

	if (!mm)
		return;
	t->mm = NULL;
	if (active_mm == mm)
		switch_mm(NULL);	/* do not free the page directory we run on */
	/*
	 * swapoff may hold the mm past our exit (unuse_mm sleeps on reads)
	 * and would then signal or name its owner: there is none any more.
	 */
	if (mm->owner == t)
		mm->owner = NULL;
	mmput(mm);
}

static void reparent_children(struct task_struct *t)
{
	struct task_struct *c, *n;
	struct task_struct *reaper = init_task && init_task != t ? init_task : t->parent;

	list_for_each_entry_safe(c, n, &t->children, sibling) {
		c->parent = reaper;
		list_move_tail(&c->sibling, &reaper->children);
	}
	if (reaper)
		wake_up(&reaper->wait_chldexit);
}

void do_exit(int status)
{
	struct task_struct *t = current;

	BUG_ON(t->pid == 0);
	exit_mm(t);
	close_all_files(t);
	if (t == init_task)
		init_exited(status);
	reparent_children(t);
	t->exit_code = status;
	local_irq_disable();
	t->state = TASK_ZOMBIE;
	if (t->kthread) {
		list_del_init(&t->sibling);
		t->parent = NULL;
	} else if (t->parent) {
		wake_up(&t->parent->wait_chldexit);
	}
	schedule();
	BUG();
}

long sys_exit(long code)
{
	do_exit((code & 0xff) << 8);
}

/* What wait4 reports of a reaped child: its own usage and its reaped children's. */
static void child_rusage(const struct task_struct *c, struct rusage *ru)
{
	memset(ru, 0, sizeof(*ru));
	ru->ru_minflt = c->min_flt + c->cmin_flt;
	ru->ru_majflt = c->maj_flt + c->cmaj_flt;
	ru->ru_utime.tv_sec = c->utime / HZ;
	ru->ru_utime.tv_usec = (c->utime % HZ) * (1000000 / HZ);
	ru->ru_stime.tv_sec = c->stime / HZ;
	ru->ru_stime.tv_usec = (c->stime % HZ) * (1000000 / HZ);
}

/* A reaped child: fold its counters into ours (and into *@ru if asked) and free it. */
static int reap(struct task_struct *c, int *status, struct rusage *ru)
{
	int pid = c->pid;

	if (ru)
		child_rusage(c, ru);
	*status = c->exit_code;
	current->cmin_flt += c->min_flt + c->cmin_flt;
	current->cmaj_flt += c->maj_flt + c->cmaj_flt;
	current->cutime += c->utime + c->cutime;
	current->cstime += c->stime + c->cstime;
	list_del(&c->sibling);
	free_task(c);
	return pid;
}

/* A zombie child matching @pid, 0 if there are live matches only, -ECHILD if none. */
static int find_zombie(int pid, struct task_struct **out)
{
	struct task_struct *c;
	bool any = false;

	list_for_each_entry(c, &current->children, sibling) {
		if (pid > 0 && c->pid != pid)
			continue;
		any = true;
		if (c->state == TASK_ZOMBIE) {
			*out = c;
			return 1;
		}
	}
	return any ? 0 : -ECHILD;
}

static int do_wait(int pid, int *status, int options, struct rusage *ru)
{
	struct task_struct *z = NULL;
	int r;

	for (;;) {
		r = find_zombie(pid, &z);
		if (r != 0 || (options & WNOHANG))
			break;
		r = wait_event_interruptible(current->wait_chldexit, find_zombie(pid, &z) != 0);
		if (r < 0)
			return r;
	}
	if (r <= 0)
		return r;	/* -ECHILD, or 0 with WNOHANG and no zombie yet */
	return reap(z, status, ru);
}

/* Linux's valid options. Nothing stops or continues here, so only WNOHANG matters. */
#define WAIT_OPTIONS (WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE)

/*
 * sys_wait4 - waitpid with the child's resource usage (Linux i386 114;
 * libcs implement waitpid with it). Bad pointers are -EFAULT before
 * anything is reaped.
 */
long sys_wait4(long pid, int *ustatus, long options, struct rusage *uru)
{
	struct rusage ru;
	int status = 0, r;

	if (options & ~WAIT_OPTIONS)
		return -EINVAL;
	if (pid < -1 || pid == 0)
		pid = -1;	/* process groups are not implemented: any child */
	if ((ustatus && !access_ok(ustatus, sizeof(int))) || (uru && !access_ok(uru, sizeof(ru))))
		return -EFAULT;
	r = do_wait(pid, &status, options, uru ? &ru : NULL);
	if (r > 0 && ustatus && copy_to_user(ustatus, &status, sizeof(status)))
		return -EFAULT;
	if (r > 0 && uru && copy_to_user(uru, &ru, sizeof(ru)))
		return -EFAULT;
	return r;
}

long sys_waitpid(long pid, int *ustatus, long options)
{
	return sys_wait4(pid, ustatus, options, NULL);
}
