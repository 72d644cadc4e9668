/*
 * t_proc files|tools: put the /proc files and the shell tools on the
 * console for tests/check_proc.py, which parses them as their Linux
 * formats and checks that the numbers move. Run as init, with a swap area
 * on hda and less memory than `hog HOG_SIZE` needs.
 *
 * files: dump the /proc files before, during and after a `hog` run
 *	(fork + exec). "During" is the moment SwapFree was lowest, found by
 *	sampling /proc/meminfo while the hog runs; the files are captured
 *	then and printed after it has exited, so nothing interleaves.
 * tools: page out some of our own memory (MADV_PAGEOUT) so that there is
 *	something to see, run ps, free, vmstat and swapmap, read the memory
 *	back (major faults) and dump /proc/self/status and /proc/self/stat.
 *
 * Each dump is framed for the checker:
 *
 *	t_proc: ==> PHASE PATH <==	then the file, then	t_proc: <==
 *	t_proc: $ COMMAND		then its output, then	t_proc: [exit N]
 *
 * The program fails only when it cannot do its part (a /proc file missing,
 * the hog failing); judging the text is the checker's job.
 *
 * Runs: hog ps free vmstat swapmap
 */
#include <utest.h>

#define HOG_SIZE  "24M"
#define OWN_SIZE  (2 << 20) /* paged out in "tools" */
#define SAMPLE_US 50000

static const char *const files[] = {
	"/proc/meminfo",   "/proc/vmstat",   "/proc/swaps",   "/proc/stat",	   "/proc/uptime",
	"/proc/buddyinfo", "/proc/zoneinfo", "/proc/swapmap", "/proc/self/status", "/proc/self/stat",
	NULL,
};

static char file_buf[24 * 1024]; /* the largest: /proc/swapmap, 16.6 KiB for 64 MiB */

static void frame(const char *phase, const char *path, const char *text)
{
	printf("t_proc: ==> %s %s <==\n", phase, path);
	write_all(STDOUT_FILENO, text, strlen(text));
	printf("t_proc: <==\n");
}

static void capture(const char *path, char *buf, size_t size)
{
	ssize_t n = read_file(path, buf, size);

	if (n <= 0)
		fail("%s: %s", path, n < 0 ? strerror(errno) : "empty");
	if ((size_t)n == size - 1)
		fail("%s: longer than the %zu bytes expected", path, size - 1);
}

static void dump_all(const char *phase)
{
	for (int i = 0; files[i]; i++) {
		capture(files[i], file_buf, sizeof(file_buf));
		frame(phase, files[i], file_buf);
	}
}

/* What "during" keeps: the files at the lowest SwapFree seen, and the hog's status. */
struct during {
	long swapfree;
	char meminfo[2048], vmstat[2048], swaps[1024], stat[256], status[1024], pid_stat[512];
	char swapmap[sizeof(file_buf)];
};

static struct during during = { .swapfree = -1 };

