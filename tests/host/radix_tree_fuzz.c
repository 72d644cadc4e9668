/*
 * libFuzzer target for lib/radix-tree.c. Each pair of input bytes is one
 * operation (insert, delete, tag set or clear, slot replacement, gang
 * lookup, or "fail one of the next insert's node allocations") on an index
 * chosen from a fixed set of interesting indices: around every power of
 * 64, where digits carry and the height changes, and at the very top.
 * With so few indices the model is one array entry per index, and after
 * every operation the whole tree is compared with it: items, tags, height,
 * gang results, and nodes allocated against nodes freed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <lib/compiler.h>
#include <lib/radix-tree.h>
#include <uapi/errno.h>

#define INDEX_BITS  (8 * (unsigned int)sizeof(unsigned long))
#define MAX_INDICES 64

#define FUZZ_CHECK(c)                                                                              \
	do {                                                                                       \
		if (!(c)) {                                                                        \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #c);      \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

static unsigned long indices[MAX_INDICES]; /* ascending */
static unsigned int nr_indices;

/* The model: what the tree holds at indices[i]. */
static void *items[MAX_INDICES];
static unsigned int tags[MAX_INDICES];

static long nr_allocs, nr_frees, allocs_left = -1;

static void *fuzz_alloc(void)
{
	if (allocs_left == 0)
		return NULL;
	if (allocs_left > 0)
		allocs_left--;
	nr_allocs++;
	return calloc(1, radix_tree_node_size());
}

static void fuzz_free(void *node)
{
	nr_frees++;
	free(node);
}

static const struct radix_tree_node_ops fuzz_ops = {.alloc = fuzz_alloc, .free = fuzz_free};

static void add_index(unsigned long index)
{
	unsigned int pos = 0;

	while (pos < nr_indices && indices[pos] < index)
		pos++;
	if (pos < nr_indices && indices[pos] == index)
		return;
	FUZZ_CHECK(nr_indices < MAX_INDICES);
	for (unsigned int i = nr_indices++; i > pos; i--)
		indices[i] = indices[i - 1];
	indices[pos] = index;
}

/* 0, each power of 64 and its neighbours, a few in between, and the top of the range. */
static void init_indices(void)
{
	add_index(0);
	for (unsigned int shift = RADIX_TREE_MAP_SHIFT; shift < INDEX_BITS;
	     shift += RADIX_TREE_MAP_SHIFT) {
		add_index((1UL << shift) - 1);
		add_index(1UL << shift);
		add_index((1UL << shift) + 1);
		add_index(3UL << (shift - 1));
	}
	add_index(1UL << (INDEX_BITS - 1));
	add_index(~0UL - RADIX_TREE_MAP_SIZE);
	add_index(~0UL - 1);
	add_index(~0UL);
}

static unsigned int height_for(unsigned long max)
{
	unsigned int height = 1;

	while (height * RADIX_TREE_MAP_SHIFT < INDEX_BITS && max >> (height * RADIX_TREE_MAP_SHIFT))
		height++;
	return height;
}

/* Check a gang lookup from @first for up to @max items (tag @tag, or any if >= MAX_TAGS). */
static void check_gang(const struct radix_tree_root *root, unsigned long first, unsigned int max,
		       unsigned int tag)
{
	void *results[MAX_INDICES];
	unsigned long found[MAX_INDICES];
	unsigned int got, want = 0;

	if (tag < RADIX_TREE_MAX_TAGS)
		got = radix_tree_gang_lookup_tag(root, results, first, max, tag);
	else
		got = radix_tree_gang_lookup_index(root, results, found, first, max);
	for (unsigned int i = 0; i < nr_indices && want < max; i++) {
		if (indices[i] < first || !items[i])
			continue;
		if (tag < RADIX_TREE_MAX_TAGS && !(tags[i] & (1u << tag)))
			continue;
		FUZZ_CHECK(want < got && results[want] == items[i]);
		FUZZ_CHECK(tag < RADIX_TREE_MAX_TAGS || found[want] == indices[i]);
		want++;
	}
	FUZZ_CHECK(got == want);
}

