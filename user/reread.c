/*
 * reread [MULTIPLE [--check]]: write MULTIPLE (default 2) times the RAM
 * once, then read all of it twice, checking every word, and print how
 * many pages swapping wrote:
 *
 *   reread: pages=N pswpout=M pswpin=I
 *
 * The first pass must write about N pages out. The reading passes evict
 * pages that are unchanged since they were read back: when swap-in keeps
 * the clean copy in the swap cache (Linux 2.6's do_swap_page), those are
 * dropped without a write, so M stays near N; when it frees the slot, each
 * is written again and M nears 3 N. make bench reports M/N; with --check
 * (make test) the program fails when M > 1.1 N.
 */
#include <fillcheck.h>

#define SEED 0x2ead0000u

int main(int argc, char **argv)
{
	int multiple = argc > 1 ? atoi(argv[1]) : 2;
	size_t pages = (size_t)multiple * ram_pages();
	long out0 = vmstat("pswpout"), in0 = vmstat("pswpin");
	u32 *area = map_pages(pages);

	for (size_t p = 0; p < pages; p++)
		fill_page(page_at(area, p), p, SEED);
	for (int pass = 0; pass < 2; pass++)
		for (size_t p = 0; p < pages; p++)
			check_page(page_at(area, p), p, SEED);
	long out = vmstat("pswpout") - out0;

	printf("reread: pages=%zu pswpout=%ld pswpin=%ld\n", pages, out, vmstat("pswpin") - in0);
	if (argc > 2 && !strcmp(argv[2], "--check") && out * 10 > (long)pages * 11)
		fail("%ld pages written for %zu written once: clean pages were written again", out,
		     pages);
	pass();
}
