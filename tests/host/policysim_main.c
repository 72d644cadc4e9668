/*
 * policysim - miss counts of OPT, LRU, CLOCK and FIFO on page-reference traces.
 *
 *   policysim [--zero-page] [--frames N | --frames-pct P] [--refs N] TRACE...
 *
 * For each trace, one line of key=value fields, always the same keys in the
 * same order (see usage() below), e.g.
 *
 *   policysim: trace=awk.bin mode=plain refs=400000 kept=400000 pages=335
 *   written=243 frames=100 opt=12202 lru=30674 clock=31150 fifo=37360
 *   compulsory=335 excess=11867
 *
 * (on one line). Built as build/host/policysim-bin by tests/host/policysim.mk.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policysim_core.h"

static void usage(FILE *out)
{
	fprintf(out,
		"usage: policysim [--zero-page] [--frames N | --frames-pct P] [--refs N] TRACE...\n"
		"\n"
		"Counts misses (compulsory included) of OPT, LRU, CLOCK and FIFO on each\n"
		"trace (little-endian uint32 refs, (page << 1) | is_write).\n"
		"\n"
		"  --frames N      frame limit of N frames\n"
		"  --frames-pct P  frame limit of P %% of the pages (of the written pages with\n"
		"                  --zero-page), rounded down, at least 1; P may have two\n"
		"                  decimals; the default is 30\n"
		"  --refs N        simulate only the first N refs of each trace\n"
		"  --zero-page     drop each ref to a page before that page's first write (a\n"
		"                  shared zero page serves it); only written pages are then\n"
		"                  compulsory misses\n"
		"\n"
		"Output, one line per trace:\n"
		"  policysim: trace=NAME mode=plain|zero-page refs=R kept=K pages=P written=W\n"
		"  frames=F opt=N lru=N clock=N fifo=N rsslimit=N compulsory=C excess=OPT-C\n"
		"rsslimit is the kernel's RLIMIT_RSS policy (mm/rss_policy.c) on sampled bits.\n"
		"refs is the (windowed) trace length, kept the refs left after the zero-page\n"
		"filter (= refs in plain mode), pages and written are counted over refs.\n");
}

/* Parse a decimal unsigned number; 0 on success. */
static int parse_count(const char *s, unsigned long long *v)
{
	char *end;

	if (!*s || *s == '-')
		return -EINVAL;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return errno || *end ? -EINVAL : 0;
}

/* Parse a percentage with up to two decimals into hundredths; 0 on success. */
static int parse_pct(const char *s, unsigned long *hundredths)
{
	unsigned long whole = 0, frac = 0, scale = 100;

	if (!*s)
		return -EINVAL;
	for (; *s >= '0' && *s <= '9'; s++) {
		whole = whole * 10 + (unsigned long)(*s - '0');
		if (whole > 1000000)
			return -EINVAL;
	}
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++) {
			if (scale == 1)
				return -EINVAL;
			scale /= 10;
			frac += (unsigned long)(*s - '0') * scale;
		}
	}
	if (*s)
		return -EINVAL;
	*hundredths = whole * 100 + frac;
	return *hundredths ? 0 : -EINVAL;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

int main(int argc, char **argv)
{
	unsigned long long frames = 0, max_refs = 0;
	unsigned long pct = 3000;
	int zero_page = 0, status = 0, i;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *opt = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(opt, "--")) {
			i++;
			break;
		} else if (!strcmp(opt, "-h") || !strcmp(opt, "--help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(opt, "--zero-page")) {
			zero_page = 1;
			continue;
		} else if (!val) {
			fprintf(stderr, "policysim: %s needs a value\n", opt);
			return 2;
		} else if (!strcmp(opt, "--frames")) {
			if (parse_count(val, &frames) || !frames || frames > UINT32_MAX) {
				fprintf(stderr, "policysim: --frames %s: need 1..%u\n", val,
					UINT32_MAX);
				return 2;
			}
		} else if (!strcmp(opt, "--frames-pct")) {
			if (parse_pct(val, &pct)) {
				fprintf(stderr,
					"policysim: --frames-pct %s: need a positive number with "
					"at most two decimals\n",
					val);
				return 2;
			}
			frames = 0;
		} else if (!strcmp(opt, "--refs")) {
			if (parse_count(val, &max_refs) || !max_refs) {
				fprintf(stderr, "policysim: --refs %s: need a positive count\n",
					val);
				return 2;
			}
		} else {
			fprintf(stderr, "policysim: unknown option %s\n", opt);
			usage(stderr);
			return 2;
		}
		i++;
	}
	if (i == argc) {
		usage(stderr);
		return 2;
	}

	for (; i < argc; i++) {
		struct ps_result r;

		if (ps_run(argv[i], (size_t)max_refs, zero_page, (uint32_t)frames, (uint32_t)pct,
			   &r)) {
			status = 1;
			continue;
		}
		printf("policysim: trace=%s mode=%s refs=%zu kept=%zu pages=%u written=%u "
		       "frames=%u opt=%llu lru=%llu clock=%llu fifo=%llu rsslimit=%llu "
		       "compulsory=%llu excess=%llu\n",
		       base_name(argv[i]), zero_page ? "zero-page" : "plain", r.refs, r.kept,
		       r.pages, r.written, r.frames, (unsigned long long)r.opt,
		       (unsigned long long)r.lru, (unsigned long long)r.clock,
		       (unsigned long long)r.fifo, (unsigned long long)r.rsslimit,
		       (unsigned long long)r.compulsory,
		       (unsigned long long)(r.opt - r.compulsory));
	}
	return status;
}
