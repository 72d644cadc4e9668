/*
 * t_linuxabi: the calls small Linux libcs make where this kernel's own
 * libc-lite makes others, issued here with int 0x80 directly, as a
 * program built against nolibc or musl would: fork as clone(SIGCHLD, 0)
 * (nolibc), waitpid as wait4 (musl, glibc, nolibc) with the child's
 * resource usage, vfork, stdio through writev and readv (musl), exit as
 * exit_group. Their buffers, iovec arrays and a clone child's new stack
 * are swapped out first, so the kernel's copies fault them back in. And
 * the clocks every libc reads: time, gettimeofday, clock_gettime (and
 * glibc's clock_gettime64), clock_getres.
 *
 * Run with swap on (swap=hda). "t_linuxabi: ok" at the end.
 */
#include <fillcheck.h>

#define PG PAGE_SIZE
#define SIGCHLD_ 17

static long sys6(long nr, long a, long b, long c, long d, long e)
{
	long r;

	__asm__ __volatile__("int $0x80"
			     : "=a"(r)
			     : "a"(nr), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
			     : "memory");
	return r;
}

#define SYS(nr, ...) sys6_args(nr, __VA_ARGS__, 0, 0, 0, 0, 0)
#define sys6_args(nr, a, b, c, d, e, ...) sys6(nr, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e))

static void expect_ret(long r, long want, const char *what)
{
	if (r != want)
		fail("%s returned %ld, expected %ld", what, r, want);
	printf("t_linuxabi: %s -> %ld\n", what, r);
}

static char *map_swapped(size_t pages, char fillc)
{
	char *p = (char *)SYS(__NR_mmap2, 0, pages * PG, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1);

	if ((unsigned long)p > -4096UL)
		fail("mmap2: %ld", (long)p);
	memset(p, fillc, pages * PG);
	return p;
}

static void swap_out(void *p, size_t pages)
{
	long before = proc_field("/proc/self/status", "VmSwap");

	if (SYS(__NR_madvise, p, pages * PG, MADV_PAGEOUT))
		fail("MADV_PAGEOUT failed");
	if (proc_field("/proc/self/status", "VmSwap") - before != (long)pages * 4)
		fail("MADV_PAGEOUT of %zu pages: not all went to swap", pages);
}

/* nolibc's fork: clone(SIGCHLD, 0, 0, 0, 0); the child reads swapped pages and exits 7. */
static void clone_as_fork(void)
{
	enum { N = 32 };
	char *p = map_swapped(N, 0);
	struct rusage ru;
	int status = 0;
	long pid;

	for (size_t i = 0; i < N; i++)
		fill_page((u32 *)(p + i * PG), i, 0x1b000000);
	swap_out(p, N);
	pid = SYS(__NR_clone, SIGCHLD_, 0, 0, 0, 0);
	if (pid == 0) {
		for (size_t i = 0; i < N; i++)
			check_page((u32 *)(p + i * PG), i, 0x1b000000);
		SYS(__NR_exit_group, 7, 0, 0, 0, 0);
	}
	if (pid < 0)
		fail("clone(SIGCHLD, 0): %ld", pid);
	memset(&ru, 0xff, sizeof(ru));
	expect_ret(SYS(__NR_wait4, pid, &status, 0, &ru), pid, "wait4 of a clone(SIGCHLD) child");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 7)
		fail("clone child: status %#x, expected exit 7", status);
	if (ru.ru_majflt < 1 || ru.ru_minflt < 0 || ru.ru_utime.tv_usec < 0 ||
	    ru.ru_utime.tv_usec >= 1000000 || ru.ru_nswap != 0)
		fail("wait4's rusage: majflt %ld minflt %ld utime %ld.%06ld nswap %ld", ru.ru_majflt,
		     ru.ru_minflt, ru.ru_utime.tv_sec, ru.ru_utime.tv_usec, ru.ru_nswap);
	printf("t_linuxabi: the child swapped in %d pages: wait4 reports %ld major faults\n", N,
	       ru.ru_majflt);
	SYS(__NR_munmap, p, N * PG, 0, 0, 0);
}

