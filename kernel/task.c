/*
 * Creating and destroying tasks: the task_struct (from its own slab cache),
 * the 8 KiB kernel stack, pids, and the initial stack frames that make a
 * new task's first context switch land in the right place:
 *
 *   user process (fork)              kernel thread
 *   +-------------------+ top        +-------------------+ top
 *   | struct pt_regs    |            | arg               |
 *   | ret_from_fork     |            | fn                |
 *   | ebp ebx esi edi   | <- esp     | kernel_thread_start|
 *   +-------------------+            | ebp ebx esi edi   | <- esp
 *
 * switch_to_asm pops the four callee-saved registers and returns into the
 * stub, which finishes the switch (schedule_tail) and goes on.
 *
 * PIDs follow Linux: kernel_init (kmain's rest_init) is pid 1 and becomes
 * init, kthreadd is pid 2, and every later kernel thread (kswapd0, ...) is
 * created by kthreadd as its child, so it gets the next free pid and
 * PPid 2. Kernel threads are reaped automatically (Linux's kthreadd ignores
 * SIGCHLD): do_exit unlinks them and the scheduler frees them after their
 * last switch.
 */
#include <kernel/sched.h>
#include <kernel/printk.h>
#include <kernel/panic.h>
#include <kernel/time.h>
#include <mm/gfp.h>
#include <mm/slab.h>
#include <lib/string.h>
#include <uapi/errno.h>

/* Pids below this one are init's (1) and kthreadd's (2), given by rest_init only. */
#define RESERVED_PIDS 3

static struct kmem_cache *task_cache;
static int last_pid = RESERVED_PIDS - 1;
struct task_struct *kthreadd_task;	/* pid 2 */

void ret_from_fork(void);
void kernel_thread_start(void);

static bool pid_in_use(int pid)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks)
		if (t->pid == pid)
			return true;
	return false;
}

/* The next free pid after the last one given, wrapping to RESERVED_PIDS; -1 if none. */
static int alloc_pid(void)
{
	for (int tries = 0; tries < PID_MAX; tries++) {
		last_pid = last_pid + 1 >= PID_MAX ? RESERVED_PIDS : last_pid + 1;
		if (!pid_in_use(last_pid))
			return last_pid;
	}
	return -1;
}

/* A task named @name with pid @pid, or the next free pid if @pid is 0. */
static struct task_struct *alloc_task_pid(const char *name, int pid)
{
	struct task_struct *t;
	struct page *stack;

	if (!pid)
		pid = alloc_pid();

	if (!task_cache)
		task_cache = kmem_cache_create("task_struct", sizeof(struct task_struct), 0, 0,
					       NULL);
	if (pid < 0 || !task_cache)
		return NULL;
	t = kmem_cache_alloc(task_cache, GFP_KERNEL);
	if (!t)
		return NULL;
	stack = alloc_pages(GFP_KERNEL, 1);
	if (!stack) {
		kmem_cache_free(task_cache, t);
		return NULL;
	}
	memset(t, 0, sizeof(*t));
	t->pid = pid;
	t->state = TASK_UNINTERRUPTIBLE;	/* not runnable until sched_fork_done */
	t->stack = page_address(stack);
	strlcpy(t->comm, name, sizeof(t->comm));
	INIT_LIST_HEAD(&t->children);
	INIT_LIST_HEAD(&t->sibling);
	INIT_LIST_HEAD(&t->run_list);
	INIT_LIST_HEAD(&t->timer_list);
	init_waitqueue_head(&t->wait_chldexit);
	t->start_time = jiffies;
	list_add_tail(&t->tasks, &task_list);
	return t;
}

struct task_struct *alloc_task(const char *name)
{
	return alloc_task_pid(name, 0);
}

void free_task(struct task_struct *t)
{
	list_del(&t->tasks);
	free_pages((unsigned long)t->stack, 1);
	kmem_cache_free(task_cache, t);
}

struct pt_regs *task_pt_regs(struct task_struct *t)
{
	return (struct pt_regs *)((char *)t->stack + THREAD_SIZE) - 1;
}

/* Push the callee-saved registers switch_to_asm pops, all zero. */
static u32 *push_switch_frame(u32 *sp, void (*resume)(void))
{
	*--sp = (u32)resume;
	for (int i = 0; i < 4; i++)
		*--sp = 0;	/* ebp (ends backtraces), ebx, esi, edi */
	return sp;
}

