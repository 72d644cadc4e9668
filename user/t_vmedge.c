/*
 * t_vmedge: the memory calls at the edges of swapped-out memory, as an
 * outside program sees them through the Linux i386 system-call ABI alone
 * (int 0x80, Linux numbers, errnos and layouts; syscall() here, so no
 * wrapper checks anything): partial munmap, MAP_FIXED, brk and
 * MADV_DONTNEED over swapped pages free their slots and read back as
 * zeros; MADV_WILLNEED followed at once by munmap or DONTNEED; mlock brings
 * swapped pages back and keeps them; read() into and write() from swapped
 * buffers; fork of a swapped address space and copy-on-write on both sides;
 * execve whose argument strings and vector are swapped out.
 *
 * Pages are swapped out with MADV_PAGEOUT (Linux 5.4), which returns once
 * they are on disk here; VmSwap of /proc/self/status tells they are.
 * Swap slots given back are counted with sysinfo's freeswap. Run with swap
 * on (swap=hda) and hdb any readable disk. One line per check;
 * "t_vmedge: ok" at the end.
 *
 * Runs: t_vmedge
 */
#include <fillcheck.h>

#define PG PAGE_SIZE

static char self[64];	/* this program's path, for open and execve */

/* ---- raw calls ------------------------------------------------------------ */

static long sc(long nr, long a, long b, long c, long d, long e, long f)
{
	return syscall(nr, a, b, c, d, e, f);
}

