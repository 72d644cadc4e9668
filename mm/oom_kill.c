/*
 * The OOM killer (Gorman ch. 13 "Out Of Memory Management"): when
 * reclaim can free nothing and no swap slot is left, one process must go
 * so the others can finish. The victim is the process
 * with the most memory (resident plus swapped pages), never init and
 * never a kernel thread; it gets SIGKILL and a console line saying why.
 */
#include <mm/oom.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include <mm/swapfile.h>
#include <uapi/abi.h>
#include <mm/vmstat.h>
#include <kernel/sched.h>
#include <kernel/printk.h>
#include <uapi/signal.h>

static unsigned long badness(struct task_struct *t)
{
	/* init is whichever task runs init=, whatever its pid (kernel/main.c). */
	if (t->kthread || !t->mm || t == init_task || t->state == TASK_ZOMBIE)
		return 0;
	return t->mm->rss + t->mm->swap_ents;
}

struct task_struct *oom_select_bad_process(void)
{
	struct task_struct *t, *chosen = NULL;
	unsigned long best = 0;

	list_for_each_entry(t, &task_list, tasks) {
		unsigned long points = badness(t);
		/* A process already dying frees its memory soon: wait for it. */
		if (points && (t->pending & (1UL << SIGKILL)))
			return NULL;
		if (points > best) {
			best = points;
			chosen = t;
		}
	}
	return chosen;
}

void out_of_memory(gfp_t gfp)
{
	struct task_struct *victim = oom_select_bad_process();
	struct sysinfo swap;

	if (!victim)
		return;
	count_vm_event(OOM_KILL);
	si_swapinfo(&swap);
	printk(KERN_ERR "Out of memory: killed process %d (%s), rss %lu kB, swap %lu kB; "
			"free %lu kB, free swap %lu kB\n",
	       victim->pid, victim->comm, victim->mm->rss * (PAGE_SIZE / 1024),
	       victim->mm->swap_ents * (PAGE_SIZE / 1024), nr_free_pages() * (PAGE_SIZE / 1024),
	       swap.freeswap * (PAGE_SIZE / 1024));
	force_sig(SIGKILL, victim);
}
