/*
 * The file system calls: open, creat, close, read, write, lseek, getdents,
 * and the calls that would change the namespace (mkdir, rmdir, unlink,
 * rename), which every file system here refuses with -EROFS once the
 * path checks pass, in Linux's order (-ENOENT, -ENOTDIR, -EEXIST first).
 */
#include <fs/file.h>
#include <fs/fs.h>
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>
#include <uapi/abi.h>
#include <uapi/errno.h>

long sys_open(const char *upath, long flags, long mode)
{
	struct file *f;
	char *path;
	long r = getname(upath, &path);

	if (r)
		return r;
	if ((flags & O_ACCMODE) == 3)
		r = -EINVAL;
	else
		r = vfs_open(path, (int)flags, &f);
	putname(path);
	if (r)
		return r;
	r = fd_install(current, f);
	if (r < 0)
		fput(f);
	else if (flags & O_CLOEXEC)
		set_close_on_exec(current, (int)r, true);
	return r;
}

/*
 * sys_openat - Linux i386 295; glibc's open() calls it with AT_FDCWD. An
 * absolute path ignores @dirfd, as in Linux. A relative one starts from
 * the working directory (the root here) for AT_FDCWD; from another
 * directory it is not supported: -EBADF for a bad descriptor, -ENOTDIR
 * for one that is no directory, -EOPNOTSUPP for a directory.
 */
long sys_openat(long dirfd, const char *upath, long flags, long mode)
{
	char first;
	struct file *dir;

	if (copy_from_user(&first, upath, 1))
		return -EFAULT;
	if (first == '/' || dirfd == AT_FDCWD)
		return sys_open(upath, flags, mode);
	dir = fget((int)dirfd);
	if (!dir)
		return -EBADF;
	return dir->f_op->getdents ? -EOPNOTSUPP : -ENOTDIR;
}

long sys_creat(const char *upath, long mode)
{
	return sys_open(upath, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

/*
 * A change to the namespace at @upath: @exists is what the call needs
 * (unlink, rmdir, rename's source) or must not find (mkdir). Every file
 * system is read-only for names, so the answer is an error either way.
 */
static long namespace_change(const char *upath, bool exists)
{
	struct path p;
	char *name;
	long r = getname(upath, &name);

	if (r)
		return r;
	r = kern_path(name, 0, &p, NULL);
	if (!r) {
		path_put(&p);
		r = exists ? -EROFS : -EEXIST;
	} else if (r == -ENOENT && !exists) {
		r = kern_path(name, LOOKUP_FOLLOW | LOOKUP_PARENT, &p, NULL);
		if (!r) {
			path_put(&p);
			r = -EROFS;
		}
	}
	putname(name);
	return r;
}

long sys_mkdir(const char *upath, long mode)
{
	return namespace_change(upath, false);
}

long sys_rmdir(const char *upath)
{
	return namespace_change(upath, true);
}

long sys_unlink(const char *upath)
{
	return namespace_change(upath, true);
}

long sys_rename(const char *uold, const char *unew)
{
	return namespace_change(uold, true);
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

/*
 * One segment of readv/writev through the file's own read or write.
 * Errors are sys_read's and sys_write's for a file that cannot do it.
 */
static long iov_segment(struct file *f, const struct iovec *v, bool write)
{
	if (write)
		return f->f_op->write ? f->f_op->write(f, v->iov_base, (long)v->iov_len) : -EBADF;
	if (!f->f_op->read)
		return f->f_op->getdents ? -EISDIR : -EINVAL;
	return f->f_op->read(f, v->iov_base, (long)v->iov_len);
}

/*
 * readv and writev (Linux i386 145 and 146): the segments in order, as
 * one read or write would take them; a short transfer ends the call with
 * the bytes done so far. Linux's checks come first, before any byte
 * moves (do_readv, import_iovec): a bad descriptor -EBADF; a count
 * beyond UIO_MAXIOV, or a segment longer than SSIZE_MAX, -EINVAL; a
 * vector or a segment outside user space -EFAULT.
 */
static long do_iov(long fd, const struct iovec *uiov, long iovcnt, bool write)
{
	struct file *f = fget((int)fd);
	struct iovec v;
	long done = 0, r;

	if (!f)
		return -EBADF;
	if (iovcnt < 0 || iovcnt > UIO_MAXIOV)
		return -EINVAL;
	for (long i = 0; i < iovcnt; i++) {
		if (copy_from_user(&v, uiov + i, sizeof(v)))
			return -EFAULT;
		if ((long)v.iov_len < 0)
			return -EINVAL;
		if (!access_ok(v.iov_base, v.iov_len))
			return -EFAULT;
	}
	for (long i = 0; i < iovcnt; i++) {
		if (copy_from_user(&v, uiov + i, sizeof(v)))
			return done ? done : -EFAULT;
		if (!v.iov_len)
			continue;
		r = iov_segment(f, &v, write);
		if (r < 0)
			return done ? done : r;
		done += r;
		if ((unsigned long)r < v.iov_len)
			break;
	}
	return done;
}

long sys_readv(long fd, const struct iovec *uiov, long iovcnt)
{
	return do_iov(fd, uiov, iovcnt, false);
}

long sys_writev(long fd, const struct iovec *uiov, long iovcnt)
{
	return do_iov(fd, uiov, iovcnt, true);
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
