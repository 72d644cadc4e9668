/*
 * Host tests for the policysim core (tests/host/policysim_core.c).
 *
 *  - hand-worked traces, with each policy's run written out below;
 *  - the four policies against naive re-implementations on random traces;
 *  - the committed synthetic traces in tests/traces/ (seq.bin by formula,
 *    the others pinned);
 *  - the corpus traces copied from ../shared/traces (awk, perl, gzip, cut
 *    to their first 50,000 refs), pinned: on the whole traces this
 *    simulator matched the 24 reference numbers of that directory's
 *    README (tests/traces/README.md); make host-tests unpacks them into
 *    build/traces/;
 *  - the kernel's RLIMIT_RSS policy (mm/rss_policy.c, the rsslimit
 *    column): a loop that does not fit, never better than OPT, pinned.
 * The test runs from the repository root and reads nothing outside it.
 */
#include "check.h"
#include "policysim_core.h"

#define TRACE_DIR  "tests/traces/"
#define CORPUS_DIR "build/traces/"

#define R(p) ((uint32_t)(p) << 1)      /* a read of page p */
#define W(p) ((uint32_t)(p) << 1 | 1u) /* a write of page p */

static void run(const uint32_t *refs, size_t n, uint32_t frames, struct ps_result *r)
{
	struct ps_trace t;

	if (ps_trace_from(refs, n, &t)) {
		fprintf(stderr, "policysim_test: out of memory\n");
		exit(2);
	}
	ps_simulate(&t, frames, r);
	ps_trace_free(&t);
}

/*
 * The textbook string 1 2 3 4 1 2 5 1 2 3 4 5 (here pages 0..4), with "m"
 * for a miss and [resident pages] after it:
 *
 * FIFO 3 frames: m m m m m m m . . m m .              9
 *      4 frames: m m m m . . m m m m m m             10 (Belady's anomaly)
 * LRU  3 frames: m m m m m m m . . m m m             10
 *      4 frames: m m m m . . m . . m m m              8
 * OPT  3 frames: m m m m(-3) . . m(-4) . . m m .      7
 *      4 frames: m m m m . . m(-4) . . . m .          6
 * CLOCK 3 frames (frame:page, * = reference bit, > = hand):
 *   1 2 3     >1* 2* 3*      misses 3
 *   4         sweep clears all, evicts 1: 4* >2 3        4
 *   1         evicts 2: 4* 1* >3                         5
 *   2         evicts 3: >4* 1* 2*                        6
 *   5         sweep clears all, evicts 4: 5* >1 2        7
 *   1 2       hits: 5* >1* 2*
 *   3         clears 1, 2, 5; evicts 1: 5 3* >2          8
 *   4         evicts 2: >5 3* 4*                         9
 *   5         hit                                        9
 * CLOCK 4 frames: after 1 2 3 4 all bits are set and 1 2 hit, so 5 sweeps
 *   and evicts 1; then 1, 2, 3 each find the hand on a clear bit and evict
 *   2, 3, 4; 4 sweeps and evicts 5; 5 evicts 1: every ref from 5 on misses,
 *   4 + 6 = 10, as FIFO.
 */
TEST(policysim_textbook_string)
{
	static const uint32_t refs[] = {R(0), R(1), R(2), R(3), R(0), R(1),
					R(4), R(0), R(1), R(2), R(3), R(4)};
	struct ps_result r;

	run(refs, 12, 3, &r);
	CHECK_EQ(r.refs, 12);
	CHECK_EQ(r.pages, 5);
	CHECK_EQ(r.written, 0);
	CHECK_EQ(r.compulsory, 5);
	CHECK_EQ(r.fifo, 9);
	CHECK_EQ(r.lru, 10);
	CHECK_EQ(r.opt, 7);
	CHECK_EQ(r.clock, 9);

	run(refs, 12, 4, &r);
	CHECK_EQ(r.fifo, 10);
	CHECK_EQ(r.lru, 8);
	CHECK_EQ(r.opt, 6);
	CHECK_EQ(r.clock, 10);
}

/*
 * Second chance: 0 1 2 3 1 4 1 with 3 frames. After 3 evicts 0 the bits of
 * 1 and 2 are clear; the hit on 1 sets its bit again, so 4 passes over 1
 * (clearing it) and evicts 2, and the last 1 hits: CLOCK 5. FIFO evicts 1
 * for 4 and misses the last 1: 6. LRU evicts 0 then 2: 5. OPT: 5.
 */
