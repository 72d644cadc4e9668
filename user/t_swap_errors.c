/*
 * t_swap_errors write|read: swap I/O errors lose no data and kill only
 * those who lost data. The harness attaches the swap disk through QEMU's
 * blkdebug so that one sector fails: in "write" mode a write to slot 11
 * (page 10 of the first page-out), in "read" mode a read of slot 21
 * (page 20).
 *
 *  write: the failed page stays in memory, gets a new slot on the next
 *         page-out, and every byte reads back right, twice.
 *  read:  a child whose page cannot be read back is killed by SIGBUS; the
 *         parent, and the kernel, carry on swapping.
 *  readahead: the failed read is readahead's (a neighbour faulted), and
 *         memory pressure makes reclaim meet the unread page before its
 *         owner touches it. The owner must still be killed by SIGBUS when
 *         it does, never read what the frame held before.
 */
#include <utest.h>

#define PAGES 64

static char *map_pages(int n)
{
	char *p = mmap(NULL, n * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);

	if (p == MAP_FAILED)
		fail("mmap: %s", strerror(errno));
	return p;
}

static unsigned int word(int page, int i, int seed)
{
	return (unsigned int)(page * 1000003 + i * 7919 + seed);
}

static void fill(char *p, int n, int seed)
{
	for (int pg = 0; pg < n; pg++)
		for (int i = 0; i < PAGE_SIZE / 4; i++)
			((unsigned int *)(p + pg * PAGE_SIZE))[i] = word(pg, i, seed);
}

static void check(const char *what, char *p, int n, int seed)
{
	for (int pg = 0; pg < n; pg++)
		for (int i = 0; i < PAGE_SIZE / 4; i++)
			if (((unsigned int *)(p + pg * PAGE_SIZE))[i] != word(pg, i, seed))
				fail("%s: page %d word %d is wrong", what, pg, i);
}

static void page_out(char *p, int n)
{
	if (madvise(p, n * PAGE_SIZE, MADV_PAGEOUT) < 0)
		fail("madvise: %s", strerror(errno));
}

static void write_errors(void)
{
	char *p = map_pages(PAGES);

	fill(p, PAGES, 1);
	page_out(p, PAGES);
	check("after the failed write", p, PAGES, 1);
	page_out(p, PAGES);
	check("after the second page-out", p, PAGES, 1);
	if (proc_field("/proc/vmstat", "swap_write_error") < 1)
		fail("no write error was seen: is the disk behind blkdebug?");
	printf("t_swap_errors: write error on one slot, all %d pages intact\n", PAGES);
}

static void read_errors(void)
{
	pid_t pid = xfork();
	char *p;

	if (pid == 0) {
		p = map_pages(PAGES);
		fill(p, PAGES, 2);
		page_out(p, PAGES);
		check("child reading back", p, PAGES, 2);
		printf("t_swap_errors: child read everything back: no read error?\n");
		_exit(0);
	}
	expect_signal(pid, SIGBUS);
	printf("t_swap_errors: the child that lost a page was killed by SIGBUS\n");
	p = map_pages(16);
	fill(p, 16, 3);
	page_out(p, 16);
	check("parent after the child's death", p, 16, 3);
	printf("t_swap_errors: swapping goes on\n");
}

/* Touch @pages pages once: reclaim must scan, and free, most of memory. */
static void memory_pressure(int pages)
{
	char *p = map_pages(pages);

	for (int pg = 0; pg < pages; pg++)
		p[pg * PAGE_SIZE] = 1;
	munmap(p, pages * PAGE_SIZE);
}

static void readahead_errors(void)
{
	struct sysinfo si;
	pid_t pid;

	if (sysinfo(&si) < 0)
		fail("sysinfo: %s", strerror(errno));
	pid = xfork();
	if (pid == 0) {
		char *p = map_pages(32);
		fill(p, 32, 4);
		page_out(p, 32);
		if (((volatile unsigned int *)p)[16 * PAGE_SIZE / 4] != word(16, 0, 4))
			fail("page 16 is wrong");	/* its fault read slots 17..24 */
		memory_pressure(2 * si.totalram / PAGE_SIZE);
		check("pages 0..31", p, 32, 4);	/* page 20 must raise SIGBUS */
		printf("t_swap_errors: child read everything back: no read error?\n");
		_exit(0);
	}
	expect_signal(pid, SIGBUS);
	printf("t_swap_errors: the page readahead could not read was never mapped: SIGBUS\n");
}

int main(int argc, char **argv)
{
	if (argc != 2)
		fail("usage: t_swap_errors write|read|readahead");
	if (!strcmp(argv[1], "write"))
		write_errors();
	else if (!strcmp(argv[1], "read"))
		read_errors();
	else if (!strcmp(argv[1], "readahead"))
		readahead_errors();
	else
		fail("unknown mode %s", argv[1]);
	pass();
}
