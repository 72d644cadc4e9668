/*
 * lab_reclaim hotset|kswapd|mlock|churn: page reclaim seen from user
 * space (docs/labs/shrinklist.md). Sizes follow the RAM sysinfo reports.
 *
 *   hotset  A quarter of the RAM is read over and over while three times
 *           the RAM streams past, written once. Pages in use must stay: the
 *           reads of the hot set may wait for the disk (major faults) at
 *           most a quarter as many times as it has pages, over the run.
 *   kswapd  Twice the RAM allocated a little at a time, with pauses: kswapd
 *           reclaims in the background, and after a pause every zone has
 *           at least its low watermark free (/proc/zoneinfo).
 *   mlock   mlock'ed pages are never swapped out, however hard the rest
 *           of memory is pressed.
 *   churn   Processes that swap are killed at random moments, their pages
 *           on the way to disk; no slot or page is lost, and afterwards a
 *           process can still use twice the RAM.
 */
#include <labtest.h>

#define SEED 0x7E000000u
#define STRIDE 32 /* stream pages written between two passes over the hot set */

static void hotset(void)
{
	size_t ram = ram_pages(), hot = ram / 4, stream = 3 * ram;
	u32 *h = map_pages(hot), *s = map_pages(stream);
	long in0 = vmstat("pswpin"), maj = 0;

	fill_all(h, hot, SEED);
	for (size_t done = 0; done < stream; done += STRIDE) {
		long maj0;
		for (size_t p = done; p < done + STRIDE && p < stream; p++)
			fill_page(page_at(s, p), p, SEED + 1);
		maj0 = majflt_self();
		for (size_t p = 0; p < hot; p++)
			if (page_at(h, p)[0] != page_word(p, 0, SEED))
				fail("hot page %zu is wrong", p);
		maj += majflt_self() - maj0;
	}
	check_all(h, hot, SEED);
	printf("%s: %zu hot pages read %zu times while %zu pages streamed past: %ld major "
	       "faults on them, pswpin=%ld\n", test_name(), hot, stream / STRIDE, stream, maj,
	       vmstat("pswpin") - in0);
	if (vmstat("pswpout") < (long)(stream - ram))
		fail("the stream was not swapped out");
	if (maj * 4 > (long)hot)
		fail("%ld major faults on a hot set of %zu pages in constant use: reclaim evicts "
		     "pages that were referenced", maj, hot);
}

/* Every populated zone's free pages and low watermark from /proc/zoneinfo; 0 if all fine. */
static int zones_below_low(bool print)
{
	static char buf[4096];
	long free = -1;
	int below = 0;

	if (read_file("/proc/zoneinfo", buf, sizeof(buf)) < 0)
		fail("/proc/zoneinfo: %s", strerror(errno));
	for (char *line = buf; *line;) {
		char *next = strchr(line, '\n'), *p = skip_blanks(line);
		if (!strncmp(p, "pages free", 10))
			free = strtol(p + 10, NULL, 10);
		else if (!strncmp(p, "low ", 4) && free >= 0) {
			long low = strtol(p + 4, NULL, 10);
			if (print)
				printf("%s: zone: %ld pages free, low watermark %ld\n", test_name(),
				       free, low);
			below += free < low;
			free = -1;
		}
		if (!next)
			break;
		line = next + 1;
	}
	return below;
}

static void kswapd(void)
{
	size_t ram = ram_pages(), pages = 2 * ram;
	long wake0 = vmstat("kswapd_wakeup"), steal0 = vmstat("pgsteal_kswapd");
	long direct0 = vmstat("pgsteal_direct");
	u32 *mem = map_pages(pages);

	for (size_t p = 0; p < pages; p++) {
		fill_page(page_at(mem, p), p, SEED);
		if (p % 16 == 15)
			msleep(2);
	}
	msleep(500);
	printf("%s: kswapd woken %ld times, reclaimed %ld pages; direct reclaim %ld\n",
	       test_name(), vmstat("kswapd_wakeup") - wake0, vmstat("pgsteal_kswapd") - steal0,
	       vmstat("pgsteal_direct") - direct0);
	if (vmstat("kswapd_wakeup") == wake0 || vmstat("pgsteal_kswapd") == steal0)
		fail("kswapd never reclaimed anything");
	if (zones_below_low(true))
		fail("after a pause, a zone is still below its low watermark: kswapd must "
		     "balance it");
	check_all(mem, pages, SEED);
}

static void mlocked(void)
{
	size_t ram = ram_pages(), locked = ram / 4;
	u32 *mem = map_pages(locked);
	long maj;

	if (mlock(mem, locked * PAGE_SIZE) < 0)
		fail("mlock: %s", strerror(errno));
	fill_all(mem, locked, SEED);
	pressure(2 * ram);
	maj = majflt_self();
	check_all(mem, locked, SEED);
	maj = majflt_self() - maj;
	printf("%s: %zu locked pages read after pressure with %ld major faults\n", test_name(),
	       locked, maj);
	if (maj)
		fail("locked pages were swapped out");
}

static void churn(void)
{
	size_t ram = ram_pages();
	u32 seed = 12345;

	for (int round = 0; round < 6; round++) {
		pid_t pid = xfork();
		if (pid == 0) {
			u32 *mem = map_pages(ram);
			for (u32 s = SEED;; s++)
				fill_all(mem, ram, s);
		}
		seed = seed * 1103515245u + 12345u;
		msleep(100 + (seed >> 16) % 300);
		if (kill(pid, SIGKILL) < 0)
			fail("kill: %s", strerror(errno));
		expect_signal(pid, SIGKILL);
	}
	expect_no_held_slots("after 6 processes were killed while swapping", 2000);
	pid_t pid = xfork();
	if (pid == 0) {
		u32 *mem = map_pages(2 * ram);
		fill_all(mem, 2 * ram, SEED);
		check_all(mem, 2 * ram, SEED);
		_exit(0);
	}
	expect_exit(pid, 0);
	expect_no_held_slots("after exit", 2000);
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		void (*fn)(void);
	} modes[] = { { "hotset", hotset }, { "kswapd", kswapd }, { "mlock", mlocked },
		      { "churn", churn } };

	for (size_t i = 0; argc == 2 && i < ARRAY_SIZE(modes); i++)
		if (!strcmp(argv[1], modes[i].name)) {
			modes[i].fn();
			pass();
		}
	fail("usage: lab_reclaim hotset|kswapd|mlock|churn");
}
