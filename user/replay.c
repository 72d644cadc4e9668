/*
 * replay [--limit N] MODULE: replay a page-reference trace against real
 * memory, with at most N resident frames for the trace's pages.
 *
 * The trace (boot module /mod/MODULE) is little-endian u32 entries, each
 * (page_index << 1) | is_write, page indices dense from 0. The program maps
 * max_index + 1 anonymous pages, caps its resident set with
 * setrlimit(RLIMIT_RSS) at N frames plus what it already uses itself, and
 * performs the references in order. A write stores a stamp (page index,
 * write count) in the page; every access checks the page holds the stamp
 * last written (zeros if never written), so a page that came back from
 * swap with the wrong contents is counted as an error.
 *
 * Output, one line: replay: refs=R pages=P limit=N majflt=M minflt=F
 * pswpin=I pswpout=O errors=E (exit status 1 if E > 0).
 */
#include <ulib.h>

#define CHUNK 1024	/* trace entries read at a time */

static unsigned int chunk[CHUNK];

struct stamp {
	unsigned int index_plus_one;	/* 0: never written */
	unsigned int writes;
};

static void usage(void)
{
	dprintf(2, "usage: replay [--limit N] MODULE\n");
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

struct replay {
	char *area;
	unsigned int *writes;
	unsigned long errors;
};

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

int main(int argc, char **argv)
{
	long limit = -1, maj0, min0, maj1, min1, in0, out0;
	unsigned long max = 0, refs, pages;
	struct replay r = { 0 };
	char path[64];
	int fd, a = 1;

	if (a + 1 < argc && !strcmp(argv[a], "--limit")) {
		limit = strtol(argv[a + 1], NULL, 10);
		a += 2;
	}
	if (a != argc - 1 || limit == 0)
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
	if (limit > 0) {
		lock_own_memory();
		set_limit(limit);
	}
	faults(&maj0, &min0);
	in0 = proc_field("/proc/vmstat", "pswpin");
	out0 = proc_field("/proc/vmstat", "pswpout");
	for_each_ref(fd, do_ref, &r);
	faults(&maj1, &min1);
	printf("replay: refs=%lu pages=%lu limit=%ld majflt=%ld minflt=%ld pswpin=%ld pswpout=%ld "
	       "errors=%lu\n", refs, pages, limit > 0 ? limit : (long)pages, maj1 - maj0,
	       min1 - min0, proc_field("/proc/vmstat", "pswpin") - in0,
	       proc_field("/proc/vmstat", "pswpout") - out0, r.errors);
	return r.errors ? 1 : 0;
}
