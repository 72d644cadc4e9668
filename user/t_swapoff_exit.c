/*
 * t_swapoff_exit: a process exits, and is reaped, while swapoff is
 * bringing its pages back; then swapoff meets a slot of that process whose
 * read fails. Swapoff holds the address space while it sleeps on reads,
 * so the memory outlives its process: nothing may touch the process any
 * more (signal it, print its name). The harness attaches the swap disk
 * through blkdebug so that every read of slot 21 fails, and boots with
 * swap=hda.
 *
 * The victim pages out its last 21 pages first (slots 1..21: its last
 * page gets the failing slot 21), then the rest (slots 22 on), so that
 * swapoff, which walks an address space in address order, reads more than
 * a thousand good pages of it before the bad one. The parent kills and
 * reaps the victim as soon as its swap usage starts to fall (swapoff is
 * in its address space), and a third process runs swapoff.
 */
#include <utest.h>

#define PAGES 1500
#define FIRST 21	/* pages paged out first, into slots 1..21 */

static void victim(void)
{
	char *p = mmap(NULL, PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		fail("mmap: %s", strerror(errno));
	for (int i = 0; i < PAGES * PAGE_SIZE; i += 512)
		p[i] = (char)i;
	if (madvise(p + (PAGES - FIRST) * PAGE_SIZE, FIRST * PAGE_SIZE, MADV_PAGEOUT) ||
	    madvise(p, (PAGES - FIRST) * PAGE_SIZE, MADV_PAGEOUT))
		fail("madvise: %s", strerror(errno));
	for (;;)
		sleep(100);
}

static long vmswap(pid_t pid)
{
	char path[32];

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	return proc_field(path, "VmSwap");
}

int main(void)
{
	pid_t v = xfork(), s;
	long full, now;
	int status;

	if (v == 0)
		victim();
	while ((full = vmswap(v)) < PAGES * 4)
		usleep(10000);
	printf("t_swapoff_exit: victim %d has %ld kB in swap\n", v, full);
	s = xfork();
	if (s == 0)
		_exit(swapoff("/dev/hda") ? errno : 0);
	while ((now = vmswap(v)) == full)
		usleep(1000);
	if (kill(v, SIGKILL))
		fail("kill: %s", strerror(errno));
	expect_signal(v, SIGKILL);
	printf("t_swapoff_exit: victim killed and reaped with %ld kB still in swap\n", now);
	if (waitpid(s, &status, 0) != s)
		fail("waitpid: %s", strerror(errno));
	printf("t_swapoff_exit: swapoff exited with %d\n", WEXITSTATUS(status));
	if (read_file("/proc/swaps", (char[256]){ 0 }, 256) < 0)
		fail("/proc/swaps: %s", strerror(errno));
	pass();
}
