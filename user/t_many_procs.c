/*
 * t_many_procs: 16 children alive at once, each reaped with its own exit
 * status. The children meet at a barrier made of sysinfo(2): each waits
 * until the process count has grown by 16 since before the forks, so no
 * child exits before all exist (a kernel that reports no count gets a plain
 * one-second sleep instead). Half the children are reaped by pid in
 * reverse order, the rest with waitpid(-1); then there must be none left.
 */
#include <utest.h>

#define NPROC	  16
#define POLL_USEC 20000
#define MAX_POLLS 500 /* 10 s: long enough under the slowest emulator */

static int procs(void)
{
	struct sysinfo si;

	if (sysinfo(&si) < 0)
		fail("sysinfo: %s", strerror(errno));
	return si.procs;
}

/* Exit with our index once all NPROC exist, or with 100 + index if they never do. */
static __noreturn void child(int index, int before)
{
	int i;

	if (!before) {
		sleep(1);
		exit(index);
	}
	for (i = 0; i < MAX_POLLS; i++) {
		if (procs() >= before + NPROC)
			exit(index);
		usleep(POLL_USEC);
	}
	exit(100 + index);
}

/* Child pid ended with status: it must be one not yet reaped, exiting with its index. */
static void check_reaped(pid_t *pids, pid_t pid, int status)
{
	int i;

	for (i = 0; i < NPROC && pids[i] != pid; i++)
		;
	if (i == NPROC)
		fail("waitpid returned %d, not an unreaped child of ours", pid);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 100 + i)
		fail("child %d never saw all %d processes alive", i, NPROC);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != i)
		fail("child %d (pid %d): status %#x, expected exit %d", i, pid, status, i);
	pids[i] = 0;
}

int main(void)
{
	int before = procs(), i, status;
	pid_t pids[NPROC], pid;

	for (i = 0; i < NPROC; i++) {
		pids[i] = xfork();
		if (pids[i] == 0)
			child(i, before);
	}
	for (i = NPROC - 1; i >= NPROC / 2; i--) {
		pid = waitpid(pids[i], &status, 0);
		if (pid != pids[i])
			fail("waitpid(%d): returned %d (%s)", pids[i], pid, strerror(errno));
		check_reaped(pids, pid, status);
	}
	for (i = 0; i < NPROC / 2; i++) {
		pid = waitpid(-1, &status, 0);
		if (pid < 0)
			fail("waitpid(-1): %s with %d children left", strerror(errno),
			     NPROC / 2 - i);
		check_reaped(pids, pid, status);
	}
	if (waitpid(-1, &status, 0) != -1 || errno != ECHILD)
		fail("waitpid(-1) with no children left: expected ECHILD");
	if (before)
		printf("t_many_procs: %d processes alive at once (%d before), all reaped\n", NPROC,
		       before);
	else
		printf("t_many_procs: %d processes reaped (sysinfo reports no process count)\n",
		       NPROC);
	pass();
}