/*
 * clone with a new stack, itself swapped out: the child checks it runs on
 * it (esp == newsp), pushes and pops there, and exits 42 with exit (1).
 */
static void clone_new_stack(void)
{
	char *stack = map_swapped(2, 0x5c);
	long r;
	int status;

	swap_out(stack, 2);
	__asm__ __volatile__("int $0x80\n\t"
			     "test %%eax, %%eax\n\t"
			     "jnz 1f\n\t"
			     "cmp %%ecx, %%esp\n\t"
			     "jne 2f\n\t"
			     "pushl $42\n\t"
			     "popl %%ebx\n\t"
			     "movl $1, %%eax\n\t"
			     "int $0x80\n"
			     "2:\n\t"
			     "movl $1, %%ebx\n\t"
			     "movl $1, %%eax\n\t"
			     "int $0x80\n"
			     "1:"
			     : "=a"(r)
			     : "a"(__NR_clone), "b"(SIGCHLD_), "c"(stack + 2 * PG - 16), "d"(0),
			       "S"(0), "D"(0)
			     : "memory");
	if (r < 0)
		fail("clone with a new stack: %ld", r);
	expect_ret(SYS(__NR_wait4, r, &status, 0, 0), r, "wait4 of a clone child on a new stack");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 42)
		fail("clone child on a new stack: status %#x, expected exit 42", status);
	if (stack[2 * PG - 1] != 0x5c)
		fail("the parent's copy of the child's stack changed");
	SYS(__NR_munmap, stack, 2 * PG, 0, 0, 0);
}

static void vfork_and_wait4(void)
{
	int status;
	long pid = SYS(__NR_vfork, 0, 0, 0, 0, 0);

	if (pid == 0)
		SYS(__NR_exit, 3, 0, 0, 0, 0);
	expect_ret(SYS(__NR_wait4, -1, &status, 0, 0), pid, "wait4(-1) of a vfork child");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 3)
		fail("vfork child: status %#x", status);
	expect_ret(SYS(__NR_wait4, -1, &status, WNOHANG, 0), -ECHILD, "wait4 with no children");
	expect_ret(SYS(__NR_wait4, -1, &status, 0x100, 0), -EINVAL, "wait4 with a bad option");
	pid = SYS(__NR_fork, 0, 0, 0, 0, 0);
	if (pid == 0)
		SYS(__NR_exit, 0, 0, 0, 0, 0);
	expect_ret(SYS(__NR_wait4, pid, &status, 0, 0xC0000000), -EFAULT,
		   "wait4 with a kernel rusage pointer");
	expect_ret(SYS(__NR_wait4, pid, &status, 0, 0), pid, "wait4 after EFAULT still reaps");
	expect_ret(SYS(__NR_wait4, pid, &status, __WALL | WUNTRACED | WCONTINUED, 0), -ECHILD,
		   "wait4 with Linux's other options");
}

