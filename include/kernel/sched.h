/*
 * Tasks and the scheduler (Mauerer ch. 2; Linux 2.4's round-robin shape).
 *
 * Every task has a task_struct and an 8 KiB kernel stack. User processes
 * also have an mm_struct; kernel threads (kswapd, the self-test runner)
 * have none and run on the kernel half of whichever page directory is
 * loaded. Scheduling is round-robin with a time slice of a few ticks.
 *
 * The kernel itself is not preemptible: a task in kernel mode runs until
 * it sleeps or returns to user mode, where the timer's need_resched is
 * honoured (as in Linux 2.4). So kernel code only has to guard against
 * interrupt handlers (spin_lock_irqsave), never against other tasks,
 * unless it sleeps; long kernel loops call cond_resched().
 *
 * Defined in kernel/sched.c, kernel/task.c, kernel/fork.c, kernel/exit.c
 * and kernel/signal.c.
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <arch/x86/fpu.h>
#include <lib/list.h>
#include <kernel/wait.h>
#include <arch/x86/ptrace.h>

#define THREAD_SIZE	8192
#define TASK_COMM_LEN	16
#define NR_OPEN		16
#define TIME_SLICE_TICKS 5
#define PID_MAX		32768

struct mm_struct;
struct file;

struct task_struct {
	int pid;
	volatile int state;
	char comm[TASK_COMM_LEN];
	u32 esp;			/* kernel stack pointer while switched out */
	void *stack;			/* base of the THREAD_SIZE kernel stack */
	struct mm_struct *mm;		/* NULL for kernel threads */
	struct task_struct *parent;
	struct list_head children;	/* our children, linked by sibling */
	struct list_head sibling;
	struct list_head tasks;		/* every task, for ps, kill and OOM */
	struct list_head run_list;	/* on the run queue while runnable */
	struct list_head timer_list;	/* waiting for wake_at */
	unsigned long wake_at;		/* jiffies, when on timer_list */
	int time_slice;
	int exit_code;			/* waitpid status once a zombie */
	unsigned long pending;		/* bitmap of pending signals (bit = number) */
	unsigned long sigignore;	/* signals set to SIG_IGN (kept by fork and exec) */
	wait_queue_head_t wait_chldexit; /* parent sleeps here in waitpid */
	struct file *files[NR_OPEN];
	unsigned long close_on_exec;	/* bit fd: close files[fd] at exec (O_CLOEXEC) */
	unsigned long min_flt, maj_flt;	/* faults of this task */
	unsigned long cmin_flt, cmaj_flt; /* of its reaped children */
	unsigned long utime, stime;	/* ticks spent in user/kernel mode */
	unsigned long cutime, cstime;	/* of its reaped children */
	unsigned long start_time;	/* jiffies at creation */
	unsigned long switch_count;	/* times it left the CPU (nvcsw + nivcsw) */
	unsigned long last_switch;	/* jiffies when it last left the CPU */
	bool hung_reported;		/* khungtaskd reported this sleep */
	bool kthread;
	u64 tls[3];			/* set_thread_area's GDT descriptors (arch/x86/tls.c) */
	int *set_child_tid;		/* clone's CLONE_CHILD_SETTID: the child stores its pid there */
	u8 fpu_state[FPU_STATE_SIZE + 15]; /* x87/SSE registers while switched out (arch/x86/fpu.c) */
};

extern struct task_struct *current;
extern struct list_head task_list;
/* The task that runs init= (kernel/main.c), whatever its pid: orphans' reaper, never an OOM victim. */
extern struct task_struct *init_task;
extern volatile bool need_resched;
extern unsigned long nr_context_switches;
extern unsigned long nr_forks;

void sched_init(void);
/* Called from arch/x86/entry.asm: finish a switch in the new task; end a kernel thread. */
void schedule_tail(void);
/* A forked child's first step in its own context, after schedule_tail (kernel/fork.c). */
void fork_child_tail(void);
__noreturn void kernel_thread_exit(int ret);
/* Start a kernel thread running fn(arg); returns it or NULL. */
struct task_struct *kernel_thread(int (*fn)(void *), void *arg, const char *name);
/* Only for rest_init: init (pid 1) and kthreadd (pid 2), which runs kthreadd(). */
struct task_struct *kernel_thread_pid(int (*fn)(void *), void *arg, const char *name, int pid);
int kthreadd(void *unused);
/* Make @t runnable (from any context). */
void wake_up_process(struct task_struct *t);
/* Give up the CPU if the time slice is used up. */
void cond_resched(void);
/* Put the current task to sleep for @ticks, uninterruptibly. */
void schedule_timeout_uninterruptible(long ticks);
/* The idle loop of the boot task; never returns. */
__attribute__((noreturn)) void cpu_idle(void);
/* Called each tick from the timer interrupt. */
void scheduler_tick(struct pt_regs *regs);
struct task_struct *find_task_by_pid(int pid);
int nr_running(void);
int nr_tasks(void);

/* Allocate a task with a kernel stack (task.c); freed by free_task. */
struct task_struct *alloc_task(const char *name);
void free_task(struct task_struct *t);
/* Prepare @t's kernel stack so its first switch resumes in user mode with @regs. */
void copy_thread(struct task_struct *t, const struct pt_regs *regs);
/* The registers saved at the top of @t's kernel stack on entry from user mode. */
struct pt_regs *task_pt_regs(struct task_struct *t);
/* Make a new task runnable for the first time. */
void sched_fork_done(struct task_struct *t);

/* Process life cycle (kernel/exit.c, kernel/fork.c, kernel/signal.c). */
__attribute__((noreturn)) void do_exit(int status);
int do_fork(struct pt_regs *regs);
/* Send @sig as kill(2) and the terminal do: ignored signals are dropped, and init
 * (pid 1), which has no handlers, gets none (Linux's SIGNAL_UNKILLABLE). */
int send_signal(struct task_struct *t, int sig);
/* Kill @t with @sig at once, even if it ignores it or is init (faults, the OOM
 * killer, a lost swap page); the console message is the caller's. */
void force_sig(int sig, struct task_struct *t);
/* Act on pending signals before returning to user mode. */
void do_signal(struct pt_regs *regs);

#endif
