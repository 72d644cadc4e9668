/*
 * policysim core: OPT, LRU, CLOCK and FIFO miss counts over a page trace.
 * The policies are described in policysim_core.h.
 *
 * Each policy is one pass over the trace with per-page arrays indexed by
 * page number (traces are dense, so these stay small):
 *
 *   OPT    next_use[i] = the index of the next reference to the page of
 *          reference i (or NEVER), found in one backward pass. The resident
 *          pages sit in a binary max-heap keyed by their next use; a hit
 *          raises the page's key to its new next use (sift up), a miss with
 *          all frames full replaces the root. O(n log frames).
 *   LRU    a doubly linked list of resident pages in recency order, threaded
 *          through per-page prev/next arrays. O(n).
 *   CLOCK  a frame array with a reference bit per frame and a hand.
 *   FIFO   a ring of frames whose oldest slot is replaced.
 *
 * Allocation failures end the program with a message: this is a host tool
 * and a test, and a simulation cannot usefully continue without its arrays.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policysim_core.h"
#include <mm/rss_policy.h>

#define NEVER	SIZE_MAX   /* next use of a page not referenced again */
#define NOFRAME UINT32_MAX /* page not resident / list end */

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (!p) {
		fprintf(stderr, "policysim: out of memory (%zu x %zu bytes)\n", n, size);
		exit(2);
	}
	return p;
}

/* An array of @n uint32_t all set to NOFRAME. */
static uint32_t *nil_array(size_t n)
{
	uint32_t *a = xcalloc(n, sizeof(*a));

	memset(a, 0xff, n * sizeof(*a));
	return a;
}

/*
 * More frames than pages never fill, and would only cost memory (policysim
 * --frames 4000000000 is legal), so the policies size their arrays by this.
 */
static uint32_t usable_frames(const struct ps_trace *t, uint32_t frames)
{
	return frames < t->page_limit ? frames : t->page_limit;
}

static void set_page_limit(struct ps_trace *t)
{
	t->page_limit = 0;
	for (size_t i = 0; i < t->nrefs; i++)
		if (PS_REF_PAGE(t->refs[i]) >= t->page_limit)
			t->page_limit = PS_REF_PAGE(t->refs[i]) + 1;
}

int ps_trace_load(const char *path, size_t max_refs, struct ps_trace *t)
{
	FILE *f = fopen(path, "rb");
	unsigned char *raw = NULL;
	long size = -1;
	size_t n;
	int err = 0;

	memset(t, 0, sizeof(*t));
	if (!f) {
		err = errno;
		fprintf(stderr, "policysim: %s: cannot open: %s\n", path, strerror(err));
		return -err;
	}
	if (fseek(f, 0, SEEK_END) == 0)
		size = ftell(f);
	if (size < 0 || fseek(f, 0, SEEK_SET) != 0) {
		fprintf(stderr, "policysim: %s: not a seekable file\n", path);
		err = EINVAL;
	} else if (size % 4) {
		fprintf(stderr, "policysim: %s: %ld bytes is not a whole number of 4-byte refs\n",
			path, size);
		err = EINVAL;
	}
	n = err ? 0 : (size_t)size / 4;
	if (max_refs && n > max_refs)
		n = max_refs;
	if (!err) {
		raw = malloc(n * 4 + 1);
		t->refs = malloc((n + 1) * sizeof(*t->refs));
		if (!raw || !t->refs) {
			fprintf(stderr, "policysim: %s: out of memory for %zu refs\n", path, n);
			err = ENOMEM;
		} else if (fread(raw, 4, n, f) != n) {
			fprintf(stderr, "policysim: %s: short read\n", path);
			err = EIO;
		}
	}
	fclose(f);
	if (err) {
		free(raw);
		ps_trace_free(t);
		return -err;
	}
	/* Little-endian on disk, whatever the host. */
	for (size_t i = 0; i < n; i++) {
		const unsigned char *b = raw + 4 * i;

		t->refs[i] = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
			     (uint32_t)b[3] << 24;
	}
	free(raw);
	t->nrefs = n;
	set_page_limit(t);
	return 0;
}

