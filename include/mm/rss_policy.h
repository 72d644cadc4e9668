/*
 * The replacement policy of the RLIMIT_RSS path (mm/rss_policy.c): which
 * of a process's pages leaves when it is at its limit. A host-built core:
 * mm/rss_limit.c feeds it from the page tables, tests/host/policysim*
 * from a trace, so make bench compares the kernel's own decisions.
 */
#ifndef MM_RSS_POLICY_H
#define MM_RSS_POLICY_H

#include <lib/types.h>

/* The policy's time: the process's fault clock, and its limit in pages. */
struct rss_clock {
	u32 now;
	u32 limit;
};

/*
 * A resident page's state, one word (page->index in the kernel): when it
 * was last seen used, and how long it had been resident by then.
 */
typedef u32 rss_state_t;

/* The page was just faulted in at c->now. */
rss_state_t rss_policy_arrive(const struct rss_clock *c);
/* Its accessed bit was found set at this fault (it was used since the last one). */
rss_state_t rss_policy_referenced(const struct rss_clock *c, rss_state_t s);
/*
 * Should the page in state @a (at address @addr_a) leave before the one in
 * state @b (at @addr_b)? A strict order: equal pages are told apart by address.
 */
bool rss_policy_before(const struct rss_clock *c, rss_state_t a, unsigned long addr_a,
		       rss_state_t b, unsigned long addr_b);

#endif
