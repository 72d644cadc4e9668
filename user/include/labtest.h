/*
 * Helpers for the labs' black-box grading programs (user/lab_*.c, run by
 * `make grade`, see docs/labs/README.md). They look at the kernel only the
 * way any Linux program can: memory contents, fork and exit, wait
 * statuses, getrusage, swapon/swapoff/madvise, and the text of /proc
 * (meminfo, vmstat, swaps) plus /proc/swapmap, this kernel's view of every
 * slot's use count. Nothing here knows an internal constant (cluster size,
 * readahead window, watermarks): sizes follow from what sysinfo reports.
 */
#ifndef USER_LABTEST_H
#define USER_LABTEST_H

#include <fillcheck.h>

#define MAX_AREAS 8

/* A line of /proc/swaps. */
struct swaparea {
	char name[40]; /* "/dev/hda" */
	long size_kb, used_kb;
	int prio;
};

/* Length of the word at @p (up to a blank or the end of the line). */
static inline size_t word_len(const char *p)
{
	size_t n = 0;

	while (p[n] && p[n] != ' ' && p[n] != '\t' && p[n] != '\n')
		n++;
	return n;
}

static inline char *skip_blanks(char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* The active swap areas from /proc/swaps; returns how many. */
static inline int read_swaps(struct swaparea *a, int max)
{
	static char buf[4096];
	int n = 0;

	if (read_file("/proc/swaps", buf, sizeof(buf)) < 0)
		fail("/proc/swaps: %s", strerror(errno));
	for (char *line = strchr(buf, '\n'); line && line[1] && n < max;) {
		char *p = ++line, *end;
		size_t len = word_len(p);

		if (len >= sizeof(a[n].name))
			fail("/proc/swaps: name too long");
		memcpy(a[n].name, p, len);
		a[n].name[len] = 0;
		p = skip_blanks(p + len);
		p += word_len(p); /* the type */
		a[n].size_kb = strtol(p, &end, 10);
		a[n].used_kb = strtol(end, &end, 10);
		a[n].prio = (int)strtol(end, &end, 10);
		n++;
		line = strchr(end, '\n');
	}
	return n;
}

/* The /proc/swaps line of @name ("/dev/hdb"), or NULL if it is not active. */
static inline const struct swaparea *find_swap(const char *name)
{
	static struct swaparea a[MAX_AREAS];
	int n = read_swaps(a, MAX_AREAS);

	for (int i = 0; i < n; i++)
		if (!strcmp(a[i].name, name))
			return &a[i];
	return NULL;
}

static inline long meminfo_kb(const char *field)
{
	long v = proc_field("/proc/meminfo", field);

	if (v < 0)
		fail("/proc/meminfo has no %s", field);
	return v;
}

/* Swap in use, in pages (SwapTotal - SwapFree). */
static inline long swap_used_pages(void)
{
	return (meminfo_kb("SwapTotal") - meminfo_kb("SwapFree")) / (PAGE_SIZE / 1024);
}

/* Slots in use that the swap cache does not hold: those PTEs hold. */
static inline long swap_uncached_pages(void)
{
	return swap_used_pages() - meminfo_kb("SwapCached") / (PAGE_SIZE / 1024);
}

/* This process's pages on swap (VmSwap of /proc/self/status). */
static inline long self_swap_pages(void)
{
	long kb = proc_field("/proc/self/status", "VmSwap");

	if (kb < 0)
		fail("/proc/self/status has no VmSwap");
	return kb / (PAGE_SIZE / 1024);
}

/*
 * Slots held by something other than the swap cache and this process's own
 * pages (which pressure may have pushed out too): 0 when no other process
 * holds swap.
 */
static inline long swap_held_pages(void)
{
	return swap_uncached_pages() - self_swap_pages();
}

static inline long free_pages_now(void)
{
	return meminfo_kb("MemFree") / (PAGE_SIZE / 1024);
}

static inline long majflt_self(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru) < 0)
		fail("getrusage: %s", strerror(errno));
	return ru.ru_majflt;
}

