/*
 * A reference model of the swap slot allocator (mm/swapfile.c), shared by
 * the randomized host test and the allocator fuzz target.
 *
 * The model keeps its own copy of every area's counts and applies each
 * operation to it and to the real allocator, then compares everything a
 * caller can observe: the counts, inuse_pages, pages, the totals,
 * swap_list's order, and the priority rule (an entry always comes from the
 * highest priority that has a free slot); and the allocator's clusters:
 * their counts, flags and lists, and that a new cluster is a free one
 * whenever one is free. It does not predict which slot scan_swap_map picks
 * within a cluster; the unit tests pin that.
 */
#ifndef HOST_SWAP_MODEL_H
#define HOST_SWAP_MODEL_H

#include <mm/swapfile.h>

#define SWAP_MODEL_MAX_AREAS 3

enum swap_model_op {
	SM_ALLOC,    /* get_swap_page */
	SM_DUP,	     /* swap_duplicate of the arg-th allocated slot */
	SM_FREE,     /* swap_free of the arg-th allocated slot */
	SM_MARK_BAD, /* swap_mark_bad of the arg-th allocated slot */
	SM_SATURATE, /* swap_duplicate until the arg-th allocated slot saturates */
	SM_INVALID,  /* free/dup/count an entry that names no allocated slot */
	SM_SWAPOFF,  /* disable area arg, drain it like try_to_unuse, swapon again */
	SM_TOGGLE,   /* disable area arg (swapoff started), or enable it again */
	SM_NR_OPS
};

struct swap_model_area {
	int type;
	bool enabled;
	int prio;
	unsigned long max;
	unsigned short *expect; /* the model's counts */
	unsigned short *map;	/* the swap_map given to the allocator */
	u32 *bad;		/* the header's bad page list, for swapon again */
	unsigned int nr_bad;
};

struct swap_model {
	int nr_areas;
	struct swap_model_area area[SWAP_MODEL_MAX_AREAS];
};

/*
 * Swap on @nr areas of @max[i] slots at priority @prio[i], with the
 * @nr_bad[i] bad pages @bad[i] (page numbers as in a swap header).
 * Returns NULL or what went wrong.
 */
const char *swap_model_init(struct swap_model *m, int nr, const unsigned long *max, const int *prio,
			    const u32 *const *bad, const unsigned int *nr_bad);
/* Apply one operation to the model and the allocator, then compare them. */
const char *swap_model_step(struct swap_model *m, enum swap_model_op op, unsigned int arg);
/* Compare the model with the allocator's state. */
const char *swap_model_check(const struct swap_model *m);
/* Swap everything off, free the maps; the allocator's totals must be 0 again. */
const char *swap_model_destroy(struct swap_model *m);

#endif