/* While @pid (the hog) runs, keep the files of its worst moment. */
static void sample_until_exit(pid_t pid)
{
	char meminfo[2048], path[32], stat_path[32];
	int status, samples = 0;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	snprintf(stat_path, sizeof(stat_path), "/proc/%d/stat", pid);
	while (waitpid(pid, &status, WNOHANG) == 0) {
		long swapfree;

		usleep(SAMPLE_US);
		capture("/proc/meminfo", meminfo, sizeof(meminfo));
		swapfree = text_field(meminfo, "SwapFree");
		samples++;
		if (during.swapfree >= 0 && swapfree >= during.swapfree)
			continue;
		/* the hog may exit between the two reads: keep its last status then */
		if (read_file(path, during.status, sizeof(during.status)) <= 0 ||
		    read_file(stat_path, during.pid_stat, sizeof(during.pid_stat)) <= 0)
			continue;
		during.swapfree = swapfree;
		memcpy(during.meminfo, meminfo, sizeof(meminfo));
		capture("/proc/vmstat", during.vmstat, sizeof(during.vmstat));
		capture("/proc/swaps", during.swaps, sizeof(during.swaps));
		capture("/proc/stat", during.stat, sizeof(during.stat));
		capture("/proc/swapmap", during.swapmap, sizeof(during.swapmap));
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fail("hog " HOG_SIZE " did not exit with 0 (status %#x)", status);
	if (during.swapfree < 0)
		fail("no sample taken while the hog ran (%d tries)", samples);
	printf("t_proc: %d samples while the hog ran, lowest SwapFree %ld kB\n", samples,
	       during.swapfree);
}

/* fork + exec /mod/@argv[0] with @argv; returns the child's pid. */
static pid_t spawn(char *const argv[])
{
	char path[64];
	pid_t pid = xfork();

	if (pid == 0) {
		sibling_path(argv[0], path, sizeof(path));
		execve(path, argv, environ);
		printf("t_proc: exec %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	return pid;
}

static void files_mode(void)
{
	char *hog[] = { "hog", HOG_SIZE, NULL };
	pid_t pid;

	dump_all("before");
	pid = spawn(hog);
	sample_until_exit(pid);
	frame("during", "/proc/meminfo", during.meminfo);
	frame("during", "/proc/vmstat", during.vmstat);
	frame("during", "/proc/swaps", during.swaps);
	frame("during", "/proc/stat", during.stat);
	frame("during", "/proc/swapmap", during.swapmap);
	frame("during", "/proc/HOG/status", during.status);
	frame("during", "/proc/HOG/stat", during.pid_stat);
	dump_all("after");
}

/* Run a tool, framed; returns its exit status. */
static int run(char *const argv[])
{
	char line[80] = "";
	int status;
	pid_t pid;

	for (int i = 0; argv[i]; i++)
		snprintf(line + strlen(line), sizeof(line) - strlen(line), "%s%s", i ? " " : "",
			 argv[i]);
	printf("t_proc: $ %s\n", line);
	pid = spawn(argv);
	if (waitpid(pid, &status, 0) != pid)
		fail("waitpid %s: %s", line, strerror(errno));
	printf("t_proc: [exit %d]\n", WIFEXITED(status) ? WEXITSTATUS(status) : 128);
	return status;
}

static void tools_mode(void)
{
	static char *const tools[][4] = {
		{ "ps", NULL },
		{ "free", NULL },
		{ "free", "-m", NULL },
		{ "vmstat", "1", "2", NULL },
		{ "swapmap", "hda", NULL },
		{ "swapmap", "hdz", NULL },
	};
	char *mem =
	    mmap(NULL, OWN_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char status[1024];

	if (mem == MAP_FAILED)
		fail("mmap: %s", strerror(errno));
	for (size_t i = 0; i < OWN_SIZE; i += PAGE_SIZE)
		mem[i] = (char)(i / PAGE_SIZE + 1);
	if (madvise(mem, OWN_SIZE, MADV_PAGEOUT) < 0)
		fail("madvise(MADV_PAGEOUT): %s", strerror(errno));
	for (size_t i = 0; i < ARRAY_SIZE(tools); i++)
		run(tools[i]);
	for (size_t i = 0; i < OWN_SIZE; i += PAGE_SIZE)
		if (mem[i] != (char)(i / PAGE_SIZE + 1))
			fail("page %zu came back from swap wrong", i / PAGE_SIZE);
	capture("/proc/self/status", status, sizeof(status));
	frame("after", "/proc/self/status", status);
	capture("/proc/self/stat", status, sizeof(status));
	frame("after", "/proc/self/stat", status);
}

int main(int argc, char **argv)
{
	if (proc_field("/proc/meminfo", "SwapTotal") <= 0)
		fail("no swap area: boot with a swap disk and swap=hda");
	if (argc == 2 && !strcmp(argv[1], "files"))
		files_mode();
	else if (argc == 2 && !strcmp(argv[1], "tools"))
		tools_mode();
	else
		fail("usage: t_proc files|tools");
	pass();
}
