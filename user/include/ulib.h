/*
 * libc-lite: what user programs get besides the system-call ABI headers.
 * System-call wrappers behave like libc's: on failure they return -1 (or
 * MAP_FAILED, or NULL) and leave the error number in errno. Strings and
 * formatting come from the kernel's dependency-free lib/string.c and
 * lib/vsnprintf.c, compiled again for user space.
 *
 * Output is unbuffered: every printf is one write(2), so nothing is lost or
 * printed twice when a program forks or is killed.
 */
#ifndef USER_ULIB_H
#define USER_ULIB_H

#include <lib/compiler.h>
#include <lib/string.h>
#include <lib/vsnprintf.h>
#include <uapi/abi.h>
#include <uapi/errno.h>
#include <uapi/signal.h>
#include <uapi/unistd.h>

#define PAGE_SIZE     4096
#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

typedef int pid_t;
typedef long off_t;
typedef unsigned long sighandler_t;
#define SIG_ERR (~0UL)

extern int errno;
extern char **environ;
extern const char *progname; /* argv[0], for messages */

/* unistd.c: system calls */
long syscall_raw(long nr, long a1, long a2, long a3, long a4, long a5, long a6);
long syscall(long nr, ...);
__noreturn void exit(int status);
__noreturn void _exit(int status);
pid_t fork(void);
ssize_t read(int fd, void *buf, size_t count);
ssize_t write(int fd, const void *buf, size_t count);
int open(const char *path, int flags);
int close(int fd);
pid_t waitpid(pid_t pid, int *status, int options);
int execve(const char *path, char *const argv[], char *const envp[]);
off_t lseek(int fd, off_t offset, int whence);
pid_t getpid(void);
pid_t getppid(void);
int kill(pid_t pid, int sig);
sighandler_t signal(int sig, sighandler_t handler);
int brk(void *addr);
void *sbrk(long increment);
int setrlimit(int resource, const struct rlimit *rlim);
int getrusage(int who, struct rusage *usage);
void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset);
int munmap(void *addr, size_t length);
int madvise(void *addr, size_t length, int advice);
int mlock(const void *addr, size_t length);
int munlock(const void *addr, size_t length);
int swapon(const char *path, int flags);
int swapoff(const char *path);
int mount(const char *source, const char *target, const char *type, unsigned long flags,
	  const void *data);
int umount(const char *target);
int umount2(const char *target, int flags);
int creat(const char *path, int mode);
int mkdir(const char *path, int mode);
int rmdir(const char *path);
int unlink(const char *path);
int rename(const char *oldpath, const char *newpath);
int reboot(int cmd);
int sysinfo(struct sysinfo *info);
int uname(struct utsname *buf);
int getdents(int fd, struct linux_dirent *dirp, unsigned int count);
int sched_yield(void);
int ioctl(int fd, unsigned long request, void *arg);
int nanosleep(const struct timespec *req, struct timespec *rem);

/* stdlib.c: numbers and sleeping */
long strtol(const char *s, char **end, int base);
int atoi(const char *s);
unsigned int sleep(unsigned int seconds);
int usleep(unsigned long usec);

/* malloc.c: a first-fit heap on sbrk */
void *malloc(size_t size);
void free(void *ptr);
void *calloc(size_t n, size_t size);
void *realloc(void *ptr, size_t size);

/* stdio.c: unbuffered formatted output, line input */
__printf(1, 2) int printf(const char *fmt, ...);
__printf(2, 3) int dprintf(int fd, const char *fmt, ...);
int vdprintf(int fd, const char *fmt, va_list ap);
int puts(const char *s);
int putchar(int c);
void perror(const char *what);
ssize_t write_all(int fd, const void *buf, size_t count);
/*
 * Read one line from fd 0 into buf (at most size - 1 characters, the rest
 * of a longer line is dropped), without its '\n' or '\r'. Returns the
 * length, or -1 at end of file (or on an error) with nothing read.
 */
int readline(char *buf, size_t size);

/* errors.c: names for numbers */
const char *strerror(int errnum);
const char *signal_name(int sig);    /* "SIGSEGV", or NULL if unknown */
int signal_number(const char *name); /* "SEGV", "SIGSEGV" or "11"; -1 if unknown */
/* "exit 3" or "killed by signal 11 (SIGSEGV)" for a waitpid status */
void describe_status(int status, char *buf, size_t size);

/* dirent.c: reading a directory with getdents(2) */
typedef struct dirstream DIR;
DIR *opendir(const char *path);
struct linux_dirent *readdir(DIR *dir); /* NULL at the end (errno set on error) */
int closedir(DIR *dir);

/* proc.c: reading /proc */
/* Read a whole (small) file into @buf, NUL-terminated; its length or -1. */
ssize_t read_file(const char *path, char *buf, size_t size);
/* The number after "NAME " or "NAME:" in @path (e.g. /proc/vmstat pswpin), or -1. */
long proc_field(const char *path, const char *name);
/* The same in text already read (several fields of one snapshot), or -1. */
long text_field(const char *text, const char *name);

#endif
