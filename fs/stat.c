/*
 * stat(2) and its family with Linux i386's struct stat64 (Linux's
 * fs/stat.c): stat64, lstat64, fstat64 and fstatat64 (glibc's stat, lstat
 * and fstat, after statx, which is not implemented: glibc then falls back
 * to fstatat64). The file systems here keep no owners, link counts or
 * times: those read as root, 1 (2 for a directory) and 0. A descriptor
 * with no inode is the console (a character device) or a pipe.
 */
#include <fs/file.h>
#include <fs/fs.h>
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>
#include <lib/string.h>
#include <uapi/abi.h>
#include <uapi/errno.h>

static void fill_stat64(struct stat64 *st, unsigned long ino, unsigned int mode, long long size,
			unsigned long dev)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = dev;
	st->__st_ino = ino;
	st->st_ino = ino;
	st->st_mode = mode;
	st->st_nlink = S_ISDIR(mode) ? 2 : 1;
	st->st_size = size;
	st->st_blksize = 4096;
	st->st_blocks = (unsigned long long)(size + 511) / 512;
}

static long put_stat(struct stat64 *ust, const struct stat64 *st)
{
	return copy_to_user(ust, st, sizeof(*st)) ? -EFAULT : 0;
}

static long stat_inode(const struct inode *inode, struct stat64 *ust)
{
	struct stat64 st;

	fill_stat64(&st, inode->i_ino, inode->i_mode, inode->i_size,
		    (unsigned long)inode->i_sb & 0xffff);
	return put_stat(ust, &st);
}

static long stat_path(const char *upath, unsigned int lookup, struct stat64 *ust)
{
	struct path p;
	long r = user_path(upath, lookup, &p);

	if (r)
		return r;
	r = stat_inode(p.inode, ust);
	path_put(&p);
	return r;
}

long sys_stat64(const char *upath, struct stat64 *ust)
{
	return stat_path(upath, LOOKUP_FOLLOW, ust);
}

long sys_lstat64(const char *upath, struct stat64 *ust)
{
	return stat_path(upath, 0, ust);
}

long sys_fstat64(long fd, struct stat64 *ust)
{
	struct file *f = fget((int)fd);
	struct stat64 st;

	if (!f)
		return -EBADF;
	if (f->f_inode)
		return stat_inode(f->f_inode, ust);
	fill_stat64(&st, 0, file_is_pipe(f) ? S_IFIFO | 0600 : S_IFCHR | 0620, 0, 0);
	return put_stat(ust, &st);
}

/*
 * sys_fstatat64 - Linux i386 300: AT_EMPTY_PATH with "" is fstat of
 * @dirfd; AT_SYMLINK_NOFOLLOW is lstat. Like openat, a relative path is
 * taken from the working directory for AT_FDCWD only.
 */
long sys_fstatat64(long dirfd, const char *upath, struct stat64 *ust, long flags)
{
	char first;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT))
		return -EINVAL;
	if (copy_from_user(&first, upath, 1))
		return -EFAULT;
	if (!first && (flags & AT_EMPTY_PATH))
		return sys_fstat64(dirfd, ust);
	if (first != '/' && dirfd != AT_FDCWD) {
		struct file *dir = fget((int)dirfd);
		if (!dir)
			return -EBADF;
		return dir->f_op->getdents ? -EOPNOTSUPP : -ENOTDIR;
	}
	return stat_path(upath, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, ust);
}