int ps_trace_from(const uint32_t *refs, size_t n, struct ps_trace *t)
{
	t->refs = malloc((n ? n : 1) * sizeof(*refs));
	t->nrefs = n;
	if (!t->refs)
		return -ENOMEM;
	memcpy(t->refs, refs, n * sizeof(*refs));
	set_page_limit(t);
	return 0;
}

void ps_trace_free(struct ps_trace *t)
{
	free(t->refs);
	memset(t, 0, sizeof(*t));
}

void ps_zero_page_filter(struct ps_trace *t)
{
	unsigned char *written = xcalloc(t->page_limit, 1);
	size_t kept = 0;

	for (size_t i = 0; i < t->nrefs; i++) {
		uint32_t r = t->refs[i];

		if (PS_REF_WRITE(r))
			written[PS_REF_PAGE(r)] = 1;
		if (written[PS_REF_PAGE(r)])
			t->refs[kept++] = r;
	}
	t->nrefs = kept;
	free(written);
}

void ps_count(const struct ps_trace *t, uint32_t *pages, uint32_t *written)
{
	unsigned char *seen = xcalloc(t->page_limit, 1); /* bit 0 touched, bit 1 written */

	*pages = *written = 0;
	for (size_t i = 0; i < t->nrefs; i++) {
		uint32_t p = PS_REF_PAGE(t->refs[i]);

		if (!(seen[p] & 1)) {
			seen[p] |= 1;
			(*pages)++;
		}
		if (PS_REF_WRITE(t->refs[i]) && !(seen[p] & 2)) {
			seen[p] |= 2;
			(*written)++;
		}
	}
	free(seen);
}

uint32_t ps_frames_pct(uint32_t pages, uint32_t pct_hundredths)
{
	uint64_t f = (uint64_t)pages * pct_hundredths / 10000;

	return f ? (uint32_t)f : 1;
}

/* ---- OPT ---------------------------------------------------------------- */

/* The resident pages of OPT as a max-heap on key[] (the page's next use). */
struct opt_heap {
	uint32_t *page; /* heap slot -> page */
	uint32_t *slot; /* page -> heap slot, or NOFRAME when not resident */
	size_t *key;	/* page -> index of its next reference, or NEVER */
	uint32_t size;
};

static void opt_place(struct opt_heap *h, uint32_t s, uint32_t p)
{
	h->page[s] = p;
	h->slot[p] = s;
}

static void opt_sift_up(struct opt_heap *h, uint32_t s)
{
	uint32_t p = h->page[s];

	while (s > 0 && h->key[h->page[(s - 1) / 2]] < h->key[p]) {
		opt_place(h, s, h->page[(s - 1) / 2]);
		s = (s - 1) / 2;
	}
	opt_place(h, s, p);
}

static void opt_sift_down(struct opt_heap *h, uint32_t s)
{
	uint32_t p = h->page[s];

	for (;;) {
		uint32_t c = 2 * s + 1;

		if (c >= h->size)
			break;
		if (c + 1 < h->size && h->key[h->page[c + 1]] > h->key[h->page[c]])
			c++;
		if (h->key[h->page[c]] <= h->key[p])
			break;
		opt_place(h, s, h->page[c]);
		s = c;
	}
	opt_place(h, s, p);
}

