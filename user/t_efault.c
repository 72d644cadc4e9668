/*
 * t_efault: system calls check their arguments. Pointers into the kernel
 * half, unmapped user pages or across the user/kernel boundary must give
 * -1/EFAULT (never a kill, never a partial result); bad descriptors,
 * processes, alignments and call numbers give EBADF, ESRCH, EINVAL and
 * ENOSYS. The process must survive all of it. One line per check.
 *
 * Runs: true
 */
#include <utest.h>

#define KADDR	 ((void *)0xC0000000)
#define UNMAPPED ((void *)0x1000)
#define STRADDLE ((void *)0xBFFFFFFC) /* 4 bytes below the kernel, 8 bytes long */

static int failures, checks;

static void expect_err(const char *call, long r, int err, const char *err_name)
{
	int e = errno;

	checks++;
	if (r == -1 && e == err) {
		printf("t_efault: %s -> %s\n", call, err_name);
		return;
	}
	failures++;
	printf("t_efault: %s returned %ld (errno %d, %s), expected -1 with %s\n", call, r, e,
	       strerror(e), err_name);
}

/* Run call with errno cleared and check it failed with err. */
#define EXPECT_ERR(call, err) (errno = 0, expect_err(#call, (long)(call), err, #err))

static void bad_buffers(int fd, int dir)
{
	EXPECT_ERR(write(1, KADDR, 10), EFAULT);
	EXPECT_ERR(write(1, UNMAPPED, 10), EFAULT);
	EXPECT_ERR(write(1, STRADDLE, 8), EFAULT);
	EXPECT_ERR(read(fd, KADDR, 10), EFAULT);
	EXPECT_ERR(read(fd, UNMAPPED, 10), EFAULT);
	EXPECT_ERR(open(KADDR, O_RDONLY), EFAULT);
	EXPECT_ERR(open(UNMAPPED, O_RDONLY), EFAULT);
	EXPECT_ERR(getrusage(RUSAGE_SELF, KADDR), EFAULT);
	EXPECT_ERR(sysinfo(KADDR), EFAULT);
	EXPECT_ERR(uname(KADDR), EFAULT);
	EXPECT_ERR(getdents(dir, KADDR, 1024), EFAULT);
	EXPECT_ERR(nanosleep(KADDR, NULL), EFAULT);
	EXPECT_ERR(nanosleep(UNMAPPED, NULL), EFAULT);
}

static void bad_exec(const char *path)
{
	char *bad_arg[] = { "x", KADDR, NULL };
	char *argv[] = { "x", NULL };

	EXPECT_ERR(execve(KADDR, argv, environ), EFAULT);
	EXPECT_ERR(execve(path, KADDR, environ), EFAULT);
	EXPECT_ERR(execve(path, bad_arg, environ), EFAULT);
	EXPECT_ERR(execve(path, argv, KADDR), EFAULT);
}

/*
 * The status pointer is written after the child is reaped (as in Linux),
 * so a second waitpid may find it gone (ECHILD) or, if the kernel checked
 * the pointer first, still there; either way the parent lives on.
 */
static void bad_wait_status(void)
{
	pid_t pid = xfork(), r;

	if (pid == 0)
		_exit(0);
	EXPECT_ERR(waitpid(pid, KADDR, 0), EFAULT);
	r = waitpid(pid, NULL, 0);
	if (r != pid && !(r < 0 && errno == ECHILD))
		fail("waitpid after EFAULT returned %d (%s)", r, strerror(errno));
}

static void bad_values(int fd)
{
	EXPECT_ERR(close(-1), EBADF);
	EXPECT_ERR(close(99), EBADF);
	EXPECT_ERR(read(99, &fd, 1), EBADF);
	EXPECT_ERR(write(-5, "x", 1), EBADF);
	EXPECT_ERR(lseek(99, 0, SEEK_SET), EBADF);
	EXPECT_ERR(kill(99999, SIGKILL), ESRCH);
	EXPECT_ERR(kill(getpid(), 99), EINVAL);
	EXPECT_ERR(munmap((void *)0x10000001, PAGE_SIZE), EINVAL);
	EXPECT_ERR(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), EINVAL);
	EXPECT_ERR(syscall(17, 0, 0, 0, 0, 0, 0), ENOSYS);   /* "break": never implemented */
	EXPECT_ERR(syscall(251, 0, 0, 0, 0, 0, 0), ENOSYS);  /* unused slot in the table */
	EXPECT_ERR(syscall(1000, 0, 0, 0, 0, 0, 0), ENOSYS); /* past the table */
	EXPECT_ERR(syscall(-1, 0, 0, 0, 0, 0, 0), ENOSYS);   /* negative if compared signed */
}

static int open_or_fail(const char *path, int flags)
{
	int fd = open(path, flags);

	if (fd < 0)
		fail("open %s: %s", path, strerror(errno));
	return fd;
}

int main(void)
{
	char path[128], dir_path[128];
	int fd, dir;

	sibling_path("true", path, sizeof(path));
	strlcpy(dir_path, path, sizeof(dir_path));
	*strrchr(dir_path, '/') = 0;
	fd = open_or_fail(path, O_RDONLY);
	dir = open_or_fail(dir_path, O_RDONLY | O_DIRECTORY);
	bad_buffers(fd, dir);
	bad_exec(path);
	bad_wait_status();
	bad_values(fd);
	/* Last: a kernel that waits for console input before checking would hang here. */
	EXPECT_ERR(read(0, KADDR, 10), EFAULT);
	if (failures)
		fail("%d of %d checks failed", failures, checks);
	printf("t_efault: all %d checks passed\n", checks);
	pass();
}