static inline void msleep(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/*
 * One area of /proc/swapmap: @slots characters, one per slot: 'H' header,
 * 'X' bad, '.' free, '1'..'9' the use count, '+' more.
 */
struct swapmap {
	char name[32];
	unsigned long slots;
	char *map;
};

/* The areas of /proc/swapmap (their maps malloc'ed); returns how many. */
static inline int read_swapmap(struct swapmap *areas, int max)
{
	static char *buf;
	const size_t size = 1 << 20;
	char *p;
	int n = 0;

	if (!buf && !(buf = malloc(size)))
		fail("no memory for /proc/swapmap");
	if (read_file("/proc/swapmap", buf, size) < 0)
		fail("/proc/swapmap: %s", strerror(errno));
	for (p = buf; *p && n < max; n++) {
		struct swapmap *a = &areas[n];
		size_t len = word_len(p);
		unsigned long got = 0;

		if (len >= sizeof(a->name) || !p[len])
			fail("/proc/swapmap: bad area line");
		memcpy(a->name, p, len);
		a->name[len] = 0;
		a->slots = strtol(p + len + 1, &p, 10);
		p = strchr(p, '\n');
		if (!p || !(a->map = malloc(a->slots + 1)))
			fail("/proc/swapmap: truncated, or no memory");
		for (p++; *p && got < a->slots; p++)
			if (*p != '\n')
				a->map[got++] = *p;
		if (got != a->slots)
			fail("/proc/swapmap: %s has %lu of %lu slots", a->name, got, a->slots);
		a->map[got] = 0;
		p += *p == '\n';
	}
	return n;
}

static inline void free_swapmap(struct swapmap *areas, int n)
{
	for (int i = 0; i < n; i++)
		free(areas[i].map);
}

/* The use count a /proc/swapmap character shows: -1 header or bad, 10 for '+'. */
static inline int slot_count(char c)
{
	if (c == '.')
		return 0;
	if (c >= '1' && c <= '9')
		return c - '0';
	return c == '+' ? 10 : -1;
}

/* Slots of all areas whose count is at least @min (1: in use). */
static inline long slots_with_count(int min)
{
	struct swapmap areas[MAX_AREAS];
	int n = read_swapmap(areas, MAX_AREAS);
	long count = 0;

	for (int i = 0; i < n; i++)
		for (unsigned long s = 0; s < areas[i].slots; s++)
			count += slot_count(areas[i].map[s]) >= min;
	free_swapmap(areas, n);
	return count;
}

/*
 * Memory pressure: a child touches @pages fresh pages and exits, which
 * pushes the idle pages of everyone else out to swap. Fails the test if
 * the child does not exit normally (the OOM killer took it).
 */
static inline void pressure(size_t pages)
{
	pid_t pid = xfork();

	if (pid == 0) {
		u32 *mem = map_pages(pages);

		for (size_t p = 0; p < pages; p++)
			page_at(mem, p)[0] = (u32)p;
		_exit(0);
	}
	expect_exit(pid, 0);
}

/* Fill/check @pages pages of @mem for @seed. */
static inline void fill_all(u32 *mem, size_t pages, u32 seed)
{
	for (size_t p = 0; p < pages; p++)
		fill_page(page_at(mem, p), p, seed);
}

static inline void check_all(const u32 *mem, size_t pages, u32 seed)
{
	for (size_t p = 0; p < pages; p++)
		check_page(mem + p * WORDS_PER_PAGE, p, seed);
}

/*
 * Wait until no slot is held by anything but the swap cache and this
 * process (what the others held is back), for at most @ms; fails the test
 * if some slots stay held: a leak.
 */
static inline void expect_no_held_slots(const char *when, long ms)
{
	long held = swap_held_pages();

	for (long waited = 0; held > 0 && waited < ms; waited += 20) {
		msleep(20);
		held = swap_held_pages();
	}
	if (held > 0) {
		struct swapmap areas[MAX_AREAS];
		int n = read_swapmap(areas, MAX_AREAS);

		for (int i = 0; i < n; i++)
			for (unsigned long s = 0, shown = 0; s < areas[i].slots && shown < 8; s++)
				if (slot_count(areas[i].map[s]) > 0 && ++shown)
					printf("%s: %s slot %lu: count %c\n", test_name(),
					       areas[i].name, s, areas[i].map[s]);
		free_swapmap(areas, n);
		printf("%s: SwapTotal %ld kB, SwapFree %ld kB, SwapCached %ld kB, VmSwap %ld kB\n",
		       test_name(), meminfo_kb("SwapTotal"), meminfo_kb("SwapFree"),
		       meminfo_kb("SwapCached"), self_swap_pages() * (PAGE_SIZE / 1024));
		fail("%s: %ld swap slots still in use that no process and no swap-cache page "
		     "holds (SwapTotal - SwapFree - SwapCached - own VmSwap): leaked", when, held);
	}
	printf("%s: %s: no swap slot held (%ld in use by the swap cache)\n", test_name(), when,
	       swap_used_pages());
}

/*
 * Gates order two processes without pipes or signal handlers: a gate is
 * a child that sleeps until it is killed; gate_wait returns once it is
 * gone (killed and reaped). Make gates before filling memory, so they
 * share none of it.
 */
static inline pid_t gate_new(void)
{
	pid_t pid = xfork();

	if (pid == 0)
		for (;;)
			msleep(1000);
	return pid;
}

static inline void gate_open(pid_t gate)
{
	if (kill(gate, SIGKILL) < 0)
		fail("kill(%d): %s", gate, strerror(errno));
	expect_signal(gate, SIGKILL);
}

static inline void gate_wait(pid_t gate)
{
	while (kill(gate, 0) == 0)
		msleep(10);
}

#endif
