/*
 * vmtop [-b] [-n COUNT] [-d SECONDS]: a top for the virtual memory system,
 * redrawn in place with ANSI escape sequences (a serial terminal, an SSH
 * session to the host running QEMU, or the VGA console):
 *
 *	vmtop: up 41.27 s, every 1 s, frame 3                         q quits
 *	Mem:    61628k total     712k free   30640k active   27420k inactive
 *	        2864k swap cache      96k dirty     384k writeback
 *	Swap:   98300k total   75088k used   23212k free
 *	  hda1  partition  98300k  75088k used  prio -1
 *	Rates:  si 1969/s  so 2987/s  majflt 412/s  scan 3401/s  steal 2990/s
 *	kswapd0: running  (woken 2/s, 14 balance runs/s)  direct reclaim 0/s
 *
 *	  PID S    RSS   SWAP MAJFLT/s MINFLT/s COMMAND
 *	    7 D  55996  75088      412      630 hog
 *
 * Memory is from /proc/meminfo (k = KiB), the areas from /proc/swaps,
 * the rates from /proc/vmstat (si/so: pages swapped in/out; majflt: faults
 * that read from swap; scan/steal: pages reclaim looked at and freed),
 * kswapd's state from its /proc/PID/stat, the processes from
 * /proc/PID/stat (fault counts, fields 10 and 12) and /proc/PID/status
 * (VmRSS, VmSwap), busiest first (major faults, then minor, then RSS).
 * Rates are per second over the time between frames, measured with
 * /proc/uptime; the first frame's are averages since boot (since start,
 * for a process).
 *
 * Options: -d SECONDS between frames (tenths allowed, default 1), -n COUNT
 * frames then exit (default: until q or Ctrl-C), -b batch: no escape
 * sequences and no keys, frames one after another, for scripts and logs
 * (like top -b). Without -b, vmtop reads keys as top does (q quits, any
 * other key redraws at once), so input typed ahead is consumed: use -b in
 * piped sessions.
 */
#include <ulib.h>

#define MAX_PROCS 128
#define SHOWN	  8	/* processes: the frame fits the 19 rows below the dashboard */
#define PF_KTHREAD 0x00200000

struct proc {
	long pid, ppid;
	char state;
	char comm[20];
	bool kthread;
	unsigned long minflt, majflt, start;	/* start: clock ticks after boot */
	long rss, swap;				/* kB, -1 when it has no memory */
	unsigned long min_rate, maj_rate;
};

struct sample {
	unsigned long long centisecs;
	long mem_total, mem_free, active, inactive, swap_cached, dirty, writeback;
	long swap_total, swap_free;
	unsigned long pswpin, pswpout, majflt, scan, steal, kswapd_wakeup, pageoutrun, allocstall;
	char swaps[1024];
	struct proc procs[MAX_PROCS];
	int nprocs;
};

static struct sample samples[2], zero;
static char frame[8192];
static size_t frame_len;
static bool batch;

static __printf(1, 2) void emit(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	frame_len += vsnprintf(frame + frame_len, sizeof(frame) - frame_len, fmt, ap);
	va_end(ap);
	if (frame_len >= sizeof(frame))
		frame_len = sizeof(frame) - 1;
}

/* End a line: in place of the rest of the old frame's line when redrawing. */
static void eol(void)
{
	emit(batch ? "\n" : "\033[K\n");
}

static long field(const char *text, const char *name)
{
	long v = text_field(text, name);

	return v < 0 ? 0 : v;
}

/* "SECONDS.CC IDLE" of /proc/uptime in centiseconds. */
static unsigned long long uptime_cs(void)
{
	char buf[64], *end;
	unsigned long long cs;

	if (read_file("/proc/uptime", buf, sizeof(buf)) <= 0)
		return 0;
	cs = (unsigned long long)strtol(buf, &end, 10) * 100;
	if (*end == '.')
		cs += strtol(end + 1, NULL, 10);
	return cs;
}

