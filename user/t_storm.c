/*
 * t_storm SECONDS WORKERS [lossy] AREA...: the swap areas AREA... are
 * turned off and on again in turn, with new priorities, under a storm of
 * processes that are killed while they fault pages in and that exit while
 * their pages are being written. An AREA that is a file under /mnt is
 * swapped off, /mnt unmounted and mounted again (mount=DEV:/mnt gives its
 * device at boot), then swapped on. Workloads, one kind per worker in turn,
 * together about 3 times the RAM:
 *
 *   killer   fill pages, then in rounds fork 3 children that read random
 *            pages, check them and write some of their own; one of them is
 *            killed with SIGKILL at a random moment (often inside a
 *            swap-in), the others are too at the end of the round; the
 *            parent then checks that its own pages are as it left them;
 *   exiter   children fill pages and exit at once, or are killed while
 *            they fill, while reclaim is writing their pages;
 *   sweep    check every page and rewrite a third of them, each round;
 *   pageout  write ranges, MADV_PAGEOUT, MADV_WILLNEED, read them back.
 *
 * Every word read back is checked; a wrong one is an error (exit status 1
 * and a line naming it). With "lossy" (the harness makes the disks fail)
 * a worker killed by SIGBUS lost what the disk lost: counted, restarted.
 * Passes when no error was found, every swapoff, swapon, mount and umount
 * succeeded, and vmcheck (/proc/vmcheck, and every N seconds with
 * vmcheck=N) found no problem.
 */
#include <fillcheck.h>

#define MAX_WORKERS 8
#define MAX_AREAS 4

enum kind { KILLER, EXITER, SWEEP, PAGEOUT, KINDS };
static const char *const kind_names[KINDS] = { "killer", "exiter", "sweep", "pageout" };

static long deadline;
static size_t worker_pages;
static u32 rnd_state;

static u32 rnd(void)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return rnd_state >> 8;
}

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

/* A child of the killer: random checked reads, some writes, until killed. */
static __noreturn void killer_child(u32 *area, u32 *seeds, int c)
{
	rnd_state ^= (u32)getpid() * 2654435761u;
	for (u32 i = 0;; i++) {
		size_t p = rnd() % worker_pages;
		if (rnd() % 4 == 0)
			fill_range(area, p, p + 1, seeds, 0xc1000000u + i * 4 + c);
		else
			check_range(area, p, p + 1, seeds);
	}
}

static void killer_round(u32 *area, u32 *seeds, u32 round)
{
	pid_t pids[3];

	for (int c = 0; c < 3; c++) {
		pids[c] = xfork();
		if (pids[c] == 0)
			killer_child(area, seeds, c);
	}
	usleep(rnd() % 200000);
	kill(pids[rnd() % 3], SIGKILL);
	usleep(rnd() % 200000);
	for (int c = 0; c < 3; c++) {
		int status;
		kill(pids[c], SIGKILL);
		if (waitpid(pids[c], &status, 0) < 0)
			fail("waitpid: %s", strerror(errno));
		if (WIFEXITED(status))
			_exit(WEXITSTATUS(status) ? WEXITSTATUS(status) : 1); /* it found an error */
		if (WTERMSIG(status) != SIGKILL)
			_exit(128 + WTERMSIG(status));	/* it lost a page: so did we, maybe */
	}
	check_range(area, 0, worker_pages, seeds);
	for (size_t p = round % 5; p < worker_pages; p += 5)
		fill_range(area, p, p + 1, seeds, 0xf0000000u + round);
}

static void exiter_round(u32 *area, u32 *seeds, u32 round)
{
	pid_t pid = xfork();
	int status;

	if (pid == 0) {
		u32 *mine = map_pages(worker_pages);
		for (size_t p = 0; p < worker_pages; p++)
			fill_page(page_at(mine, p), p, round);
		_exit(0);	/* with pages of it on their way to disk */
	}
	if (round % 2)
		usleep(rnd() % 300000);
	else
		kill(pid, SIGKILL);
	kill(pid, SIGKILL);
	if (waitpid(pid, &status, 0) < 0)
		fail("waitpid: %s", strerror(errno));
	if (WIFEXITED(status) && WEXITSTATUS(status))
		_exit(1);
	if (WIFSIGNALED(status) && WTERMSIG(status) != SIGKILL)
		_exit(128 + WTERMSIG(status));
	check_range(area, 0, worker_pages / 8, seeds);	/* a small resident set of its own */
}

static void sweep_round(u32 *area, u32 *seeds, u32 round)
{
	check_range(area, 0, worker_pages, seeds);
	for (size_t p = round % 3; p < worker_pages; p += 3)
		fill_range(area, p, p + 1, seeds, 0x5eed0000u + round);
}

static void pageout_round(u32 *area, u32 *seeds, u32 round)
{
	size_t chunk = 64;

	for (size_t p = 0; p + chunk <= worker_pages; p += chunk) {
		fill_range(area, p, p + chunk, seeds, 0xbb000000u + round);
		madvise(page_at(area, p), chunk * PAGE_SIZE, MADV_PAGEOUT);
		if (round % 2)
			madvise(page_at(area, p), chunk * PAGE_SIZE, MADV_WILLNEED);
		check_range(area, p, p + chunk, seeds);
	}
}

