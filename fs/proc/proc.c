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
 *   /proc/PID/status /proc/PID/stat /proc/PID/statm /proc/PID/maps; /proc/self is a link
 *   to the caller's PID. A process's fault counts are in stat (fields
 *   10-13), as in Linux, not in status. A zombie keeps its directory until
 *   its parent reaps it, as in Linux (ps shows it Z).
 *   /proc/sys/vm/... the tunables, readable and writable (fs/proc/sysctl.c)
 *
 * Inode numbers: the root is 1, file i of the table is i + 2, /proc/sys
 * and below are PROC_SYS_INO.. (fs/proc/sysctl.c), and process PID has its
 * directory at PROC_PID_INO(PID) and its files just after it.
 */
#include <fs/fs.h>
#include <fs/proc.h>
#include <kernel/sched.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <lib/seq_buf.h>
#include <lib/vsnprintf.h>
#include <lib/string.h>
#include <kernel/bootinfo.h>
#include <uapi/errno.h>
#include <uapi/signal.h>

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

#define PROC_ROOT_INO	    1
#define PROC_PID_SLOTS	    8 /* inode numbers per process: its directory, then its files */
#define PROC_PID_INO(pid)   (0x10000UL + (unsigned long)(pid) * PROC_PID_SLOTS)
#define PROC_PID_STATUS	    1 /* offsets from PROC_PID_INO */
#define PROC_PID_STATM	    2
#define PROC_PID_STAT	    3
#define PROC_PID_MAPS	    4
#define PROC_SELF_INO	    0xfff0UL

static long nr_proc_files(void)
{
	return __proc_entries_end - __proc_entries_start;
}

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

static int pid_of_ino(unsigned long ino)
{
	return (int)((ino - PROC_PID_INO(0)) / PROC_PID_SLOTS);
}

