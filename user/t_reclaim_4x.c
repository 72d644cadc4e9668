/*
 * t_reclaim_4x [MULTIPLE]: use MULTIPLE (default 4) times the physical
 * memory by plain loads and stores, no madvise: only global reclaim
 * (kswapd in the background, direct reclaim when it falls behind) can make
 * room, by swapping. Three passes, every word checked:
 *
 *   1. write every page in order;
 *   2. read every page in order (all of them were swapped out meanwhile);
 *   3. rewrite every third page with a new seed, then read everything.
 *
 * Passes when all contents are right, pages went out to swap and came
 * back, and kswapd took part.
 */
#include <fillcheck.h>

#define SEED1 0x11110000u
#define SEED2 0x22220000u

static u32 seed_of(size_t page, bool rewritten)
{
	return rewritten && page % 3 == 0 ? SEED2 : SEED1;
}

int main(int argc, char **argv)
{
	int multiple = argc > 1 ? atoi(argv[1]) : 4;
	size_t ram = ram_pages(), pages = multiple * ram;
	long out0 = vmstat("pswpout"), in0 = vmstat("pswpin"), wake0 = vmstat("kswapd_wakeup");
	long steal0 = vmstat("pgsteal_kswapd"), stall0 = vmstat("allocstall");
	u32 *area = map_pages(pages);
	long out, in;

	printf("%s: %zu pages = %d x %zu pages of RAM\n", test_name(), pages, multiple, ram);
	for (size_t p = 0; p < pages; p++)
		fill_page(page_at(area, p), p, SEED1);
	for (size_t p = 0; p < pages; p++)
		check_page(page_at(area, p), p, SEED1);
	for (size_t p = 0; p < pages; p += 3)
		fill_page(page_at(area, p), p, SEED2);
	for (size_t p = 0; p < pages; p++)
		check_page(page_at(area, p), p, seed_of(p, true));
	out = vmstat("pswpout") - out0;
	in = vmstat("pswpin") - in0;
	printf("%s: %zu pages verified; pswpout=%ld pswpin=%ld kswapd_wakeup=%ld "
	       "pgsteal_kswapd=%ld allocstall=%ld\n",
	       test_name(), pages, out, in, vmstat("kswapd_wakeup") - wake0,
	       vmstat("pgsteal_kswapd") - steal0, vmstat("allocstall") - stall0);
	/* At least what does not fit went out, and came back for pass 2. */
	if (out < (long)(pages - ram) || in < (long)(pages - ram))
		fail("too little swapping for %zu pages in %zu of RAM", pages, ram);
	if (vmstat("kswapd_wakeup") == wake0 || vmstat("pgsteal_kswapd") == steal0)
		fail("kswapd never reclaimed anything");
	pass();
}