/* musl's stdio: writev of a line in three segments, vector and buffers swapped out. */
static void writev_readv_swapped(void)
{
	static const char *const part[3] = { "t_linuxabi: writev ", "from swapped-out ",
					     "segments\n" };
	char *p = map_swapped(4, 0), *ref = map_swapped(1, 0);
	struct iovec *iov = (struct iovec *)(p + 3 * PG + 64);
	size_t len = 0;
	long fd, n;

	for (int i = 0; i < 3; i++) {
		char *buf = p + i * PG + PG - 5;	/* each straddles a page boundary */
		memcpy(buf, part[i], strlen(part[i]));
		iov[i].iov_base = buf;
		iov[i].iov_len = strlen(part[i]);
		len += strlen(part[i]);
	}
	swap_out(p, 4);
	expect_ret(SYS(__NR_writev, 1, iov, 3), (long)len, "writev of 3 swapped-out segments");
	fd = SYS(__NR_open, "/proc/meminfo", O_RDONLY, 0);
	n = SYS(__NR_read, fd, ref, 300);
	if (n != 300)
		fail("read of /proc/meminfo: %ld", n);
	for (int i = 0; i < 3; i++) {
		iov[i].iov_base = p + i * PG + PG - 50;
		iov[i].iov_len = 100;
	}
	swap_out(p, 4);
	SYS(__NR_lseek, fd, 0, SEEK_SET);
	expect_ret(SYS(__NR_readv, fd, iov, 3), 300, "readv into 3 swapped-out segments");
	for (int i = 0; i < 3; i++)
		if (memcmp(p + i * PG + PG - 50, ref + 100 * i, 100))
			fail("readv segment %d differs from read", i);
	expect_ret(SYS(__NR_readv, fd, iov, 0), 0, "readv of no segments");
	expect_ret(SYS(__NR_readv, fd, iov, -1), -EINVAL, "readv with a negative count");
	expect_ret(SYS(__NR_readv, fd, iov, 1025), -EINVAL, "readv of 1025 segments");
	expect_ret(SYS(__NR_readv, fd, 0xC0000000, 1), -EFAULT, "readv of a kernel vector");
	expect_ret(SYS(__NR_readv, 99, iov, 1), -EBADF, "readv of a bad descriptor");
	iov[0].iov_base = (void *)0xC0000000;
	expect_ret(SYS(__NR_readv, fd, iov, 3), -EFAULT, "readv into a kernel segment");
	iov[0].iov_base = p;
	iov[0].iov_len = 0x80000000;
	expect_ret(SYS(__NR_writev, 1, iov, 3), -EINVAL, "writev of a segment beyond SSIZE_MAX");
	SYS(__NR_close, fd, 0, 0);
	SYS(__NR_munmap, p, 4 * PG, 0);
	SYS(__NR_munmap, ref, PG, 0);
}

/* 2020-01-01 in seconds since the epoch: QEMU's RTC follows the host's clock. */
#define Y2020 1577836800L

