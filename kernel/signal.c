/*
 * Signals, reduced to what a swapping kernel needs: every signal has its
 * default action (SIGCHLD is ignored, all others terminate) unless the
 * process set it to SIG_IGN with signal(2) or rt_sigaction(2); there are
 * no handlers. Ignored signals stay ignored across fork and execve, as
 * POSIX says, which is how a shell keeps Ctrl-C from its background jobs.
 * init (pid 1) gets no signal from kill(2) or the terminal, as in Linux,
 * where init only receives the signals it installed handlers for. A
 * signal is delivered when the task next returns to user mode (do_signal
 * from exit_to_user_mode); an interruptible sleep is cut short so that
 * happens promptly.
 */
#include <kernel/sched.h>
#include <kernel/printk.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>
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

extern struct task_struct *init_task;

static int deliver(struct task_struct *t, int sig, bool force)
{
	if (sig <= 0 || sig >= NSIG)
		return -EINVAL;
	if (t->kthread || t->state == TASK_ZOMBIE)
		return 0;
	if (sig == SIGCHLD)
		return 0;	/* default action: ignore */
	if (!force && ((t->sigignore & (1UL << sig)) || t == init_task))
		return 0;
	t->pending |= 1UL << sig;
	if (t->state == TASK_INTERRUPTIBLE)
		wake_up_process(t);	/* uninterruptible sleeps finish first */
	return 0;
}

int send_signal(struct task_struct *t, int sig)
{
	return deliver(t, sig, false);
}

void force_sig(int sig, struct task_struct *t)
{
	deliver(t, sig, true);
}

/* Set @sig's disposition to SIG_DFL or SIG_IGN; the old one, or -EINVAL. */
static long set_disposition(long sig, unsigned long handler)
{
	unsigned long bit = 1UL << sig;
	long old;

	if (sig <= 0 || sig >= NSIG || sig == SIGKILL || sig == SIGSTOP)
		return -EINVAL;
	if (handler != SIG_DFL && handler != SIG_IGN)
		return -EINVAL;	/* handlers are not implemented */
	old = current->sigignore & bit ? SIG_IGN : SIG_DFL;
	if (handler == SIG_IGN) {
		current->sigignore |= bit;
		current->pending &= ~bit;	/* POSIX: a pending signal set to ignore is discarded */
	} else {
		current->sigignore &= ~bit;
	}
	return old;
}

long sys_signal(long sig, unsigned long handler)
{
	return set_disposition(sig, handler);
}

/* rt_sigaction(2), as Linux libcs implement signal(): SIG_DFL and SIG_IGN only. */
long sys_rt_sigaction(long sig, const struct k_sigaction *uact, struct k_sigaction *uoact,
		      unsigned long sigsetsize)
{
	struct k_sigaction act, old = { 0 };

	if (sigsetsize != sizeof(act.sa_mask) || sig <= 0 || sig >= NSIG)
		return -EINVAL;
	old.sa_handler = current->sigignore & (1UL << sig) ? SIG_IGN : SIG_DFL;
	if (uact) {
		long r;

		if (copy_from_user(&act, uact, sizeof(act)))
			return -EFAULT;
		r = set_disposition(sig, act.sa_handler);
		if (r < 0)
			return r;
	}
	if (uoact && copy_to_user(uoact, &old, sizeof(old)))
		return -EFAULT;
	return 0;
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

/*
 * pause (Linux i386 29): sleep until a signal comes. Signals have no
 * handlers here, so one that is not ignored ends the process on its way
 * out; the call itself returns -EINTR, as in Linux.
 */
long sys_pause(void)
{
	while (!signal_pending_current()) {
		current->state = TASK_INTERRUPTIBLE;
		schedule();
	}
	current->state = TASK_RUNNING;
	return -EINTR;
}

/*
 * tkill and tgkill (Linux i386 238, 270), with gettid (224) answering the
 * pid: a thread is its process here. C libraries' raise and abort use them.
 */
long sys_tkill(long tid, long sig)
{
	return tid <= 0 ? -EINVAL : sys_kill(tid, sig);
}

long sys_tgkill(long tgid, long tid, long sig)
{
	if (tgid <= 0 || tid <= 0)
		return -EINVAL;
	return tgid != tid && find_task_by_pid(tid) ? -ESRCH : sys_kill(tid, sig);
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
