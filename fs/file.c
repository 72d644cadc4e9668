/*
 * Open files and descriptor tables (see include/fs/file.h). A struct file
 * is shared by the descriptors that fork copies and freed with the last
 * one; it holds a reference to its inode, which keeps its file system
 * mounted. Opening checks the flags as Linux's may_open does.
 */
#include <fs/file.h>
#include <fs/fs.h>
#include <kernel/sched.h>
#include <kernel/uaccess.h>
#include <mm/slab.h>
#include <lib/string.h>
#include <uapi/abi.h>
#include <uapi/errno.h>

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
	if (f->f_op && f->f_op->release)
		f->f_op->release(f);
	iput(f->f_inode);
	kfree(f);
}

/* Why opening @inode with @flags is refused, or 0 (Linux's may_open order). */
static int may_open(struct inode *inode, int flags)
{
	bool writes = (flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC);

	if ((flags & O_CREAT) && (flags & O_EXCL))
		return -EEXIST;
	if (S_ISLNK(inode->i_mode))
		return -ELOOP;	/* O_NOFOLLOW on a link */
	if (S_ISDIR(inode->i_mode) && (writes || (flags & O_CREAT)))
		return -EISDIR;
	if (writes && (inode->i_sb->s_flags & MS_RDONLY) && !S_ISBLK(inode->i_mode) &&
	    !S_ISCHR(inode->i_mode))
		return -EROFS;
	if (S_ISREG(inode->i_mode) && inode->i_size > 0x7fffffffLL)
		return -EOVERFLOW;	/* f->pos is a long: no O_LARGEFILE */
	return 0;
}

/* O_CREAT of a missing @name: its directory must exist; every file system here is read-only. */
static int create_refused(const char *name)
{
	struct path parent;
	int r = kern_path(name, LOOKUP_FOLLOW | LOOKUP_PARENT, &parent, NULL);

	if (r)
		return r;
	path_put(&parent);
	return -EROFS;
}

int vfs_open_path(const struct path *path, int flags, struct file *f)
{
	struct inode *inode = path->inode;
	int r = may_open(inode, flags);

	if (r)
		return r;
	f->f_op = inode->i_fop;
	f->f_inode = igrab(inode);
	f->flags = flags;
	if (S_ISREG(inode->i_mode) || S_ISBLK(inode->i_mode) || S_ISDIR(inode->i_mode))
		f->size = (long)inode->i_size;
	if (!f->f_op)
		return -ENXIO;
	return f->f_op->open ? f->f_op->open(inode, f) : 0;
}

int vfs_open(const char *name, int flags, struct file **out)
{
	unsigned int lookup = (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
	struct path path;
	struct file *f;
	int r;

	if (flags & O_DIRECTORY)
		lookup |= LOOKUP_DIRECTORY;
	r = kern_path(name, lookup, &path, NULL);
	if (r == -ENOENT && (flags & O_CREAT))
		return create_refused(name);
	if (r)
		return r;
	f = file_alloc(NULL);
	r = f ? vfs_open_path(&path, flags, f) : -ENOMEM;
	path_put(&path);
	if (r && f) {
		f->f_op = NULL;	/* not opened: nothing to release */
		fput(f);
	}
	if (!r)
		*out = f;
	return r;
}

int fd_install(struct task_struct *t, struct file *f)
{
	for (int fd = 0; fd < NR_OPEN; fd++)
		if (!t->files[fd]) {
			t->files[fd] = f;
			t->close_on_exec &= ~(1UL << fd);
			return fd;
		}
	return -EMFILE;
}

void set_close_on_exec(struct task_struct *t, int fd, bool on)
{
	if (on)
		t->close_on_exec |= 1UL << fd;
	else
		t->close_on_exec &= ~(1UL << fd);
}

void close_on_exec_files(struct task_struct *t)
{
	for (int fd = 0; fd < NR_OPEN; fd++)
		if (t->files[fd] && (t->close_on_exec & (1UL << fd))) {
			fput(t->files[fd]);
			t->files[fd] = NULL;
		}
	t->close_on_exec = 0;
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
	child->close_on_exec = parent->close_on_exec;
}

void close_all_files(struct task_struct *t)
{
	for (int fd = 0; fd < NR_OPEN; fd++)
		if (t->files[fd]) {
			fput(t->files[fd]);
			t->files[fd] = NULL;
		}
}

long put_dirent(void *udirp, long count, long *done, const char *name, size_t len,
		unsigned long ino, long next_off, unsigned char type)
{
	char rec[sizeof(struct linux_dirent) + NAME_MAX + 2 + 3];
	struct linux_dirent *d = (struct linux_dirent *)rec;
	unsigned short reclen = ALIGN_UP(sizeof(*d) + len + 2, 4);

	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	if (*done + reclen > count)
		return -EINVAL;
	memset(rec, 0, reclen);
	d->d_ino = ino;
	d->d_off = next_off;
	d->d_reclen = reclen;
	memcpy(d->d_name, name, len);
	rec[reclen - 1] = (char)type;
	if (copy_to_user((char *)udirp + *done, rec, reclen))
		return -EFAULT;
	*done += reclen;
	return 0;
}

long dir_getdents(struct file *f, void *udirp, long count, dir_entry_fn entry)
{
	char name[64];
	long done = 0, r;
	unsigned long ino;
	unsigned char type;
	const char *n;

	while ((n = entry(f, f->pos, name, sizeof(name), &ino, &type))) {
		r = put_dirent(udirp, count, &done, n, strlen(n), ino, f->pos + 1, type);
		if (r)
			return done ? done : r;
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
