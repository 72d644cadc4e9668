/*
 * Self-tests of the OOM killer (mm/oom_kill.c): the victim is the process
 * with the most memory, resident plus swapped, and never init, a kernel
 * thread or a zombie; while a victim is dying nobody else is chosen; and
 * direct reclaim that freed nothing kills nobody when memory came back
 * meanwhile.
 *
 * The candidates are stand-in tasks put on task_list for the duration of
 * one case, with stand-in address spaces that only carry the counts
 * badness() reads. They are never scheduled, and never woken: they "sleep
 * uninterruptibly", so even a SIGKILL from a wrong OOM decision only sets
 * a bit. The user-level test t_reclaim_oom kills a real process.
 */
#include <kernel/ktest.h>
#include <kernel/sched.h>
#include <mm/mm.h>
#include <mm/oom.h>
#include <mm/gfp.h>
#include <mm/lru.h>
#include <mm/vmscan.h>
#include <mm/slab.h>
#include <mm/vmstat.h>
#include <uapi/signal.h>

#define NR_FAKE 6

static struct task_struct fake_task[NR_FAKE];
static struct mm_struct fake_mm[NR_FAKE];
static int nr_fake;
static struct task_struct *real_init;	/* init_task while a stand-in plays init */
static bool playing_init;

/* Add a stand-in process with @rss resident and @swap swapped pages. */
static struct task_struct *add_task(int pid, const char *comm, unsigned long rss,
				    unsigned long swap)
{
	struct task_struct *t = &fake_task[nr_fake];
	struct mm_struct *mm = &fake_mm[nr_fake++];

	memset(t, 0, sizeof(*t));
	memset(mm, 0, sizeof(*mm));
	t->pid = pid;
	strlcpy(t->comm, comm, sizeof(t->comm));
	t->state = TASK_UNINTERRUPTIBLE; /* so a signal never wakes it */
	mm->rss = rss;
	mm->swap_ents = swap;
	t->mm = mm;
	list_add_tail(&t->tasks, &task_list);
	return t;
}

static void remove_tasks(void)
{
	while (nr_fake > 0)
		list_del(&fake_task[--nr_fake].tasks);
	if (playing_init) {
		init_task = real_init;
		playing_init = false;
	}
}

/* Large processes that must never be chosen. */
static void add_untouchables(void)
{
	struct task_struct *t;

	/* init is whichever task runs init= (not pid 1 here): this one, for the case. */
	real_init = init_task;
	playing_init = true;
	init_task = add_task(3, "init", 5000, 5000);
	t = add_task(30100, "kthread", 4000, 0); /* a kernel thread borrowing an mm */
	t->kthread = true;
	t = add_task(30101, "zombie", 3000, 3000);
	t->state = TASK_ZOMBIE;
}

static void test_oom_picks_most_rss_plus_swap(struct ktest *t)
{
	struct task_struct *resident, *swapped, *both;

	add_untouchables();
	resident = add_task(30001, "resident", 300, 0); /* most resident */
	swapped = add_task(30002, "swapped", 50, 400);	/* most in all: 450 */
	both = add_task(30003, "both", 200, 200);
	KT_EXPECT(t, oom_select_bad_process() == swapped);
	/* The counts change, the choice follows: 150 against 300 and 400. */
	swapped->mm->swap_ents = 100;
	KT_EXPECT(t, oom_select_bad_process() == both);
	both->mm->rss = 50;
	KT_EXPECT(t, oom_select_bad_process() == resident);
	remove_tasks();
}

static void test_oom_never_picks_init_kthread_or_zombie(struct ktest *t)
{
	add_untouchables();
	KT_EXPECT(t, oom_select_bad_process() == NULL);
	remove_tasks();
}

static void test_oom_waits_for_dying_victim(struct ktest *t)
{
	struct task_struct *dying, *big;

	dying = add_task(30001, "dying", 10, 10);
	big = add_task(30002, "big", 500, 500);
	KT_EXPECT(t, oom_select_bad_process() == big);
	dying->pending |= 1UL << SIGKILL;
	/* Its memory is about to come back: killing another would be one too many. */
	KT_EXPECT(t, oom_select_bad_process() == NULL);
	remove_tasks();
}

/*
 * Direct reclaim that freed nothing must not kill when memory came back
 * meanwhile (another process exited: the OOM victim before, typically).
 * Here nothing on the LRU or in the slab caches can be reclaimed and no
 * swap is on, but free pages are plentiful, as they are right after a
 * victim's exit.
 */
static void test_oom_not_when_memory_came_back(struct ktest *t)
{
	unsigned long kills0 = vm_events[OOM_KILL];
	struct task_struct *big;

	lru_add_drain();
	big = add_task(30001, "big", 500, 500);
	kmem_cache_shrink_all();	/* nor are there empty slabs for shrink_slab */
	KT_EXPECT_EQ(t, try_to_free_pages(GFP_KERNEL), 0);
	KT_EXPECT_EQ(t, vm_events[OOM_KILL], kills0);
	KT_EXPECT(t, !(big->pending & (1UL << SIGKILL)));
	remove_tasks();
}

KTEST_SUITE(oom, KTEST_CASE(test_oom_picks_most_rss_plus_swap),
	    KTEST_CASE(test_oom_never_picks_init_kthread_or_zombie),
	    KTEST_CASE(test_oom_waits_for_dying_victim),
	    KTEST_CASE(test_oom_not_when_memory_came_back));