static char *xmap(size_t pages)
{
	long r = sc(__NR_mmap2, 0, pages * PG, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (r == -1)
		fail("mmap2 of %zu pages: %s", pages, strerror(errno));
	return (char *)r;
}

static void xmunmap(void *p, size_t len)
{
	if (sc(__NR_munmap, (long)p, (long)len, 0, 0, 0, 0))
		fail("munmap(%p, %zu): %s", p, len, strerror(errno));
}

static void xmadvise(void *p, size_t len, int advice)
{
	if (sc(__NR_madvise, (long)p, (long)len, advice, 0, 0, 0))
		fail("madvise(%p, %zu, %d): %s", p, len, advice, strerror(errno));
}

static long swapped_kb(void)
{
	return proc_field("/proc/self/status", "VmSwap");
}

static long free_swap_pages(void)
{
	struct sysinfo si;

	if (sc(__NR_sysinfo, (long)&si, 0, 0, 0, 0, 0))
		fail("sysinfo: %s", strerror(errno));
	return (long)((unsigned long long)si.freeswap * si.mem_unit / PG);
}

/* Swap out [p, p + pages) and check every page of it went. */
static void swap_out(void *p, size_t pages)
{
	long before = swapped_kb();

	xmadvise(p, pages * PG, MADV_PAGEOUT);
	if (swapped_kb() - before != (long)(pages * 4))
		fail("MADV_PAGEOUT of %zu pages: VmSwap grew by %ld kB", pages,
		     swapped_kb() - before);
}

static void fill(char *p, size_t first, size_t n, u32 seed)
{
	for (size_t i = first; i < first + n; i++)
		fill_page((u32 *)(p + i * PG), i, seed);
}

static void check(const char *p, size_t first, size_t n, u32 seed)
{
	for (size_t i = first; i < first + n; i++)
		check_page((const u32 *)(p + i * PG), i, seed);
}

static void check_zero(const char *p, size_t first, size_t n, const char *what)
{
	for (size_t i = first * PG; i < (first + n) * PG; i++)
		if (p[i])
			fail("%s: byte %zu of page %zu is %#x, not 0", what, i % PG, i / PG,
			     p[i] & 0xff);
}

/* Slots given back since @before: exactly @pages. */
static void expect_freed(long before, long pages, const char *what)
{
	long now = free_swap_pages();

	if (now - before != pages)
		fail("%s: %ld swap slots given back, expected %ld", what, now - before, pages);
	printf("t_vmedge: %s: %ld slots given back\n", what, pages);
}

/* ---- the cases ------------------------------------------------------------ */

static void munmap_partial(void)
{
	char *p = xmap(64);
	long f;

	fill(p, 0, 64, 0x11000000);
	swap_out(p, 64);
	f = free_swap_pages();
	xmunmap(p + 10 * PG, 10 * PG);		/* a hole in the middle */
	xmunmap(p, 1);				/* the first page: length rounds up */
	xmunmap(p + 63 * PG, PG);		/* the last page */
	expect_freed(f, 12, "munmap of 12 swapped pages from a 64-page mapping");
	check(p, 1, 9, 0x11000000);
	check(p, 20, 43, 0x11000000);
	expect_segv("read of an unmapped swapped page", (uintptr_t)(p + 15 * PG), false);
	/* munmap across the hole and the rest: Linux unmaps the lot, 0. */
	swap_out(p + PG, 9);
	xmunmap(p, 64 * PG);
	expect_segv("read of a page unmapped across a hole", (uintptr_t)(p + 30 * PG), false);
}

static void map_fixed_over_swapped(void)
{
	char *p = xmap(32), *q;
	long f;

	fill(p, 0, 32, 0x22000000);
	swap_out(p, 32);
	f = free_swap_pages();
	q = (char *)sc(__NR_mmap2, (long)(p + 8 * PG), 8 * PG, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if (q != p + 8 * PG)
		fail("MAP_FIXED over swapped pages returned %p, not %p", q, p + 8 * PG);
	expect_freed(f, 8, "MAP_FIXED over 8 swapped pages");
	check_zero(p, 8, 8, "MAP_FIXED over swapped pages");
	check(p, 0, 8, 0x22000000);
	check(p, 16, 16, 0x22000000);
	/* The new pages swap like any others. */
	fill(p, 8, 8, 0x22100000);
	swap_out(p + 8 * PG, 8);
	check(p, 8, 8, 0x22100000);
	xmunmap(p, 32 * PG);
	printf("t_vmedge: MAP_FIXED over swapped pages: zeros, neighbours intact\n");
}

static void brk_over_swapped(void)
{
	unsigned long cur = (unsigned long)sc(__NR_brk, 0, 0, 0, 0, 0, 0);
	char *heap = (char *)((cur + PG - 1) & ~(PG - 1));
	long f;

	if ((unsigned long)sc(__NR_brk, (long)(heap + 32 * PG), 0, 0, 0, 0, 0) !=
	    (unsigned long)(heap + 32 * PG))
		fail("brk grow by 32 pages failed");
	fill(heap, 0, 32, 0x33000000);
	swap_out(heap, 32);
	f = free_swap_pages();
	if ((unsigned long)sc(__NR_brk, (long)(heap + 16 * PG), 0, 0, 0, 0, 0) !=
	    (unsigned long)(heap + 16 * PG))
		fail("brk shrink failed");
	expect_freed(f, 16, "brk shrink over 16 swapped pages");
	expect_segv("read above the shrunk brk", (uintptr_t)(heap + 20 * PG), false);
	if ((unsigned long)sc(__NR_brk, (long)(heap + 32 * PG), 0, 0, 0, 0, 0) !=
	    (unsigned long)(heap + 32 * PG))
		fail("brk regrow failed");
	check_zero(heap, 16, 16, "heap regrown over swapped pages");
	check(heap, 0, 16, 0x33000000);
	sc(__NR_brk, (long)cur, 0, 0, 0, 0, 0);
	printf("t_vmedge: brk shrunk over swapped pages and regrown: zeros\n");
}

static void dontneed_swapped(void)
{
	char *p = xmap(32);
	long f;

	fill(p, 0, 32, 0x44000000);
	swap_out(p + 8 * PG, 16);	/* 0..7 and 24..31 stay resident */
	f = free_swap_pages();
	xmadvise(p + 4 * PG, 24 * PG, MADV_DONTNEED);	/* 4 resident, 16 swapped, 4 resident */
	expect_freed(f, 16, "MADV_DONTNEED over resident and swapped pages");
	check_zero(p, 4, 24, "MADV_DONTNEED");
	check(p, 0, 4, 0x44000000);
	check(p, 28, 4, 0x44000000);
	xmunmap(p, 32 * PG);
}

/*
 * WILLNEED starts reads and returns; munmap or DONTNEED come while the
 * reads are in flight. Nothing may map the pages afterwards, nor read the
 * old data into a later mapping; the slots come back once the reads end.
 */
static void willneed_then_drop(void)
{
	long base = free_swap_pages();
	char *p = xmap(128);

	fill(p, 0, 128, 0x55000000);
	swap_out(p, 128);
	xmadvise(p, 128 * PG, MADV_WILLNEED);
	xmunmap(p, 128 * PG);
	p = xmap(128);
	fill(p, 0, 128, 0x55100000);
	swap_out(p, 128);
	xmadvise(p, 128 * PG, MADV_WILLNEED);
	xmadvise(p, 64 * PG, MADV_DONTNEED);
	check_zero(p, 0, 64, "MADV_DONTNEED after MADV_WILLNEED");
	check(p, 64, 64, 0x55100000);
	xmunmap(p, 128 * PG);
	/* Pages read for nobody may hold their slots until reclaim meets them. */
	printf("t_vmedge: WILLNEED then munmap/DONTNEED: %ld slots still cached\n",
	       base - free_swap_pages());
}

static void mlock_swapped(void)
{
	char *p = xmap(32);
	long kb;

	fill(p, 0, 32, 0x66000000);
	swap_out(p, 32);
	if (sc(__NR_mlock, (long)(p + 4 * PG), 24 * PG, 0, 0, 0, 0))
		fail("mlock of swapped pages: %s", strerror(errno));
	kb = swapped_kb();
	if (kb > 8 * 4)
		fail("mlock left %ld kB in swap, expected at most 32", kb);
	errno = 0;
	if (sc(__NR_madvise, (long)(p + 4 * PG), 24 * PG, MADV_PAGEOUT, 0, 0, 0) != -1 ||
	    errno != EINVAL)
		fail("MADV_PAGEOUT of locked pages: not EINVAL (errno %d)", errno);
	if (sc(__NR_madvise, (long)(p + 4 * PG), PG, MADV_DONTNEED, 0, 0, 0) != -1 ||
	    errno != EINVAL)
		fail("MADV_DONTNEED of locked pages: not EINVAL (errno %d)", errno);
	check(p, 0, 32, 0x66000000);
	if (sc(__NR_munlock, (long)p, 32 * PG, 0, 0, 0, 0))
		fail("munlock: %s", strerror(errno));
	swap_out(p, 32);
	check(p, 0, 32, 0x66000000);
	xmunmap(p, 32 * PG);
	printf("t_vmedge: mlock of swapped pages brought them back and kept them\n");
}

/*
 * read() into a buffer whose pages are swapped out: the kernel's copy to
 * user space faults them in (the data it writes must land in the page
 * that comes back, not in a stale frame); the same for write() out of one.
 */
static void read_into_swapped(const char *path, size_t pages)
{
	char *ref = xmap(pages), *buf = xmap(pages);
	long fd = sc(__NR_open, (long)path, O_RDONLY, 0, 0, 0, 0), n;

	if (fd < 0)
		fail("open %s: %s", path, strerror(errno));
	n = sc(__NR_read, fd, (long)ref, (long)(pages * PG), 0, 0, 0);
	if (n < (long)PG)
		fail("read of %s: %ld", path, n);
	memset(buf, 0xa5, pages * PG);
	swap_out(buf, pages);
	sc(__NR_lseek, fd, 0, SEEK_SET, 0, 0, 0);
	if (sc(__NR_read, fd, (long)(buf + 100), n - 100, 0, 0, 0) != n - 100)
		fail("read into swapped pages of %s: %s", path, strerror(errno));
	for (long i = 0; i < (long)(pages * PG); i++) {
		char want = i < 100 ? (char)0xa5 : i < n ? ref[i - 100] : (char)0xa5;
		if (buf[i] != want)
			fail("read into swapped pages of %s: byte %ld is %#x, not %#x", path, i,
			     buf[i] & 0xff, want & 0xff);
	}
	sc(__NR_close, fd, 0, 0, 0, 0, 0);
	xmunmap(ref, pages * PG);
	xmunmap(buf, pages * PG);
	printf("t_vmedge: read() of %ld bytes of %s into swapped pages: exact\n", n - 100, path);
}

static void write_from_swapped(void)
{
	static const char line[] = "t_vmedge: this line was written from two swapped-out pages\n";
	char *p = xmap(2), *msg = p + PG - 20;	/* it straddles the page boundary */
	long fd, n;
	char back[16];

	memcpy(msg, line, sizeof(line) - 1);
	memcpy(p, "23\n", 3);
	swap_out(p, 2);
	if (sc(__NR_write, 1, (long)msg, sizeof(line) - 1, 0, 0, 0) != sizeof(line) - 1)
		fail("write from swapped pages: %s", strerror(errno));
	/* A sysctl written from a swapped page. */
	swap_out(p, 2);
	fd = sc(__NR_open, (long)"/proc/sys/vm/swappiness", O_RDWR, 0, 0, 0, 0);
	if (fd < 0 || sc(__NR_write, fd, (long)p, 3, 0, 0, 0) != 3)
		fail("write of /proc/sys/vm/swappiness from a swapped page: %s", strerror(errno));
	sc(__NR_close, fd, 0, 0, 0, 0, 0);
	n = read_file("/proc/sys/vm/swappiness", back, sizeof(back));
	if (n < 0 || strcmp(back, "23\n"))
		fail("swappiness reads back as '%s', not 23", back);
	fd = sc(__NR_open, (long)"/proc/sys/vm/swappiness", O_RDWR, 0, 0, 0, 0);
	sc(__NR_write, fd, (long)"60\n", 3, 0, 0, 0);
	sc(__NR_close, fd, 0, 0, 0, 0, 0);
	xmunmap(p, 2 * PG);
}

/*
 * fork of an address space whose pages are on swap: both sides share the
 * slots, each write gives the writer its own copy, each side swaps its
 * copies out and in again, and neither ever sees the other's data.
 */
static void fork_swapped(void)
{
	enum { N = 256 };
	char *p = xmap(N);
	pid_t child;

	fill(p, 0, N, 0x77000000);
	swap_out(p, N);
	child = xfork();
	if (child == 0) {
		check(p, 0, N / 2, 0x77000000);		/* read: shared slots */
		for (size_t i = 0; i < N; i += 2)
			fill_page((u32 *)(p + i * PG), i, 0x77100000);
		xmadvise(p, N * PG, MADV_PAGEOUT);
		for (size_t i = 0; i < N; i++)
			check_page((u32 *)(p + i * PG), i, i % 2 ? 0x77000000 : 0x77100000);
		_exit(0);
	}
	expect_exit(child, 0);
	check(p, 0, N, 0x77000000);
	/* And the other way: the parent writes while a child still shares. */
	swap_out(p, N);
	child = xfork();
	if (child == 0) {
		usleep(50000);
		check(p, 0, N, 0x77000000);
		_exit(0);
	}
	fill(p, 0, N, 0x77200000);
	xmadvise(p, N * PG, MADV_PAGEOUT);
	expect_exit(child, 0);
	check(p, 0, N, 0x77200000);
	xmunmap(p, N * PG);
	printf("t_vmedge: fork of %d swapped pages: copy-on-write kept both sides apart\n", N);
}

#define ARG_LEN 3000

static char arg_char(int i)
{
	return (char)('a' + (i * 7) % 26);
}

/* The exec'd side: argv[2] must be the ARG_LEN-character pattern. */
static int argcheck(int argc, char **argv)
{
	if (argc != 4 || strcmp(argv[3], "end") || strlen(argv[2]) != ARG_LEN) {
		printf("t_vmedge: execve: %d arguments, argv[2] %zu characters\n", argc,
		       argc > 2 ? strlen(argv[2]) : 0);
		return 1;
	}
	for (int i = 0; i < ARG_LEN; i++)
		if (argv[2][i] != arg_char(i))
			return 2;
	return 0;
}

/* execve whose path, argument vector and strings all lie in swapped-out pages. */
static void exec_swapped_args(void)
{
	pid_t child = xfork();

	if (child == 0) {
		char *p = xmap(3), *s = p + PG - 1000, **argv = (char **)(p + 2 * PG);
		strlcpy(p, self, 200);
		strlcpy(p + 200, "--argcheck", 16);
		for (int i = 0; i < ARG_LEN; i++)
			s[i] = arg_char(i);
		s[ARG_LEN] = 0;
		strlcpy(s + ARG_LEN + 1, "end", 4);
		argv[0] = p;
		argv[1] = p + 200;
		argv[2] = s;
		argv[3] = s + ARG_LEN + 1;
		argv[4] = NULL;
		swap_out(p, 3);
		sc(__NR_execve, (long)p, (long)argv, (long)environ, 0, 0, 0);
		printf("t_vmedge: execve %s: %s\n", self, strerror(errno));
		_exit(3);
	}
	expect_exit(child, 0);
	printf("t_vmedge: execve with swapped-out path, argv and strings: arguments exact\n");
}

int main(int argc, char **argv)
{
	const char *disk = argc > 1 && argv[1][0] == '/' ? argv[1] : "/dev/hdb";

	sibling_path("t_vmedge", self, sizeof(self));
	if (argc > 1 && !strcmp(argv[1], "--argcheck"))
		return argcheck(argc, argv);
	if (free_swap_pages() < 1024)
		fail("needs swap on (at least 4 MiB free)");
	munmap_partial();
	map_fixed_over_swapped();
	brk_over_swapped();
	dontneed_swapped();
	willneed_then_drop();
	mlock_swapped();
	read_into_swapped(self, 16);
	read_into_swapped(disk, 64);
	write_from_swapped();
	fork_swapped();
	exec_swapped_args();
	pass();
}