/* Fill @p from /proc/PID/stat and status; false if the process is gone. */
static bool read_proc(long pid, struct proc *p)
{
	char path[32], text[1024], *open, *close, *s;
	long f[23];

	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	if (read_file(path, text, sizeof(text)) <= 0)
		return false;
	open = strchr(text, '(');
	close = strrchr(text, ')');
	if (!open || !close || close < open)
		return false;
	*close = 0;
	strlcpy(p->comm, open + 1, sizeof(p->comm));
	p->state = close[2];
	s = close + 3;
	for (int i = 4; i <= 22; i++)	/* fields 4 (ppid) to 22 (starttime) */
		f[i] = strtol(s, &s, 10);
	p->pid = pid;
	p->ppid = f[4];
	p->kthread = f[9] & PF_KTHREAD;
	p->minflt = (unsigned long)f[10];
	p->majflt = (unsigned long)f[12];
	p->start = (unsigned long)f[22];
	snprintf(path, sizeof(path), "/proc/%ld/status", pid);
	if (read_file(path, text, sizeof(text)) <= 0)
		return false;
	p->rss = text_field(text, "VmRSS");
	p->swap = text_field(text, "VmSwap");
	return true;
}

static void read_procs(struct sample *x)
{
	struct linux_dirent *d;
	DIR *dir = opendir("/proc");

	x->nprocs = 0;
	if (!dir)
		return;
	while ((d = readdir(dir)) && x->nprocs < MAX_PROCS) {
		char *end;
		long pid = strtol(d->d_name, &end, 10);

		if (pid > 0 && !*end && read_proc(pid, &x->procs[x->nprocs]))
			x->nprocs++;
	}
	closedir(dir);
}

static void take_sample(struct sample *x)
{
	char buf[4096];

	x->centisecs = uptime_cs();
	read_file("/proc/meminfo", buf, sizeof(buf));
	x->mem_total = field(buf, "MemTotal");
	x->mem_free = field(buf, "MemFree");
	x->active = field(buf, "Active");
	x->inactive = field(buf, "Inactive");
	x->swap_cached = field(buf, "SwapCached");
	x->dirty = field(buf, "Dirty");
	x->writeback = field(buf, "Writeback");
	x->swap_total = field(buf, "SwapTotal");
	x->swap_free = field(buf, "SwapFree");
	read_file("/proc/vmstat", buf, sizeof(buf));
	x->pswpin = field(buf, "pswpin");
	x->pswpout = field(buf, "pswpout");
	x->majflt = field(buf, "pgmajfault");
	x->scan = field(buf, "pgscan_kswapd") + field(buf, "pgscan_direct");
	x->steal = field(buf, "pgsteal");
	x->kswapd_wakeup = field(buf, "kswapd_wakeup");
	x->pageoutrun = field(buf, "pageoutrun");
	x->allocstall = field(buf, "allocstall");
	if (read_file("/proc/swaps", x->swaps, sizeof(x->swaps)) < 0)
		x->swaps[0] = 0;
	read_procs(x);
}

/* @delta events over @cs centiseconds, per second, rounded. */
static unsigned long rate(unsigned long delta, unsigned long long cs)
{
	return cs ? (unsigned long)(((unsigned long long)delta * 100 + cs / 2) / cs) : 0;
}

static const struct proc *find(const struct sample *x, long pid)
{
	for (int i = 0; i < x->nprocs; i++)
		if (x->procs[i].pid == pid)
			return &x->procs[i];
	return NULL;
}

/* Per-process rates against @old, or since the process started when it is new. */
static void proc_rates(struct sample *now, const struct sample *old)
{
	for (int i = 0; i < now->nprocs; i++) {
		struct proc *p = &now->procs[i];
		const struct proc *o = old ? find(old, p->pid) : NULL;
		unsigned long long cs = o ? now->centisecs - old->centisecs
					  : now->centisecs - p->start;	/* ticks are 1/100 s */

		p->min_rate = rate(p->minflt - (o ? o->minflt : 0), cs);
		p->maj_rate = rate(p->majflt - (o ? o->majflt : 0), cs);
	}
}

