/*
 * /proc/sys: kernel tunables as files of one decimal number each (Linux's
 * sysctl, Documentation/admin-guide/sysctl/vm.rst), read and written with
 * plain open/read/write:
 *
 *	$ cat /proc/sys/vm/swappiness
 *	60
 *	$ echo 100 > /proc/sys/vm/swappiness
 *
 * Each tunable is an int with a range; a write of anything else (not a
 * number, out of range, not at offset 0) fails with -EINVAL and changes
 * nothing, as Linux's proc_dointvec_minmax does. Writes need a descriptor
 * opened for writing (-EBADF otherwise).
 *
 * Locking: none; an int store is atomic on i386 and each user reads the
 * variable once per decision.
 */
#include <fs/fs.h>
#include <fs/proc.h>
#include <kernel/uaccess.h>
#include <lib/string.h>
#include <lib/vsnprintf.h>
#include <mm/vmscan.h>
#include <mm/swap_state.h>
#include <uapi/abi.h>
#include <uapi/errno.h>

struct ctl_table {
	const char *procname;
	int *data;
	int min, max;
};

static const struct ctl_table vm_table[] = {
	{ "swappiness", &vm_swappiness, 0, 100 },
	{ "page-cluster", &page_cluster, 0, PAGE_CLUSTER_MAX },
};

#define NR_VM (sizeof(vm_table) / sizeof(vm_table[0]))

static long sysctl_read(struct file *f, char *ubuf, long n)
{
	const struct ctl_table *t = f->private;
	char buf[16];
	int len = snprintf(buf, sizeof(buf), "%d\n", *t->data);

	return read_from_buffer(f, ubuf, n, buf, len);
}

/* Parse "[spaces]DIGITS[spaces]" into @v; false if it is anything else. */
static bool parse_int(const char *s, long len, long *v)
{
	long i = 0;
	bool digits = false;

	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	for (*v = 0; i < len && s[i] >= '0' && s[i] <= '9'; i++, digits = true) {
		*v = *v * 10 + (s[i] - '0');
		if (*v > 1000000000L)
			return false;
	}
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'))
		i++;
	return digits && i == len;
}

static long sysctl_write(struct file *f, const char *ubuf, long n)
{
	const struct ctl_table *t = f->private;
	char buf[16];
	long v;

	if ((f->flags & 3) == O_RDONLY)
		return -EBADF;
	if (f->pos != 0 || n <= 0 || n >= (long)sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, (unsigned long)n))
		return -EFAULT;
	if (!parse_int(buf, n, &v) || v < t->min || v > t->max)
		return -EINVAL;
	*t->data = (int)v;
	f->pos += n;
	return n;
}

static const struct file_operations sysctl_file_ops = { .read = sysctl_read,
							.write = sysctl_write };

/* ---- in the namespace: /proc/sys, /proc/sys/vm, /proc/sys/vm/NAME ---- */

#define PROC_SYS_VM_INO	  (PROC_SYS_INO + 1)
#define PROC_SYS_VM_FIRST (PROC_SYS_INO + 0x100) /* tunable i is PROC_SYS_VM_FIRST + i */
#define PROC_ROOT_INO	  1

bool proc_sys_owns(unsigned long ino)
{
	return ino == PROC_SYS_INO || ino == PROC_SYS_VM_INO ||
	       (ino >= PROC_SYS_VM_FIRST && ino < PROC_SYS_VM_FIRST + NR_VM);
}

static const char *vm_entry(struct file *f, long index, char *buf, size_t len,
			    unsigned long *ino, unsigned char *type)
{
	*ino = PROC_SYS_VM_FIRST + index;
	*type = DT_REG;
	return index < (long)NR_VM ? vm_table[index].procname : NULL;
}

static const char *sys_entry(struct file *f, long index, char *buf, size_t len,
			     unsigned long *ino, unsigned char *type)
{
	*ino = PROC_SYS_VM_INO;
	*type = DT_DIR;
	return index == 0 ? "vm" : NULL;
}

static long vm_getdents(struct file *f, void *udirp, long count)
{
	return dir_getdents(f, udirp, count, vm_entry);
}

static long sys_getdents(struct file *f, void *udirp, long count)
{
	return dir_getdents(f, udirp, count, sys_entry);
}

static int sys_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	if (len == 2 && !memcmp(name, "..", 2))
		return iget(dir->i_sb, PROC_ROOT_INO, out);
	if (len == 2 && !memcmp(name, "vm", 2))
		return iget(dir->i_sb, PROC_SYS_VM_INO, out);
	return -ENOENT;
}

static int vm_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	if (len == 2 && !memcmp(name, "..", 2))
		return iget(dir->i_sb, PROC_SYS_INO, out);
	for (unsigned int i = 0; i < NR_VM; i++)
		if (strlen(vm_table[i].procname) == len && !memcmp(vm_table[i].procname, name, len))
			return iget(dir->i_sb, PROC_SYS_VM_FIRST + i, out);
	return -ENOENT;
}

/* A tunable's own operations take over at open; it has no size (lseek: -ESPIPE). */
static int sysctl_open(struct inode *inode, struct file *f)
{
	f->f_op = &sysctl_file_ops;
	f->private = (void *)&vm_table[inode->i_ino - PROC_SYS_VM_FIRST];
	f->size = -1;
	return 0;
}

static const struct file_operations sysctl_open_ops = { .open = sysctl_open };
static const struct inode_operations sys_dir_iops = { .lookup = sys_lookup };
static const struct inode_operations vm_dir_iops = { .lookup = vm_lookup };
static const struct file_operations vm_dir_ops = { .getdents = vm_getdents };
static const struct file_operations sys_dir_ops = { .getdents = sys_getdents };

int proc_sys_read_inode(struct inode *inode)
{
	if (inode->i_ino == PROC_SYS_INO || inode->i_ino == PROC_SYS_VM_INO) {
		bool sys = inode->i_ino == PROC_SYS_INO;
		inode->i_mode = S_IFDIR | 0555;
		inode->i_op = sys ? &sys_dir_iops : &vm_dir_iops;
		inode->i_fop = sys ? &sys_dir_ops : &vm_dir_ops;
	} else {
		inode->i_mode = S_IFREG | 0644;
		inode->i_fop = &sysctl_open_ops;
	}
	return 0;
}
