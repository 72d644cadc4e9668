/*
 * lab_swapoff basic|shared|other|enomem|load|again: swapoff(2) seen from
 * user space (docs/labs/swapoff.md). The program turns the areas on
 * itself (swapon(2)); sizes follow the RAM sysinfo reports.
 *
 *   basic   Pages pushed out to hda come back on swapoff: the area leaves
 *           /proc/swaps, and reading them takes no major fault.
 *   shared  Pages shared by fork come back once: memory use grows by one
 *           copy, both processes read their data, and a write after that
 *           is copy-on-write again.
 *   other   hdb (higher priority) is turned off while RAM cannot hold its
 *           pages: they move to hda, and every page reads back right.
 *   enomem  More is on swap than memory can hold: swapoff fails with
 *           ENOMEM, the area stays in use, nothing is lost; once the
 *           process has freed enough, swapoff works.
 *   load    Two processes keep rewriting and checking their memory while
 *           hdb is turned off and on again four times.
 *   again   swapoff, swapon, swap again, swapoff: the area is reusable,
 *           and in the end no slot is held.
 */
#include <labtest.h>

#define SEED 0x0FF00000u
#define HDA "/dev/hda"
#define HDB "/dev/hdb"

static void on(const char *dev, int prio)
{
	if (swapon(dev, prio >= 0 ? SWAP_FLAG_PREFER | prio : 0) < 0)
		fail("swapon %s: %s", dev, strerror(errno));
}

static void off(const char *dev)
{
	if (swapoff(dev) < 0)
		fail("swapoff %s: %s", dev, strerror(errno));
	if (find_swap(dev))
		fail("%s is still in /proc/swaps after swapoff", dev);
	printf("%s: swapoff %s: done\n", test_name(), dev);
}

/* Read @pages pages of @mem for @seed; fail if any came from disk. */
static void check_resident(const u32 *mem, size_t pages, u32 seed)
{
	long maj = majflt_self();

	check_all(mem, pages, seed);
	maj = majflt_self() - maj;
	if (maj)
		fail("%ld major faults reading %zu pages after swapoff: pages were left on the "
		     "area", maj, pages);
}

static u32 *swapped_out(size_t pages, u32 seed)
{
	u32 *mem = map_pages(pages);
	long used;

	fill_all(mem, pages, seed);
	pressure(2 * ram_pages());
	used = swap_used_pages();
	printf("%s: %zu pages written, %ld on swap\n", test_name(), pages, used);
	if (used < (long)pages / 2)
		fail("only %ld of %zu idle pages went to swap under pressure", used, pages);
	return mem;
}

static void basic(void)
{
	size_t pages = ram_pages() / 2;
	u32 *mem;

	on(HDA, -1);
	mem = swapped_out(pages, SEED);
	off(HDA);
	if (meminfo_kb("SwapTotal") || meminfo_kb("SwapFree"))
		fail("SwapTotal/SwapFree not 0 without swap areas");
	check_resident(mem, pages, SEED);
}

static void shared(void)
{
	size_t pages = ram_pages() / 3;
	pid_t gate = gate_new(), kid;
	long free0, grew;
	u32 *mem;

	on(HDA, -1);
	mem = swapped_out(pages, SEED);
	/* swapped_out forks the pressure after the fill: fork the sharer now. */
	kid = xfork();
	if (kid == 0) {
		gate_wait(gate);
		check_resident(mem, pages, SEED);
		for (size_t p = 0; p < pages; p += 2)
			fill_page(page_at(mem, p), p, SEED + 1);
		for (size_t p = 0; p < pages; p++)
			check_page(page_at(mem, p), p, p % 2 ? SEED : SEED + 1);
		_exit(0);
	}
	free0 = free_pages_now();
	off(HDA);
	grew = free0 - free_pages_now();
	printf("%s: swapoff brought back %zu shared pages using %ld pages of memory\n",
	       test_name(), pages, grew);
	if (grew > (long)pages * 3 / 2)
		fail("a page shared by two processes came back as two copies");
	gate_open(gate);
	expect_exit(kid, 0);
	check_resident(mem, pages, SEED);
}

static void other(void)
{
	size_t pages = 2 * ram_pages();
	u32 *mem = map_pages(pages);

	on(HDA, 1);
	on(HDB, 5);
	fill_all(mem, pages, SEED);
	printf("%s: hdb holds %ld kB, hda %ld kB\n", test_name(), find_swap(HDB)->used_kb,
	       find_swap(HDA)->used_kb);
	if (!find_swap(HDB)->used_kb)
		fail("nothing went to hdb");
	off(HDB);
	check_all(mem, pages, SEED);
}

static void enomem(void)
{
	size_t ram = ram_pages(), pages = 2 * ram;
	u32 *mem = map_pages(pages);

	on(HDA, -1);
	fill_all(mem, pages, SEED);
	if (swapoff(HDA) == 0 || errno != ENOMEM)
		fail("swapoff with %zu pages in %zu of RAM: %s, expected ENOMEM", pages, ram,
		     errno == ENOMEM ? "success" : strerror(errno));
	if (!find_swap(HDA))
		fail("hda left /proc/swaps after a failed swapoff");
	printf("%s: swapoff failed with ENOMEM, hda still active\n", test_name());
	check_all(mem, pages, SEED);
	if (munmap(mem + ram / 4 * WORDS_PER_PAGE, (pages - ram / 4) * PAGE_SIZE) < 0)
		fail("munmap: %s", strerror(errno));
	off(HDA);
	check_resident(mem, ram / 4, SEED);
}

static void worker(int id, size_t pages)
{
	u32 *mem = map_pages(pages);

	for (int round = 0; round < 6; round++) {
		fill_all(mem, pages, SEED + id * 16 + round);
		check_all(mem, pages, SEED + id * 16 + round);
	}
	_exit(0);
}

static void load(void)
{
	size_t ram = ram_pages();
	pid_t w[2];

	on(HDA, 1);
	on(HDB, 5);
	for (int i = 0; i < 2; i++) {
		w[i] = xfork();
		if (w[i] == 0)
			worker(i, ram * 3 / 4);
	}
	for (int i = 0; i < 4; i++) {
		msleep(200);
		off(HDB);
		on(HDB, 5);
	}
	for (int i = 0; i < 2; i++)
		expect_exit(w[i], 0);
	printf("%s: 4 swapoffs of hdb under load, both workers verified their pages\n",
	       test_name());
	off(HDB);
	off(HDA);
}

static void again(void)
{
	size_t pages = ram_pages() / 2;
	u32 *mem;

	on(HDA, -1);
	mem = swapped_out(pages, SEED);
	off(HDA);
	on(HDA, -1);
	for (size_t p = 0; p < pages; p++)
		fill_page(page_at(mem, p), p, SEED + 1);
	pressure(2 * ram_pages());
	if (swap_used_pages() < (long)pages / 2)
		fail("the area turned on again is not used");
	check_all(mem, pages, SEED + 1);
	if (munmap(mem, pages * PAGE_SIZE) < 0)
		fail("munmap: %s", strerror(errno));
	expect_no_held_slots("after munmap", 2000);
	off(HDA);
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		void (*fn)(void);
	} modes[] = { { "basic", basic }, { "shared", shared }, { "other", other },
		      { "enomem", enomem }, { "load", load }, { "again", again } };

	for (size_t i = 0; argc == 2 && i < ARRAY_SIZE(modes); i++)
		if (!strcmp(argv[1], modes[i].name)) {
			modes[i].fn();
			pass();
		}
	fail("usage: lab_swapoff basic|shared|other|enomem|load|again");
}