static bool busier(const struct proc *a, const struct proc *b)
{
	if (a->maj_rate != b->maj_rate)
		return a->maj_rate > b->maj_rate;
	if (a->min_rate != b->min_rate)
		return a->min_rate > b->min_rate;
	return a->rss > b->rss;
}

static void sort_procs(struct sample *x)
{
	for (int i = 1; i < x->nprocs; i++) {
		struct proc p = x->procs[i];
		int j = i;

		for (; j > 0 && busier(&p, &x->procs[j - 1]); j--)
			x->procs[j] = x->procs[j - 1];
		x->procs[j] = p;
	}
}

static const char *state_word(char s)
{
	switch (s) {
	case 'R':
		return "running";
	case 'D':
		return "waiting (I/O or a page lock)";
	case 'S':
		return "sleeping";
	default:
		return "?";
	}
}

/* Split @line at blanks into at most @max words (in place); the number of words. */
static int split_words(char *line, char **words, int max)
{
	int n = 0;

	while (n < max) {
		while (*line == ' ' || *line == '\t')
			line++;
		if (!*line)
			break;
		words[n++] = line;
		while (*line && *line != ' ' && *line != '\t')
			line++;
		if (*line)
			*line++ = 0;
	}
	return n;
}

/* One line per area of /proc/swaps: "NAME TYPE SIZE USED PRIO" after the header. */
static void show_swaps(struct sample *x)
{
	char *line = strchr(x->swaps, '\n');

	while (line && *++line) {
		char *next = strchr(line, '\n'), *w[5];
		const char *name;

		if (next)
			*next = 0;
		if (split_words(line, w, 5) == 5) {
			name = strncmp(w[0], "/dev/", 5) ? w[0] : w[0] + 5;
			emit("  %-8s %-9s %8sk size %8sk used  prio %s", name, w[1], w[2], w[3], w[4]);
			eol();
		}
		line = next;
	}
}

static const struct proc *kswapd(const struct sample *x)
{
	for (int i = 0; i < x->nprocs; i++)
		if (x->procs[i].kthread && !strncmp(x->procs[i].comm, "kswapd", 6))
			return &x->procs[i];
	return NULL;
}

static void draw(struct sample *now, const struct sample *old, int n, int tenths)
{
	unsigned long long cs = old ? now->centisecs - old->centisecs : now->centisecs;
	const struct sample *o = old ? old : &zero;
	const struct proc *k = kswapd(now);

	frame_len = 0;
	if (!batch)
		emit("\033[H");
	emit("vmtop: up %llu.%02llu s, every %d.%d s, frame %d%s", now->centisecs / 100,
	     now->centisecs % 100, tenths / 10, tenths % 10, n,
	     batch ? "" : "                    q quits");
	eol();
	emit("Mem:  %8ldk total %8ldk free %8ldk active %8ldk inactive", now->mem_total,
	     now->mem_free, now->active, now->inactive);
	eol();
	emit("      %8ldk swap cache %6ldk dirty %6ldk writeback", now->swap_cached, now->dirty,
	     now->writeback);
	eol();
	emit("Swap: %8ldk total %8ldk used %8ldk free", now->swap_total,
	     now->swap_total - now->swap_free, now->swap_free);
	eol();
	show_swaps(now);
	emit("Rates%s: si %lu/s  so %lu/s  majflt %lu/s  scan %lu/s  steal %lu/s",
	     old ? "" : " since boot", rate(now->pswpin - o->pswpin, cs),
	     rate(now->pswpout - o->pswpout, cs), rate(now->majflt - o->majflt, cs),
	     rate(now->scan - o->scan, cs), rate(now->steal - o->steal, cs));
	eol();
	emit("%s: %s  (woken %lu/s, %lu balance runs/s)  direct reclaim %lu/s",
	     k ? k->comm : "kswapd", k ? state_word(k->state) : "not running",
	     rate(now->kswapd_wakeup - o->kswapd_wakeup, cs),
	     rate(now->pageoutrun - o->pageoutrun, cs), rate(now->allocstall - o->allocstall, cs));
	eol();
	eol();
	emit("  PID S    RSS   SWAP MAJFLT/s MINFLT/s COMMAND");
	eol();
	for (int i = 0; i < now->nprocs && i < SHOWN; i++) {
		const struct proc *p = &now->procs[i];

		emit("%5ld %c %6ld %6ld %8lu %8lu %s%s%s", p->pid, p->state, p->rss < 0 ? 0 : p->rss,
		     p->swap < 0 ? 0 : p->swap, p->maj_rate, p->min_rate, p->kthread ? "[" : "",
		     p->comm, p->kthread ? "]" : "");
		eol();
	}
	emit(batch ? "\n" : "\033[J");
	write_all(STDOUT_FILENO, frame, frame_len);
}