uint64_t ps_opt(const struct ps_trace *t, uint32_t max_frames)
{
	uint32_t frames = usable_frames(t, max_frames);
	size_t n = t->nrefs;
	size_t *next_use = xcalloc(n, sizeof(*next_use));
	struct opt_heap h = {
	    .page = xcalloc(frames, sizeof(uint32_t)),
	    .slot = nil_array(t->page_limit),
	    .key = xcalloc(t->page_limit, sizeof(size_t)),
	};
	uint64_t misses = 0;

	/* Backward pass: key[] holds each page's earliest reference after i. */
	for (size_t p = 0; p < t->page_limit; p++)
		h.key[p] = NEVER;
	for (size_t i = n; i-- > 0;) {
		uint32_t p = PS_REF_PAGE(t->refs[i]);

		next_use[i] = h.key[p];
		h.key[p] = i;
	}

	for (size_t i = 0; i < n; i++) {
		uint32_t p = PS_REF_PAGE(t->refs[i]);

		h.key[p] = next_use[i];
		if (h.slot[p] != NOFRAME) {
			/* Its key was i, now later: only ever moves towards the root. */
			opt_sift_up(&h, h.slot[p]);
			continue;
		}
		misses++;
		if (h.size < frames) {
			h.size++;
			opt_place(&h, h.size - 1, p);
			opt_sift_up(&h, h.size - 1);
		} else {
			/* The root is used furthest in the future (ties: any of them). */
			h.slot[h.page[0]] = NOFRAME;
			opt_place(&h, 0, p);
			opt_sift_down(&h, 0);
		}
	}
	free(next_use);
	free(h.page);
	free(h.slot);
	free(h.key);
	return misses;
}

/* ---- LRU ---------------------------------------------------------------- */

uint64_t ps_lru(const struct ps_trace *t, uint32_t max_frames)
{
	uint32_t frames = usable_frames(t, max_frames);
	/* prev/next: the recency list, head most recent; NOFRAME ends it. */
	uint32_t *prev = nil_array(t->page_limit), *next = nil_array(t->page_limit);
	unsigned char *resident = xcalloc(t->page_limit, 1);
	uint32_t head = NOFRAME, tail = NOFRAME, nresident = 0;
	uint64_t misses = 0;

	for (size_t i = 0; i < t->nrefs; i++) {
		uint32_t p = PS_REF_PAGE(t->refs[i]);

		if (resident[p]) {
			if (p == head)
				continue;
			/* Unlink; p is not the head so prev[p] exists. */
			next[prev[p]] = next[p];
			if (next[p] != NOFRAME)
				prev[next[p]] = prev[p];
			else
				tail = prev[p];
		} else {
			misses++;
			if (nresident == frames) {
				uint32_t victim = tail;

				tail = prev[victim];
				if (tail != NOFRAME)
					next[tail] = NOFRAME;
				else
					head = NOFRAME;
				resident[victim] = 0;
			} else {
				nresident++;
			}
			resident[p] = 1;
		}
		/* Push p at the head. */
		prev[p] = NOFRAME;
		next[p] = head;
		if (head != NOFRAME)
			prev[head] = p;
		head = p;
		if (tail == NOFRAME)
			tail = p;
	}
	free(prev);
	free(next);
	free(resident);
	return misses;
}

/* ---- CLOCK -------------------------------------------------------------- */

uint64_t ps_clock(const struct ps_trace *t, uint32_t max_frames)
{
	uint32_t frames = usable_frames(t, max_frames);
	uint32_t *frame_page = xcalloc(frames, sizeof(uint32_t));
	unsigned char *referenced = xcalloc(frames, 1);
	uint32_t *frame_of = nil_array(t->page_limit);
	uint32_t hand = 0, used = 0;
	uint64_t misses = 0;

	for (size_t i = 0; i < t->nrefs; i++) {
		uint32_t p = PS_REF_PAGE(t->refs[i]), f;

		if (frame_of[p] != NOFRAME) {
			referenced[frame_of[p]] = 1;
			continue;
		}
		misses++;
		if (used < frames) {
			/* Free frames are taken in order; the hand stays at frame 0. */
			f = used++;
		} else {
			while (referenced[hand]) {
				referenced[hand] = 0;
				hand = (hand + 1) % frames;
			}
			f = hand;
			frame_of[frame_page[f]] = NOFRAME;
			hand = (hand + 1) % frames;
		}
		frame_page[f] = p;
		frame_of[p] = f;
		referenced[f] = 1;
	}
	free(frame_page);
	free(referenced);
	free(frame_of);
	return misses;
}