void copy_thread(struct task_struct *t, const struct pt_regs *regs)
{
	struct pt_regs *child = task_pt_regs(t);

	*child = *regs;
	t->esp = (u32)push_switch_frame((u32 *)child, ret_from_fork);
}

/* Make a kernel thread with pid @pid (0: any), child of @parent, ready to run fn(arg). */
static struct task_struct *create_kthread(int (*fn)(void *), void *arg, const char *name,
					  struct task_struct *parent, int pid)
{
	struct task_struct *t = alloc_task_pid(name, pid);
	u32 *sp;

	if (!t)
		return NULL;
	t->kthread = true;
	t->parent = parent;
	list_add_tail(&t->sibling, &parent->children);
	sp = (u32 *)((char *)t->stack + THREAD_SIZE);
	*--sp = (u32)arg;
	*--sp = (u32)fn;
	t->esp = (u32)push_switch_frame(sp, kernel_thread_start);
	sched_fork_done(t);
	return t;
}

/*
 * rest_init's pid 1 (init) and pid 2 (kthreadd), children of the idle
 * task. When kthreadd is made, the kernel threads started before it
 * become its children.
 */
struct task_struct *kernel_thread_pid(int (*fn)(void *), void *arg, const char *name, int pid)
{
	struct task_struct *t, *c, *n;

	BUG_ON(pid <= 0 || pid >= RESERVED_PIDS || pid_in_use(pid));
	t = create_kthread(fn, arg, name, current, pid);
	if (t && fn == kthreadd) {
		list_for_each_entry_safe(c, n, &current->children, sibling) {
			if (c->kthread && c->pid >= RESERVED_PIDS) {
				c->parent = t;
				list_move_tail(&c->sibling, &t->children);
			}
		}
	}
	return t;
}

/* A request to kthreadd, on the caller's stack while it waits. */
struct kthread_create_info {
	int (*fn)(void *);
	void *arg;
	const char *name;
	struct task_struct *result;
	bool done;
	struct list_head list;
};

static LIST_HEAD(kthread_create_list);
static DECLARE_WAIT_QUEUE_HEAD(kthreadd_wait);	/* kthreadd sleeps here for requests */
static DECLARE_WAIT_QUEUE_HEAD(kthread_created);	/* requesters sleep here */

/*
 * kernel_thread - start a kernel thread running fn(arg)
 *
 * Before kthreadd exists (a driver starting its thread from kmain) the
 * thread is created at once, and kthreadd adopts it when it comes.
 * Afterwards kthreadd creates it, as in Linux's kthread_create: the caller
 * sleeps until then, so it must be in process context. Returns the
 * thread, or NULL when out of memory or pids.
 */
struct task_struct *kernel_thread(int (*fn)(void *), void *arg, const char *name)
{
	struct kthread_create_info req = { fn, arg, name, NULL, false,
					   LIST_HEAD_INIT(req.list) };

	if (!kthreadd_task || current == kthreadd_task)
		return create_kthread(fn, arg, name, current, 0);
	BUG_ON(current->pid == 0);	/* the idle task must never sleep */
	list_add_tail(&req.list, &kthread_create_list);
	wake_up(&kthreadd_wait);
	wait_event(kthread_created, READ_ONCE(req.done));
	return req.result;
}

/*
 * kthreadd - pid 2: create the kernel threads others ask for, as their
 * parent. Locking: only tasks touch kthread_create_list, and the kernel
 * is not preemptive (include/kernel/sched.h), so no lock is needed.
 */
int kthreadd(void *unused)
{
	for (;;) {
		/* interruptible only so ps shows S, as Linux's: kernel threads take no signals */
		wait_event_interruptible(kthreadd_wait, !list_empty(&kthread_create_list));
		while (!list_empty(&kthread_create_list)) {
			struct kthread_create_info *req = list_first_entry(
				&kthread_create_list, struct kthread_create_info, list);

			list_del_init(&req->list);
			req->result = create_kthread(req->fn, req->arg, req->name, current, 0);
			req->done = true;
			wake_up(&kthread_created);
		}
	}
}

/* A kernel thread's function returned: exit with its return value. */
void kernel_thread_exit(int ret)
{
	do_exit((ret & 0xff) << 8);
}
