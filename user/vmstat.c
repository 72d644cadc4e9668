/*
 * vmstat [DELAY [COUNT]]: procps-ng's vmstat without the cpu columns.
 *
 *	procs -----------memory---------- ---swap-- -----io---- -system--
 *	 r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs
 *	 1  0  10240   1100      0      0  120  410   120   410  105  260
 *
 *	r, b	   procs_running, procs_blocked of /proc/stat (r counts vmstat)
 *	swpd	   SwapTotal - SwapFree (KiB); free, buff, cache: MemFree,
 *		   Buffers, Cached + SReclaimable of /proc/meminfo (KiB)
 *	si, so	   KiB swapped in / out per second (pswpin, pswpout are pages)
 *	bi, bo	   KiB read from / written to the disks per second (pgpgin, pgpgout)
 *	in, cs	   interrupts ("intr") and context switches ("ctxt") per second
 *
 * The first row averages the rates since boot, as procps does; each later
 * one covers the time since the row before, measured with /proc/uptime
 * rather than assumed to be DELAY. Without DELAY one row is printed; with
 * DELAY and no COUNT rows go on until the program is killed.
 */
#include <ulib.h>

struct sample {
	unsigned long long centisecs; /* /proc/uptime */
	unsigned long swpd, free, buff, cache;
	unsigned long pswpin, pswpout, pgpgin, pgpgout, intr, ctxt;
	long running, blocked;
};

static unsigned long field(const char *text, const char *name)
{
	long v = text_field(text, name);

	return v < 0 ? 0 : (unsigned long)v;
}

/* "SECONDS.CC IDLE" into centiseconds. */
static unsigned long long parse_uptime(const char *s)
{
	char *end;
	unsigned long long cs = (unsigned long long)strtol(s, &end, 10) * 100;

	if (*end == '.' && end[1] >= '0' && end[1] <= '9' && end[2] >= '0' && end[2] <= '9')
		cs += (end[1] - '0') * 10 + (end[2] - '0');
	return cs;
}

static bool take_sample(struct sample *x)
{
	char buf[2048];

	if (read_file("/proc/uptime", buf, sizeof(buf)) <= 0)
		return false;
	x->centisecs = parse_uptime(buf);
	if (read_file("/proc/meminfo", buf, sizeof(buf)) <= 0)
		return false;
	x->swpd = field(buf, "SwapTotal") - field(buf, "SwapFree");
	x->free = field(buf, "MemFree");
	x->buff = field(buf, "Buffers");
	x->cache = field(buf, "Cached") + field(buf, "SReclaimable");
	if (read_file("/proc/vmstat", buf, sizeof(buf)) <= 0)
		return false;
	x->pswpin = field(buf, "pswpin");
	x->pswpout = field(buf, "pswpout");
	x->pgpgin = field(buf, "pgpgin");
	x->pgpgout = field(buf, "pgpgout");
	if (read_file("/proc/stat", buf, sizeof(buf)) <= 0)
		return false;
	x->intr = field(buf, "intr");
	x->ctxt = field(buf, "ctxt");
	x->running = text_field(buf, "procs_running");
	x->blocked = text_field(buf, "procs_blocked");
	return true;
}

/* @delta events of @unit KiB each over @cs centiseconds, per second, rounded. */
static unsigned long rate(unsigned long delta, unsigned long unit, unsigned long long cs)
{
	if (cs == 0)
		cs = 1;
	return (unsigned long)(((unsigned long long)delta * unit * 100 + cs / 2) / cs);
}

static void print_row(const struct sample *now, const struct sample *then)
{
	unsigned long long cs = now->centisecs - then->centisecs;
	unsigned long page_kb = PAGE_SIZE / 1024;

	printf("%2ld %2ld %6lu %6lu %6lu %6lu %4lu %4lu %5lu %5lu %4lu %4lu\n", now->running,
	       now->blocked, now->swpd, now->free, now->buff, now->cache,
	       rate(now->pswpin - then->pswpin, page_kb, cs),
	       rate(now->pswpout - then->pswpout, page_kb, cs),
	       rate(now->pgpgin - then->pgpgin, 1, cs), rate(now->pgpgout - then->pgpgout, 1, cs),
	       rate(now->intr - then->intr, 1, cs), rate(now->ctxt - then->ctxt, 1, cs));
}

/* A positive number, or 0 if @s is not one. */
static long positive(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	return *end || end == s || v <= 0 ? 0 : v;
}

int main(int argc, char **argv)
{
	struct sample boot = { 0 }, then, now;
	long delay = 0, count = 1;

	if (argc > 3 || (argc >= 2 && !(delay = positive(argv[1]))) ||
	    (argc == 3 && !(count = positive(argv[2])))) {
		dprintf(STDERR_FILENO, "usage: vmstat [DELAY [COUNT]]\n");
		return 2;
	}
	if (argc == 2)
		count = -1; /* for ever */
	if (!take_sample(&now)) {
		perror("vmstat: /proc");
		return 1;
	}
	printf("procs -----------memory---------- ---swap-- -----io---- -system--\n");
	printf(" r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs\n");
	print_row(&now, &boot);
	while (--count != 0) {
		then = now;
		sleep((unsigned int)delay);
		if (!take_sample(&now)) {
			perror("vmstat: /proc");
			return 1;
		}
		print_row(&now, &then);
	}
	return 0;
}
