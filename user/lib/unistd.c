/*
 * System-call wrappers. Each passes its arguments to syscall_raw (the int
 * 0x80 trap in syscall.asm) and, like libc, turns a result in
 * [-4095, -1] into -1 with errno set; anything else is the answer.
 */
#include <ulib.h>

int errno;
char **environ;
const char *progname = "?";

/* The kernel returns -errno; the highest 4095 values are errors (as in Linux). */
static long ret(long r)
{
	if ((unsigned long)r >= -4095UL) {
		errno = -r;
		return -1;
	}
	return r;
}

#define SYS0(nr)	  ret(syscall_raw(nr, 0, 0, 0, 0, 0, 0))
#define SYS1(nr, a)	  ret(syscall_raw(nr, (long)(a), 0, 0, 0, 0, 0))
#define SYS2(nr, a, b)	  ret(syscall_raw(nr, (long)(a), (long)(b), 0, 0, 0, 0))
#define SYS3(nr, a, b, c) ret(syscall_raw(nr, (long)(a), (long)(b), (long)(c), 0, 0, 0))

/* Any system call by number. It reads six arguments: pass zeros for the unused ones. */
long syscall(long nr, ...)
{
	va_list ap;
	long a[6];
	int i;

	va_start(ap, nr);
	for (i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	return ret(syscall_raw(nr, a[0], a[1], a[2], a[3], a[4], a[5]));
}

/* Output is unbuffered, so there is nothing to flush: exit is _exit. */
void exit(int status)
{
	_exit(status);
}

/* exit_group ends the whole process (there are no threads, but it is what libc uses). */
void _exit(int status)
{
	for (;;)
		syscall_raw(__NR_exit_group, status, 0, 0, 0, 0, 0);
}

pid_t fork(void)
{
	return SYS0(__NR_fork);
}

ssize_t read(int fd, void *buf, size_t count)
{
	return SYS3(__NR_read, fd, buf, count);
}

ssize_t write(int fd, const void *buf, size_t count)
{
	return SYS3(__NR_write, fd, buf, count);
}

int open(const char *path, int flags)
{
	return SYS2(__NR_open, path, flags);
}

int close(int fd)
{
	return SYS1(__NR_close, fd);
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return SYS3(__NR_waitpid, pid, status, options);
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	return SYS3(__NR_execve, path, argv, envp);
}

off_t lseek(int fd, off_t offset, int whence)
{
	return SYS3(__NR_lseek, fd, offset, whence);
}

pid_t getpid(void)
{
	return SYS0(__NR_getpid);
}

int ioctl(int fd, unsigned long request, void *arg)
{
	return SYS3(__NR_ioctl, fd, request, arg);
}

pid_t getppid(void)
{
	return SYS0(__NR_getppid);
}

/* SIG_DFL or SIG_IGN only (the kernel has no handlers); the old disposition or SIG_ERR. */
sighandler_t signal(int sig, sighandler_t handler)
{
	long r = SYS2(__NR_signal, sig, handler);

	return r < 0 ? SIG_ERR : (sighandler_t)r;
}

int kill(pid_t pid, int sig)
{
	return SYS2(__NR_kill, pid, sig);
}

/*
 * The raw brk(2) never fails with -errno: it returns the new break, or the
 * old one if the request was refused. brk(0) just asks for the break.
 */
static unsigned long cur_brk;

int brk(void *addr)
{
	cur_brk = syscall_raw(__NR_brk, (long)addr, 0, 0, 0, 0, 0);
	if (cur_brk != (unsigned long)addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

/* Move the break by increment bytes (either way); returns the old break. */
void *sbrk(long increment)
{
	unsigned long old;

	if (!cur_brk)
		cur_brk = syscall_raw(__NR_brk, 0, 0, 0, 0, 0, 0);
	old = cur_brk;
	if (increment && brk((void *)(old + increment)) < 0)
		return (void *)-1;
	return (void *)old;
}

int setrlimit(int resource, const struct rlimit *rlim)
{
	return SYS2(__NR_setrlimit, resource, rlim);
}

int getrusage(int who, struct rusage *usage)
{
	return SYS2(__NR_getrusage, who, usage);
}

/* mmap2 takes the file offset in pages, which is what lets i386 map past 4 GiB. */
void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
{
	if (offset & (PAGE_SIZE - 1)) {
		errno = EINVAL;
		return MAP_FAILED;
	}
	return (void *)ret(
	    syscall_raw(__NR_mmap2, (long)addr, length, prot, flags, fd, offset / PAGE_SIZE));
}

int munmap(void *addr, size_t length)
{
	return SYS2(__NR_munmap, addr, length);
}

int madvise(void *addr, size_t length, int advice)
{
	return SYS3(__NR_madvise, addr, length, advice);
}

int mlock(const void *addr, size_t length)
{
	return SYS2(__NR_mlock, addr, length);
}

int munlock(const void *addr, size_t length)
{
	return SYS2(__NR_munlock, addr, length);
}

int swapon(const char *path, int flags)
{
	return SYS2(__NR_swapon, path, flags);
}

int swapoff(const char *path)
{
	return SYS1(__NR_swapoff, path);
}

int mount(const char *source, const char *target, const char *type, unsigned long flags,
	  const void *data)
{
	return ret(syscall_raw(__NR_mount, (long)source, (long)target, (long)type, (long)flags,
			       (long)data, 0));
}

int umount(const char *target)
{
	return SYS1(__NR_umount, target);
}

int umount2(const char *target, int flags)
{
	return SYS2(__NR_umount2, target, flags);
}

int creat(const char *path, int mode)
{
	return SYS2(__NR_creat, path, mode);
}

int mkdir(const char *path, int mode)
{
	return SYS2(__NR_mkdir, path, mode);
}

int rmdir(const char *path)
{
	return SYS1(__NR_rmdir, path);
}

int unlink(const char *path)
{
	return SYS1(__NR_unlink, path);
}

int rename(const char *oldpath, const char *newpath)
{
	return SYS2(__NR_rename, oldpath, newpath);
}

int reboot(int cmd)
{
	return ret(
	    syscall_raw(__NR_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, cmd, 0, 0, 0));
}

int sysinfo(struct sysinfo *info)
{
	return SYS1(__NR_sysinfo, info);
}

int uname(struct utsname *buf)
{
	return SYS1(__NR_uname, buf);
}

int getdents(int fd, struct linux_dirent *dirp, unsigned int count)
{
	return SYS3(__NR_getdents, fd, dirp, count);
}

int sched_yield(void)
{
	return SYS0(__NR_sched_yield);
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return SYS2(__NR_nanosleep, req, rem);
}
