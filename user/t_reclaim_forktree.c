/*
 * t_reclaim_forktree: a tree of processes sharing pages that are being
 * swapped. The root fills as many pages as the machine has RAM (so part
 * of them are already on swap), then forks 3 children, each of which forks
 * 2 grandchildren after its own writes: 10 processes, all running at once.
 *
 * Every process reads and checks all pages twice. Writers (every other
 * process) first rewrite every fourth page (offset by their number) with
 * their own seed: copy-on-write of shared pages, some of them on swap or
 * in the swap cache. A process expects, for each page, the seed of the
 * last writer among itself and its ancestors, so a write that leaks into a
 * parent, a sibling or a child, or a stale copy from swap, is caught. The
 * writers' private copies push the total to about twice the RAM, so the
 * shared pages keep being swapped out from under all of them.
 *
 * The root checks its own pages again after every process has exited and
 * passes when all exited 0 and swapped pages were found shared in the swap
 * cache (one process read in what another one needed).
 */
#include <fillcheck.h>

#define CHILDREN      3
#define GRANDCHILDREN 2
#define MAX_LAYERS    3

/* Who wrote what, inherited through fork: [0] is the root's fill. */
struct layer {
	u32 seed;
	size_t stride, offset; /* pages p with p % stride == offset */
};

static struct layer layers[MAX_LAYERS];
static int nr_layers;
static u32 *area;
static size_t pages;

static u32 expected_seed(size_t page)
{
	for (int i = nr_layers - 1; i > 0; i--)
		if (page % layers[i].stride == layers[i].offset)
			return layers[i].seed;
	return layers[0].seed;
}

static void check_all(void)
{
	for (size_t p = 0; p < pages; p++)
		check_page(page_at(area, p), p, expected_seed(p));
}

/* Process @id's part: rewrite some pages if it is a writer, then read everything twice. */
static void work(int id)
{
	if (id % 2) {
		struct layer l = { 0xE0000000u | (u32)id << 16, 4, (size_t)id % 4 };
		for (size_t p = l.offset; p < pages; p += l.stride)
			fill_page(page_at(area, p), p, l.seed);
		layers[nr_layers++] = l;
	}
	check_all();
	sched_yield();
	check_all();
}

static void reap_all(const pid_t *pids, int n)
{
	for (int i = 0; i < n; i++)
		expect_exit(pids[i], 0);
}

static void child(int id)
{
	pid_t pids[GRANDCHILDREN];

	work(id); /* the grandchildren inherit what this one wrote */
	for (int g = 0; g < GRANDCHILDREN; g++) {
		pids[g] = xfork();
		if (pids[g] == 0) {
			work(10 * id + g + 1);
			_exit(0);
		}
	}
	check_all();
	reap_all(pids, GRANDCHILDREN);
	_exit(0);
}

int main(void)
{
	long found0 = vmstat("swap_cache_find_success"), in0 = vmstat("pswpin");
	long out0 = vmstat("pswpout");
	pid_t pids[CHILDREN];

	pages = ram_pages();
	area = map_pages(pages);
	layers[nr_layers++] = (struct layer){ 0x50000000u, 1, 0 };
	for (size_t p = 0; p < pages; p++)
		fill_page(page_at(area, p), p, layers[0].seed);
	printf("%s: root filled %zu pages (the RAM); pswpout=%ld so far\n", test_name(), pages,
	       vmstat("pswpout") - out0);
	for (int c = 0; c < CHILDREN; c++) {
		pids[c] = xfork();
		if (pids[c] == 0)
			child(c + 1);
	}
	work(0);
	reap_all(pids, CHILDREN);
	check_all();
	printf("%s: %d processes verified %zu pages each; pswpout=%ld pswpin=%ld "
	       "swap_cache_find_success=%ld\n",
	       test_name(), 1 + CHILDREN * (1 + GRANDCHILDREN), pages, vmstat("pswpout") - out0,
	       vmstat("pswpin") - in0, vmstat("swap_cache_find_success") - found0);
	if (vmstat("pswpin") == in0)
		fail("nothing was read back from swap");
	if (vmstat("swap_cache_find_success") == found0)
		fail("no swapped page was found in the swap cache by a sharer");
	pass();
}
