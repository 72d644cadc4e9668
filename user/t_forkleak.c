/*
 * t_forkleak: fork and exit give back every page they take. After a
 * warm-up (so caches and the parent's own stack are already in use), free
 * memory as sysinfo(2) reports it must be exactly the same before and after
 * 1,000 cycles of fork, immediate exit and waitpid.
 */
#include <utest.h>

#define WARMUP 10
#define CYCLES 1000

static unsigned long long free_bytes(void)
{
	struct sysinfo si;

	if (sysinfo(&si) < 0)
		fail("sysinfo: %s", strerror(errno));
	return (unsigned long long)si.freeram * (si.mem_unit ? si.mem_unit : 1);
}

static void fork_exit(int n)
{
	int i;

	for (i = 0; i < n; i++) {
		pid_t pid = xfork();

		if (pid == 0)
			_exit(0);
		expect_exit(pid, 0);
	}
}

int main(void)
{
	unsigned long long before, after;

	fork_exit(WARMUP);
	before = free_bytes();
	fork_exit(CYCLES);
	after = free_bytes();
	printf("t_forkleak: free memory before %llu bytes, after %d fork/exit cycles %llu bytes\n",
	       before, CYCLES, after);
	if (before != after)
		fail("%lld bytes lost", (long long)(before - after));
	pass();
}
