/*
 * The file system calls: open, close, read, write, lseek, getdents.
 */
#include <fs/file.h>
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>
#include <uapi/abi.h>
#include <uapi/errno.h>

#define PATH_MAX 256

long sys_open(const char *upath, long flags, long mode)
{
	char path[PATH_MAX];
	struct file *f;
	long r = strncpy_from_user(path, upath, sizeof(path));

	if (r < 0)
		return r;
	if ((flags & 3) != O_RDONLY && (flags & 3) != O_WRONLY && (flags & 3) != O_RDWR)
		return -EINVAL;
	r = vfs_open(path, (int)flags, &f);
	if (r)
		return r;
	r = fd_install(current, f);
	if (r < 0)
		fput(f);
	return r;
}

long sys_close(long fd)
{
	struct file *f = fget((int)fd);

	if (!f)
		return -EBADF;
	current->files[fd] = NULL;
	fput(f);
	return 0;
}

/* The open file @fd, if [ubuf, ubuf + n) is a valid user buffer; else NULL and *err. */
static struct file *io_file(long fd, const void *ubuf, long n, long *err)
{
	struct file *f = fget((int)fd);

	*err = !f ? -EBADF : n < 0 ? -EINVAL : !access_ok(ubuf, n) ? -EFAULT : 0;
	return *err ? NULL : f;
}

long sys_read(long fd, void *ubuf, long n)
{
	long err;
	struct file *f = io_file(fd, ubuf, n, &err);

	if (!f)
		return err;
	if (!f->f_op->read)
		return f->f_op->getdents ? -EISDIR : -EINVAL;
	return f->f_op->read(f, ubuf, n);
}

long sys_write(long fd, const void *ubuf, long n)
{
	long err;
	struct file *f = io_file(fd, ubuf, n, &err);

	if (!f)
		return err;
	if (!f->f_op->write)
		return -EBADF;
	return f->f_op->write(f, ubuf, n);
}

long sys_lseek(long fd, long off, long whence)
{
	struct file *f = fget((int)fd);
	long base;

	if (!f)
		return -EBADF;
	if (f->size < 0)
		return -ESPIPE;
	base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? f->pos : whence == SEEK_END ? f->size : -1;
	if (base < 0 || base + off < 0)
		return -EINVAL;
	f->pos = base + off;
	return f->pos;
}

long sys_getdents(long fd, void *udirp, long count)
{
	struct file *f = fget((int)fd);

	if (!f)
		return -EBADF;
	if (!f->f_op->getdents)
		return -ENOTDIR;
	if (!access_ok(udirp, count))
		return -EFAULT;
	return f->f_op->getdents(f, udirp, count);
}
