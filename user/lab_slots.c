/*
 * lab_slots cluster|higher|equal|badpages|full: what the swap slot
 * allocator does, seen from user space (docs/labs/swapslots.md). Sizes
 * follow the RAM that sysinfo reports; nothing depends on the cluster
 * size or on where in an area the allocator starts.
 *
 *   cluster   Fill twice the RAM, then drop every other page (MADV_DONTNEED):
 *             the area is full of one-slot holes. Then fill more. The new
 *             slots (in /proc/swapmap) must come in runs, not scattered
 *             into the holes: consecutive pages stay consecutive on disk.
 *   higher    swapon hda with priority 1, hdb (small) with priority 5:
 *             hda gets nothing until hdb is (nearly) full.
 *   equal     swapon hda and hdb with priority 3: both are used, about
 *             equally.
 *   badpages  hda's mkswap header lists bad pages: after filling three
 *             times the RAM, every one of them is still bad, none in use.
 *   full      a process that wants four times RAM with 4 MiB of swap is
 *             killed by the OOM killer, its slots all come back, and a
 *             process that needs the whole swap area then works.
 */
#include <labtest.h>

#define SEED 0x51000000u

/* ---- cluster ------------------------------------------------------------ */

static char *snapshot(unsigned long *slots)
{
	struct swapmap areas[MAX_AREAS];
	int n = read_swapmap(areas, MAX_AREAS);

	if (n != 1)
		fail("expected one swap area in /proc/swapmap, found %d", n);
	*slots = areas[0].slots;
	return areas[0].map;
}

static bool used(char c)
{
	return slot_count(c) > 0;
}

static void cluster(void)
{
	size_t ram = ram_pages(), x = 2 * ram, y = 3 * ram / 2;
	u32 *xs = map_pages(x), *ys;
	unsigned long slots, slots2, holes = 0, fresh = 0, paired = 0;
	char *before, *after;

	fill_all(xs, x, SEED);
	for (size_t p = 0; p < x; p += 2)
		if (madvise(page_at(xs, p), PAGE_SIZE, MADV_DONTNEED) < 0)
			fail("madvise(MADV_DONTNEED): %s", strerror(errno));
	before = snapshot(&slots);
	for (unsigned long s = 1; s + 1 < slots; s++)
		holes += !used(before[s]) && used(before[s - 1]) && used(before[s + 1]);
	printf("%s: %zu pages written, every other one dropped: %lu one-slot holes\n",
	       test_name(), x, holes);
	if (holes < ram / 4)
		fail("the dropped pages left only %lu one-slot holes: the area was not filled "
		     "in order", holes);
	ys = map_pages(y);
	fill_all(ys, y, SEED + 1);
	after = snapshot(&slots2);
	for (unsigned long s = 1; s < slots; s++) {
		bool is_new = used(after[s]) && !used(before[s]);
		if (!is_new)
			continue;
		fresh++;
		paired += (used(after[s - 1]) && !used(before[s - 1])) ||
			  (s + 1 < slots && used(after[s + 1]) && !used(before[s + 1]));
	}
	printf("%s: then %zu more pages: %lu new slots, %lu of them beside another new one\n",
	       test_name(), y, fresh, paired);
	if (fresh < ram / 2)
		fail("only %lu new slots for %zu pages in %zu of RAM", fresh, y, ram);
	if (paired * 10 < fresh * 8)
		fail("%lu of %lu new slots are scattered among the old ones: new runs of "
		     "slots should start where whole clusters are free", fresh - paired, fresh);
	check_all(ys, y, SEED + 1);
	for (size_t p = 1; p < x; p += 2)
		check_page(page_at(xs, p), p, SEED);
}

/* ---- priorities ------------------------------------------------------------ */

static void swapon_prio(const char *dev, int prio)
{
	if (swapon(dev, SWAP_FLAG_PREFER | prio) < 0)
		fail("swapon %s: %s", dev, strerror(errno));
}

static const struct swaparea *area(const char *dev)
{
	const struct swaparea *a = find_swap(dev);

	if (!a)
		fail("%s is not in /proc/swaps", dev);
	return a;
}