/* ---- FIFO --------------------------------------------------------------- */

uint64_t ps_fifo(const struct ps_trace *t, uint32_t max_frames)
{
	uint32_t frames = usable_frames(t, max_frames);
	uint32_t *ring = xcalloc(frames, sizeof(uint32_t));
	unsigned char *resident = xcalloc(t->page_limit, 1);
	uint32_t oldest = 0, used = 0;
	uint64_t misses = 0;

	for (size_t i = 0; i < t->nrefs; i++) {
		uint32_t p = PS_REF_PAGE(t->refs[i]);

		if (resident[p])
			continue;
		misses++;
		if (used < frames) {
			ring[used++] = p;
		} else {
			resident[ring[oldest]] = 0;
			ring[oldest] = p;
			oldest = (oldest + 1) % frames;
		}
		resident[p] = 1;
	}
	free(ring);
	free(resident);
	return misses;
}

/* ---- the kernel's RLIMIT_RSS policy (mm/rss_policy.c) -------------------- */

/*
 * What mm/rss_limit.c does for a process held to @frames pages, with the
 * same policy code: a fault ticks the clock, folds the accessed bits of the
 * resident pages into their state (walking them in address order, here
 * page order) and, at the limit, evicts the page the policy puts first; the
 * page brought in is then accessed, which sets its bit.
 */
uint64_t ps_rsslimit(const struct ps_trace *t, uint32_t max_frames)
{
	uint32_t frames = usable_frames(t, max_frames), resident = 0;
	unsigned char *present = xcalloc(t->page_limit, 1), *accessed = xcalloc(t->page_limit, 1);
	rss_state_t *state = xcalloc(t->page_limit, sizeof(rss_state_t));
	struct rss_clock c = { 0, frames };
	uint64_t misses = 0;

	for (size_t i = 0; i < t->nrefs; i++) {
		uint32_t p = PS_REF_PAGE(t->refs[i]), victim = UINT32_MAX;

		if (present[p]) {
			accessed[p] = 1;
			continue;
		}
		misses++;
		c.now++;
		for (uint32_t q = 0; q < t->page_limit; q++) {
			if (!present[q])
				continue;
			if (accessed[q]) {
				accessed[q] = 0;
				state[q] = rss_policy_referenced(&c, state[q]);
			}
			if (victim == UINT32_MAX ||
			    rss_policy_before(&c, state[q], q, state[victim], victim))
				victim = q;
		}
		if (resident == frames) {
			present[victim] = 0;
			resident--;
		}
		present[p] = accessed[p] = 1;
		state[p] = rss_policy_arrive(&c);
		resident++;
	}
	free(present);
	free(accessed);
	free(state);
	return misses;
}

void ps_simulate(const struct ps_trace *t, uint32_t frames, struct ps_result *r)
{
	memset(r, 0, sizeof(*r));
	r->refs = r->kept = t->nrefs;
	ps_count(t, &r->pages, &r->written);
	r->frames = frames;
	r->compulsory = r->pages;
	r->opt = ps_opt(t, frames);
	r->lru = ps_lru(t, frames);
	r->clock = ps_clock(t, frames);
	r->fifo = ps_fifo(t, frames);
	r->rsslimit = ps_rsslimit(t, frames);
}

int ps_run(const char *path, size_t max_refs, int zero_page, uint32_t frames,
	   uint32_t pct_hundredths, struct ps_result *r)
{
	struct ps_trace t;
	uint32_t pages, written;
	size_t refs;
	int err = ps_trace_load(path, max_refs, &t);

	if (err)
		return err;
	refs = t.nrefs;
	ps_count(&t, &pages, &written);
	if (zero_page)
		ps_zero_page_filter(&t);
	if (!frames)
		frames = ps_frames_pct(zero_page ? written : pages, pct_hundredths);
	ps_simulate(&t, frames, r);
	r->refs = refs;
	r->pages = pages;
	r->written = written;
	ps_trace_free(&t);
	return 0;
}
