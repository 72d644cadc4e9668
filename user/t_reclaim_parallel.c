/*
 * t_reclaim_parallel [NPROC]: NPROC processes (default 8) at once, each
 * using as much memory as the machine has, so together NPROC times the
 * physical memory. Each writes its own pattern (its seed is its number),
 * reads it back, rewrites every other page and reads everything again,
 * checking every word: pages of one process must never show up in
 * another, nor come back stale. The parent waits for all of them and
 * passes only if every one exited 0.
 */
#include <fillcheck.h>

#define MAX_PROCS 16

static u32 seed_of(int proc, int round)
{
	return 0xC0000000u | (u32)proc << 16 | (u32)round << 8;
}

static void worker(int proc, size_t pages)
{
	u32 *area = map_pages(pages);

	for (size_t p = 0; p < pages; p++)
		fill_page(page_at(area, p), p, seed_of(proc, 1));
	sched_yield();
	for (size_t p = 0; p < pages; p++)
		check_page(page_at(area, p), p, seed_of(proc, 1));
	for (size_t p = 0; p < pages; p += 2)
		fill_page(page_at(area, p), p, seed_of(proc, 2));
	for (size_t p = 0; p < pages; p++)
		check_page(page_at(area, p), p, seed_of(proc, p % 2 ? 1 : 2));
	_exit(0);
}

int main(int argc, char **argv)
{
	int nproc = argc > 1 ? atoi(argv[1]) : 8;
	size_t pages = ram_pages();
	long out0 = vmstat("pswpout"), in0 = vmstat("pswpin");
	pid_t pids[MAX_PROCS];

	if (nproc < 1 || nproc > MAX_PROCS)
		fail("NPROC must be 1..%d", MAX_PROCS);
	printf("%s: %d processes x %zu pages (the RAM)\n", test_name(), nproc, pages);
	for (int i = 0; i < nproc; i++) {
		pids[i] = xfork();
		if (pids[i] == 0)
			worker(i, pages);
	}
	for (int i = 0; i < nproc; i++)
		expect_exit(pids[i], 0);
	printf("%s: %d x %zu pages verified; pswpout=%ld pswpin=%ld\n", test_name(), nproc, pages,
	       vmstat("pswpout") - out0, vmstat("pswpin") - in0);
	if (vmstat("pswpout") - out0 < (long)((nproc - 1) * pages))
		fail("too little swapping for %d x %zu pages", nproc, pages);
	pass();
}
