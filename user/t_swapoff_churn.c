/*
 * t_swapoff_churn CYCLES [PASSES]: swapoff and swapon of a second swap
 * area while processes swap. Two workers use 1.5 times the RAM each and
 * check every word they stored, PASSES times; meanwhile the parent turns
 * /dev/hdb (the preferred area, so it fills first) off and on again
 * CYCLES times, each time once it holds a quarter of the RAM's worth (or
 * after two seconds). /dev/hda has room for everything, so every swapoff must
 * succeed: reclaim moves pages to hda while swapoff brings hdb's back
 * (Linux lets swapoff proceed when RAM plus the other areas' free space
 * can hold the pages). Passes when no swapoff or swapon failed and every
 * worker verified all its pages.
 */
#include <fillcheck.h>

#define AREA "/dev/hdb"
#define PRIO 10

static void worker(int id, size_t pages, int passes)
{
	u32 *area = map_pages(pages);
	u32 seed = 0x1000u * (id + 1);

	for (size_t p = 0; p < pages; p++)
		fill_page(page_at(area, p), p, seed);
	for (int pass = 1; pass <= passes; pass++) {
		u32 next = seed + pass;
		for (size_t p = 0; p < pages; p++) {
			check_page(page_at(area, p), p, p % 3 == 0 ? seed + pass - 1 : seed);
			if (p % 3 == 0)
				fill_page(page_at(area, p), p, next);
		}
	}
	printf("%s: worker %d verified %zu pages %d times\n", test_name(), id, pages, passes);
	_exit(0);
}

/* The Used column of @dev's line in /proc/swaps (kB), or -1. */
static long area_used_kb(const char *dev)
{
	static char text[1024];
	char *line;
	long v = -1;

	if (read_file("/proc/swaps", text, sizeof(text)) < 0 || !(line = strstr(text, dev)))
		return -1;
	line = strstr(line, "partition");	/* then the size and the used columns */
	if (!line)
		return -1;
	line += strlen("partition");
	for (int field = 0; field < 2; field++)
		v = strtol(line, &line, 10);
	return v;
}

/* Wait (at most @ms) until @dev holds at least @kb of swapped pages. */
static long wait_until_used(const char *dev, long kb, int ms)
{
	long used = area_used_kb(dev);

	for (; used < kb && ms > 0; ms -= 10) {
		usleep(10000);
		used = area_used_kb(dev);
	}
	return used;
}

int main(int argc, char **argv)
{
	int cycles = argc > 1 ? atoi(argv[1]) : 10, passes = argc > 2 ? atoi(argv[2]) : 4;
	size_t pages = ram_pages() * 3 / 2;
	int failures = 0, busy = 0, nomem = 0;
	long total_kb = 0;
	pid_t pids[2];

	if (swapon(AREA, SWAP_FLAG_PREFER | PRIO) < 0)
		fail("swapon %s: %s", AREA, strerror(errno));
	for (int i = 0; i < 2; i++) {
		pids[i] = xfork();
		if (pids[i] == 0)
			worker(i, pages, passes);
	}
	for (int c = 0; c < cycles; c++) {
		long used = wait_until_used(AREA, ram_pages() * PAGE_SIZE / 1024 / 4, 2000);
		total_kb += used;
		if (swapoff(AREA) < 0) {
			printf("%s: cycle %d: swapoff %s: %s (%ld kB on it)\n", test_name(), c,
			       AREA, strerror(errno), used);
			failures++;
			busy += errno == EBUSY;
			nomem += errno == ENOMEM;
			continue;
		}
		if (swapon(AREA, SWAP_FLAG_PREFER | PRIO) < 0) {
			printf("%s: cycle %d: swapon %s: %s\n", test_name(), c, AREA, strerror(errno));
			failures++;
		}
	}
	for (int i = 0; i < 2; i++)
		expect_exit(pids[i], 0);
	printf("%s: %d swapoff cycles under load, %d failed (%d EBUSY, %d ENOMEM); "
	       "%ld kB brought back\n", test_name(), cycles, failures, busy, nomem, total_kb);
	if (failures)
		fail("%d of %d swapoff/swapon cycles failed", failures, cycles);
	pass();
}
