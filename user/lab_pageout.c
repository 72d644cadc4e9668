/*
 * lab_pageout [MULTIPLE [NPROC]]: the labs' basic black-box test (see
 * docs/labs/README.md). NPROC processes (default 1) together use MULTIPLE
 * (default 4) times the physical memory with plain loads and stores, so
 * only swapping can make room. Each writes its pages with its own pattern
 * and reads them back, checking every word: a page that comes back stale,
 * zeroed, from another process or from another place fails the test.
 *
 * Passes when every process verified its pages, pages really went out and
 * came back (pswpout, pswpin), and once all have exited no swap slot is
 * held by anything but the swap cache.
 */
#include <labtest.h>

#define MAX_PROCS 16

static u32 seed_of(int proc)
{
	return 0xA0000000u | (u32)proc << 16;
}

static void worker(int proc, size_t pages)
{
	u32 *area = map_pages(pages);

	fill_all(area, pages, seed_of(proc));
	check_all(area, pages, seed_of(proc));
	_exit(0);
}

int main(int argc, char **argv)
{
	int multiple = argc > 1 ? atoi(argv[1]) : 4, nproc = argc > 2 ? atoi(argv[2]) : 1;
	size_t ram = ram_pages(), pages = multiple * ram / (nproc > 0 ? nproc : 1);
	long out0 = vmstat("pswpout"), in0 = vmstat("pswpin"), out, in;
	pid_t pids[MAX_PROCS];

	if (nproc < 1 || nproc > MAX_PROCS || multiple < 1)
		fail("usage: lab_pageout [MULTIPLE [NPROC (1..%d)]]", MAX_PROCS);
	printf("%s: %d x %zu pages = %d x %zu pages of RAM\n", test_name(), nproc, pages, multiple,
	       ram);
	for (int i = 0; i < nproc; i++) {
		pids[i] = xfork();
		if (pids[i] == 0)
			worker(i, pages);
	}
	for (int i = 0; i < nproc; i++)
		expect_exit(pids[i], 0);
	out = vmstat("pswpout") - out0;
	in = vmstat("pswpin") - in0;
	printf("%s: all pages verified; pswpout=%ld pswpin=%ld\n", test_name(), out, in);
	if (out < (long)(nproc * pages - ram) || in < (long)(nproc * pages - ram) / 2)
		fail("too little swapping for %zu pages in %zu pages of RAM", nproc * pages, ram);
	expect_no_held_slots("after exit", 2000);
	pass();
}
