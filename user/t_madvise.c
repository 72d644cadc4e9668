/*
 * t_madvise: madvise(2) and swapoff(2) fail as Linux's do, using nothing
 * but the Linux system-call ABI. Run with a swap area on hda:
 *
 *   wrap     a length that rounds up past 4 GiB, or a range that wraps
 *            around the address space: -1/EINVAL, nothing paged out
 *   mlock    MADV_PAGEOUT or MADV_DONTNEED on locked memory: -1/EINVAL,
 *            the pages stay resident with their data
 *   hole     a range with an unmapped page in the middle: the mapped
 *            pages are paged out all the same, then -1/ENOMEM
 *   swapoff  a path that names no device: ENOENT; a device that is not
 *            an active swap area: EINVAL
 *
 * One line per check; "t_madvise: ok" when all of them held.
 */
#include <utest.h>

static int failures;

static void expect_err(const char *call, long r, int err, const char *err_name)
{
	int e = errno;

	if (r == -1 && e == err) {
		printf("t_madvise: %s -> %s\n", call, err_name);
		return;
	}
	failures++;
	printf("t_madvise: %s returned %ld (errno %d, %s), expected -1 with %s\n", call, r, e,
	       strerror(e), err_name);
}

#define EXPECT_ERR(call, err) (errno = 0, expect_err(#call, (long)(call), err, #err))

static void expect(bool ok, const char *what)
{
	if (!ok)
		failures++;
	printf("t_madvise: %s: %s\n", what, ok ? "yes" : "NO");
}

static char *map_filled(int pages, int seed)
{
	char *p = mmap(NULL, pages * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);

	if (p == MAP_FAILED)
		fail("mmap: %s", strerror(errno));
	for (int i = 0; i < pages * PAGE_SIZE; i += 64)
		p[i] = (char)(i / 64 + seed);
	return p;
}

/* Do pages [first, first + n) of @p hold what map_filled wrote? */
static bool intact(const char *p, int first, int n, int seed)
{
	for (int i = first * PAGE_SIZE; i < (first + n) * PAGE_SIZE; i += 64)
		if (p[i] != (char)(i / 64 + seed))
			return false;
	return true;
}

static long swapped_kb(void)
{
	return proc_field("/proc/self/status", "VmSwap");
}

static void wrapping_lengths(void)
{
	char *p = map_filled(4, 1);
	long swap0 = swapped_kb();

	EXPECT_ERR(madvise(p, (size_t)-1, MADV_PAGEOUT), EINVAL);
	EXPECT_ERR(madvise(p, (size_t)-PAGE_SIZE + 1, MADV_PAGEOUT), EINVAL);
	EXPECT_ERR(madvise(p, (size_t)0 - (uintptr_t)p + PAGE_SIZE, MADV_PAGEOUT), EINVAL);
	EXPECT_ERR(madvise(p + 1, PAGE_SIZE, MADV_PAGEOUT), EINVAL);
	EXPECT_ERR(madvise(p, PAGE_SIZE, 12345), EINVAL);
	expect(swapped_kb() == swap0, "nothing paged out by the refused calls");
	if (madvise(p, 0, MADV_PAGEOUT) != 0)
		expect(false, "a zero length is a no-op");
	munmap(p, 4 * PAGE_SIZE);
}

static void locked_memory(void)
{
	char *p = map_filled(8, 2);
	long rss0;

	if (mlock(p, 8 * PAGE_SIZE) < 0)
		fail("mlock: %s", strerror(errno));
	rss0 = proc_field("/proc/self/status", "VmRSS");
	EXPECT_ERR(madvise(p, 8 * PAGE_SIZE, MADV_PAGEOUT), EINVAL);
	EXPECT_ERR(madvise(p + 2 * PAGE_SIZE, PAGE_SIZE, MADV_PAGEOUT), EINVAL);
	EXPECT_ERR(madvise(p, 8 * PAGE_SIZE, MADV_DONTNEED), EINVAL);
	expect(proc_field("/proc/self/status", "VmRSS") == rss0, "locked pages stay resident");
	expect(intact(p, 0, 8, 2), "locked pages keep their data");
	munlock(p, 8 * PAGE_SIZE);
	munmap(p, 8 * PAGE_SIZE);
}

static void range_with_a_hole(void)
{
	char *p = map_filled(6, 3);
	long swap0;

	if (munmap(p + 2 * PAGE_SIZE, PAGE_SIZE) < 0)
		fail("munmap: %s", strerror(errno));
	swap0 = swapped_kb();
	EXPECT_ERR(madvise(p, 6 * PAGE_SIZE, MADV_PAGEOUT), ENOMEM);
	printf("t_madvise: VmSwap %ld kB -> %ld kB\n", swap0, swapped_kb());
	expect(swapped_kb() == swap0 + 5 * PAGE_SIZE / 1024,
	       "the 5 mapped pages around the hole were paged out");
	expect(intact(p, 0, 2, 3) && intact(p, 3, 3, 3), "they read back intact");
	EXPECT_ERR(madvise(p + 2 * PAGE_SIZE, PAGE_SIZE, MADV_PAGEOUT), ENOMEM);
	EXPECT_ERR(madvise((void *)0xC0000000UL, PAGE_SIZE, MADV_PAGEOUT), ENOMEM);
	munmap(p, 6 * PAGE_SIZE);
}

static void swapoff_errors(void)
{
	EXPECT_ERR(swapoff("/dev/hdz"), ENOENT);
	EXPECT_ERR(swapoff("/no/such/file"), ENOENT);
	if (swapoff("/dev/hda") < 0)
		fail("swapoff /dev/hda: %s (is a swap area on hda?)", strerror(errno));
	EXPECT_ERR(swapoff("/dev/hda"), EINVAL);
	if (swapon("/dev/hda", 0) < 0)
		fail("swapon /dev/hda: %s", strerror(errno));
}

int main(void)
{
	if (proc_field("/proc/meminfo", "SwapTotal") <= 0)
		fail("no swap: boot with swap=hda");
	wrapping_lengths();
	locked_memory();
	range_with_a_hole();
	swapoff_errors();
	if (failures)
		fail("%d checks failed", failures);
	pass();
}