TEST(policysim_second_chance)
{
	static const uint32_t refs[] = {R(0), R(1), R(2), R(3), R(1), R(4), R(1)};
	struct ps_result r;

	run(refs, 7, 3, &r);
	CHECK_EQ(r.clock, 5);
	CHECK_EQ(r.fifo, 6);
	CHECK_EQ(r.lru, 5);
	CHECK_EQ(r.opt, 5);
}

/* Enough frames for every page: only compulsory misses. One frame: every change. */
TEST(policysim_frame_extremes)
{
	static const uint32_t refs[] = {R(0), W(0), R(1), R(1), R(2), R(0), R(2), W(1)};
	struct ps_result r;

	run(refs, 8, 3, &r);
	CHECK_EQ(r.opt, 3);
	CHECK_EQ(r.lru, 3);
	CHECK_EQ(r.clock, 3);
	CHECK_EQ(r.fifo, 3);
	CHECK_EQ(r.written, 2);

	run(refs, 8, 1, &r); /* 0 | 1 | 2 0 2 1: six changes of page */
	CHECK_EQ(r.opt, 6);
	CHECK_EQ(r.lru, 6);
	CHECK_EQ(r.clock, 6);
	CHECK_EQ(r.fifo, 6);
}

/*
 * Zero page: R0 R1 W0 R0 R2 W1 R1 keeps W0 R0 W1 R1 (R0 and R1 before
 * their first writes and all refs to never-written page 2 are dropped).
 */
TEST(policysim_zero_page_filter)
{
	static const uint32_t refs[] = {R(0), R(1), W(0), R(0), R(2), W(1), R(1)};
	static const uint32_t kept[] = {W(0), R(0), W(1), R(1)};
	struct ps_trace t;
	uint32_t pages, written;

	CHECK_EQ(ps_trace_from(refs, 7, &t), 0);
	ps_count(&t, &pages, &written);
	CHECK_EQ(pages, 3);
	CHECK_EQ(written, 2);
	ps_zero_page_filter(&t);
	CHECK_EQ(t.nrefs, 4);
	for (int i = 0; i < 4; i++)
		CHECK_EQ(t.refs[i], kept[i]);
	ps_count(&t, &pages, &written);
	CHECK_EQ(pages, 2);
	CHECK_EQ(written, 2);
	ps_trace_free(&t);
}

/* The reference tables round 30 % down: 100.5 -> 100, 46.8 -> 46, 27.6 -> 27. */
TEST(policysim_frames_pct_rounds_down)
{
	CHECK_EQ(ps_frames_pct(335, 3000), 100);
	CHECK_EQ(ps_frames_pct(618, 3000), 185);
	CHECK_EQ(ps_frames_pct(156, 3000), 46);
	CHECK_EQ(ps_frames_pct(243, 3000), 72);
	CHECK_EQ(ps_frames_pct(403, 3000), 120);
	CHECK_EQ(ps_frames_pct(92, 3000), 27);
	CHECK_EQ(ps_frames_pct(3, 3000), 1);
	CHECK_EQ(ps_frames_pct(1000, 1250), 125);
}

/* ---- naive re-implementations: O(n * frames), written for obviousness ---- */

#define NAIVE_MAX_FRAMES 16

enum naive_policy { NAIVE_OPT, NAIVE_LRU, NAIVE_FIFO, NAIVE_CLOCK };

static size_t naive_next_use(const uint32_t *refs, size_t n, size_t i, uint32_t page)
{
	for (size_t k = i + 1; k < n; k++)
		if (PS_REF_PAGE(refs[k]) == page)
			return k;
	return SIZE_MAX;
}

/*
 * @res holds the resident pages; for LRU @stamp is the last use, for FIFO
 * the load time. CLOCK is the second-chance queue: res[0] is the oldest;
 * a page with its bit set goes to the back with the bit cleared.
 */
