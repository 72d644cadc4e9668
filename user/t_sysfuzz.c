/*
 * t_sysfuzz [ITERATIONS] [SEED]: random system calls with random arguments
 * must never bring the kernel down. A child makes the calls (numbers 0-299,
 * arguments drawn from zero, small numbers, -1, huge values, and valid,
 * unmapped and kernel addresses); it may well kill itself — by unmapping
 * its own code, say — and then the parent starts another. Calls that end
 * or stop things on purpose (exit, reboot, kill, execve, swapoff...) and
 * long sleeps are left out. The parent checks the machine still works
 * (a fork, a page-out and a read-back) and prints how many calls were made.
 */
#include <utest.h>

static unsigned long long rng;

static unsigned long next_rand(void)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned long)(rng >> 33);
}

static bool forbidden(long nr)
{
	static const long deny[] = { __NR_exit, __NR_fork, __NR_clone, __NR_vfork, __NR_execve,
				     __NR_kill, __NR_reboot, __NR_exit_group, __NR_swapoff,
				     __NR_swapon, __NR_nanosleep, __NR_clock_nanosleep,
				     __NR_clock_nanosleep_time64, __NR_pause, __NR_waitpid,
				     __NR_wait4, __NR_read, __NR_readv };
	for (unsigned int i = 0; i < sizeof(deny) / sizeof(deny[0]); i++)
		if (nr == deny[i])
			return true;
	return false;
}

static char scratch[2 * PAGE_SIZE];

static long random_arg(void)
{
	switch (next_rand() % 10) {
	case 0:
		return 0;
	case 1:
		return -1;
	case 2:
		return (long)(next_rand() % 64);
	case 3:
		return (long)(next_rand() << 12);	/* page-aligned, anywhere */
	case 4:
		return (long)0xC0000000UL + (long)(next_rand() % 0x1000000);	/* kernel */
	case 5:
		return (long)(scratch + next_rand() % sizeof(scratch));	/* valid user memory */
	case 6:
		return (long)0x40000000UL + (long)(next_rand() % 0x100000);	/* mmap area */
	case 7:
		return (long)0x7FFFFFFF;
	case 8:
		return (long)next_rand();
	default:
		return (long)(0xBFFFF000UL - (next_rand() % 0x10000));	/* the stack */
	}
}

/* Mostly the calls the kernel implements, sometimes any number. */
static long random_call(void)
{
	static const long known[] = { __NR_write, __NR_open, __NR_close, __NR_lseek, __NR_getpid,
				      __NR_brk, __NR_getppid, __NR_setrlimit, __NR_getrusage,
				      __NR_munmap, __NR_sysinfo, __NR_uname, __NR_getdents,
				      __NR_mlock, __NR_munlock, __NR_sched_yield, __NR_mmap2,
				      __NR_madvise, __NR_mprotect, __NR_writev };

	if (next_rand() % 5)
		return known[next_rand() % (sizeof(known) / sizeof(known[0]))];
	return (long)(next_rand() % 300);
}

static void child(unsigned long seed, int calls)
{
	/* No console: writing a gigabyte of a random mapping to it is legal, just slow. */
	close(0);
	close(1);
	close(2);
	rng = seed;
	for (int i = 0; i < calls; i++) {
		long nr = random_call();
		if (forbidden(nr))
			continue;
		syscall_raw(nr, random_arg(), random_arg(), random_arg(), random_arg(), random_arg(),
			    random_arg());
	}
	_exit(0);
}

int main(int argc, char **argv)
{
	int total = argc > 1 ? atoi(argv[1]) : 20000, done = 0, children = 0, killed = 0;
	unsigned long seed = argc > 2 ? (unsigned long)atoi(argv[2]) : 1;

	while (done < total) {
		pid_t pid = xfork();
		int status;

		if (pid == 0)
			child(seed * 1000003UL + (unsigned long)children, 500);
		/*
		 * A child can corrupt its own stack through a random pointer and
		 * run off into a zero-filled heap forever: that is its business,
		 * not the kernel's, so it gets two seconds.
		 */
		for (int waited = 0; waitpid(pid, &status, WNOHANG) == 0; waited++) {
			if (waited == 200)
				kill(pid, SIGKILL);
			usleep(10000);
		}
		killed += !WIFEXITED(status);
		children++;
		done += 500;
	}
	/* The machine still works. */
	char *p = mmap(NULL, 16 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);
	if (p == MAP_FAILED)
		fail("mmap after fuzzing: %s", strerror(errno));
	for (int i = 0; i < 16 * PAGE_SIZE; i++)
		p[i] = (char)i;
	madvise(p, 16 * PAGE_SIZE, MADV_PAGEOUT);
	for (int i = 0; i < 16 * PAGE_SIZE; i++)
		if (p[i] != (char)i)
			fail("byte %d lost after fuzzing", i);
	printf("t_sysfuzz: %d random calls in %d children (%d killed by signals), kernel fine\n",
	       done, children, killed);
	pass();
}
