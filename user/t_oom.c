/*
 * t_oom MODE: memory that cannot be had, asked for in ways reclaim cannot
 * help with. The kernel must answer with an error or the OOM killer, never
 * a hang or a panic, and everyone else's memory must stay intact.
 *
 *   mlock      a child maps twice the RAM and mlock()s it all: locked pages
 *              cannot be swapped, so mlock must fail (ENOMEM or EAGAIN) or
 *              the child be killed (SIGKILL); meanwhile a checker's pages,
 *              which can be swapped, keep their data
 *   forkbomb   fork sleeping children until fork fails: EAGAIN or ENOMEM,
 *              or children are OOM-killed; all of them are killed and
 *              reaped, and then memory is back (a hog of half the RAM runs)
 *   swapfull   three hogs of 40% of RAM + swap each: two could fit, all
 *              three cannot; the OOM killer kills one or two of them, the
 *              rest finish with their data right
 *
 * Ends with "t_oom: MODE ok".
 */
#include <fillcheck.h>

#define MAX_CHILDREN 4096

static size_t ram;

/* A child that fills @pages, then checks them every 100 ms until killed or @rounds done. */
static pid_t checker(size_t pages, u32 seed, int rounds)
{
	pid_t pid = xfork();

	if (pid)
		return pid;
	u32 *a = map_pages(pages);
	for (size_t p = 0; p < pages; p++)
		fill_page(page_at(a, p), p, seed);
	for (int r = 0; r < rounds; r++) {
		usleep(100000);
		for (size_t p = 0; p < pages; p++)
			check_page(page_at(a, p), p, seed);
	}
	_exit(0);
}

static int wait_status(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid)
		fail("waitpid %d: %s", pid, strerror(errno));
	return status;
}

static void expect_ok_exit(pid_t pid, const char *who)
{
	int status = wait_status(pid);
	char how[64];

	describe_status(status, how, sizeof(how));
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		fail("%s %d: %s", who, pid, how);
	printf("t_oom: %s %d verified its pages\n", who, pid);
}

static void mlock_mode(void)
{
	pid_t chk = checker(ram / 8, 0xc0ffee, 30), locker = xfork();
	int status;
	char how[64];

	if (locker == 0) {
		size_t pages = ram * 2;
		u32 *a = map_pages(pages);
		if (mlock(a, pages * PAGE_SIZE) < 0) {
			printf("t_oom: mlock of %zu pages: %s\n", pages, strerror(errno));
			_exit(errno == ENOMEM || errno == EAGAIN ? 3 : 4);
		}
		printf("t_oom: mlock of %zu pages succeeded\n", pages);
		_exit(5);
	}
	status = wait_status(locker);
	describe_status(status, how, sizeof(how));
	printf("t_oom: the locker ended: %s\n", how);
	if (!(WIFEXITED(status) && WEXITSTATUS(status) == 3) &&
	    !(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL))
		fail("the locker should have failed or been killed: %s", how);
	expect_ok_exit(chk, "checker");
}

static pid_t children[MAX_CHILDREN];

static void forkbomb_mode(void)
{
	int n = 0, err = 0, killed = 0;
	pid_t hog;

	while (n < MAX_CHILDREN) {
		pid_t pid = fork();
		if (pid == 0) {
			for (;;)
				sleep(1000);
		}
		if (pid < 0) {
			err = errno;
			break;
		}
		children[n++] = pid;
	}
	printf("t_oom: %d children, then fork: %s\n", n, err ? strerror(err) : "no error");
	if (n == MAX_CHILDREN)
		fail("fork never failed");
	if (err != EAGAIN && err != ENOMEM)
		fail("fork failed with %s, expected EAGAIN or ENOMEM", strerror(err));
	for (int i = 0; i < n; i++)
		kill(children[i], SIGKILL);
	for (int i = 0; i < n; i++) {
		int status = wait_status(children[i]);
		killed += WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
	}
	printf("t_oom: %d children reaped, %d killed by SIGKILL\n", n, killed);
	if (killed != n)
		fail("a child ended some other way");
	hog = checker(ram / 2, 0xbeef, 2);
	expect_ok_exit(hog, "after the children, a hog of half the RAM");
}

static void swapfull_mode(void)
{
	long total = proc_field("/proc/meminfo", "SwapTotal"); /* kB */
	size_t pages = (ram + (size_t)total / 4) * 2 / 5;
	pid_t pids[3];
	int ok = 0, killed = 0;

	for (int i = 0; i < 3; i++)
		pids[i] = checker(pages, 0x1000u * (u32)i, 1);
	for (int i = 0; i < 3; i++) {
		int status = wait_status(pids[i]);
		char how[64];
		describe_status(status, how, sizeof(how));
		printf("t_oom: hog %d of %zu pages: %s\n", i, pages, how);
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			ok++;
		else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
			killed++;
		else
			fail("hog %d: %s", i, how);
	}
	printf("t_oom: %d hogs finished, %d killed\n", ok, killed);
	if (!killed || !ok)
		fail("one or two should have been killed, and the others finished");
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	ram = ram_pages();
	if (!strcmp(mode, "mlock"))
		mlock_mode();
	else if (!strcmp(mode, "forkbomb"))
		forkbomb_mode();
	else if (!strcmp(mode, "swapfull"))
		swapfull_mode();
	else
		fail("usage: t_oom mlock|forkbomb|swapfull");
	printf("t_oom: %s ok\n", mode);
	return 0;
}
