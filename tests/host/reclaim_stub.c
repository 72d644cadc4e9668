/*
 * The host build of the allocator has no reclaim: nothing to wake, and a
 * failed allocation fails at once (the kernel's versions are in
 * mm/vmscan.c). The host tests check the allocator itself.
 */
#include <mm/gfp.h>

void wakeup_kswapd(struct zone *zone)
{
	(void)zone;
}

bool direct_reclaim(gfp_t gfp, unsigned int order, int attempt)
{
	(void)gfp;
	(void)order;
	(void)attempt;
	return false;
}