/* Wait @tenths of a second, or less when a key comes; true when it was q. */
static bool wait_key(int tenths, bool keys)
{
	char c;

	if (!keys) {
		struct timespec ts = { tenths / 10, (tenths % 10) * 100000000L };
		nanosleep(&ts, NULL);
		return false;
	}
	return read(STDIN_FILENO, &c, 1) == 1 && (c == 'q' || c == 'Q');
}

/* "N" or "N.D" seconds in tenths, 1 to 255 (VTIME's range); -1 if not. */
static int parse_delay(const char *s)
{
	char *end;
	long t = strtol(s, &end, 10) * 10;

	if (end == s)
		return -1;
	if (*end == '.' && end[1] >= '0' && end[1] <= '9' && !end[2])
		t += end[1] - '0';
	else if (*end)
		return -1;
	return t >= 1 && t <= 255 ? (int)t : -1;
}

static __noreturn void usage(void)
{
	dprintf(STDERR_FILENO, "usage: vmtop [-b] [-n COUNT] [-d SECONDS]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct termios saved, raw;
	int count = 0, tenths = 10;
	bool keys = false;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-b"))
			batch = true;
		else if (!strcmp(argv[i], "-n") && i + 1 < argc && (count = atoi(argv[++i])) > 0)
			continue;
		else if (!strcmp(argv[i], "-d") && i + 1 < argc &&
			 (tenths = parse_delay(argv[++i])) > 0)
			continue;
		else
			usage();
	}
	if (!batch && ioctl(STDIN_FILENO, TCGETS, &saved) == 0) {
		/* keys without Enter or echo; Ctrl-C still interrupts; a read waits one frame */
		raw = saved;
		raw.c_lflag &= ~(ICANON | ECHO);
		raw.c_cc[VMIN] = 0;
		raw.c_cc[VTIME] = (unsigned char)tenths;
		keys = ioctl(STDIN_FILENO, TCSETS, &raw) == 0;
	}
	if (!batch)
		write_all(STDOUT_FILENO, "\033[H\033[2J", 7);
	take_sample(&samples[0]);
	proc_rates(&samples[0], NULL);
	sort_procs(&samples[0]);
	draw(&samples[0], NULL, 1, tenths);
	for (int n = 2; !count || n <= count; n++) {
		struct sample *now = &samples[(n - 1) % 2], *old = &samples[n % 2];

		if (wait_key(tenths, keys))
			break;
		take_sample(now);
		proc_rates(now, old);
		sort_procs(now);
		draw(now, old, n, tenths);
	}
	if (keys)
		ioctl(STDIN_FILENO, TCSETS, &saved);
	if (!batch)
		write_all(STDOUT_FILENO, "\n", 1);	/* the prompt goes below the last frame */
	return 0;
}
