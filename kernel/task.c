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
 */
#include <kernel/sched.h>
#include <kernel/printk.h>
#include <kernel/panic.h>
#include <kernel/time.h>
#include <mm/gfp.h>
#include <mm/slab.h>
#include <lib/string.h>

static struct kmem_cache *task_cache;
static int last_pid;

void ret_from_fork(void);
void kernel_thread_start(void);

static int alloc_pid(void)
{
	for (int tries = 0; tries < PID_MAX; tries++) {
		last_pid = last_pid + 1 >= PID_MAX ? 1 : last_pid + 1;
		struct task_struct *t;
		bool used = false;
		list_for_each_entry(t, &task_list, tasks)
			used |= t->pid == last_pid;
		if (!used)
			return last_pid;
	}
	return -1;
}

struct task_struct *alloc_task(const char *name)
{
	struct task_struct *t;
	struct page *stack;
	int pid = alloc_pid();

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

struct task_struct *kernel_thread(int (*fn)(void *), void *arg, const char *name)
{
	struct task_struct *t = alloc_task(name);
	u32 *sp;

	if (!t)
		return NULL;
	t->kthread = true;
	t->parent = current;
	list_add_tail(&t->sibling, &current->children);
	sp = (u32 *)((char *)t->stack + THREAD_SIZE);
	*--sp = (u32)arg;
	*--sp = (u32)fn;
	t->esp = (u32)push_switch_frame(sp, kernel_thread_start);
	sched_fork_done(t);
	return t;
}

/* A kernel thread's function returned: exit with its return value. */
void kernel_thread_exit(int ret)
{
	do_exit((ret & 0xff) << 8);
}
