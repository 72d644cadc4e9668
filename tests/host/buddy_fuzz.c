/*
 * libFuzzer target for mm/page_alloc.c (built without
 * CONFIG_DEBUG_PAGEALLOC; build/host/buddy-debug covers that). The
 * first input byte picks a machine: a 4 MiB PC with only ZONE_DMA, 17 and
 * 32 MiB PCs with the 640K hole, or odd unaligned ranges. Each following
 * pair of bytes is one operation: allocate (order and gfp mask from the
 * bytes) or free one of the blocks held. After every operation the whole
 * allocator is checked against the reference model of buddy_model.h, and
 * at the end everything is freed and the free lists must be as at boot.
 */
#include <stdint.h>
#include "buddy_model.h"

#define FUZZ_CHECK(c)                                                                              \
	do {                                                                                       \
		if (!(c)) {                                                                        \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #c);      \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

struct machine {
	unsigned long end_pfn;
	struct pfn_range ranges[2];
};

static const struct machine machines[] = {
	{ 1024, { { 1, 160 }, { 384, 1024 } } },	   /* mem=4M: ZONE_DMA only */
	{ 4096 + 256, { { 1, 160 }, { 512, 4096 + 256 } } }, /* mem=17M: a tiny Normal */
	{ PC_PAGES, { { 1, 160 }, { 512, PC_PAGES } } },   /* 32 MiB */
	{ 4096 + 77, { { 3, 1000 }, { 1001, 4096 + 77 } } }, /* unaligned everything */
};

static const gfp_t gfps[] = { GFP_KERNEL, GFP_ATOMIC, GFP_KERNEL | GFP_DMA, GFP_ATOMIC | GFP_DMA,
			      GFP_NOIO };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct machine *mc;
	struct model m;
	size_t i;

	if (size < 1)
		return 0;
	mc = &machines[data[0] % ARRAY_SIZE(machines)];
	host_boot(mc->end_pfn, mc->ranges, 2);
	model_init(&m);
	for (i = 1; i + 1 < size; i += 2) {
		unsigned int op = data[i], arg = data[i + 1];

		if ((op & 1) && m.nr_blocks)
			FUZZ_CHECK(model_free(&m, ((op >> 1) << 8 | arg) % m.nr_blocks));
		else
			FUZZ_CHECK(model_alloc(&m, gfps[(op >> 1) % ARRAY_SIZE(gfps)],
					       arg % MAX_ORDER));
		FUZZ_CHECK(model_check(&m));
	}
	FUZZ_CHECK(model_free_all(&m));
	model_destroy(&m);
	return 0;
}