static unsigned long vm_size_pages(const struct mm_struct *mm)
{
	const struct vm_area_struct *vma;
	unsigned long n = 0;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		n += (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	return n;
}

/* "R (running)"...: status shows it, stat its first letter. */
static const char *state_name(const struct task_struct *t)
{
	static const char *const states[] = { "R (running)", "S (sleeping)", "D (disk sleep)",
					      "? (unknown)", "Z (zombie)" };

	return states[t->state <= TASK_ZOMBIE ? t->state : 3];
}

/* Linux numbers signal N as bit N - 1 of the masks it shows; we keep bit N. */
static unsigned long long sigmask_linux(unsigned long bits)
{
	return (unsigned long long)(bits >> 1);
}

static void show_status(struct seq_buf *s, const void *arg)
{
	const struct task_struct *t = arg;
	struct mm_struct *mm = t->mm;

	seq_printf(s, "Name:\t%s\nState:\t%s\nTgid:\t%d\nPid:\t%d\nPPid:\t%d\n", t->comm,
		   state_name(t), t->pid, t->pid,
		   t->parent ? t->parent->pid : 0);
	if (mm)
		seq_printf(s, "VmSize:\t%8lu kB\nVmLck:\t%8lu kB\nVmHWM:\t%8lu kB\n"
			   "VmRSS:\t%8lu kB\nVmPTE:\t%8lu kB\nVmSwap:\t%8lu kB\n",
			   vm_size_pages(mm) * 4, locked_pages(mm) * 4, mm->hiwater_rss * 4,
			   mm->rss * 4, mm_pgtables(mm) * 4, mm->swap_ents * 4);
	seq_printf(s, "Threads:\t1\nSigPnd:\t%016llx\nSigBlk:\t%016llx\nSigIgn:\t%016llx\n"
		   "SigCgt:\t%016llx\n", sigmask_linux(t->pending), 0ULL,
		   sigmask_linux(t->sigignore), 0ULL);
	if (mm && mm->rss_limit != ~0UL)
		seq_printf(s, "RssLimit:\t%lu kB\n", mm->rss_limit * 4);
}

#define PF_EXITING	0x00000004	/* Linux's task flags, as stat shows them */
#define PF_KTHREAD	0x00200000

/*
 * Linux's /proc/PID/stat (proc(5)): 52 fields on one line. Process groups,
 * sessions and controlling terminals are not implemented, so pgrp, session
 * and tty_nr are 0, as they are in Linux for processes that never called
 * setsid(); times are in clock ticks (HZ is USER_HZ, 100). Kernel threads
 * and zombies show no memory.
 */
static void show_stat(struct seq_buf *s, const void *arg)
{
	const struct task_struct *t = arg;
	const struct mm_struct *mm = t->mm;
	unsigned long flags = (t->kthread ? PF_KTHREAD : 0) |
			      (t->state == TASK_ZOMBIE ? PF_EXITING : 0);

	seq_printf(s, "%d (%s) %c %d 0 0 0 -1 %lu %lu %lu %lu %lu %lu %lu %lu %lu 20 0 1 0 %lu ",
		   t->pid, t->comm, state_name(t)[0], t->parent ? t->parent->pid : 0, flags,
		   t->min_flt, t->cmin_flt, t->maj_flt, t->cmaj_flt, t->utime, t->stime, t->cutime,
		   t->cstime, t->start_time);
	if (mm)
		seq_printf(s, "%lu %lu %lu %lu %lu %lu 0 0 ", vm_size_pages(mm) << PAGE_SHIFT,
			   mm->rss, mm->rss_limit == ~0UL ? ~0UL : mm->rss_limit << PAGE_SHIFT,
			   mm->start_code, mm->end_code, mm->start_stack);
	else
		seq_printf(s, "0 0 %lu 0 0 0 0 0 ", ~0UL);
	seq_printf(s, "%llu 0 %llu 0 0 0 0 %d 0 0 0 0 0 0 ", sigmask_linux(t->pending),
		   sigmask_linux(t->sigignore), SIGCHLD);
	if (mm)
		seq_printf(s, "%lu %lu %lu 0 0 0 0 ", mm->end_code, mm->start_brk, mm->start_brk);
	else
		seq_printf(s, "0 0 0 0 0 0 0 ");
	seq_printf(s, "%d\n", t->state == TASK_ZOMBIE ? t->exit_code : 0);
}

/* Linux's statm: size resident shared text lib data dt, in pages. */
static void show_statm(struct seq_buf *s, const void *arg)
{
	const struct mm_struct *mm = ((const struct task_struct *)arg)->mm;
	unsigned long size;

	if (!mm) {
		seq_printf(s, "0 0 0 0 0 0 0\n");
		return;
	}
	size = vm_size_pages(mm);
	seq_printf(s, "%lu %lu 0 %lu 0 %lu 0\n", size, mm->rss,
		   (mm->end_code - mm->start_code) >> PAGE_SHIFT,
		   size - ((mm->end_code - mm->start_code) >> PAGE_SHIFT));
}

/*
 * Linux's maps: one line per VMA, "start-end perms offset dev inode", then
 * padded to column 49, the name: /mod/NAME for a program's segments,
 * [heap], [stack]; anonymous mappings have none (the line ends in a space).
 */
static void show_maps(struct seq_buf *s, const struct task_struct *t)
{
	const struct mm_struct *mm = t->mm;
	const struct vm_area_struct *vma;

	if (!mm)
		return;
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		unsigned long flags = vma->vm_flags, off = 0;
		char name[MODULE_NAME_MAX + 8] = "";
		size_t start = s->len;
		if (vma->vm_file) {
			off = vma->vm_file_off - (vma->vm_file_start - vma->vm_start);
			snprintf(name, sizeof(name), "/mod/%s", vma->vm_file->name);
		} else if (flags & VM_HEAP) {
			strlcpy(name, "[heap]", sizeof(name));
		} else if (flags & VM_STACK) {
			strlcpy(name, "[stack]", sizeof(name));
		}
		seq_printf(s, "%08lx-%08lx %c%c%cp %08lx 00:00 0 ", vma->vm_start, vma->vm_end,
			   flags & VM_READ ? 'r' : '-', flags & VM_WRITE ? 'w' : '-',
			   flags & VM_EXEC ? 'x' : '-', off);
		if (name[0])
			seq_printf(s, "%*s%s", (int)(start + 49 > s->len ? start + 49 - s->len : 0), "",
				   name);
		seq_printf(s, "\n");
	}
}