static void clocks(void)
{
	struct timespec a, b, res;
	struct timespec64 c;
	struct timeval tv;
	struct timespec nap = { 0, 20000000 };
	long t = SYS(__NR_time, 0);

	if (t < Y2020)
		fail("time() is %ld, before 2020", t);
	expect_ret(SYS(__NR_gettimeofday, &tv, 0), 0, "gettimeofday");
	if (tv.tv_sec < t || tv.tv_sec > t + 5 || tv.tv_usec < 0 || tv.tv_usec >= 1000000)
		fail("gettimeofday %ld.%06ld against time %ld", tv.tv_sec, tv.tv_usec, t);
	/*
	 * nanosleep sleeps at least what it is asked (POSIX). Five 20 ms sleeps
	 * each measured on CLOCK_MONOTONIC (the TSC, calibrated against the
	 * PIT at boot: 2 ms of slack for that): one that ends a tick early is
	 * 10 to 20 ms long.
	 */
	for (int i = 0; i < 5; i++) {
		long long ns;
		expect_ret(SYS(__NR_clock_gettime, CLOCK_MONOTONIC, &a), 0, "clock_gettime(MONOTONIC)");
		SYS(__NR_nanosleep, &nap, 0);
		expect_ret(SYS(__NR_clock_gettime, CLOCK_MONOTONIC, &b), 0, "clock_gettime after 20 ms");
		ns = (b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
		if (ns < 18000000LL || b.tv_nsec < 0 || b.tv_nsec >= 1000000000L)
			fail("CLOCK_MONOTONIC went from %ld.%09ld to %ld.%09ld over a 20 ms sleep",
			     a.tv_sec, a.tv_nsec, b.tv_sec, b.tv_nsec);
	}
	expect_ret(SYS(__NR_clock_gettime64, CLOCK_REALTIME, &c), 0, "clock_gettime64(REALTIME)");
	if (c.tv_sec < t || c.tv_sec > t + 5)
		fail("clock_gettime64 %lld against time %ld", c.tv_sec, t);
	expect_ret(SYS(__NR_clock_getres, CLOCK_MONOTONIC, &res), 0, "clock_getres");
	if (res.tv_sec || res.tv_nsec <= 0)
		fail("clock_getres: %ld.%09ld", res.tv_sec, res.tv_nsec);
	expect_ret(SYS(__NR_clock_gettime, 99, &a), -EINVAL, "clock_gettime of clock 99");
	expect_ret(SYS(__NR_clock_gettime, CLOCK_REALTIME, 0xC0000000), -EFAULT,
		   "clock_gettime into the kernel");
	expect_ret(SYS(__NR_time, 0xC0000000), -EFAULT, "time into the kernel");
	/* clock_nanosleep: relative, absolute (in the past: at once), bad clock. */
	expect_ret(SYS(__NR_clock_gettime, CLOCK_MONOTONIC, &a), 0, "clock_gettime(MONOTONIC)");
	expect_ret(SYS(__NR_clock_nanosleep, CLOCK_MONOTONIC, 0, &nap, 0), 0,
		   "clock_nanosleep 20 ms");
	expect_ret(SYS(__NR_clock_gettime, CLOCK_MONOTONIC, &b), 0, "clock_gettime(MONOTONIC)");
	if ((b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec) < 18000000LL)
		fail("clock_nanosleep of 20 ms ended early");
	expect_ret(SYS(__NR_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &a, 0), 0,
		   "clock_nanosleep to a time past");
	expect_ret(SYS(__NR_clock_nanosleep, CLOCK_THREAD_CPUTIME_ID, 0, &nap, 0), -EOPNOTSUPP,
		   "clock_nanosleep on the thread's CPU-time clock");
	printf("t_linuxabi: the clocks: wall time after 2020, monotonic time advances\n");
}

/* stat64, lstat64, fstat64 and fstatat64 (glibc's stat family), struct stat64's layout. */
static void stats(void)
{
	struct stat64 st;
	int fds[2];

	expect_ret(SYS(__NR_stat64, "/proc/meminfo", &st), 0, "stat64 /proc/meminfo");
	if ((st.st_mode & S_IFMT) != S_IFREG || st.st_nlink != 1)
		fail("stat64 /proc/meminfo: mode %#o nlink %u", st.st_mode, st.st_nlink);
	expect_ret(SYS(__NR_stat64, "/", &st), 0, "stat64 /");
	if ((st.st_mode & S_IFMT) != S_IFDIR || st.st_ino != st.__st_ino)
		fail("stat64 /: mode %#o, ino %llu and %lu", st.st_mode, st.st_ino, st.__st_ino);
	expect_ret(SYS(__NR_lstat64, "/proc/self", &st), 0, "lstat64 /proc/self");
	if ((st.st_mode & S_IFMT) != S_IFLNK)
		fail("lstat64 /proc/self: mode %#o, not a link", st.st_mode);
	expect_ret(SYS(__NR_fstatat64, AT_FDCWD, "/proc/self", &st, 0), 0, "fstatat64 /proc/self");
	if ((st.st_mode & S_IFMT) != S_IFDIR)
		fail("fstatat64 /proc/self (followed): mode %#o", st.st_mode);
	if (SYS(__NR_pipe, fds, 0, 0, 0, 0))
		fail("pipe");
	expect_ret(SYS(__NR_fstatat64, fds[0], "", &st, AT_EMPTY_PATH), 0,
		   "fstatat64(pipe, \"\", AT_EMPTY_PATH)");
	if ((st.st_mode & S_IFMT) != S_IFIFO)
		fail("a pipe's mode %#o", st.st_mode);
	expect_ret(SYS(__NR_fstat64, fds[1], &st), 0, "fstat64 of a pipe");
	expect_ret(SYS(__NR_fstat64, 99, &st), -EBADF, "fstat64 of a bad descriptor");
	expect_ret(SYS(__NR_stat64, "/proc/nosuch", &st), -ENOENT, "stat64 of a missing file");
	expect_ret(SYS(__NR_stat64, "/proc/meminfo", 0xC0000000), -EFAULT, "stat64 into the kernel");
	expect_ret(SYS(__NR_fstatat64, AT_FDCWD, "/", &st, 0x4), -EINVAL, "fstatat64 bad flags");
	SYS(__NR_close, fds[0], 0, 0, 0, 0);
	SYS(__NR_close, fds[1], 0, 0, 0, 0);
}

/* rt_sigaction: SIG_IGN and SIG_DFL, Linux's errnos. */
static void sigactions(void)
{
	struct k_sigaction ign = { .sa_handler = SIG_IGN }, dfl = { .sa_handler = SIG_DFL },
				old;

	expect_ret(SYS(__NR_rt_sigaction, SIGUSR1, &ign, 0, 4), -EINVAL, "rt_sigaction sigsetsize 4");
	expect_ret(SYS(__NR_rt_sigaction, 0, &ign, 0, 8), -EINVAL, "rt_sigaction of signal 0");
	expect_ret(SYS(__NR_rt_sigaction, 65, &ign, 0, 8), -EINVAL, "rt_sigaction of signal 65");
	expect_ret(SYS(__NR_rt_sigaction, SIGKILL, &ign, 0, 8), -EINVAL, "ignoring SIGKILL");
	expect_ret(SYS(__NR_rt_sigaction, SIGUSR1, 0xC0000000, 0, 8), -EFAULT,
		   "rt_sigaction from the kernel");
	expect_ret(SYS(__NR_rt_sigaction, SIGUSR1, &ign, 0, 8), 0, "ignore SIGUSR1");
	expect_ret(SYS(__NR_kill, getpid(), SIGUSR1), 0, "SIGUSR1 to self, ignored");
	expect_ret(SYS(__NR_rt_sigaction, SIGUSR1, &dfl, &old, 8), 0, "SIGUSR1 back to default");
	if (old.sa_handler != SIG_IGN)
		fail("rt_sigaction's old action is %lu, not SIG_IGN", old.sa_handler);
	expect_ret(SYS(__NR_rt_sigaction, SIGUSR1, 0, &old, 8), 0, "rt_sigaction query");
	if (old.sa_handler != SIG_DFL)
		fail("rt_sigaction's action is %lu, not SIG_DFL", old.sa_handler);
}

/* The calls glibc makes for open, raise and abort. */
static void glibc_paths(void)
{
	long fd = SYS(__NR_openat, AT_FDCWD, "/proc/meminfo", O_RDONLY, 0);
	char c;

	if (fd < 0 || SYS(__NR_read, fd, &c, 1) != 1 || c != 'M')
		fail("openat(AT_FDCWD, /proc/meminfo): %ld", fd);
	expect_ret(SYS(__NR_openat, 99, "meminfo", O_RDONLY, 0), -EBADF,
		   "openat relative to a bad descriptor");
	expect_ret(SYS(__NR_openat, fd, "meminfo", O_RDONLY, 0), -ENOTDIR,
		   "openat relative to a file");
	SYS(__NR_close, fd, 0, 0, 0, 0);
	expect_ret(SYS(__NR_gettid, 0, 0, 0, 0, 0), getpid(), "gettid");
	expect_ret(SYS(__NR_tgkill, 0, getpid(), 0), -EINVAL, "tgkill of thread group 0");
	expect_ret(SYS(__NR_tgkill, getpid(), getpid(), 0), 0, "tgkill(self, self, 0)");
	expect_ret(SYS(__NR_tkill, -1, 0, 0), -EINVAL, "tkill(-1)");
}

int main(void)
{
	clocks();
	glibc_paths();
	stats();
	sigactions();
	clone_as_fork();
	clone_new_stack();
	vfork_and_wait4();
	writev_readv_swapped();
	printf("t_linuxabi: ok\n");
	SYS(__NR_exit_group, 0, 0, 0, 0, 0);
	return 1;
}
