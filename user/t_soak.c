/*
 * t_soak SECONDS [WORKERS]: several workloads swapping at once for
 * SECONDS, while the parent turns the second swap area (/dev/hdb) off and
 * on again, on disks that the harness may make fail (QEMU blkdebug: write
 * and read errors at random slots, see tests/suites_swap.py). Workloads,
 * one kind per worker in turn, together about 3 times the RAM:
 *
 *   sweep    fill pages, then in rounds check every word and rewrite a
 *            third of the pages with the round's seed;
 *   forker   fill pages, then in rounds fork 3 children that check the
 *            shared pages, rewrite a quarter of them (copy-on-write) and
 *            check again, while the parent checks that its own are intact;
 *   random   random reads and writes of single pages, each checked
 *            against the seed last stored there;
 *   pageout  write ranges, page them out at once (MADV_PAGEOUT), read
 *            them back.
 *
 * Every word a workload reads back is checked: a wrong one ends it with
 * exit status 1 and a line naming the page and word: an error found, and
 * the soak fails. A workload killed by SIGBUS (it touched a page whose
 * slot could not be read) or SIGKILL (swapoff could not read its page)
 * lost data the disk lost, which is allowed: it is counted and restarted.
 *
 * The summary line gives the time, the pages swapped out and in, the
 * workload rounds, errors found (must be 0), workloads that lost a page,
 * swapoff cycles and failures, and the VM consistency checker's totals
 * (/proc/vmcheck; the harness boots with vmcheck=N so it also runs
 * periodically). The parent locks its own pages in memory: a failing
 * slot must not end the soak itself. Passes when no error was found, no swapoff or swapon
 * failed, and vmcheck found no problem.
 */
#include <fillcheck.h>

#define AREA	"/dev/hdb"
#define PRIO	10
#define MAX_WORKERS 8

enum kind { SWEEP, FORKER, RANDOM, PAGEOUT, KINDS };
static const char *const kind_names[KINDS] = { "sweep", "forker", "random", "pageout" };

static long deadline;
static size_t worker_pages;

static long uptime(void)
{
	struct sysinfo si;

	return sysinfo(&si) < 0 ? 0 : si.uptime;
}

static bool time_left(void)
{
	return uptime() < deadline;
}

static void check_range(u32 *area, size_t from, size_t to, const u32 *seeds)
{
	for (size_t p = from; p < to; p++)
		check_page(page_at(area, p), p, seeds[p]);
}

static void fill_range(u32 *area, size_t from, size_t to, u32 *seeds, u32 seed)
{
	for (size_t p = from; p < to; p++) {
		seeds[p] = seed;
		fill_page(page_at(area, p), p, seed);
	}
}

/* One round of each kind; returns when it is done (time permitting, it is called again). */
static void sweep_round(u32 *area, u32 *seeds, u32 round)
{
	check_range(area, 0, worker_pages, seeds);
	for (size_t p = round % 3; p < worker_pages; p += 3)
		fill_range(area, p, p + 1, seeds, 0x5eed0000u + round);
}

static void forker_round(u32 *area, u32 *seeds, u32 round)
{
	pid_t pids[3];

	for (int c = 0; c < 3; c++) {
		pids[c] = xfork();
		if (pids[c] == 0) {
			check_range(area, 0, worker_pages, seeds);
			for (size_t p = c; p < worker_pages; p += 4)
				fill_range(area, p, p + 1, seeds, 0xc0000000u + round * 4 + c);
			check_range(area, 0, worker_pages, seeds);
			_exit(0);
		}
	}
	check_range(area, 0, worker_pages, seeds);
	for (int c = 0; c < 3; c++) {
		int status;
		if (waitpid(pids[c], &status, 0) < 0)
			fail("waitpid: %s", strerror(errno));
		if (WIFEXITED(status) && WEXITSTATUS(status))
			_exit(1);	/* the child found an error (and said so) */
		if (WIFSIGNALED(status))
			_exit(128 + WTERMSIG(status));	/* it lost a page: so did we, maybe */
	}
	for (size_t p = round % 5; p < worker_pages; p += 5)
		fill_range(area, p, p + 1, seeds, 0xf0000000u + round);
}

static void random_round(u32 *area, u32 *seeds, u32 round)
{
	static u32 x = 12345;

	for (size_t i = 0; i < worker_pages; i++) {
		x = x * 1103515245u + 12345u;
		size_t p = (x >> 8) % worker_pages;
		if (x & 0x80000000u)
			fill_range(area, p, p + 1, seeds, 0xaa000000u + round);
		else
			check_range(area, p, p + 1, seeds);
	}
}

static void pageout_round(u32 *area, u32 *seeds, u32 round)
{
	size_t chunk = 64;

	for (size_t p = 0; p + chunk <= worker_pages; p += chunk) {
		fill_range(area, p, p + chunk, seeds, 0xbb000000u + round);
		madvise(page_at(area, p), chunk * PAGE_SIZE, MADV_PAGEOUT);
		check_range(area, p, p + chunk, seeds);
	}
}

