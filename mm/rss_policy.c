/*
 * The replacement policy of the RLIMIT_RSS path: which of a process's own
 * pages leaves when a fault would take it over its limit (mm/rss_limit.c
 * does the sampling and the eviction; this file only decides). It builds
 * unchanged for the host, where tests/host/policysim* runs it on traces.
 *
 * What the hardware tells us. The kernel sees a process's references only
 * through the PTE accessed bits, and only looks at them when the process
 * faults: at each fault (one tick of the process's fault clock) it reads
 * and clears the bits of every resident page. So a page's history is the
 * set of fault intervals in which it was used, never the order of uses
 * inside one.
 *
 * The policy: least recently used, by fault interval, with a residence
 * credit. A page's score is its idle time (intervals since it was last
 * seen used) minus 2/5 of how long it had been resident when last used,
 * that credit capped at the limit; the page with the highest score goes,
 * and among equals the one that came in last. A page that arrived
 * recently and is not used again leaves first (it may have been a one-off
 * touch); a page that stayed resident through many intervals has shown it
 * is used often and needs a longer idle time to be chosen. That is the
 * frequency half of LRU-K, ARC and LIRS, got from a quantity the sampled
 * bits give exactly: how long the page has lasted.
 *
 * How it was chosen: on the tuning half of the trace corpus only (8
 * programs, tests/traces/README.md), with the sampling modelled exactly
 * (policysim's rsslimit column runs this file) and exact LRU as the
 * yardstick, geometric mean of the pages read beyond the compulsory ones.
 * LRU by fault interval read 0.95x LRU's pages (taking the newest out
 * first among pages last used in the same interval already helps); ARC on
 * the same bits, this file's predecessor, 1.01x; LIRS on them 0.95x to
 * 1.16x depending on its HIR share; LRU-2 1.03x to 1.09x. With the
 * residence credit, 0.86x. The factor 2/5 sits in a flat region (0.3 to
 * 0.5 with a cap of 0.75 to 1.5 limits: 0.85x to 0.90x); a whole idle
 * interval per resident one (factor 1) is far worse (1.76x): a page must
 * not become unevictable by having lasted.
 *
 * State, one 32-bit word per resident page:
 *   bits 31..12  the fault clock when the page was last seen used (mod 2^20)
 *   bits 11..0   how long it had been resident then, in units of
 *                ceil(limit / 4095) intervals, at most the limit
 * (exact for limits below 4096 pages; coarser above).
 */
#include <mm/rss_policy.h>

#define LAST_SHIFT	12
#define CLOCK_MASK	((1U << 20) - 1)
#define AGE_MAX		4095U

/* Residence credit: CREDIT_NUM / CREDIT_DEN of the age, at most the limit. */
#define CREDIT_NUM	2
#define CREDIT_DEN	5

static u32 age_unit(const struct rss_clock *c)
{
	return c->limit > AGE_MAX ? (c->limit + AGE_MAX - 1) / AGE_MAX : 1;
}

static u32 last_use(rss_state_t s)
{
	return s >> LAST_SHIFT;
}

static u32 idle(const struct rss_clock *c, rss_state_t s)
{
	return (c->now - last_use(s)) & CLOCK_MASK;
}

/* Intervals the page had been resident when it was last used. */
static u32 age_at_last_use(const struct rss_clock *c, rss_state_t s)
{
	return (s & AGE_MAX) * age_unit(c);
}

static rss_state_t pack(const struct rss_clock *c, u32 last, u32 age)
{
	u32 units = age / age_unit(c);

	if (units > AGE_MAX)
		units = AGE_MAX;
	return ((last & CLOCK_MASK) << LAST_SHIFT) | units;
}

rss_state_t rss_policy_arrive(const struct rss_clock *c)
{
	return pack(c, c->now, 0);
}

rss_state_t rss_policy_referenced(const struct rss_clock *c, rss_state_t s)
{
	return pack(c, c->now, age_at_last_use(c, s) + idle(c, s));
}

/* CREDIT_DEN times the score: idle time less the residence credit. */
static s64 score(const struct rss_clock *c, rss_state_t s)
{
	u64 age = (u64)age_at_last_use(c, s) + idle(c, s);

	if (age > c->limit)
		age = c->limit;
	return (s64)CREDIT_DEN * idle(c, s) - (s64)CREDIT_NUM * (s64)age;
}

bool rss_policy_before(const struct rss_clock *c, rss_state_t a, unsigned long addr_a,
		       rss_state_t b, unsigned long addr_b)
{
	s64 sa = score(c, a), sb = score(c, b);
	u32 ta = age_at_last_use(c, a) + idle(c, a), tb = age_at_last_use(c, b) + idle(c, b);

	if (sa != sb)
		return sa > sb;
	if (ta != tb)
		return ta < tb;	/* the newcomer first */
	return addr_a < addr_b;
}
