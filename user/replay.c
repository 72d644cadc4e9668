/*
 * replay [--limit N | --global N] MODULE: replay a page-reference trace
 * against real memory, with about N frames for the trace's pages.
 *
 * The trace (boot module /mod/MODULE) is little-endian u32 entries, each
 * (page_index << 1) | is_write, page indices dense from 0. The program maps
 * max_index + 1 anonymous pages and performs the references in order. A
 * write stores a stamp (page index, write count) in the page; every access
 * checks the page holds the stamp last written (zeros if never written), so
 * a page that came back from swap with the wrong contents is counted as an
 * error.
 *
 * Two ways to give the trace N frames, the two paths of page reclaim:
 *
 *   --limit N   the per-process path: setrlimit(RLIMIT_RSS) at N frames
 *               plus what the program already uses itself; the process's
 *               own pages are evicted by mm/rss_limit.c when it is at the
 *               limit, and the rest of memory is left alone.
 *   --global N  the global path: no limit, but a balloon of mlocked memory
 *               fills the machine until about N frames are free above the
 *               zones' low watermarks; when the trace grows past them, the
 *               allocator wakes kswapd (and reclaims directly below
 *               pages_min), through the zone LRU lists and shrink_list
 *               (mm/vmscan.c). The low watermark, not the high one: an
 *               allocation takes pages down to pages_low before anything
 *               is reclaimed, so N frames above pages_high would give the
 *               trace N + (high - low) pages before the first eviction,
 *               and in the bench machine that reserve (some 30 pages a
 *               zone) is more than the whole budget of most traces, which
 *               would then never swap. How many frames the trace really
 *               gets depends on kswapd (which reclaims up to pages_high
 *               once woken), the watermarks and what the kernel allocates
 *               meanwhile, so the program samples its resident pages every
 *               SAMPLE_EVERY references and reports their average and
 *               minimum, taken from the first sample at which some of the
 *               trace's pages were out on swap (before that, memory is not
 *               full yet and every policy would hold every page).
 *
 * Output, one line:
 *   replay: refs=R pages=P limit=N majflt=M minflt=F pswpin=I pswpout=O
 *           pgscan=S pgrefill=A pgsteal=T errors=E
 * with --global, "global=N" in place of "limit=N" and avg_rss=A
 * min_rss=m samples=K before errors (exit status 1 if E > 0). pgscan is
 * the inactive-list pages reclaim looked at (kswapd and direct), pgrefill
 * the active-list ones, pgsteal the pages it freed, all during the replay.
 */
#include <ulib.h>

#define CHUNK 1024	/* trace entries read at a time */
#define SAMPLE_EVERY 64	/* --global: references between two RSS samples */

static unsigned int chunk[CHUNK];

struct stamp {
	unsigned int index_plus_one;	/* 0: never written */
	unsigned int writes;
};

static void usage(void)
{
	dprintf(2, "usage: replay [--limit N | --global N] MODULE\n");
	exit(2);
}

/* Call @fn on every entry of the trace in @fd; returns the count. */
static unsigned long for_each_ref(int fd, void (*fn)(unsigned int ref, void *arg), void *arg)
{
	unsigned long refs = 0;
	ssize_t n;

	lseek(fd, 0, SEEK_SET);
	while ((n = read(fd, chunk, sizeof(chunk))) > 0) {
		for (ssize_t i = 0; i < n / 4; i++)
			fn(chunk[i], arg);
		refs += n / 4;
	}
	if (n < 0) {
		perror("replay: read");
		exit(1);
	}
	return refs;
}

static void find_max(unsigned int ref, void *arg)
{
	unsigned long *max = arg;

	if ((ref >> 1) > *max)
		*max = ref >> 1;
}

/* The trace's resident pages, sampled (--global). */
struct rss_samples {
	long base;		/* resident pages that are not the trace's (all mlocked) */
	long swapped0;		/* kB on swap before the trace began (not the trace's) */
	unsigned long count;	/* samples taken since the trace began to swap */
	unsigned long long sum;
	long min;
};

struct replay {
	char *area;
	unsigned int *writes;
	unsigned long errors;
	unsigned long refs;
	struct rss_samples *rss;	/* NULL: no sampling */
};

static void sample_rss(struct rss_samples *s);

