/*
 * lab_share [count|race|cache|cow]: pages shared by fork while they are on
 * swap (docs/labs/README.md). A parent fills a third of the RAM, forks a
 * child, and a third process pushes both out to swap. Then:
 *
 *   count  (default) every swapped page is held by both processes, so its
 *          slot's use count (/proc/swapmap) is at least 2; the child reads
 *          its pages and exits, and the parent still finds its own intact.
 *   race   parent and child read the same swapped pages at the same time.
 *   cache  the parent reads every page back first; the child then finds
 *          them in the swap cache: it takes (almost) no major fault.
 *   cow    the child rewrites every other page, the parent every third,
 *          both while the pages are on swap; each sees only its own writes.
 *
 * Each ends with the area unmapped and no slot held by anything but the
 * swap cache.
 */
#include <labtest.h>

#define SEED    0x5A000000u
#define CHILD   0x5B000000u
#define PARENT  0x5C000000u

static u32 *area;
static size_t pages;

static u32 cow_seed(size_t page, bool child)
{
	if (child)
		return page % 2 ? SEED : CHILD;
	return page % 3 ? SEED : PARENT;
}

static void cow_write(bool child)
{
	for (size_t p = 0; p < pages; p++)
		if (cow_seed(p, child) != SEED)
			fill_page(page_at(area, p), p, cow_seed(p, child));
}

static void cow_check(bool child)
{
	for (size_t p = 0; p < pages; p++)
		check_page(page_at(area, p), p, cow_seed(p, child));
}

static void child(const char *mode, pid_t gate)
{
	gate_wait(gate);
	if (!strcmp(mode, "cow")) {
		cow_write(true);
		cow_check(true);
	} else {
		long maj = majflt_self();
		check_all(area, pages, SEED);
		maj = majflt_self() - maj;
		printf("%s: child read %zu pages with %ld major faults\n", test_name(), pages, maj);
		if (!strcmp(mode, "cache") && maj > (long)pages / 8)
			fail("the child read from disk what the parent had just read: %ld major "
			     "faults for %zu pages in the swap cache", maj, pages);
	}
	_exit(0);
}

/* How many of the shared pages went out to swap while both processes held them. */
static void count_shared(void)
{
	long shared = slots_with_count(2), used = slots_with_count(1);

	printf("%s: %zu shared pages, %ld slots in use, %ld of them with a count >= 2\n",
	       test_name(), pages, used, shared);
	if (used < (long)pages / 2)
		fail("only %ld of %zu idle pages went to swap under pressure", used, pages);
	if (shared < (long)pages / 2)
		fail("only %ld slots count both processes: a swapped page shared by fork must "
		     "keep a count of 2", shared);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "count";
	size_t ram = ram_pages();
	pid_t gate = gate_new(), kid;

	if (strcmp(mode, "count") && strcmp(mode, "race") && strcmp(mode, "cache") &&
	    strcmp(mode, "cow"))
		fail("usage: lab_share [count|race|cache|cow]");
	pages = ram / 3;
	area = map_pages(pages);
	fill_all(area, pages, SEED);
	kid = xfork();
	if (kid == 0)
		child(mode, gate);
	pressure(2 * ram);
	count_shared();
	if (!strcmp(mode, "cache"))
		check_all(area, pages, SEED);
	gate_open(gate);
	if (!strcmp(mode, "race")) {
		check_all(area, pages, SEED);
	} else if (!strcmp(mode, "cow")) {
		cow_write(false);
		cow_check(false);
	}
	expect_exit(kid, 0);
	/* The child is gone: what it held must not have taken the parent's pages along. */
	if (!strcmp(mode, "cow"))
		cow_check(false);
	else
		check_all(area, pages, SEED);
	printf("%s: %s: parent and child verified %zu pages\n", test_name(), mode, pages);
	if (munmap(area, pages * PAGE_SIZE) < 0)
		fail("munmap: %s", strerror(errno));
	expect_no_held_slots("after munmap", 2000);
	pass();
}
