/*
 * Open files, descriptor tables and path lookup over the fixed directories
 * (see include/fs/file.h). A struct file is shared by the descriptors that
 * fork copies and freed with the last one.
 */
#include <fs/file.h>
#include <kernel/sched.h>
#include <kernel/uaccess.h>
#include <mm/slab.h>
#include <lib/string.h>
#include <uapi/abi.h>
#include <uapi/errno.h>

extern const struct fs_dir *const __fs_dirs_start[], *const __fs_dirs_end[];

struct file *file_alloc(const struct file_operations *ops)
{
	struct file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (f) {
		f->f_op = ops;
		f->count = 1;
		f->size = -1;
	}
	return f;
}

void fput(struct file *f)
{
	if (--f->count > 0)
		return;
	if (f->f_op->release)
		f->f_op->release(f);
	kfree(f);
}

static const char *root_entry(long index, char *buf, size_t len)
{
	long n = __fs_dirs_end - __fs_dirs_start;

	return index < n ? __fs_dirs_start[index]->name : NULL;
}

static long root_getdents(struct file *f, void *udirp, long count)
{
	return dir_getdents(f, udirp, count, root_entry);
}

static const struct file_operations root_ops = { .getdents = root_getdents };

int vfs_open(const char *path, int flags, struct file **out)
{
	const char *rest;
	struct file *f;
	int r;

	if (path[0] != '/')
		return -ENOENT;	/* no working directory: paths are absolute */
	path++;
	if (!*path) {
		*out = file_alloc(&root_ops);
		return *out ? 0 : -ENOMEM;
	}
	for (const struct fs_dir *const *d = __fs_dirs_start; d < __fs_dirs_end; d++) {
		size_t n = strlen((*d)->name);
		if (strncmp(path, (*d)->name, n) || (path[n] && path[n] != '/'))
			continue;
		rest = path[n] ? path + n + 1 : "";
		f = file_alloc(NULL);
		if (!f)
			return -ENOMEM;
		f->flags = flags;
		r = (*d)->open(rest, flags, f);
		if (r) {
			kfree(f);
			return r;
		}
		*out = f;
		return 0;
	}
	return -ENOENT;
}

int fd_install(struct task_struct *t, struct file *f)
{
	for (int fd = 0; fd < NR_OPEN; fd++)
		if (!t->files[fd]) {
			t->files[fd] = f;
			return fd;
		}
	return -EMFILE;
}

struct file *fget(int fd)
{
	if (fd < 0 || fd >= NR_OPEN)
		return NULL;
	return current->files[fd];
}

void dup_files(struct task_struct *child, struct task_struct *parent)
{
	for (int fd = 0; fd < NR_OPEN; fd++) {
		child->files[fd] = parent->files[fd];
		if (child->files[fd])
			child->files[fd]->count++;
	}
}

void close_all_files(struct task_struct *t)
{
	for (int fd = 0; fd < NR_OPEN; fd++)
		if (t->files[fd]) {
			fput(t->files[fd]);
			t->files[fd] = NULL;
		}
}

long dir_getdents(struct file *f, void *udirp, long count,
		  const char *(*entry)(long index, char *buf, size_t len))
{
	char name[64], rec[96];
	long done = 0;
	const char *n;

	while ((n = entry(f->pos, name, sizeof(name)))) {
		struct linux_dirent *d = (struct linux_dirent *)rec;
		size_t len = strlen(n);
		unsigned short reclen = ALIGN_UP(sizeof(*d) + len + 2, 4);
		if (reclen > sizeof(rec))
			continue;
		if (done + reclen > count)
			return done ? done : -EINVAL;
		memset(rec, 0, reclen);
		d->d_ino = f->pos + 1;
		d->d_off = f->pos + 1;
		d->d_reclen = reclen;
		memcpy(d->d_name, n, len + 1);
		if (copy_to_user((char *)udirp + done, rec, reclen))
			return -EFAULT;
		done += reclen;
		f->pos++;
	}
	return done;
}

long read_from_buffer(struct file *f, char *ubuf, long n, const void *data, long size)
{
	if (f->pos >= size || n <= 0)
		return 0;
	if (n > size - f->pos)
		n = size - f->pos;
	if (copy_to_user(ubuf, (const char *)data + f->pos, n))
		return -EFAULT;
	f->pos += n;
	return n;
}
