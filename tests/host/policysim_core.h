/*
 * policysim core: page-replacement reference policies over a trace.
 *
 * A trace is an array of references, each (page_index << 1) | is_write, with
 * page indices dense from 0 in first-touch order (see tests/traces/README.md).
 * The core counts misses (compulsory included) of four reference policies
 * with a fixed number of frames, demand paging and no prefetch:
 *
 *   OPT    Belady's optimal policy: evict the resident page whose next use
 *          is furthest in the future (never used again counts as furthest).
 *   LRU    exact least-recently-used.
 *   CLOCK  the textbook one-handed second-chance clock: the reference bit
 *          is set on load and on every access; on a miss with all frames
 *          full the hand clears set bits and advances until it finds a clear
 *          bit, evicts that frame's page, loads the new page there and moves
 *          one past it.
 *   FIFO   evict the page loaded longest ago.
 *
 * Dirty state does not change any count: the policies see reads and writes
 * alike. Writes matter only to the zero-page filter, which models a kernel
 * that serves never-written anonymous pages from a shared zero page.
 *
 * The same file builds into the policysim program (policysim_main.c) and the
 * host test (policysim_test.c); it uses only the C library.
 */
#ifndef POLICYSIM_CORE_H
#define POLICYSIM_CORE_H

#include <stddef.h>
#include <stdint.h>

#define PS_REF_PAGE(r)	((r) >> 1)
#define PS_REF_WRITE(r) ((r)&1u)

/* A trace in memory; refs is malloc()ed and owned by the trace. */
struct ps_trace {
	uint32_t *refs;
	size_t nrefs;
	uint32_t page_limit; /* every page index is below this */
};

/* What one simulation of one trace found. */
struct ps_result {
	size_t refs;	     /* references in the trace (ps_run: as loaded) */
	size_t kept;	     /* references simulated (after the zero-page filter) */
	uint32_t pages;	     /* distinct pages referenced in the refs */
	uint32_t written;    /* distinct pages written at least once in the refs */
	uint32_t frames;     /* frame limit */
	uint64_t compulsory; /* first touches: a lower bound for every policy */
	uint64_t opt, lru, clock, fifo;
	uint64_t rsslimit;   /* the kernel's RLIMIT_RSS policy (mm/rss_policy.c) */
};

/*
 * ps_trace_load - read a trace file into @t, keeping at most @max_refs refs
 * (0 keeps all). Returns 0, or a negative errno value with a message on
 * stderr naming the file and the reason.
 */
int ps_trace_load(const char *path, size_t max_refs, struct ps_trace *t);

/* ps_trace_from - copy @n refs into a new trace @t; 0 or -ENOMEM. */
int ps_trace_from(const uint32_t *refs, size_t n, struct ps_trace *t);

void ps_trace_free(struct ps_trace *t);

/*
 * ps_zero_page_filter - drop, in place, every reference to a page made before
 * that page's first write: such reads are served by the shared zero page and
 * never occupy a frame. The first write itself is kept.
 */
void ps_zero_page_filter(struct ps_trace *t);

/* ps_count - distinct pages and distinct written pages of @t. */
void ps_count(const struct ps_trace *t, uint32_t *pages, uint32_t *written);

/*
 * ps_frames_pct - the frame limit for @pct_hundredths hundredths of a
 * percent of @pages, rounded down (30 % of 335 pages is 100 frames), and at
 * least one frame.
 */
uint32_t ps_frames_pct(uint32_t pages, uint32_t pct_hundredths);

/* Miss counts of the single policies with @max_frames frames (>= 1). */
uint64_t ps_opt(const struct ps_trace *t, uint32_t max_frames);
uint64_t ps_lru(const struct ps_trace *t, uint32_t max_frames);
uint64_t ps_clock(const struct ps_trace *t, uint32_t max_frames);
uint64_t ps_fifo(const struct ps_trace *t, uint32_t max_frames);
/*
 * The kernel's RLIMIT_RSS path: mm/rss_policy.c fed as mm/rss_limit.c feeds
 * it (accessed bits read at each fault, one clock tick per fault).
 */
uint64_t ps_rsslimit(const struct ps_trace *t, uint32_t max_frames);

/* ps_simulate - fill @r with the counts and the misses of all four policies. */
void ps_simulate(const struct ps_trace *t, uint32_t frames, struct ps_result *r);

/*
 * ps_run - what policysim reports for one trace file: load the first
 * @max_refs refs of @path (0: all), count its pages and written pages, apply
 * the zero-page filter if @zero_page, and simulate with @frames frames or,
 * when @frames is 0, @pct_hundredths of the pages (of the written pages with
 * @zero_page). Returns 0 or the negative errno value of ps_trace_load().
 */
int ps_run(const char *path, size_t max_refs, int zero_page, uint32_t frames,
	   uint32_t pct_hundredths, struct ps_result *r);

#endif
