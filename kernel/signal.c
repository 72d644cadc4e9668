/*
 * Signals, reduced to what a swapping kernel needs: every signal has its
 * default action (SIGCHLD is ignored, all others terminate), there are no
 * handlers. A signal is delivered when the task next returns to user mode
 * (do_signal from exit_to_user_mode); an interruptible sleep is cut short
 * so that happens promptly.
 */
#include <kernel/sched.h>
#include <kernel/printk.h>
#include <kernel/syscalls.h>
#include <arch/x86/traps.h>
#include <uapi/errno.h>
#include <uapi/signal.h>

static const char *const signal_names[NSIG] = {
	[SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT", [SIGQUIT] = "SIGQUIT", [SIGILL] = "SIGILL",
	[SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT", [SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE",
	[SIGKILL] = "SIGKILL", [SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
	[SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM", [SIGTERM] = "SIGTERM", [SIGCHLD] = "SIGCHLD",
};

const char *signal_name(int sig)
{
	return sig > 0 && sig < NSIG && signal_names[sig] ? signal_names[sig] : "signal";
}

int send_signal(struct task_struct *t, int sig)
{
	if (sig <= 0 || sig >= NSIG)
		return -EINVAL;
	if (t->kthread || t->state == TASK_ZOMBIE)
		return 0;
	if (sig == SIGCHLD)
		return 0;	/* default action: ignore */
	t->pending |= 1UL << sig;
	if (t->state == TASK_INTERRUPTIBLE)
		wake_up_process(t);	/* uninterruptible sleeps finish first */
	return 0;
}

void force_sig(int sig, struct task_struct *t)
{
	send_signal(t, sig);
}

bool signal_pending_current(void)
{
	return current->pending != 0;
}

void do_signal(struct pt_regs *regs)
{
	unsigned long p = current->pending;

	if (!p)
		return;
	/* The lowest-numbered pending signal terminates the process. */
	do_exit(__builtin_ctzl(p));
}

void exit_to_user_mode(struct pt_regs *regs)
{
	for (;;) {
		if (current->pending)
			do_signal(regs);
		if (!need_resched)
			break;
		schedule();
	}
}

void user_exception(struct pt_regs *regs, int sig)
{
	printk(KERN_ERR "%s[%d]: %s (exception %u, error 0x%x) at eip %08x, killed\n",
	       current->comm, current->pid, signal_name(sig), regs->vector, regs->error_code,
	       regs->eip);
	force_sig(sig, current);
}

long sys_kill(long pid, long sig)
{
	struct task_struct *t;

	if (sig < 0 || sig >= NSIG)
		return -EINVAL;
	if (pid <= 0)
		return -EINVAL;	/* process groups are not implemented */
	t = find_task_by_pid(pid);
	if (!t)
		return -ESRCH;
	if (t->kthread)
		return -EPERM;
	return sig ? send_signal(t, sig) : 0;
}