static void do_ref(unsigned int ref, void *arg)
{
	struct replay *r = arg;
	unsigned int page = ref >> 1;
	struct stamp *s = (struct stamp *)(r->area + (unsigned long)page * PAGE_SIZE);
	unsigned int w = r->writes[page];
	struct stamp want = { w ? page + 1 : 0, w };

	if (s->index_plus_one != want.index_plus_one || s->writes != want.writes) {
		if (r->errors++ < 5)
			dprintf(2, "replay: page %u holds (%u, %u), expected (%u, %u)\n", page,
				s->index_plus_one, s->writes, want.index_plus_one, want.writes);
	}
	if (ref & 1) {
		r->writes[page] = ++w;
		s->index_plus_one = page + 1;
		s->writes = w;
	}
	if (r->rss && ++r->refs % SAMPLE_EVERY == 0)
		sample_rss(r->rss);
}

static void faults(long *maj, long *min)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	*maj = ru.ru_majflt;
	*min = ru.ru_minflt;
}

/*
 * The limit is for the trace's pages, but RLIMIT_RSS counts every page of
 * the process. So the program's own memory (text, data, heap and the top
 * of the stack) is mlocked: resident, never evicted, and counted once in
 * the base that the limit adds to N. Everything else of ours is paged out
 * first, so no stray start-up page lends the trace a frame.
 */
extern char _end[];
#define STACK_LOCKED (64 * 1024)

static void lock_own_memory(void)
{
	unsigned long start = 0x08048000UL, sp = (unsigned long)&start;
	unsigned long end = (unsigned long)sbrk(0);

	if (end < (unsigned long)_end)
		end = (unsigned long)_end;
	end = (end + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1UL);
	madvise((void *)start, end - start, MADV_PAGEOUT);
	madvise((void *)0xBF800000UL, 0x800000, MADV_PAGEOUT);
	if (mlock((void *)start, end - start) < 0 ||
	    mlock((void *)((sp & ~(PAGE_SIZE - 1UL)) - STACK_LOCKED + PAGE_SIZE),
		  0xC0000000UL - ((sp & ~(PAGE_SIZE - 1UL)) - STACK_LOCKED + PAGE_SIZE)) < 0) {
		perror("replay: mlock");
		exit(1);
	}
}

