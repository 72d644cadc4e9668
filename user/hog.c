/*
 * hog SIZE [COMMAND [ARG...]]: take SIZE bytes (K, M or G suffix) of
 * anonymous memory with mmap, write every word of every page, then read it
 * all back. Each word holds its page index, its offset and a per-run seed,
 * so a page that comes back from swap in the wrong place, stale from an
 * earlier run, or zeroed is caught. Under memory pressure this is the
 * program that makes the kernel swap. Prints "hog: SIZE ok", or the first
 * mismatch and exits 1.
 *
 * With a COMMAND, the hog runs it (from /mod unless it has a '/') once every
 * page is written, and keeps reading its memory back until the command ends,
 * so the command sees a system that is certainly swapping, however slow the
 * machine: `hog 80M cat /proc/swaps`, `hog 56M vmtop -b -n 3`. The exit
 * status is then the command's, or 1 if the data came back wrong.
 */
#include <ulib.h>

#define WORDS_PER_PAGE (PAGE_SIZE / sizeof(u32))

static u32 pattern(size_t page, size_t word, u32 seed)
{
	return ((u32)page * WORDS_PER_PAGE + word) ^ seed;
}

static void fill(u32 *mem, size_t pages, u32 seed)
{
	size_t p, w;

	for (p = 0; p < pages; p++)
		for (w = 0; w < WORDS_PER_PAGE; w++)
			mem[p * WORDS_PER_PAGE + w] = pattern(p, w, seed);
}

/* Returns true if every word is as fill() left it; reports the first that is not. */
static bool verify(const u32 *mem, size_t pages, u32 seed)
{
	size_t i, words = pages * WORDS_PER_PAGE;

	for (i = 0; i < words; i++) {
		u32 want = pattern(i / WORDS_PER_PAGE, i % WORDS_PER_PAGE, seed);

		if (mem[i] != want) {
			printf("hog: page %zu (at %p) word %zu: read %#x, expected %#x\n",
			       i / WORDS_PER_PAGE, (void *)&mem[i], i % WORDS_PER_PAGE, mem[i],
			       want);
			return false;
		}
	}
	return true;
}

/* Differs between runs, so data left in swap by an earlier hog cannot pass. */
static u32 run_seed(void)
{
	struct sysinfo si = { 0 };

	sysinfo(&si);
	return (u32)getpid() * 2654435761u ^ (u32)si.uptime * 40503u ^ 0x5a5a0000u;
}

/* Fork and exec argv (a program in /mod unless it names a path); the child's pid, or -1. */
static pid_t start(char **argv)
{
	char path[256];
	pid_t pid;

	if (strchr(argv[0], '/'))
		strlcpy(path, argv[0], sizeof(path));
	else
		snprintf(path, sizeof(path), "/mod/%s", argv[0]);
	pid = fork();
	if (pid < 0)
		printf("hog: fork: %s\n", strerror(errno));
	if (pid == 0) {
		int err;

		execve(path, argv, environ);
		err = errno;
		dprintf(STDERR_FILENO, "hog: %s: %s\n", path, strerror(err));
		_exit(err == ENOENT ? 127 : 126);
	}
	return pid;
}

/*
 * Read the memory back, again and again, while the command runs, and once
 * more after it ended. Returns false at the first mismatch (the command is
 * left to end as it would); *status is the command's exit code.
 */
static bool verify_while(pid_t pid, const u32 *mem, size_t pages, u32 seed, int *status)
{
	int how = 0;

	while (waitpid(pid, &how, WNOHANG) == 0)
		if (!verify(mem, pages, seed))
			return false;
	*status = WIFEXITED(how) ? WEXITSTATUS(how) : 128 + WTERMSIG(how);
	return verify(mem, pages, seed);
}

int main(int argc, char **argv)
{
	unsigned long long size;
	const char *end;
	size_t pages;
	u32 *mem, seed = run_seed();
	int status = 0;
	pid_t pid;

	if (argc < 2 || (size = memparse(argv[1], &end)) == 0 || *end || size > 0xC0000000ULL) {
		dprintf(STDERR_FILENO, "usage: hog SIZE [COMMAND [ARG...]] (SIZE in bytes, or with "
				       "a K, M or G suffix)\n");
		return 2;
	}
	pages = DIV_ROUND_UP(size, PAGE_SIZE);
	mem = mmap(NULL, pages * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		   0);
	if (mem == MAP_FAILED) {
		printf("hog: mmap of %zu pages: %s\n", pages, strerror(errno));
		return 1;
	}
	fill(mem, pages, seed);
	if (argc > 2) {
		pid = start(argv + 2);
		if (pid < 0 || !verify_while(pid, mem, pages, seed, &status))
			return 1;
	} else if (!verify(mem, pages, seed)) {
		return 1;
	}
	printf("hog: %s ok\n", argv[1]);
	return status;
}
