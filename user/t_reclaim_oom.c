/*
 * t_reclaim_oom: memory runs out for real, and exactly the right process
 * dies. Run with a swap area too small for what is asked.
 *
 * Two workers each fill an eighth of the RAM and keep checking it, sleeping
 * in between, until the OOM killer has struck (the oom_kill counter of
 * /proc/vmstat moves); then they check once more and exit 0. Once both
 * have filled their pages, a hog touches page after page of an area twice
 * the size of RAM plus swap. When RAM and swap are full, reclaim frees
 * nothing and the OOM killer must pick the hog, the largest process, and
 * never init (this program) or the workers.
 *
 * Passes when the hog was killed by SIGKILL, the workers exited 0 with
 * their memory intact, and there was exactly one OOM kill. The harness
 * matches the kernel's "Out of memory: killed process PID" line against
 * the hog's pid printed here.
 */
#include <fillcheck.h>

#define WORKERS	   2
#define WAIT_TICKS 1000 /* 20 s in steps of 20 ms */

static void worker(int id, size_t pages, long oom0)
{
	u32 seed = 0xA0000000u | (u32)id << 16;
	u32 *area = map_pages(pages);
	int waited = 0;

	for (size_t p = 0; p < pages; p++)
		fill_page(page_at(area, p), p, seed);
	while (vmstat("oom_kill") == oom0) {
		if (++waited > WAIT_TICKS)
			fail("worker %d: no OOM kill within 20 s", id);
		for (size_t p = 0; p < pages; p++)
			check_page(page_at(area, p), p, seed);
		usleep(20000);
	}
	for (size_t p = 0; p < pages; p++)
		check_page(page_at(area, p), p, seed);
	_exit(0);
}

/* Wait until process @pid has had @pages pages resident (VmHWM). */
static void wait_filled(pid_t pid, size_t pages)
{
	char path[40];

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	for (int i = 0; proc_field(path, "VmHWM") < (long)(pages * 4); i++) {
		if (i > WAIT_TICKS)
			fail("worker %d did not fill its %zu pages", pid, pages);
		usleep(20000);
	}
}

static __noreturn void hog(size_t pages)
{
	u32 *area = map_pages(pages);

	for (size_t p = 0; p < pages; p++)
		fill_page(page_at(area, p), p, 0xB0000000u);
	_exit(0);
}

int main(void)
{
	struct sysinfo si;
	size_t ram = ram_pages(), swap, worker_pages = ram / 8;
	long oom0 = vmstat("oom_kill");
	pid_t workers[WORKERS], hog_pid;

	if (sysinfo(&si) < 0)
		fail("sysinfo: %s", strerror(errno));
	swap = (size_t)si.totalswap * si.mem_unit / PAGE_SIZE;
	if (!swap)
		fail("no swap: boot with swap=DEV");
	printf("%s: %zu pages of RAM, %zu of swap; %d workers of %zu pages, a hog of %zu\n",
	       test_name(), ram, swap, WORKERS, worker_pages, 2 * (ram + swap));
	for (int i = 0; i < WORKERS; i++) {
		workers[i] = xfork();
		if (workers[i] == 0)
			worker(i, worker_pages, oom0);
		wait_filled(workers[i], worker_pages);
	}
	hog_pid = xfork();
	if (hog_pid == 0)
		hog(2 * (ram + swap));
	expect_signal(hog_pid, SIGKILL);
	printf("%s: the hog, pid %d, was killed by SIGKILL\n", test_name(), hog_pid);
	for (int i = 0; i < WORKERS; i++)
		expect_exit(workers[i], 0);
	printf("%s: %d workers verified their pages; oom_kill=%ld\n", test_name(), WORKERS,
	       vmstat("oom_kill") - oom0);
	if (vmstat("oom_kill") - oom0 != 1)
		fail("expected exactly one OOM kill");
	pass();
}