/* Resident pages, from /proc/self/statm. */
static long resident_pages(void)
{
	char buf[64];
	int fd = open("/proc/self/statm", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	long v = 0;
	char *p = buf;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	while (*p && *p != ' ')
		p++;
	for (p++; *p >= '0' && *p <= '9'; p++)
		v = v * 10 + (*p - '0');
	return v;
}

/* One sample: the trace's resident pages, once some of them are out on swap. */
static void sample_rss(struct rss_samples *s)
{
	char buf[512];
	long rss, swapped;

	if (read_file("/proc/self/status", buf, sizeof(buf)) < 0)
		return;
	rss = text_field(buf, "VmRSS") / (PAGE_SIZE / 1024) - s->base;
	swapped = text_field(buf, "VmSwap");
	if (swapped <= s->swapped0)
		return;
	s->count++;
	s->sum += (unsigned long long)(rss > 0 ? rss : 0);
	if (s->min < 0 || rss < s->min)
		s->min = rss;
}

/*
 * Frames free above the low watermarks, summed over the zones
 * (/proc/zoneinfo): what allocations may take before kswapd is woken
 * and reclaim starts.
 */
static long free_above_low(void)
{
	static char buf[4096];
	long total = 0;
	char *p = buf;

	if (read_file("/proc/zoneinfo", buf, sizeof(buf)) < 0) {
		dprintf(2, "replay: cannot read /proc/zoneinfo\n");
		exit(1);
	}
	while ((p = strstr(p, "pages free"))) {
		char *low = strstr(p, " low ");
		if (!low)
			break;
		total += strtol(p + strlen("pages free"), NULL, 10) -
			 strtol(low + strlen(" low "), NULL, 10);
		p = low;
	}
	return total;
}

/*
 * Pin a balloon of mlocked anonymous memory until about @frames frames are
 * free above the low watermarks. Locking a chunk costs the kernel some
 * memory of its own (page tables, VMAs) and may wake kswapd to reclaim
 * other processes' pages, so each round measures again: grow by what is
 * still over, give back the tail of the last chunk if it went too far.
 * Returns the pages pinned.
 */
static long inflate_balloon(long frames)
{
	long pinned = 0, last = 0;
	char *chunk = NULL;

	for (int round = 0; round < 8; round++) {
		long extra = free_above_low() - frames;
		if (extra >= 0 && extra <= 2)
			break;
		if (extra < 0) {
			long back = -extra < last ? -extra : last;
			if (!back)
				break;
			munmap(chunk + (last - back) * PAGE_SIZE, back * PAGE_SIZE);
			last -= back;
			pinned -= back;
			continue;
		}
		chunk = mmap(NULL, extra * PAGE_SIZE, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (chunk == MAP_FAILED || mlock(chunk, extra * PAGE_SIZE) < 0) {
			perror("replay: balloon");
			exit(1);
		}
		last = extra;
		pinned += extra;
	}
	return pinned;
}

static void set_limit(long frames)
{
	long base;
	struct rlimit rl;

	base = resident_pages();
	if (base < 0) {
		dprintf(2, "replay: cannot read /proc/self/statm\n");
		exit(1);
	}
	rl.rlim_cur = rl.rlim_max = (unsigned long)(frames + base) * PAGE_SIZE;
	if (setrlimit(RLIMIT_RSS, &rl) < 0) {
		perror("replay: setrlimit");
		exit(1);
	}
}

static long vmstat(const char *name)
{
	return proc_field("/proc/vmstat", name);
}

/* The reclaim counters a replay reports, in this order. */
static const char *const counters[] = { "pswpin", "pswpout", "pgscan_kswapd", "pgscan_direct",
					"pgrefill", "pgsteal" };
#define NR_COUNTERS (sizeof(counters) / sizeof(counters[0]))

static void read_counters(long *v)
{
	for (unsigned int i = 0; i < NR_COUNTERS; i++)
		v[i] = vmstat(counters[i]);
}

int main(int argc, char **argv)
{
	long frames = -1, maj0, min0, maj1, min1, c0[NR_COUNTERS], c1[NR_COUNTERS];
	unsigned long max = 0, refs, pages;
	struct rss_samples rss = { .min = -1 };
	struct replay r = { 0 };
	bool global = false;
	char path[64];
	int fd, a = 1;

	if (a + 1 < argc && (!strcmp(argv[a], "--limit") || !strcmp(argv[a], "--global"))) {
		global = !strcmp(argv[a], "--global");
		frames = strtol(argv[a + 1], NULL, 10);
		a += 2;
	}
	if (a != argc - 1 || frames == 0 || frames < -1)
		usage();
	snprintf(path, sizeof(path), "/mod/%s", argv[a]);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		dprintf(2, "replay: %s: %s\n", path, strerror(errno));
		return 1;
	}
	refs = for_each_ref(fd, find_max, &max);
	pages = refs ? max + 1 : 0;
	r.area = mmap(NULL, pages * PAGE_SIZE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	r.writes = calloc(pages ? pages : 1, sizeof(*r.writes));
	if (r.area == MAP_FAILED || !r.writes) {
		dprintf(2, "replay: no memory for %lu pages\n", pages);
		return 1;
	}
	if (frames > 0)
		lock_own_memory();
	if (frames > 0 && !global)
		set_limit(frames);
	if (global) {
		inflate_balloon(frames);
		rss.base = resident_pages();
		rss.swapped0 = proc_field("/proc/self/status", "VmSwap");
		r.rss = &rss;
	}
	faults(&maj0, &min0);
	read_counters(c0);
	for_each_ref(fd, do_ref, &r);
	faults(&maj1, &min1);
	read_counters(c1);
	printf("replay: refs=%lu pages=%lu %s=%ld majflt=%ld minflt=%ld pswpin=%ld pswpout=%ld "
	       "pgscan=%ld pgrefill=%ld pgsteal=%ld ", refs, pages, global ? "global" : "limit",
	       frames > 0 ? frames : (long)pages, maj1 - maj0, min1 - min0, c1[0] - c0[0],
	       c1[1] - c0[1], c1[2] - c0[2] + c1[3] - c0[3], c1[4] - c0[4], c1[5] - c0[5]);
	if (global)
		printf("avg_rss=%llu min_rss=%ld samples=%lu ",
		       rss.count ? (rss.sum + rss.count / 2) / rss.count : 0ULL,
		       rss.min < 0 ? 0 : rss.min, rss.count);
	printf("errors=%lu\n", r.errors);
	return r.errors ? 1 : 0;
}
