/*
 * System-call implementations, by the file that holds them. Arguments
 * arrive as the raw register values (Linux i386 ABI); each returns a value
 * or a negative errno.
 *
 * Besides the sys_* entry points (defined with the code they serve): do_wait
 * (kernel/exit.c), kernel_execve (kernel/exec.c), signal_name (kernel/signal.c).
 */
#ifndef KERNEL_SYSCALLS_H
#define KERNEL_SYSCALLS_H

#include <lib/types.h>

struct pt_regs;
struct rusage;
struct iovec;
struct user_desc;
struct stat64;
struct timeval;
struct timezone;
struct timespec64;
struct rlimit;
struct timespec;
struct sysinfo;
struct utsname;
struct k_sigaction;

/* kernel/exit.c */
__attribute__((noreturn)) long sys_exit(long code);
long sys_waitpid(long pid, int *status, long options);
long sys_wait4(long pid, int *status, long options, struct rusage *ru);
long sys_clone(unsigned long flags, unsigned long newsp, int *parent_tid, unsigned long tls,
	       int *child_tid);
/* kernel/fork.c */
long sys_fork(void);
/* kernel/exec.c */
long sys_execve(const char *path, char *const *argv, char *const *envp);
/* Replace a kernel thread with the user program @name: only returns on failure. */
int kernel_execve(const char *name, char *const argv[], char *const envp[]);
/* kernel/signal.c */
long sys_kill(long pid, long sig);
long sys_signal(long sig, unsigned long handler);
long sys_rt_sigaction(long sig, const struct k_sigaction *act, struct k_sigaction *oact,
		      unsigned long sigsetsize);
const char *signal_name(int sig);
/* kernel/sys.c */
long sys_getpid(void);
long sys_getppid(void);
long sys_getrusage(long who, struct rusage *ru);
long sys_setrlimit(long resource, const struct rlimit *rl);
long sys_sysinfo(struct sysinfo *info);
long sys_uname(struct utsname *u);
long sys_reboot(long magic1, long magic2, long cmd);
long sys_sched_yield(void);
long sys_nanosleep(const struct timespec *req, struct timespec *rem);
/* fs/read_write.c */
long sys_read(long fd, void *buf, long count);
long sys_write(long fd, const void *buf, long count);
long sys_readv(long fd, const struct iovec *iov, long iovcnt);
long sys_pipe(int *fds);
long sys_pipe2(int *fds, long flags);
long sys_set_thread_area(struct user_desc *u);
long sys_get_thread_area(struct user_desc *u);
long sys_set_tid_address(int *tidptr);
long sys_time(long *tloc);
long sys_gettimeofday(struct timeval *tv, struct timezone *tz);
long sys_clock_gettime(long clock, struct timespec *ts);
long sys_clock_getres(long clock, struct timespec *ts);
long sys_clock_gettime64(long clock, struct timespec64 *ts);
long sys_clock_nanosleep(long clock, long flags, const struct timespec *req,
			 struct timespec *rem);
long sys_clock_nanosleep_time64(long clock, long flags, const struct timespec64 *req,
				struct timespec64 *rem);
long sys_openat(long dirfd, const char *path, long flags, long mode);
long sys_stat64(const char *path, struct stat64 *st);
long sys_lstat64(const char *path, struct stat64 *st);
long sys_fstat64(long fd, struct stat64 *st);
long sys_fstatat64(long dirfd, const char *path, struct stat64 *st, long flags);
long sys_tkill(long tid, long sig);
long sys_pause(void);
long sys_tgkill(long tgid, long tid, long sig);
long sys_dup(long fd);
long sys_dup2(long oldfd, long newfd);
long sys_writev(long fd, const struct iovec *iov, long iovcnt);
long sys_open(const char *path, long flags, long mode);
long sys_close(long fd);
long sys_lseek(long fd, long off, long whence);
long sys_getdents(long fd, void *dirp, long count);
long sys_creat(const char *path, long mode);
long sys_mkdir(const char *path, long mode);
long sys_rmdir(const char *path);
long sys_unlink(const char *path);
long sys_rename(const char *oldpath, const char *newpath);
/* fs/namespace.c */
long sys_mount(const char *dev, const char *dir, const char *type, unsigned long flags,
	       const void *data);
long sys_umount(const char *dir);
long sys_umount2(const char *dir, long flags);
/* fs/ioctl.c */
long sys_ioctl(long fd, unsigned long cmd, unsigned long arg);
/* mm/mmap.c */
long sys_brk(unsigned long brk);
long sys_mmap2(unsigned long addr, unsigned long len, long prot, long flags, long fd,
	       long pgoff);
long sys_munmap(unsigned long addr, unsigned long len);
long sys_mprotect(unsigned long start, unsigned long len, unsigned long prot);
long sys_madvise(unsigned long addr, unsigned long len, long advice);
/* mm/mlock.c */
long sys_mlock(unsigned long start, unsigned long len);
long sys_munlock(unsigned long start, unsigned long len);
/* mm/swapfile.c */
long sys_swapon(const char *path, long flags);
long sys_swapoff(const char *path);

#endif