static uint64_t naive(enum naive_policy pol, const uint32_t *refs, size_t n, uint32_t frames)
{
	uint32_t res[NAIVE_MAX_FRAMES], nres = 0;
	size_t stamp[NAIVE_MAX_FRAMES];
	int bit[NAIVE_MAX_FRAMES];
	uint64_t misses = 0;

	for (size_t i = 0; i < n; i++) {
		uint32_t p = PS_REF_PAGE(refs[i]), j, v = 0;

		for (j = 0; j < nres && res[j] != p; j++)
			;
		if (j < nres) {
			if (pol == NAIVE_LRU)
				stamp[j] = i;
			bit[j] = 1;
			continue;
		}
		misses++;
		if (nres < frames) {
			res[nres] = p, stamp[nres] = i, bit[nres] = 1;
			nres++;
			continue;
		}
		if (pol == NAIVE_CLOCK) {
			while (bit[0]) {
				uint32_t q = res[0];

				memmove(res, res + 1, (nres - 1) * sizeof(res[0]));
				memmove(bit, bit + 1, (nres - 1) * sizeof(bit[0]));
				res[nres - 1] = q, bit[nres - 1] = 0;
			}
			memmove(res, res + 1, (nres - 1) * sizeof(res[0]));
			memmove(bit, bit + 1, (nres - 1) * sizeof(bit[0]));
			res[nres - 1] = p, bit[nres - 1] = 1;
			continue;
		}
		for (j = 1; j < nres; j++) {
			if (pol == NAIVE_OPT) {
				if (naive_next_use(refs, n, i, res[j]) >
				    naive_next_use(refs, n, i, res[v]))
					v = j;
			} else if (stamp[j] < stamp[v]) {
				v = j;
			}
		}
		res[v] = p, stamp[v] = i;
	}
	return misses;
}