static __noreturn void worker(enum kind kind)
{
	u32 *area = map_pages(worker_pages);
	u32 *seeds = malloc(worker_pages * sizeof(u32));
	u32 round = 0;

	if (!seeds)
		fail("malloc");
	fill_range(area, 0, worker_pages, seeds, 0x11000000u + kind);
	while (time_left()) {
		round++;
		switch (kind) {
		case SWEEP: sweep_round(area, seeds, round); break;
		case FORKER: forker_round(area, seeds, round); break;
		case RANDOM: random_round(area, seeds, round); break;
		default: pageout_round(area, seeds, round); break;
		}
	}
	check_range(area, 0, worker_pages, seeds);
	_exit(0);
}

struct slot {
	pid_t pid;
	enum kind kind;
};

static struct slot workers[MAX_WORKERS];
static int nr_workers, errors, lost, finished;

static void start(int i)
{
	workers[i].pid = xfork();
	if (workers[i].pid == 0)
		worker(workers[i].kind);
}

/* A worker ended: count how, and start it again while there is time. */
static void ended(int i, int status)
{
	char how[64];

	describe_status(status, how, sizeof(how));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		finished++;
		workers[i].pid = 0;
		return;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 1) {
		errors++;
		printf("%s: %s worker %d found an error\n", test_name(), kind_names[workers[i].kind],
		       workers[i].pid);
	} else {
		lost++;
		printf("%s: %s worker %d lost a page (%s)\n", test_name(),
		       kind_names[workers[i].kind], workers[i].pid, how);
	}
	workers[i].pid = 0;
	if (time_left())
		start(i);
}

static void reap(bool block)
{
	for (int i = 0; i < nr_workers; i++) {
		int status;
		if (workers[i].pid && waitpid(workers[i].pid, &status, block ? 0 : WNOHANG) > 0)
			ended(i, status);
	}
}

static bool any_running(void)
{
	for (int i = 0; i < nr_workers; i++)
		if (workers[i].pid)
			return true;
	return false;
}

/*
 * The parent is init: a read error in one of its own pages would end the
 * soak. Its program, data and stack are locked in memory (mlock), so
 * only the workloads meet the failing slots.
 */
static void lock_self(void)
{
	extern char _end[];
	char here;
	uintptr_t text = 0x08048000, end = ((uintptr_t)_end + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	uintptr_t stack = ((uintptr_t)&here & ~(uintptr_t)(PAGE_SIZE - 1)) - 15 * PAGE_SIZE;

	if (mlock((void *)text, end - text) < 0 || mlock((void *)stack, 16 * PAGE_SIZE) < 0)
		fail("mlock: %s", strerror(errno));
}

int main(int argc, char **argv)
{
	long seconds = argc > 1 ? atoi(argv[1]) : 30;
	long out0 = vmstat("pswpout"), in0 = vmstat("pswpin"), t0 = uptime();
	int cycles = 0, failed = 0;
	char text[256];

	nr_workers = argc > 2 ? atoi(argv[2]) : 4;
	if (nr_workers < 1 || nr_workers > MAX_WORKERS)
		fail("usage: t_soak SECONDS [WORKERS 1..%d]", MAX_WORKERS);
	lock_self();
	worker_pages = ram_pages() * 3 / nr_workers;
	deadline = t0 + seconds;
	if (swapon(AREA, SWAP_FLAG_PREFER | PRIO) < 0)
		fail("swapon %s: %s", AREA, strerror(errno));
	printf("%s: %d workloads of %zu pages for %ld s\n", test_name(), nr_workers, worker_pages,
	       seconds);
	for (int i = 0; i < nr_workers; i++) {
		workers[i].kind = (enum kind)(i % KINDS);
		start(i);
	}
	while (time_left()) {
		sleep(1);
		reap(false);
		cycles++;
		if (swapoff(AREA) < 0) {
			printf("%s: swapoff %s: %s\n", test_name(), AREA, strerror(errno));
			failed++;
		} else if (swapon(AREA, SWAP_FLAG_PREFER | PRIO) < 0) {
			printf("%s: swapon %s: %s\n", test_name(), AREA, strerror(errno));
			failed++;
		}
		reap(false);
	}
	while (any_running())
		reap(true);
	if (read_file("/proc/vmcheck", text, sizeof(text)) < 0)
		fail("/proc/vmcheck: %s", strerror(errno));
	printf("%s: %ld s, pswpout=%ld pswpin=%ld, %d workload runs, errors=%d, lost=%d, "
	       "swapoff cycles=%d failed=%d, vmcheck runs=%ld problems=%ld\n",
	       test_name(), uptime() - t0, vmstat("pswpout") - out0, vmstat("pswpin") - in0,
	       finished, errors, lost, cycles, failed, text_field(text, "runs"),
	       text_field(text, "problems"));
	if (errors || failed || text_field(text, "problems"))
		fail("errors=%d swapoff/swapon failures=%d vmcheck problems=%ld", errors, failed,
		     text_field(text, "problems"));
	pass();
}