/*
 * A process's files are generated from its pid, looked up again when the
 * buffer is there: allocating it may sleep, and the process may be reaped
 * meanwhile (then the file is empty).
 */
static void show_pid_file(struct seq_buf *s, const void *arg)
{
	unsigned long ino = (unsigned long)arg;
	const struct task_struct *t = find_task_by_pid(pid_of_ino(ino & ~(PROC_PID_SLOTS - 1UL)));

	if (!t)
		return;
	switch (ino & (PROC_PID_SLOTS - 1)) {
	case PROC_PID_STATUS:
		show_status(s, t);
		break;
	case PROC_PID_STAT:
		show_stat(s, t);
		break;
	case PROC_PID_MAPS:
		show_maps(s, t);
		break;
	default:
		show_statm(s, t);
	}
}

/* ---- the namespace: /proc, /proc/PID, /proc/self ---- */

static void show_entry(struct seq_buf *s, const void *entry)
{
	((const struct proc_entry *)entry)->show(s);
}

/* Open a generated file: the table's, or a process's. */
static int proc_open(struct inode *inode, struct file *f)
{
	unsigned long ino = inode->i_ino;
	struct task_struct *t;

	if (ino < PROC_SELF_INO)
		return proc_generate(f, show_entry, &__proc_entries_start[ino - 2]);
	t = find_task_by_pid(pid_of_ino(ino));
	if (!t)
		return -ENOENT;
	return proc_generate(f, show_pid_file, (const void *)ino);
}

static int proc_lookup_pid(struct super_block *sb, const char *name, size_t len,
			   struct inode **out)
{
	char buf[12];
	const char *end;
	long pid;
	struct task_struct *t;

	if (len >= sizeof(buf))
		return -ENOENT;
	memcpy(buf, name, len);
	buf[len] = 0;
	pid = simple_strtol(buf, &end, 10);
	if (*end || end == buf || pid <= 0)
		return -ENOENT;
	t = find_task_by_pid((int)pid);
	if (!t || t->pid == 0)
		return -ENOENT;
	return iget(sb, PROC_PID_INO(pid), out);
}

static int proc_root_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	if (len == 2 && !memcmp(name, "..", 2))
		return iget(dir->i_sb, PROC_ROOT_INO, out);
	if (len == 4 && !memcmp(name, "self", 4))
		return iget(dir->i_sb, PROC_SELF_INO, out);
	if (len == 3 && !memcmp(name, "sys", 3))
		return iget(dir->i_sb, PROC_SYS_INO, out);
	for (long i = 0; i < nr_proc_files(); i++)
		if (strlen(__proc_entries_start[i].name) == len &&
		    !memcmp(__proc_entries_start[i].name, name, len))
			return iget(dir->i_sb, i + 2, out);
	return proc_lookup_pid(dir->i_sb, name, len, out);
}

static int proc_pid_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	if (len == 2 && !memcmp(name, "..", 2))
		return iget(dir->i_sb, PROC_ROOT_INO, out);
	if (len == 6 && !memcmp(name, "status", 6))
		return iget(dir->i_sb, dir->i_ino + PROC_PID_STATUS, out);
	if (len == 5 && !memcmp(name, "statm", 5))
		return iget(dir->i_sb, dir->i_ino + PROC_PID_STATM, out);
	if (len == 4 && !memcmp(name, "stat", 4))
		return iget(dir->i_sb, dir->i_ino + PROC_PID_STAT, out);
	if (len == 4 && !memcmp(name, "maps", 4))
		return iget(dir->i_sb, dir->i_ino + PROC_PID_MAPS, out);
	return -ENOENT;
}

