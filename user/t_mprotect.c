/*
 * t_mprotect: mprotect(2) (Linux i386 number 125) as an outside program
 * uses it, through the raw system-call ABI alone: Linux's errnos; rights
 * taken away from swapped-out, resident and copy-on-write pages and given
 * back; PROT_NONE pages paged out and brought back by swapoff stay out of
 * reach until their rights return; the kernel's own copies to and from
 * user memory obey the rights too (-EFAULT); nothing of the data changes
 * on the way.
 *
 * Run with hda a swap area, turned on (swap=hda). One line per check;
 * "t_mprotect: ok" at the end.
 */
#include <fillcheck.h>

#define PG PAGE_SIZE
#define NR_mprotect 125
#define PROT_SEM 0x8
#define PROT_GROWSDOWN 0x01000000
#define PROT_GROWSUP 0x02000000

static long sc(long nr, long a, long b, long c)
{
	return syscall(nr, a, b, c, 0, 0, 0);
}

static char *xmap(size_t pages)
{
	long r = syscall(__NR_mmap2, 0, pages * PG, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (r == -1)
		fail("mmap2 of %zu pages: %s", pages, strerror(errno));
	return (char *)r;
}

static void xprotect(void *p, size_t len, long prot)
{
	if (sc(NR_mprotect, (long)p, (long)len, prot))
		fail("mprotect(%p, %zu, %ld): %s", p, len, prot, strerror(errno));
}

static void expect_errno(long r, int err, const char *what)
{
	if (r != -1 || errno != err)
		fail("%s returned %ld (errno %d, %s), expected -1 with errno %d (%s)", what, r,
		     errno, strerror(errno), err, strerror(err));
	printf("t_mprotect: %s -> %s\n", what, strerror(err));
}

static void swap_out(void *p, size_t pages)
{
	long before = proc_field("/proc/self/status", "VmSwap");

	if (sc(__NR_madvise, (long)p, (long)(pages * PG), MADV_PAGEOUT))
		fail("MADV_PAGEOUT: %s", strerror(errno));
	if (proc_field("/proc/self/status", "VmSwap") - before != (long)pages * 4)
		fail("MADV_PAGEOUT of %zu pages: not all went to swap", pages);
}

static void fill(char *p, size_t n, u32 seed)
{
	for (size_t i = 0; i < n; i++)
		fill_page((u32 *)(p + i * PG), i, seed);
}

static void check(const char *p, size_t n, u32 seed)
{
	for (size_t i = 0; i < n; i++)
		check_page((const u32 *)(p + i * PG), i, seed);
}

static void errnos(void)
{
	char *p = xmap(4);

	errno = 0;
	expect_errno(sc(NR_mprotect, (long)p + 1, PG, PROT_READ), EINVAL, "unaligned start");
	expect_errno(sc(NR_mprotect, (long)p, PG, 0x10), EINVAL, "unknown rights bit");
	expect_errno(sc(NR_mprotect, (long)p, PG, PROT_READ | PROT_GROWSDOWN | PROT_GROWSUP),
		     EINVAL, "PROT_GROWSDOWN|PROT_GROWSUP");
	expect_errno(sc(NR_mprotect, (long)p, PG, PROT_READ | PROT_GROWSDOWN), EINVAL,
		     "PROT_GROWSDOWN on a mapping that does not grow");
	expect_errno(sc(NR_mprotect, (long)p, -PG, PROT_READ), ENOMEM, "a range that wraps");
	expect_errno(sc(NR_mprotect, 0x1000, PG, PROT_READ), ENOMEM, "an unmapped range");
	expect_errno(sc(NR_mprotect, 0xC0000000, PG, PROT_READ), ENOMEM, "a kernel address");
	if (sc(NR_mprotect, (long)p, 0, PROT_NONE) || sc(NR_mprotect, 0x1000, 0, PROT_NONE))
		fail("a zero length: %s, expected 0", strerror(errno));
	if (sc(NR_mprotect, (long)p, PG, PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM))
		fail("PROT_SEM: %s, expected 0", strerror(errno));
	/* A hole: the part before it changes, then -ENOMEM (Linux). */
	if (sc(__NR_munmap, (long)p + 2 * PG, PG, 0))
		fail("munmap: %s", strerror(errno));
	expect_errno(sc(NR_mprotect, (long)p, 4 * PG, PROT_READ), ENOMEM, "a range with a hole");
	expect_segv("write to the part before the hole, now read-only", (uintptr_t)p + PG, true);
	/* The part after the hole: unspecified (POSIX), and Linux 6.18 changed it too. */
	sc(__NR_munmap, (long)p, 4 * PG, 0);
}

/* Swapped-out pages made read-only, read back, written in vain, then writable again. */
static void swapped_read_only(void)
{
	char *p = xmap(32);

	fill(p, 32, 0x10000000);
	swap_out(p, 32);
	xprotect(p, 32 * PG, PROT_READ);
	expect_segv("write to a swapped-out read-only page", (uintptr_t)p + 5 * PG, true);
	check(p, 16, 0x10000000);	/* half of them back, read-only */
	expect_segv("write to a swapped-in read-only page", (uintptr_t)p + 5 * PG, true);
	swap_out(p, 16);
	xprotect(p + 8 * PG, 16 * PG, PROT_READ | PROT_WRITE);	/* the middle only */
	for (size_t i = 8; i < 24; i++)
		p[i * PG + 1] ^= 0x55;
	expect_segv("write below the writable middle", (uintptr_t)p + 7 * PG, true);
	expect_segv("write above the writable middle", (uintptr_t)p + 24 * PG, true);
	for (size_t i = 8; i < 24; i++)
		p[i * PG + 1] ^= 0x55;
	xprotect(p, 32 * PG, PROT_READ | PROT_WRITE);
	swap_out(p + 8 * PG, 16);	/* the pages written; the others are still out */
	check(p, 32, 0x10000000);
	fill(p, 32, 0x11000000);
	swap_out(p, 32);
	check(p, 32, 0x11000000);
	sc(__NR_munmap, (long)p, 32 * PG, 0);
	printf("t_mprotect: swapped-out pages read-only and back: data intact\n");
}

/*
 * PROT_NONE: no access, whether the page is resident, paged out, or
 * brought back by swapoff; the rights come back with the data.
 */
static void prot_none(void)
{
	char *p = xmap(32);

	fill(p, 32, 0x20000000);
	swap_out(p + 16 * PG, 16);	/* 0..15 resident, 16..31 on swap */
	xprotect(p, 32 * PG, PROT_NONE);
	expect_segv("read of a resident PROT_NONE page", (uintptr_t)p + 3 * PG, false);
	expect_segv("write to a resident PROT_NONE page", (uintptr_t)p + 3 * PG, true);
	expect_segv("read of a swapped-out PROT_NONE page", (uintptr_t)p + 20 * PG, false);
	swap_out(p, 8);	/* paging out does not need the rights */
	if (swapoff("/dev/hda"))
		fail("swapoff /dev/hda: %s", strerror(errno));
	expect_segv("read of a PROT_NONE page swapoff brought back", (uintptr_t)p + 20 * PG,
		    false);
	expect_segv("read of a PROT_NONE page swapoff brought back", (uintptr_t)p + 4 * PG,
		    false);
	if (swapon("/dev/hda", 0))
		fail("swapon /dev/hda: %s", strerror(errno));
	xprotect(p, 32 * PG, PROT_READ);
	check(p, 32, 0x20000000);
	xprotect(p, 32 * PG, PROT_READ | PROT_WRITE);
	fill(p, 32, 0x21000000);
	check(p, 32, 0x21000000);
	sc(__NR_munmap, (long)p, 32 * PG, 0);
	printf("t_mprotect: PROT_NONE pages resident, paged out and brought back by swapoff: "
	       "out of reach, then intact\n");
	/* mlock cannot fault PROT_NONE pages in (Linux: ENOMEM), nor make them readable. */
	p = xmap(4);
	xprotect(p, 4 * PG, PROT_NONE);
	errno = 0;
	expect_errno(sc(__NR_mlock, (long)p, 4 * PG, 0), ENOMEM, "mlock of a PROT_NONE region");
	expect_segv("read of a PROT_NONE page after mlock", (uintptr_t)p + PG, false);
	sc(__NR_munlock, (long)p, 4 * PG, 0);
	sc(__NR_munmap, (long)p, 4 * PG, 0);
}

/*
 * Giving write access back must not make a page shared copy-on-write
 * (fork) writable in place: the child must keep its view.
 */
static void cow_then_writable(void)
{
	enum { N = 64 };
	char *p = xmap(N);
	pid_t child;

	fill(p, N, 0x30000000);
	swap_out(p, N / 2);	/* half on swap, shared by slot; half resident, shared by page */
	child = xfork();
	if (child == 0) {
		usleep(100000);
		check(p, N, 0x30000000);
		_exit(0);
	}
	xprotect(p, N * PG, PROT_READ);
	check(p, N, 0x30000000);
	xprotect(p, N * PG, PROT_READ | PROT_WRITE);
	fill(p, N, 0x31000000);
	expect_exit(child, 0);
	check(p, N, 0x31000000);
	/* And the child side: it takes rights away and back, then writes. */
	swap_out(p, N);
	child = xfork();
	if (child == 0) {
		xprotect(p, N * PG, PROT_NONE);
		xprotect(p, N * PG, PROT_READ | PROT_WRITE);
		fill(p, N, 0x32000000);
		check(p, N, 0x32000000);
		_exit(0);
	}
	expect_exit(child, 0);
	check(p, N, 0x31000000);
	sc(__NR_munmap, (long)p, N * PG, 0);
	printf("t_mprotect: copy-on-write pages kept apart across mprotect\n");
}

/* The kernel's copies obey the rights: read() into read-only, write() from PROT_NONE. */
static void kernel_copies(void)
{
	char *p = xmap(2);
	long fd = sc(__NR_open, (long)"/proc/meminfo", O_RDONLY, 0);

	memcpy(p, "x\n", 2);
	xprotect(p, PG, PROT_READ);
	errno = 0;
	expect_errno(sc(__NR_read, fd, (long)p, 64), EFAULT, "read() into a read-only page");
	xprotect(p, PG, PROT_NONE);
	expect_errno(sc(__NR_write, 1, (long)p, 2), EFAULT, "write() from a PROT_NONE page");
	expect_errno(sc(__NR_read, fd, (long)p, 64), EFAULT, "read() into a PROT_NONE page");
	expect_errno(sc(__NR_open, (long)p, O_RDONLY, 0), EFAULT, "open() of a PROT_NONE path");
	xprotect(p, PG, PROT_READ | PROT_WRITE);
	if (sc(__NR_read, fd, (long)p, 64) != 64)
		fail("read() after the rights came back: %s", strerror(errno));
	sc(__NR_close, fd, 0, 0);
	sc(__NR_munmap, (long)p, 2 * PG, 0);
}

/* Lines of /proc/self/maps that start inside [p, p + len). */
static int maps_lines_in(const char *p, size_t len, char *text, size_t size)
{
	int n = 0;

	if (read_file("/proc/self/maps", text, size) < 0)
		fail("/proc/self/maps: %s", strerror(errno));
	for (char *line = text; *line; line = strchr(line, '\n') + 1) {
		unsigned long start = strtol(line, NULL, 16);
		n += start >= (unsigned long)p && start < (unsigned long)p + len;
		if (!strchr(line, '\n'))
			break;
	}
	return n;
}

/*
 * Toggling the rights of every other page, then all back: the pages stay
 * in place, and /proc/self/maps shows a VMA per page, then one again.
 */
static void many_vmas(void)
{
	enum { N = 200 };
	static char text[32768];
	char *p = xmap(N), want[80];
	int n;

	fill(p, N, 0x40000000);
	for (size_t i = 0; i < N; i += 2)
		xprotect(p + i * PG, PG, PROT_READ);
	if ((n = maps_lines_in(p, N * PG, text, sizeof(text))) != N)
		fail("/proc/self/maps: %d lines for %d pages of alternating rights", n, N);
	snprintf(want, sizeof(want), "%08lx-%08lx r--p 00000000 00:00 0 \n", (unsigned long)p,
		 (unsigned long)p + PG);
	if (!strstr(text, want))
		fail("/proc/self/maps has no line '%s'", want);
	swap_out(p, N);
	expect_segv("write to one of 100 read-only pages", (uintptr_t)p + 100 * PG, true);
	p[101 * PG] ^= 1;
	p[101 * PG] ^= 1;
	xprotect(p, N * PG, PROT_READ | PROT_WRITE);
	check(p, N, 0x40000000);
	snprintf(want, sizeof(want), "%08lx-%08lx rw-p 00000000 00:00 0 \n", (unsigned long)p,
		 (unsigned long)p + N * PG);
	if ((n = maps_lines_in(p, N * PG, text, sizeof(text))) != 1 || !strstr(text, want))
		fail("/proc/self/maps: %d lines after the rights came back, expected '%s'", n, want);
	sc(__NR_munmap, (long)p, N * PG, 0);
	printf("t_mprotect: %d pages toggled one by one: intact; /proc/self/maps shows %d VMAs, "
	       "then one\n", N, N);
}

int main(void)
{
	errnos();
	swapped_read_only();
	prot_none();
	cow_then_writable();
	kernel_copies();
	many_vmas();
	pass();
}
