/*
 * lab_swapin readahead|drop|ioerr: faults on swapped pages, seen from user
 * space (docs/labs/swapin.md).
 *
 *   readahead  Write twice the RAM in order, push it out, then read the
 *              first half back in order: reading ahead around each fault
 *              must bring in more than the faulting page, so there are
 *              at most half as many major faults as pages.
 *   drop       A process reads back its swapped pages; once it has them
 *              all, no slot is held but by the swap cache (each fault gave
 *              back its page table's reference), and after munmap none.
 *   ioerr      hda fails every read of one slot (QEMU blkdebug). Four
 *              processes swap; the one whose page is lost is killed by
 *              SIGBUS when it touches it, the others read back their data.
 */
#include <labtest.h>

#define SEED 0x3A000000u
#define NPROC 4

static void readahead(void)
{
	size_t ram = ram_pages(), pages = 2 * ram, half = ram;
	u32 *mem = map_pages(pages);
	long maj;

	fill_all(mem, pages, SEED);
	pressure(ram);
	maj = majflt_self();
	for (size_t p = 0; p < half; p++)
		check_page(page_at(mem, p), p, SEED);
	maj = majflt_self() - maj;
	printf("%s: %zu swapped pages read in order with %ld major faults\n", test_name(), half,
	       maj);
	if (maj < 1)
		fail("no major fault: the pages were never swapped out");
	if (maj * 2 > (long)half)
		fail("%ld major faults for %zu pages read in order: no readahead", maj, half);
}

static void drop(void)
{
	size_t ram = ram_pages(), pages = ram / 2;
	u32 *mem = map_pages(pages);
	long used;

	fill_all(mem, pages, SEED);
	pressure(2 * ram);
	used = swap_uncached_pages();
	printf("%s: %zu pages, %ld slots held after the pressure\n", test_name(), pages, used);
	if (used < (long)pages / 2)
		fail("only %ld of %zu idle pages went to swap under pressure", used, pages);
	check_all(mem, pages, SEED);
	used = swap_uncached_pages();
	printf("%s: all read back: %ld slots held but by the swap cache\n", test_name(), used);
	if (used > (long)pages / 16)
		fail("%ld slots are still held after their pages were read back by their only "
		     "owner: a fault must give back its page table's reference", used);
	if (munmap(mem, pages * PAGE_SIZE) < 0)
		fail("munmap: %s", strerror(errno));
	expect_no_held_slots("after munmap", 2000);
}

static void ioerr(void)
{
	size_t ram = ram_pages(), pages = ram / 2;
	pid_t pids[NPROC];
	int killed = 0;

	for (int i = 0; i < NPROC; i++) {
		pids[i] = xfork();
		if (pids[i] == 0) {
			u32 *mem = map_pages(pages);
			fill_all(mem, pages, SEED + i);
			sched_yield();
			check_all(mem, pages, SEED + i);
			_exit(0);
		}
	}
	for (int i = 0; i < NPROC; i++) {
		int status;
		if (waitpid(pids[i], &status, 0) != pids[i])
			fail("waitpid: %s", strerror(errno));
		if (WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS)
			killed++;
		else if (!WIFEXITED(status) || WEXITSTATUS(status))
			fail("child %d: status %#x: only SIGBUS may end a process whose page "
			     "could not be read", pids[i], status);
	}
	printf("%s: %d of %d processes killed by SIGBUS, the others verified their pages\n",
	       test_name(), killed, NPROC);
	if (killed != 1)
		fail("expected exactly one process to lose a page, %d did", killed);
	expect_no_held_slots("after exit", 2000);
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "readahead"))
		readahead();
	else if (argc == 2 && !strcmp(argv[1], "drop"))
		drop();
	else if (argc == 2 && !strcmp(argv[1], "ioerr"))
		ioerr();
	else
		fail("usage: lab_swapin readahead|drop|ioerr");
	pass();
}