static void higher(void)
{
	size_t ram = ram_pages(), pages = 2 * ram, p;
	u32 *mem = map_pages(pages);
	long hdb_size;

	swapon_prio("/dev/hda", 1);
	swapon_prio("/dev/hdb", 5);
	hdb_size = area("/dev/hdb")->size_kb;
	for (p = 0; p < pages; p++) {
		fill_page(page_at(mem, p), p, SEED);
		if (p % 32 == 0 && area("/dev/hda")->used_kb > 0)
			break;
	}
	if (p == pages)
		fail("hda (priority 1) was never used for %zu pages", pages);
	printf("%s: hda first used after %zu pages, when hdb had %ld of %ld kB in use\n",
	       test_name(), p, area("/dev/hdb")->used_kb, hdb_size);
	if (area("/dev/hdb")->used_kb * 10 < hdb_size * 9)
		fail("hda (priority 1) was used while hdb (priority 5) had room");
	for (; p < pages; p++)
		fill_page(page_at(mem, p), p, SEED);
	check_all(mem, pages, SEED);
}

static void equal(void)
{
	size_t ram = ram_pages(), pages = 2 * ram;
	u32 *mem = map_pages(pages);
	long a, b;

	swapon_prio("/dev/hda", 3);
	swapon_prio("/dev/hdb", 3);
	fill_all(mem, pages, SEED);
	a = area("/dev/hda")->used_kb;
	b = area("/dev/hdb")->used_kb;
	printf("%s: hda %ld kB, hdb %ld kB in use\n", test_name(), a, b);
	if (!a || !b || a > 2 * b || b > 2 * a)
		fail("areas of equal priority must share the load");
	check_all(mem, pages, SEED);
}

/* ---- bad pages -------------------------------------------------------------- */

static void badpages(void)
{
	size_t ram = ram_pages(), pages = 3 * ram;
	unsigned long slots, slots2, bad = 0, inuse = 0;
	char *before = snapshot(&slots), *after;
	u32 *mem = map_pages(pages);

	for (unsigned long s = 1; s < slots; s++)
		bad += before[s] == 'X';
	if (!bad)
		fail("the area's header lists no bad page");
	fill_all(mem, pages, SEED);
	after = snapshot(&slots2);
	for (unsigned long s = 1; s < slots; s++) {
		inuse += used(after[s]);
		if ((before[s] == 'X') != (after[s] == 'X'))
			fail("slot %lu was '%c' and is '%c' now: bad pages must never be used", s,
			     before[s], after[s]);
	}
	printf("%s: %lu bad pages avoided, %lu slots in use\n", test_name(), bad, inuse);
	if (inuse < ram)
		fail("only %lu slots in use for %zu pages", inuse, pages);
	check_all(mem, pages, SEED);
}

/* ---- swap full ------------------------------------------------------------- */

static void run_child(size_t pages, int expect_sig)
{
	pid_t pid = xfork();

	if (pid == 0) {
		u32 *mem = map_pages(pages);
		fill_all(mem, pages, SEED);
		check_all(mem, pages, SEED);
		_exit(0);
	}
	if (expect_sig)
		expect_signal(pid, expect_sig);
	else
		expect_exit(pid, 0);
}

static void full(void)
{
	size_t ram = ram_pages(), swap = meminfo_kb("SwapTotal") / (PAGE_SIZE / 1024);

	if (!swap)
		fail("no swap area");
	run_child(4 * ram + swap, SIGKILL);
	printf("%s: a process wanting %zu pages (RAM %zu, swap %zu) was killed\n", test_name(),
	       4 * ram + swap, ram, swap);
	expect_no_held_slots("after the OOM kill", 2000);
	run_child(ram + swap / 2, 0);
	printf("%s: then %zu pages worked\n", test_name(), ram + swap / 2);
	expect_no_held_slots("after exit", 2000);
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		void (*fn)(void);
	} modes[] = { { "cluster", cluster }, { "higher", higher }, { "equal", equal },
		      { "badpages", badpages }, { "full", full } };

	for (size_t i = 0; argc == 2 && i < ARRAY_SIZE(modes); i++)
		if (!strcmp(argv[1], modes[i].name)) {
			modes[i].fn();
			pass();
		}
	fail("usage: lab_slots cluster|higher|equal|badpages|full");
}