static __noreturn void worker(enum kind kind)
{
	size_t pages = kind == EXITER ? worker_pages / 8 : worker_pages;
	u32 *area = map_pages(pages);
	u32 *seeds = malloc(worker_pages * sizeof(u32));
	u32 round = 0;

	if (!seeds)
		fail("malloc");
	rnd_state = (u32)getpid() * 40503u + kind;
	fill_range(area, 0, pages, seeds, 0x11000000u + kind);
	while (time_left()) {
		round++;
		switch (kind) {
		case KILLER: killer_round(area, seeds, round); break;
		case EXITER: exiter_round(area, seeds, round); break;
		case SWEEP: sweep_round(area, seeds, round); break;
		default: pageout_round(area, seeds, round); break;
		}
	}
	check_range(area, 0, pages, seeds);
	_exit(0);
}

struct slot {
	pid_t pid;
	enum kind kind;
};

static struct slot workers[MAX_WORKERS];
static int nr_workers, errors, lost, finished;
static bool lossy;

static void start(int i)
{
	workers[i].pid = xfork();
	if (workers[i].pid == 0)
		worker(workers[i].kind);
}

static void ended(int i, int status)
{
	char how[64];

	describe_status(status, how, sizeof(how));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		finished++;
	} else if (lossy && !(WIFEXITED(status) && WEXITSTATUS(status) == 1)) {
		lost++;
		printf("%s: %s worker %d lost a page (%s)\n", test_name(),
		       kind_names[workers[i].kind], workers[i].pid, how);
	} else {
		errors++;
		printf("%s: %s worker %d: error (%s)\n", test_name(), kind_names[workers[i].kind],
		       workers[i].pid, how);
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

static int failed;
static char proc_devname[32];	/* what is mounted on /mnt, from /proc/mounts */

static void find_mnt_device(void)
{
	char text[1024], *line, *sp;

	if (read_file("/proc/mounts", text, sizeof(text)) < 0)
		fail("/proc/mounts: %s", strerror(errno));
	for (line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		sp = strchr(line, ' ');
		if (sp && !strncmp(sp, " /mnt ", 6)) {
			*sp = 0;
			strlcpy(proc_devname, line, sizeof(proc_devname));
			return;
		}
	}
	fail("nothing is mounted on /mnt (boot with mount=DEV:/mnt)");
}

static void step(const char *what, const char *arg, int r)
{
	if (r < 0) {
		printf("%s: %s %s: %s\n", test_name(), what, arg, strerror(errno));
		failed++;
	}
}

/* Turn @area off and on again with a new priority (a file: remount /mnt in between). */
static void cycle(const char *area)
{
	u32 r = rnd();
	int flags = r % 3 ? SWAP_FLAG_PREFER | (int)(r % 20) : 0;

	if (swapoff(area) < 0) {
		step("swapoff", area, -1);
		return;
	}
	if (!strncmp(area, "/mnt/", 5)) {
		step("umount", "/mnt", umount("/mnt"));
		step("mount", "/mnt", mount(proc_devname, "/mnt", "ext2", MS_RDONLY, NULL));
	}
	step("swapon", area, swapon(area, flags));
}

int main(int argc, char **argv)
{
	long seconds = argc > 2 ? atoi(argv[1]) : 0;
	long out0 = vmstat("pswpout"), in0 = vmstat("pswpin"), t0 = uptime();
	int first = 3, nr_areas, cycles = 0;
	const char *areas[MAX_AREAS];
	char text[256];

	nr_workers = argc > 2 ? atoi(argv[2]) : 0;
	if (argc > 3 && !strcmp(argv[3], "lossy")) {
		lossy = true;
		first = 4;
	}
	nr_areas = argc - first;
	if (seconds < 1 || nr_workers < 1 || nr_workers > MAX_WORKERS || nr_areas < 1 ||
	    nr_areas > MAX_AREAS)
		fail("usage: t_storm SECONDS WORKERS(1..%d) [lossy] AREA...", MAX_WORKERS);
	for (int i = 0; i < nr_areas; i++) {
		areas[i] = argv[first + i];
		if (!strncmp(areas[i], "/mnt/", 5) && !proc_devname[0])
			find_mnt_device();
		step("swapon", areas[i], swapon(areas[i], SWAP_FLAG_PREFER | 10));
	}
	if (failed)
		fail("could not turn the areas on");
	worker_pages = ram_pages() * 3 / nr_workers;
	deadline = t0 + seconds;
	rnd_state = 2024;
	printf("%s: %d workloads of %zu pages for %ld s, %d areas turned off and on\n",
	       test_name(), nr_workers, worker_pages, seconds, nr_areas);
	for (int i = 0; i < nr_workers; i++) {
		workers[i].kind = (enum kind)(i % KINDS);
		start(i);
	}
	while (time_left()) {
		sleep(1);
		reap(false);
		cycle(areas[cycles++ % nr_areas]);
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
		fail("errors=%d failures=%d vmcheck problems=%ld", errors, failed,
		     text_field(text, "problems"));
	pass();
}