/* /proc/self: a link to the caller's directory, as in Linux. */
static int proc_self_readlink(struct inode *inode, char *buf, size_t len)
{
	return snprintf(buf, len, "%d", current->pid);
}

/* The @n-th process in pid order (Linux lists /proc so), zombies too; or NULL. */
static const struct task_struct *nth_process(long n)
{
	int after = 0;

	for (;;) {
		const struct task_struct *t, *next = NULL;

		list_for_each_entry(t, &task_list, tasks)
			if (t->pid > after && (!next || t->pid < next->pid))
				next = t;
		if (!next || n-- == 0)
			return next;
		after = next->pid;
	}
}

/* Entry @index of /proc: the files, sys, then one directory per process. */
static const char *proc_root_entry(struct file *f, long index, char *buf, size_t len,
				   unsigned long *ino, unsigned char *type)
{
	const struct task_struct *t;

	*type = index < nr_proc_files() ? DT_REG : DT_DIR;
	if (index < nr_proc_files()) {
		*ino = index + 2;
		return __proc_entries_start[index].name;
	}
	if (index == nr_proc_files()) {
		*ino = PROC_SYS_INO;
		return "sys";
	}
	t = nth_process(index - nr_proc_files() - 1);
	if (!t)
		return NULL;
	snprintf(buf, len, "%d", t->pid);
	*ino = PROC_PID_INO(t->pid);
	return buf;
}

static const char *proc_pid_entry(struct file *f, long index, char *buf, size_t len,
				  unsigned long *ino, unsigned char *type)
{
	static const char *const names[] = { "status", "statm", "stat", "maps" };

	if (index >= (long)ARRAY_SIZE(names))
		return NULL;
	*ino = f->f_inode->i_ino + 1 + index;
	*type = DT_REG;
	return names[index];
}

static long proc_root_getdents(struct file *f, void *udirp, long count)
{
	return dir_getdents(f, udirp, count, proc_root_entry);
}

static long proc_pid_getdents(struct file *f, void *udirp, long count)
{
	return dir_getdents(f, udirp, count, proc_pid_entry);
}

static const struct inode_operations proc_root_iops = { .lookup = proc_root_lookup };
static const struct inode_operations proc_pid_iops = { .lookup = proc_pid_lookup };
static const struct inode_operations proc_self_iops = { .readlink = proc_self_readlink };
static const struct file_operations proc_root_fops = { .getdents = proc_root_getdents };
static const struct file_operations proc_pid_fops = { .getdents = proc_pid_getdents };
static const struct file_operations proc_open_fops = { .open = proc_open };

static int proc_read_inode(struct inode *inode)
{
	unsigned long ino = inode->i_ino;

	if (proc_sys_owns(ino))
		return proc_sys_read_inode(inode);
	if (ino == PROC_ROOT_INO) {
		inode->i_mode = S_IFDIR | 0555;
		inode->i_op = &proc_root_iops;
		inode->i_fop = &proc_root_fops;
	} else if (ino == PROC_SELF_INO) {
		inode->i_mode = S_IFLNK | 0777;
		inode->i_op = &proc_self_iops;
	} else if (ino < PROC_SELF_INO || (ino & (PROC_PID_SLOTS - 1)) != 0) {
		if (ino < PROC_SELF_INO && ino - 2 >= (unsigned long)nr_proc_files())
			return -ENOENT;
		inode->i_mode = S_IFREG | 0444;
		inode->i_fop = &proc_open_fops;
	} else {
		inode->i_mode = S_IFDIR | 0555;
		inode->i_op = &proc_pid_iops;
		inode->i_fop = &proc_pid_fops;
	}
	return 0;
}

static const struct super_operations proc_sops = { .read_inode = proc_read_inode };

static int proc_fill_super(struct super_block *sb)
{
	sb->s_op = &proc_sops;
	return iget(sb, PROC_ROOT_INO, &sb->s_root);
}

static const struct file_system_type proc_fs_type = { .name = "proc",
						      .fill_super = proc_fill_super,
						      .boot_mount = "/proc" };
REGISTER_FILESYSTEM(proc_fs_type);
