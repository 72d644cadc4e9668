/*
 * Fuzz target: the swap slot allocator driven by operations and compared
 * with the reference model after each one (tests/host/swap_model.c).
 *
 * Input: byte 0 picks 1-3 areas; per area 4 bytes: slots (16 bits,
 * 11..1110 with the header), priority (-1..2, so equal priorities are
 * common) and a count of bad pages (0..7), each then 2 bytes. The rest is
 * operations of 3 bytes: the operation (enum swap_model_op) and a 16-bit
 * argument that picks the slot or area.
 */
#include <stdio.h>
#include <stdlib.h>
#include "swap_model.h"

#define MAX_OPS 2000

extern int host_quiet_printk;

struct input {
	const u8 *data;
	size_t size;
};

static unsigned int take(struct input *in, int bytes)
{
	unsigned int v = 0;

	for (int i = 0; i < bytes && in->size; i++, in->data++, in->size--)
		v |= (unsigned int)*in->data << (8 * i);
	return v;
}

static void die(const char *why)
{
	fprintf(stderr, "swapfile_fuzz: %s\n", why);
	abort();
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct input in = {data, size};
	unsigned long max[SWAP_MODEL_MAX_AREAS];
	int prio[SWAP_MODEL_MAX_AREAS];
	u32 bad[SWAP_MODEL_MAX_AREAS][8];
	const u32 *bad_lists[SWAP_MODEL_MAX_AREAS];
	unsigned int nr_bad[SWAP_MODEL_MAX_AREAS];
	int nr = 1 + take(&in, 1) % SWAP_MODEL_MAX_AREAS;
	struct swap_model m;
	const char *why;

	host_quiet_printk = 1;
	for (int i = 0; i < nr; i++) {
		max[i] = 11 + take(&in, 2) % 1100;
		prio[i] = (int)(take(&in, 1) % 4) - 1;
		nr_bad[i] = take(&in, 1) % 8;
		for (unsigned int b = 0; b < nr_bad[i]; b++)
			bad[i][b] = take(&in, 2);
		bad_lists[i] = bad[i];
	}
	why = swap_model_init(&m, nr, max, prio, bad_lists, nr_bad);
	for (int n = 0; !why && in.size >= 3 && n < MAX_OPS; n++) {
		enum swap_model_op op = take(&in, 1) % SM_NR_OPS;

		why = swap_model_step(&m, op, take(&in, 2));
	}
	if (why)
		die(why);
	why = swap_model_destroy(&m);
	if (why)
		die(why);
	return 0;
}
