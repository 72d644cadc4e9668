/*
 * t_rusage: page faults are counted and memory comes and goes as asked.
 *  - touching N fresh heap pages adds at least N to ru_minflt;
 *  - brk grows and shrinks the heap: after a shrink the pages above the
 *    break are gone (a child touching them gets SIGSEGV) and growing again
 *    gives zeroed pages;
 *  - an anonymous private mmap reads as zeros and keeps what is written;
 *    munmap of one page in the middle or of the whole mapping makes those
 *    pages fault, and leaves the rest alone.
 * Nothing here calls malloc, so the test owns the break.
 */
#include <utest.h>

#define HEAP_PAGES 64
#define MAP_PAGES  8

static long minflt(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru) < 0)
		fail("getrusage: %s", strerror(errno));
	return ru.ru_minflt;
}

static void expect_zero(const char *what, const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i])
			fail("%s: byte %zu is %#x, expected 0", what, i, (unsigned char)p[i]);
}

static void expect_pattern(const char *what, const char *p, size_t len, int seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] != (char)(i * 7 + seed))
			fail("%s: byte %zu is %#x, expected %#x", what, i, (unsigned char)p[i],
			     (unsigned char)(i * 7 + seed));
}

static void fill_pattern(char *p, size_t len, int seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = i * 7 + seed;
}

static void heap_faults_and_brk(void)
{
	char *start = sbrk(0), *pages = (char *)ALIGN_UP((uintptr_t)start, PAGE_SIZE);
	char *end = pages + HEAP_PAGES * PAGE_SIZE;
	long before, after;
	int i;

	if (brk(end) < 0 || sbrk(0) != end)
		fail("brk to grow by %d pages: %s", HEAP_PAGES, strerror(errno));
	before = minflt();
	for (i = 0; i < HEAP_PAGES; i++)
		pages[i * PAGE_SIZE] = 1;
	after = minflt();
	printf("t_rusage: touching %d new pages: ru_minflt %ld -> %ld\n", HEAP_PAGES, before,
	       after);
	if (after - before < HEAP_PAGES)
		fail("ru_minflt grew by %ld, expected at least %d", after - before, HEAP_PAGES);

	if (brk(start) < 0 || sbrk(0) != start)
		fail("brk to shrink back to %p: %s", (void *)start, strerror(errno));
	expect_segv("heap page after brk shrank", (uintptr_t)pages, false);
	expect_segv("last heap page after brk shrank", (uintptr_t)end - 1, true);
	if (brk(end) < 0)
		fail("brk to grow again: %s", strerror(errno));
	expect_zero("heap grown again", pages, end - pages);
	printf("t_rusage: brk grew, shrank and grew again with zeroed pages\n");
}

static void anonymous_mmap(void)
{
	size_t len = MAP_PAGES * PAGE_SIZE;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *middle = p + MAP_PAGES / 2 * PAGE_SIZE;

	if (p == MAP_FAILED)
		fail("mmap of %d pages: %s", MAP_PAGES, strerror(errno));
	if ((uintptr_t)p & (PAGE_SIZE - 1))
		fail("mmap returned %p, not page aligned", (void *)p);
	expect_zero("fresh mmap", p, len);
	fill_pattern(p, len, 3);
	expect_pattern("mmap after writing", p, len, 3);

	if (munmap(middle, PAGE_SIZE) < 0)
		fail("munmap of the middle page: %s", strerror(errno));
	expect_segv("middle page after munmap", (uintptr_t)middle, false);
	expect_pattern("pages below the hole", p, middle - p, 3);
	expect_pattern("pages above the hole", middle + PAGE_SIZE, len - (middle + PAGE_SIZE - p),
		       3 + (middle + PAGE_SIZE - p) * 7);
	if (munmap(p, len) < 0)
		fail("munmap of the whole mapping: %s", strerror(errno));
	expect_segv("first page after munmap", (uintptr_t)p, false);
	expect_segv("last page after munmap", (uintptr_t)p + len - 1, true);
	printf("t_rusage: anonymous mmap of %d pages: zeroed, written, unmapped\n", MAP_PAGES);
}

int main(void)
{
	heap_faults_and_brk();
	anonymous_mmap();
	pass();
}
