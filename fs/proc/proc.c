/*
 * /proc: the kernel's state as text files in the formats Linux users know
 * (Documentation/filesystems/proc.rst). Each file is generated when it is
 * opened, into a buffer the open file keeps, so a reader sees one
 * consistent snapshot however it reads it. The buffer starts at 8 KiB and
 * the text is generated again into a larger one when it did not fit
 * (/proc/swapmap has a byte per swap slot).
 *
 *   /proc/meminfo /proc/vmstat /proc/swaps /proc/buddyinfo /proc/zoneinfo
 *   /proc/slabinfo /proc/stat /proc/uptime /proc/swapmap
 *   /proc/PID/status /proc/PID/statm; /proc/self is the caller's PID
 *   /proc/sys/vm/... the tunables, readable and writable (fs/proc/sysctl.c)
 */
#include <fs/file.h>
#include <fs/proc.h>
#include <kernel/sched.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <lib/seq_buf.h>
#include <lib/vsnprintf.h>
#include <lib/string.h>
#include <uapi/errno.h>

#define PROC_BUF_ORDER 0	/* one page to start with, as seq_file: order-0 allocations
				 * need no contiguous pair under memory pressure */

/* The text of an open /proc file, in 2^order pages. */
struct proc_buf {
	unsigned int order;
	char text[];
};

extern const struct proc_entry __proc_entries_start[], __proc_entries_end[];

static long proc_read(struct file *f, char *ubuf, long n)
{
	const struct proc_buf *pb = f->private;

	return read_from_buffer(f, ubuf, n, pb->text, f->size);
}

static void proc_release(struct file *f)
{
	struct proc_buf *pb = f->private;

	free_pages((unsigned long)pb, pb->order);
}

static const struct file_operations proc_file_ops = { .read = proc_read,
						      .release = proc_release };

/*
 * Generate @show's text into a new buffer owned by @f. When it does not fit,
 * generate it again into a buffer of the size it asked for; that is a loop
 * because the allocation may sleep and the text grow meanwhile.
 */
static int proc_generate(struct file *f, void (*show)(struct seq_buf *, const void *),
			 const void *arg)
{
	unsigned int order = PROC_BUF_ORDER;

	for (;;) {
		struct proc_buf *pb = (struct proc_buf *)__get_free_pages(GFP_KERNEL, order);
		size_t room = (PAGE_SIZE << order) - sizeof(*pb);
		struct seq_buf s;

		if (!pb)
			return -ENOMEM;
		pb->order = order;
		seq_buf_init(&s, pb->text, room);
		show(&s, arg);
		if (s.len < room) {
			f->f_op = &proc_file_ops;
			f->private = pb;
			f->size = (long)s.len;
			return 0;
		}
		free_pages((unsigned long)pb, order);
		order = order_base_2(DIV_ROUND_UP(sizeof(*pb) + s.len + 1, PAGE_SIZE));
		if (order >= MAX_ORDER)
			return -EFBIG;
	}
}

static unsigned long locked_pages(const struct mm_struct *mm)
{
	const struct vm_area_struct *vma;
	unsigned long n = 0;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (vma->vm_flags & VM_LOCKED)
			n += (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	return n;
}

static void show_status(struct seq_buf *s, const void *arg)
{
	const struct task_struct *t = arg;
	static const char *const states[] = { "R (running)", "S (sleeping)", "D (disk sleep)",
					      "?", "Z (zombie)" };
	struct mm_struct *mm = t->mm;

	seq_printf(s, "Name:\t%s\nState:\t%s\nPid:\t%d\nPPid:\t%d\n", t->comm,
		   states[t->state <= TASK_ZOMBIE ? t->state : 3], t->pid,
		   t->parent ? t->parent->pid : 0);
	if (mm)
		seq_printf(s, "VmLck:\t%8lu kB\nVmHWM:\t%8lu kB\nVmRSS:\t%8lu kB\nVmPTE:\t%8lu kB\n"
			      "VmSwap:\t%8lu kB\n",
			   locked_pages(mm) * 4, mm->hiwater_rss * 4, mm->rss * 4,
			   mm_pgtables(mm) * 4, mm->swap_ents * 4);
	seq_printf(s, "Threads:\t1\nminflt:\t%lu\nmajflt:\t%lu\n", t->min_flt, t->maj_flt);
	if (mm && mm->rss_limit != ~0UL)
		seq_printf(s, "RssLimit:\t%lu kB\n", mm->rss_limit * 4);
}

/* Linux's statm: size resident shared text lib data dt, in pages. */
static void show_statm(struct seq_buf *s, const void *arg)
{
	const struct mm_struct *mm = ((const struct task_struct *)arg)->mm;
	const struct vm_area_struct *vma;
	unsigned long size = 0;

	if (!mm) {
		seq_printf(s, "0 0 0 0 0 0 0\n");
		return;
	}
	list_for_each_entry(vma, &mm->mmap, vm_list)
		size += (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	seq_printf(s, "%lu %lu 0 %lu 0 %lu 0\n", size, mm->rss,
		   (mm->end_code - mm->start_code) >> PAGE_SHIFT,
		   size - ((mm->end_code - mm->start_code) >> PAGE_SHIFT));
}

/* "PID/status", "PID/statm", or the same under "self/" */
static int open_pid_file(const char *rest, struct file *f)
{
	const char *end;
	long pid = strncmp(rest, "self", 4) ? simple_strtol(rest, &end, 10) : current->pid;
	struct task_struct *t;

	if (!strncmp(rest, "self", 4))
		end = rest + 4;
	if (end == rest || pid <= 0)
		return -ENOENT;
	t = find_task_by_pid((int)pid);
	if (!t)
		return -ENOENT;
	if (!strcmp(end, "/status"))
		return proc_generate(f, show_status, t);
	if (!strcmp(end, "/statm"))
		return proc_generate(f, show_statm, t);
	return -ENOENT;
}

/* Entry @index of /proc: the files, sys, then one directory per process. */
static const char *proc_entry_name(long index, char *buf, size_t len)
{
	long nfiles = __proc_entries_end - __proc_entries_start;
	struct task_struct *t;

	if (index < nfiles)
		return __proc_entries_start[index].name;
	if (index == nfiles)
		return "sys";
	index -= nfiles + 1;
	list_for_each_entry(t, &task_list, tasks) {
		if (t->pid == 0 || t->state == TASK_ZOMBIE)
			continue;
		if (index-- == 0) {
			snprintf(buf, len, "%d", t->pid);
			return buf;
		}
	}
	return NULL;
}

static long proc_getdents(struct file *f, void *udirp, long count)
{
	return dir_getdents(f, udirp, count, proc_entry_name);
}

static const struct file_operations proc_dir_ops = { .getdents = proc_getdents };

static void show_entry(struct seq_buf *s, const void *entry)
{
	((const struct proc_entry *)entry)->show(s);
}

static int proc_open(const char *rest, int flags, struct file *f)
{
	if (!*rest) {
		f->f_op = &proc_dir_ops;
		return 0;
	}
	for (const struct proc_entry *e = __proc_entries_start; e < __proc_entries_end; e++)
		if (!strcmp(rest, e->name))
			return proc_generate(f, show_entry, e);
	if (!strcmp(rest, "sys") || !strncmp(rest, "sys/", 4))
		return proc_sys_open(rest[3] ? rest + 4 : "", flags, f);
	return open_pid_file(rest, f);
}

static const struct fs_dir proc_dir = { "proc", proc_open, proc_entry_name };
REGISTER_FS_DIR(proc_dir);