static uint32_t xorshift(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

TEST(policysim_matches_naive)
{
	uint32_t seed = 12345, refs[400];

	for (int round = 0; round < 300; round++) {
		uint32_t pages = 2 + xorshift(&seed) % 20, frames = 1 + xorshift(&seed) % 12;
		size_t n = 1 + xorshift(&seed) % 400;
		struct ps_result r;

		/* Half the rounds with locality: mostly small steps between pages. */
		for (size_t i = 0; i < n; i++) {
			uint32_t p = xorshift(&seed) % pages;

			if (round % 2 && i && xorshift(&seed) % 4)
				p = (PS_REF_PAGE(refs[i - 1]) + xorshift(&seed) % 3) % pages;
			refs[i] = p << 1 | (xorshift(&seed) & 1);
		}
		run(refs, n, frames, &r);
		CHECK_EQ(r.opt, naive(NAIVE_OPT, refs, n, frames));
		CHECK_EQ(r.lru, naive(NAIVE_LRU, refs, n, frames));
		CHECK_EQ(r.fifo, naive(NAIVE_FIFO, refs, n, frames));
		CHECK_EQ(r.clock, naive(NAIVE_CLOCK, refs, n, frames));
		CHECK(r.compulsory <= r.opt);
		CHECK(r.opt <= r.lru && r.opt <= r.clock && r.opt <= r.fifo);
	}
}

/* ---- committed synthetic traces ----------------------------------------- */

/*
 * OPT on a cyclic scan of P pages, R passes, F < P frames. The first pass
 * misses all P pages; at each miss after the frames are full the page just
 * used is the one needed furthest ahead, so OPT keeps the first F-1 pages
 * and cycles the last frame. From then on the trace is periods of P-1 refs:
 * F-1 hits on the kept pages, then P-F misses (each evicting the page just
 * used). With m = P(R-1) refs after the first pass, c = m / (P-1) whole
 * periods and r = m % (P-1) left over:
 *
 *   OPT = P + c (P-F) + max(0, r - (F-1)).
 *
 * (P=3, F=2, R=3: 0 1 2 | 0 1 2 0 1 2 misses at 0 1 2 4 6 8 = 3 + 3 = 6.)
 * Every reuse distance is P-1 >= F, so LRU misses every ref; FIFO does too,
 * and so does CLOCK: every resident bit is set at each miss, so the hand
 * sweeps once round and evicts the oldest page, as FIFO.
 */
static uint64_t cyclic_opt(uint64_t pages, uint64_t passes, uint64_t frames)
{
	uint64_t m = pages * (passes - 1), c = m / (pages - 1), r = m % (pages - 1);

	return pages + c * (pages - frames) + (r > frames - 1 ? r - (frames - 1) : 0);
}

TEST(policysim_cyclic_formula)
{
	static const uint32_t refs[] = {R(0), R(1), R(2), R(0), R(1), R(2), R(0), R(1), R(2)};
	struct ps_result r;

	run(refs, 9, 2, &r);
	CHECK_EQ(r.opt, cyclic_opt(3, 3, 2));
	CHECK_EQ(r.opt, 6);
}

/* tests/traces/seq.bin: pages 0..499, 20 passes; 30 % is 150 frames. */
TEST(policysim_seq_trace)
{
	struct ps_result r;

	CHECK_EQ(ps_run(TRACE_DIR "seq.bin", 0, 0, 0, 3000, &r), 0);
	CHECK_EQ(r.refs, 10000);
	CHECK_EQ(r.pages, 500);
	CHECK_EQ(r.frames, 150);
	CHECK_EQ(r.opt, cyclic_opt(500, 20, 150)); /* 500 + 19 * 350 = 7150 */
	CHECK_EQ(r.opt, 7150);
	CHECK_EQ(r.lru, 10000);
	CHECK_EQ(r.clock, 10000);
	CHECK_EQ(r.fifo, 10000);

	/* The first 3 passes only, as a kernel test replaying a window would. */
	CHECK_EQ(ps_run(TRACE_DIR "seq.bin", 1500, 0, 0, 3000, &r), 0);
	CHECK_EQ(r.refs, 1500);
	CHECK_EQ(r.opt, cyclic_opt(500, 3, 150));
	CHECK_EQ(r.lru, 1500);
}

/*
 * The other committed traces, pinned (as computed by this simulator once
 * it matched the reference tables) so a regression in either the
 * simulator or a trace file shows. tests/traces/README.md lists them.
 * kept is the number of refs simulated (fewer with the zero-page filter);
 * pages and written are counted before filtering; 30 % frames.
 */
static const struct pinned {
	const char *file;
	int zero_page;
	uint32_t kept, pages, written, frames, opt, lru, clock, fifo;
} pinned[] = {
    {"loop.bin", 0, 45000, 400, 240, 120, 7796, 44771, 44773, 44774},
    {"zipf.bin", 0, 50000, 1000, 577, 300, 5686, 11693, 12109, 13866},
    {"phase.bin", 0, 50000, 600, 360, 180, 1857, 4055, 4239, 5185},
    {"sort-300.bin", 0, 71350, 96, 33, 28, 326, 615, 687, 1069},
    {"gzip-2k.bin", 0, 82183, 109, 54, 32, 219, 338, 368, 541},
    {"loop.bin", 1, 28289, 400, 240, 72, 6116, 27970, 27711, 15161},
    {"zipf.bin", 1, 34011, 1000, 577, 173, 2894, 5959, 6167, 7295},
    {"phase.bin", 1, 28776, 600, 360, 108, 924, 1927, 2007, 2542},
    {"sort-300.bin", 1, 64971, 96, 33, 9, 1494, 2799, 4314, 4565},
    {"gzip-2k.bin", 1, 69501, 109, 54, 16, 687, 1496, 1738, 2414},
};

TEST(policysim_pinned_traces)
{
	for (size_t i = 0; i < sizeof(pinned) / sizeof(pinned[0]); i++) {
		const struct pinned *p = &pinned[i];
		char path[256];
		struct ps_result r;

		snprintf(path, sizeof(path), TRACE_DIR "%s", p->file);
		CHECK_EQ(ps_run(path, 0, p->zero_page, 0, 3000, &r), 0);
		CHECK_EQ(r.kept, p->kept);
		CHECK_EQ(r.compulsory, p->zero_page ? p->written : p->pages);
		CHECK_EQ(r.pages, p->pages);
		CHECK_EQ(r.written, p->written);
		CHECK_EQ(r.frames, p->frames);
		CHECK_EQ(r.opt, p->opt);
		CHECK_EQ(r.lru, p->lru);
		CHECK_EQ(r.clock, p->clock);
		CHECK_EQ(r.fifo, p->fifo);
	}
}

/* ---- the corpus traces that came from ../shared/traces ------------------- */

/*
 * Zero-page mode, 30 % of the written pages, all five policies. pages and
 * written are counted before the filter, compulsory = written.
 */
static const struct corpus_pin {
	const char *file;
	uint32_t kept, pages, written, frames;
	uint64_t opt, lru, clock, fifo, rsslimit;
} corpus_pins[] = {
    {"awk.bin", 45227, 177, 85, 25, 3329, 7430, 8231, 9845, 6945},
    {"perl.bin", 42225, 351, 136, 40, 309, 525, 608, 1308, 568},
    {"gzip.bin", 44808, 137, 65, 19, 3132, 8027, 8531, 9162, 7426},
};

TEST(policysim_corpus_pinned)
{
	for (size_t i = 0; i < sizeof(corpus_pins) / sizeof(corpus_pins[0]); i++) {
		const struct corpus_pin *p = &corpus_pins[i];
		char path[256];
		struct ps_result r;

		snprintf(path, sizeof(path), CORPUS_DIR "%s", p->file);
		CHECK_EQ(ps_run(path, 0, 1, 0, 3000, &r), 0);
		CHECK_EQ(r.refs, 50000);
		CHECK_EQ(r.kept, p->kept);
		CHECK_EQ(r.pages, p->pages);
		CHECK_EQ(r.written, p->written);
		CHECK_EQ(r.compulsory, p->written);
		CHECK_EQ(r.frames, p->frames);
		CHECK_EQ(r.opt, p->opt);
		CHECK_EQ(r.lru, p->lru);
		CHECK_EQ(r.clock, p->clock);
		CHECK_EQ(r.fifo, p->fifo);
		CHECK_EQ(r.rsslimit, p->rsslimit);
	}
}

/* ---- the kernel's RLIMIT_RSS policy ---------------------------------------- */

/*
 * tests/traces/loop.bin, zero-page mode: 83 written loop pages against 72
 * frames, every 9th reference elsewhere. LRU misses nearly every loop
 * reference; pages that keep being found used while resident earn a
 * residence credit and stay, so the policy keeps part of the loop.
 */
TEST(policysim_rsslimit_keeps_part_of_a_loop)
{
	struct ps_result r;

	CHECK_EQ(ps_run(TRACE_DIR "loop.bin", 0, 1, 0, 3000, &r), 0);
	CHECK(r.rsslimit - r.compulsory < (r.lru - r.compulsory) * 4 / 5);
	CHECK(r.rsslimit >= r.opt);
}

/* Never better than OPT, never fewer misses than distinct pages, on random traces. */
TEST(policysim_rsslimit_bounded_by_opt)
{
	uint32_t refs[2000];
	struct ps_result r;
	unsigned int seed = 7;

	for (int round = 0; round < 20; round++) {
		for (int i = 0; i < 2000; i++) {
			seed = seed * 1103515245u + 12345u;
			refs[i] = ((seed >> 16) % (round + 8)) << 1 | ((seed >> 8) & 1);
		}
		run(refs, 2000, 1 + round % 6, &r);
		CHECK(r.rsslimit >= r.opt);
		CHECK(r.rsslimit >= r.compulsory);
	}
}

/* The committed small traces, plain and zero-page, 30 % frames. */
TEST(policysim_rsslimit_pinned)
{
	static const struct {
		const char *file;
		int zero_page;
		uint64_t rsslimit;
	} pins[] = {
	    {"gzip-2k.bin", 0, 327},  {"loop.bin", 0, 44771}, {"phase.bin", 0, 3856},
	    {"seq.bin", 0, 10000},    {"sort-300.bin", 0, 517}, {"zipf.bin", 0, 11425},
	    {"gzip-2k.bin", 1, 1246}, {"loop.bin", 1, 21389}, {"phase.bin", 1, 1830},
	    {"seq.bin", 1, 5280},     {"sort-300.bin", 1, 2327}, {"zipf.bin", 1, 5765},
	};

	for (size_t i = 0; i < sizeof(pins) / sizeof(pins[0]); i++) {
		char path[256];
		struct ps_result r;

		snprintf(path, sizeof(path), TRACE_DIR "%s", pins[i].file);
		CHECK_EQ(ps_run(path, 0, pins[i].zero_page, 0, 3000, &r), 0);
		CHECK_EQ(r.rsslimit, pins[i].rsslimit);
	}
}