static void check_tree(const struct radix_tree_root *root)
{
	unsigned int height = 0, tagged[RADIX_TREE_MAX_TAGS] = {0};

	for (unsigned int i = 0; i < nr_indices; i++) {
		FUZZ_CHECK(radix_tree_lookup(root, indices[i]) == items[i]);
		for (unsigned int tag = 0; tag < RADIX_TREE_MAX_TAGS; tag++) {
			bool want = tags[i] & (1u << tag);

			FUZZ_CHECK(radix_tree_tag_get(root, indices[i], tag) == want);
			tagged[tag] += want;
		}
		if (items[i])
			height = height_for(indices[i]);
	}
	FUZZ_CHECK(root->height == height);
	FUZZ_CHECK((root->rnode == NULL) == (height == 0));
	FUZZ_CHECK((nr_allocs == nr_frees) == (height == 0));
	for (unsigned int tag = 0; tag < RADIX_TREE_MAX_TAGS; tag++)
		FUZZ_CHECK(radix_tree_tagged(root, tag) == (tagged[tag] > 0));
}

/* A distinct item per operation, sometimes a value entry (low bit set). */
static void *new_item(unsigned long serial)
{
	return (void *)(uintptr_t)(2 * serial + 2 + (serial & 1));
}

/* Apply operation @op to indices[@i] in the tree and the model. */
static void step(struct radix_tree_root *root, unsigned int op, unsigned int i,
		 unsigned long serial)
{
	unsigned int tag = (op >> 3) & 1;
	void **slot;
	int err;

	switch (op & 7) {
	case 0:
	case 1:
		err = radix_tree_insert(root, indices[i], new_item(serial));
		FUZZ_CHECK(err == (items[i] ? -EEXIST : 0) || (err == -ENOMEM && allocs_left == 0));
		if (err == 0)
			items[i] = new_item(serial);
		allocs_left = -1;
		break;
	case 2:
		FUZZ_CHECK(radix_tree_delete(root, indices[i]) == items[i]);
		items[i] = NULL;
		tags[i] = 0;
		break;
	case 3:
		if (items[i]) {
			FUZZ_CHECK(radix_tree_tag_set(root, indices[i], tag) == items[i]);
			tags[i] |= 1u << tag;
		}
		break;
	case 4:
		FUZZ_CHECK(radix_tree_tag_clear(root, indices[i], tag) == items[i]);
		tags[i] &= ~(1u << tag);
		break;
	case 5:
		slot = radix_tree_lookup_slot(root, indices[i]);
		FUZZ_CHECK((slot != NULL) == (items[i] != NULL));
		if (slot)
			*slot = items[i] = new_item(serial);
		break;
	case 6:
		/* Gang lookups from one below the index to two above it. */
		check_gang(root, indices[i] + (op >> 6) - 1, 1 + ((op >> 4) & 3) * 8,
			   (op >> 3) & 3);
		break;
	case 7:
		allocs_left = (op >> 3) & 7;
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct radix_tree_root root = RADIX_TREE_INIT(&fuzz_ops);

	if (!nr_indices)
		init_indices();
	for (size_t pos = 0; pos + 1 < size; pos += 2) {
		step(&root, data[pos], data[pos + 1] % nr_indices, pos / 2);
		check_tree(&root);
	}
	allocs_left = -1;
	for (unsigned int i = 0; i < nr_indices; i++) {
		FUZZ_CHECK(radix_tree_delete(&root, indices[i]) == items[i]);
		items[i] = NULL;
		tags[i] = 0;
	}
	FUZZ_CHECK(root.rnode == NULL && root.height == 0 && nr_allocs == nr_frees);
	return 0;
}
