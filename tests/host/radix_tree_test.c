/*
 * Host tests for lib/radix-tree.c, the swap cache's index: insert, lookup,
 * delete, tags and their propagation, gang lookups, height growth and
 * shrinking, the largest indices, allocation failure, and a randomized
 * comparison against a sorted-array model. Nodes come from calloc through
 * a counting allocator that can be told to fail, so every test also
 * checks that each node allocated was freed.
 */
#include <limits.h>
#include <stdint.h>
#include <unistd.h>
#include "check.h"
#include <lib/compiler.h>
#include <lib/radix-tree.h>
#include <uapi/errno.h>

#define INDEX_BITS (8 * (unsigned int)sizeof(unsigned long))

static long nr_allocs, nr_frees;
static long allocs_left = -1; /* allocations before failing; -1: never fail */

static void *test_alloc(void)
{
	if (allocs_left == 0)
		return NULL;
	if (allocs_left > 0)
		allocs_left--;
	nr_allocs++;
	return calloc(1, radix_tree_node_size());
}

static void test_free(void *node)
{
	nr_frees++;
	free(node);
}

static const struct radix_tree_node_ops test_ops = {.alloc = test_alloc, .free = test_free};

static long live_nodes(void)
{
	return nr_allocs - nr_frees;
}

static void reset_allocator(void)
{
	nr_allocs = 0;
	nr_frees = 0;
	allocs_left = -1;
}

/* A distinct non-NULL item per index: a value entry, as workingset shadows will be. */
static void *item_for(unsigned long index)
{
	return (void *)(uintptr_t)((index << 1) | 1);
}

/* The height the tree must have when @max is its largest index. */
static unsigned int height_for(unsigned long max)
{
	unsigned int height = 1;

	while (height * RADIX_TREE_MAP_SHIFT < INDEX_BITS && max >> (height * RADIX_TREE_MAP_SHIFT))
		height++;
	return height;
}

/* Delete every item, in ascending order; return how many there were. */
static unsigned long empty_tree(struct radix_tree_root *root)
{
	unsigned long index, deleted = 0;
	void *item;

	while (radix_tree_gang_lookup_index(root, &item, &index, 0, 1) == 1) {
		if (radix_tree_delete(root, index) != item)
			return ~0UL;
		deleted++;
	}
	return deleted;
}

TEST(insert_lookup_delete)
{
	struct radix_tree_root root = RADIX_TREE_INIT(&test_ops);
	int a, b, c;

	reset_allocator();
	CHECK(radix_tree_lookup(&root, 0) == NULL);
	CHECK(radix_tree_delete(&root, 0) == NULL);
	CHECK_EQ(radix_tree_insert(&root, 5, &a), 0);
	CHECK_EQ(radix_tree_insert(&root, 6, &b), 0);
	CHECK_EQ(radix_tree_insert(&root, 1000, &c), 0);
	CHECK(radix_tree_lookup(&root, 5) == &a);
	CHECK(radix_tree_lookup(&root, 6) == &b);
	CHECK(radix_tree_lookup(&root, 1000) == &c);
	CHECK(radix_tree_lookup(&root, 4) == NULL);
	CHECK(radix_tree_lookup(&root, 7) == NULL);
	CHECK(radix_tree_lookup(&root, 1001) == NULL);
	CHECK(radix_tree_lookup(&root, ULONG_MAX) == NULL);
	CHECK(radix_tree_delete(&root, 6) == &b);
	CHECK(radix_tree_lookup(&root, 6) == NULL);
	CHECK(radix_tree_delete(&root, 6) == NULL);
	CHECK(radix_tree_lookup(&root, 5) == &a);
	CHECK(radix_tree_delete(&root, 5) == &a);
	CHECK(radix_tree_delete(&root, 1000) == &c);
	CHECK(root.rnode == NULL);
	CHECK_EQ(root.height, 0);
	CHECK_EQ(live_nodes(), 0);
}

TEST(insert_existing_is_eexist)
{
	struct radix_tree_root root;
	int a, b;

	INIT_RADIX_TREE(&root, &test_ops);
	reset_allocator();
	CHECK_EQ(radix_tree_insert(&root, 42, &a), 0);
	CHECK_EQ(radix_tree_insert(&root, 42, &b), -EEXIST);
	CHECK(radix_tree_lookup(&root, 42) == &a);
	CHECK_EQ(live_nodes(), 1);
	CHECK(radix_tree_delete(&root, 42) == &a);
	CHECK_EQ(live_nodes(), 0);
}

TEST(insert_null_is_a_bug)
{
	struct radix_tree_root root = RADIX_TREE_INIT(&test_ops);

	reset_allocator();
	CHECK_BUG(radix_tree_insert(&root, 1, NULL));
	CHECK(root.rnode == NULL);
}

TEST(lookup_slot_replaces_item)
{
	struct radix_tree_root root = RADIX_TREE_INIT(&test_ops);
	void **slot;
	int a, b;

	reset_allocator();
	CHECK_EQ(radix_tree_insert(&root, 10, &a), 0);
	radix_tree_tag_set(&root, 10, 1);
	CHECK(radix_tree_lookup_slot(&root, 11) == NULL);
	slot = radix_tree_lookup_slot(&root, 10);
	CHECK(slot != NULL && *slot == &a);
	*slot = &b;
	CHECK(radix_tree_lookup(&root, 10) == &b);
	CHECK_EQ(radix_tree_tag_get(&root, 10, 1), 1);
	CHECK(radix_tree_delete(&root, 10) == &b);
	CHECK_EQ(live_nodes(), 0);
}

TEST(value_entries_are_items)
{
	struct radix_tree_root root = RADIX_TREE_INIT(&test_ops);
	void *results[4];

	reset_allocator();
	CHECK_EQ(radix_tree_insert(&root, 0, (void *)1), 0);
	CHECK_EQ(radix_tree_insert(&root, 70, (void *)0x55), 0);
	CHECK(radix_tree_lookup(&root, 0) == (void *)1);
	CHECK(radix_tree_lookup(&root, 70) == (void *)0x55);
	CHECK_EQ(radix_tree_gang_lookup(&root, results, 0, 4), 2);
	CHECK(results[0] == (void *)1 && results[1] == (void *)0x55);
	CHECK(radix_tree_delete(&root, 0) == (void *)1);
	CHECK(radix_tree_delete(&root, 70) == (void *)0x55);
	CHECK_EQ(live_nodes(), 0);
}

TEST(height_grows_and_shrinks)
{
	struct radix_tree_root root = RADIX_TREE_INIT(&test_ops);

	reset_allocator();
	CHECK_EQ(radix_tree_insert(&root, 0, item_for(0)), 0);
	CHECK_EQ(root.height, 1);
	CHECK_EQ(radix_tree_insert(&root, 63, item_for(63)), 0);
	CHECK_EQ(root.height, 1);
	CHECK_EQ(live_nodes(), 1);
	/* 64 needs a second digit: a new root above the old one, and a new leaf. */
	CHECK_EQ(radix_tree_insert(&root, 64, item_for(64)), 0);
	CHECK_EQ(root.height, 2);
	CHECK_EQ(live_nodes(), 3);
	CHECK_EQ(radix_tree_insert(&root, 4096, item_for(4096)), 0);
	CHECK_EQ(root.height, 3);
	CHECK_EQ(live_nodes(), 6);
	CHECK(radix_tree_lookup(&root, 63) == item_for(63));
	CHECK(radix_tree_delete(&root, 4096) == item_for(4096));
	CHECK_EQ(root.height, 2);
	CHECK_EQ(live_nodes(), 3);
	/* Slot 1 of the root (index 64) still needs two levels. */
	CHECK(radix_tree_delete(&root, 0) == item_for(0));
	CHECK(radix_tree_delete(&root, 63) == item_for(63));
	CHECK_EQ(root.height, 2);
	CHECK_EQ(live_nodes(), 2);
	CHECK(radix_tree_delete(&root, 64) == item_for(64));
	CHECK_EQ(root.height, 0);
	CHECK_EQ(live_nodes(), 0);

	/* An empty tree starts at the height of its first index. */
	CHECK_EQ(radix_tree_insert(&root, 64, item_for(64)), 0);
	CHECK_EQ(root.height, 2);
	CHECK_EQ(live_nodes(), 2);
	CHECK_EQ(radix_tree_insert(&root, 1, item_for(1)), 0);
	CHECK(radix_tree_delete(&root, 64) == item_for(64));
	CHECK_EQ(root.height, 1);
	CHECK_EQ(live_nodes(), 1);
	CHECK(radix_tree_lookup(&root, 1) == item_for(1));
	CHECK(radix_tree_delete(&root, 1) == item_for(1));
	CHECK_EQ(live_nodes(), 0);
}

TEST(largest_index)
{
	struct radix_tree_root root = RADIX_TREE_INIT(&test_ops);
	unsigned long indices[4];
	void *results[4];

	reset_allocator();
	CHECK_EQ(RADIX_TREE_MAX_PATH, sizeof(long) == 8 ? 11 : 6);
	CHECK_EQ(radix_tree_insert(&root, ULONG_MAX, item_for(ULONG_MAX)), 0);
	CHECK_EQ(root.height, RADIX_TREE_MAX_PATH);
	CHECK_EQ(live_nodes(), RADIX_TREE_MAX_PATH);
	CHECK_EQ(radix_tree_insert(&root, ULONG_MAX - 1, item_for(ULONG_MAX - 1)), 0);
	CHECK_EQ(radix_tree_insert(&root, 0, item_for(0)), 0);
	CHECK(radix_tree_lookup(&root, ULONG_MAX) == item_for(ULONG_MAX));
	CHECK(radix_tree_lookup(&root, ULONG_MAX - 2) == NULL);
	CHECK_EQ(radix_tree_gang_lookup_index(&root, results, indices, 1, 4), 2);
	CHECK(indices[0] == ULONG_MAX - 1 && indices[1] == ULONG_MAX);
	/* The search must stop at ULONG_MAX rather than wrap around to 0. */
	CHECK_EQ(radix_tree_gang_lookup_index(&root, results, indices, ULONG_MAX, 4), 1);
	CHECK(indices[0] == ULONG_MAX && results[0] == item_for(ULONG_MAX));
	radix_tree_tag_set(&root, ULONG_MAX, 0);
	CHECK_EQ(radix_tree_gang_lookup_tag(&root, results, 0, 4, 0), 1);
	CHECK(radix_tree_delete(&root, ULONG_MAX) == item_for(ULONG_MAX));
	CHECK(radix_tree_delete(&root, ULONG_MAX - 1) == item_for(ULONG_MAX - 1));
	CHECK_EQ(root.height, 1);
	CHECK_EQ(live_nodes(), 1);
	CHECK(radix_tree_delete(&root, 0) == item_for(0));
	CHECK_EQ(live_nodes(), 0);
}

/* Every power of two and its neighbours: one digit set at each position. */
TEST(sparse_indices)
{
	struct radix_tree_root root = RADIX_TREE_INIT(&test_ops);
	unsigned long indices[3 * 64 + 1], found[3 * 64 + 1];
	void *results[3 * 64 + 1];
	unsigned int n = 0, got;

	reset_allocator();
	indices[n++] = 0;
	for (unsigned int bit = 1; bit < INDEX_BITS; bit++) {
		unsigned long p = 1UL << bit;

		indices[n++] = p - 1;
		indices[n++] = p;
		indices[n++] = p + 1;
	}
	for (unsigned int i = 0; i < n; i++) {
		int err = radix_tree_insert(&root, indices[i], item_for(indices[i]));

		/* 2 + 1 and 4 - 1 meet. */
		CHECK(err == 0 || (err == -EEXIST && indices[i] == 3));
		CHECK_EQ(root.height, height_for(indices[i] > 3 ? indices[i] : 3));
	}
	for (unsigned int i = 0; i < n; i++) {
		CHECK(radix_tree_lookup(&root, indices[i]) == item_for(indices[i]));
		if (indices[i] > 8 && indices[i] + 3 > indices[i])
			CHECK(radix_tree_lookup(&root, indices[i] + 3) == NULL);
	}
	got = radix_tree_gang_lookup_index(&root, results, found, 0, n);
	CHECK_EQ(got, n - 1);
	for (unsigned int i = 1; i < got; i++)
		CHECK(found[i - 1] < found[i] && results[i] == item_for(found[i]));
	CHECK_EQ(empty_tree(&root), n - 1);
	CHECK_EQ(root.height, 0);
	CHECK_EQ(live_nodes(), 0);
}

TEST(tags_set_clear_get)
{
	struct radix_tree_root root = RADIX_TREE_INIT(&test_ops);

	reset_allocator();
	CHECK_EQ(radix_tree_tagged(&root, 0), 0);
	CHECK_EQ(radix_tree_tag_get(&root, 1, 0), 0);
	for (unsigned long i = 1; i <= 3; i++)
		CHECK_EQ(radix_tree_insert(&root, i, item_for(i)), 0);
	CHECK_EQ(radix_tree_insert(&root, 100, item_for(100)), 0);
	CHECK_EQ(radix_tree_insert(&root, 5000, item_for(5000)), 0);

	CHECK(radix_tree_tag_set(&root, 100, 0) == item_for(100));
	CHECK_EQ(radix_tree_tag_get(&root, 100, 0), 1);
	CHECK_EQ(radix_tree_tag_get(&root, 100, 1), 0);
	CHECK_EQ(radix_tree_tag_get(&root, 1, 0), 0);
	CHECK_EQ(radix_tree_tag_get(&root, 101, 0), 0);
	CHECK_EQ(radix_tree_tagged(&root, 0), 1);
	CHECK_EQ(radix_tree_tagged(&root, 1), 0);

	/* Two tagged items in different subtrees: the root stays tagged until both clear. */
	CHECK(radix_tree_tag_set(&root, 5000, 0) == item_for(5000));
	CHECK(radix_tree_tag_clear(&root, 100, 0) == item_for(100));
	CHECK_EQ(radix_tree_tag_get(&root, 100, 0), 0);
	CHECK_EQ(radix_tree_tagged(&root, 0), 1);
	CHECK(radix_tree_tag_clear(&root, 5000, 0) == item_for(5000));
	CHECK_EQ(radix_tree_tagged(&root, 0), 0);
	CHECK(radix_tree_tag_clear(&root, 5000, 0) == item_for(5000));
	CHECK(radix_tree_tag_clear(&root, 4999, 0) == NULL);

	/* Two tagged items in one leaf. */
	radix_tree_tag_set(&root, 1, 1);
	radix_tree_tag_set(&root, 2, 1);
	radix_tree_tag_set(&root, 2, 1);
	radix_tree_tag_clear(&root, 1, 1);
	CHECK_EQ(radix_tree_tagged(&root, 1), 1);
	radix_tree_tag_clear(&root, 2, 1);
	CHECK_EQ(radix_tree_tagged(&root, 1), 0);

	/* Both tags on one item are independent. */
	radix_tree_tag_set(&root, 3, 0);
	radix_tree_tag_set(&root, 3, 1);
	radix_tree_tag_clear(&root, 3, 0);
	CHECK_EQ(radix_tree_tag_get(&root, 3, 1), 1);
	CHECK_EQ(radix_tree_tagged(&root, 0), 0);
	CHECK_EQ(radix_tree_tagged(&root, 1), 1);

	/* Deleting an item clears its tags; a new item at its index starts untagged. */
	radix_tree_tag_set(&root, 5000, 0);
	CHECK(radix_tree_delete(&root, 5000) == item_for(5000));
	CHECK_EQ(radix_tree_tagged(&root, 0), 0);
	CHECK(radix_tree_delete(&root, 3) == item_for(3));
	CHECK_EQ(radix_tree_tagged(&root, 1), 0);
	CHECK_EQ(radix_tree_insert(&root, 3, item_for(3)), 0);
	CHECK_EQ(radix_tree_tag_get(&root, 3, 1), 0);
	CHECK_EQ(empty_tree(&root), 4);
	CHECK_EQ(live_nodes(), 0);
}

TEST(tag_misuse_is_a_bug)
{
	struct radix_tree_root root = RADIX_TREE_INIT(&test_ops);

	reset_allocator();
	CHECK_EQ(radix_tree_insert(&root, 7, item_for(7)), 0);
	CHECK_BUG(radix_tree_tag_set(&root, 8, 0));
	CHECK_BUG(radix_tree_tag_set(&root, 7, RADIX_TREE_MAX_TAGS));
	CHECK_BUG(radix_tree_tagged(&root, RADIX_TREE_MAX_TAGS));
	CHECK_EQ(radix_tree_tagged(&root, 0), 0);
	CHECK(radix_tree_delete(&root, 7) == item_for(7));
	CHECK_EQ(live_nodes(), 0);
}

TEST(tags_survive_growth_and_shrink)
{
	struct radix_tree_root root = RADIX_TREE_INIT(&test_ops);
	unsigned long big = 1UL << 30;
	void *results[2];

	reset_allocator();
	CHECK_EQ(radix_tree_insert(&root, 3, item_for(3)), 0);
	radix_tree_tag_set(&root, 3, 0);
	CHECK_EQ(radix_tree_insert(&root, big, item_for(big)), 0);
	CHECK_EQ(root.height, height_for(big));
	CHECK_EQ(radix_tree_tagged(&root, 0), 1);
	CHECK_EQ(radix_tree_tag_get(&root, 3, 0), 1);
	CHECK_EQ(radix_tree_gang_lookup_tag(&root, results, 0, 2, 0), 1);
	CHECK(results[0] == item_for(3));
	CHECK(radix_tree_delete(&root, big) == item_for(big));
	CHECK_EQ(root.height, 1);
	CHECK_EQ(radix_tree_tag_get(&root, 3, 0), 1);
	CHECK_EQ(radix_tree_tagged(&root, 0), 1);

	/* The other way round: the tagged item is the high one. */
	CHECK_EQ(radix_tree_insert(&root, big, item_for(big)), 0);
	radix_tree_tag_set(&root, big, 1);
	CHECK(radix_tree_delete(&root, 3) == item_for(3));
	CHECK_EQ(root.height, height_for(big));
	CHECK_EQ(radix_tree_tagged(&root, 0), 0);
	CHECK_EQ(radix_tree_tagged(&root, 1), 1);
	CHECK_EQ(radix_tree_gang_lookup_tag(&root, results, 0, 2, 1), 1);
	CHECK(results[0] == item_for(big));
	CHECK(radix_tree_delete(&root, big) == item_for(big));
	CHECK_EQ(live_nodes(), 0);
}

TEST(gang_lookup_order_and_limits)
{
	struct radix_tree_root root = RADIX_TREE_INIT(&test_ops);
	static void *results[1100];
	static unsigned long indices[1100];
	unsigned long next = 0;
	unsigned int total = 0, got;

	reset_allocator();
	CHECK_EQ(radix_tree_gang_lookup(&root, results, 0, 10), 0);
	/* The multiples of 7 below 7000, inserted in a scrambled order. */
	for (unsigned long i = 0; i < 1000; i++)
		CHECK_EQ(
		    radix_tree_insert(&root, (i * 37 % 1000) * 7, item_for((i * 37 % 1000) * 7)),
		    0);
	CHECK_EQ(radix_tree_gang_lookup(&root, results, 0, 1100), 1000);
	for (unsigned long i = 0; i < 1000; i++)
		CHECK(results[i] == item_for(i * 7));
	CHECK_EQ(radix_tree_gang_lookup(&root, results, 500, 10), 10);
	CHECK(results[0] == item_for(504) && results[9] == item_for(567));
	CHECK_EQ(radix_tree_gang_lookup(&root, results, 6993, 10), 1);
	CHECK_EQ(radix_tree_gang_lookup(&root, results, 6994, 10), 0);
	CHECK_EQ(radix_tree_gang_lookup(&root, results, ULONG_MAX, 10), 0);
	CHECK_EQ(radix_tree_gang_lookup(&root, results, 0, 0), 0);

	/* Batches of 16, each resuming after the last index found, see every item once. */
	while ((got = radix_tree_gang_lookup_index(&root, results, indices, next, 16)) > 0) {
		for (unsigned int i = 0; i < got; i++)
			CHECK(indices[i] == (total + i) * 7 && results[i] == item_for(indices[i]));
		total += got;
		next = indices[got - 1] + 1;
	}
	CHECK_EQ(total, 1000);
	CHECK_EQ(empty_tree(&root), 1000);
	CHECK_EQ(live_nodes(), 0);
}

TEST(gang_lookup_tag)
{
	struct radix_tree_root root = RADIX_TREE_INIT(&test_ops);
	void *results[400];
	unsigned int got;

	reset_allocator();
	for (unsigned long i = 0; i < 1000; i++) {
		CHECK_EQ(radix_tree_insert(&root, i, item_for(i)), 0);
		if (i % 3 == 0)
			radix_tree_tag_set(&root, i, 0);
		if (i % 5 == 0)
			radix_tree_tag_set(&root, i, 1);
	}
	CHECK_EQ(radix_tree_gang_lookup_tag(&root, results, 0, 400, 0), 334);
	for (unsigned int i = 0; i < 334; i++)
		CHECK(results[i] == item_for(3 * i));
	got = radix_tree_gang_lookup_tag(&root, results, 101, 3, 1);
	CHECK_EQ(got, 3);
	CHECK(results[0] == item_for(105) && results[2] == item_for(115));
	CHECK_EQ(radix_tree_gang_lookup_tag(&root, results, 996, 10, 1), 0);

	/* Untag all but two items far apart: the search must skip the clean subtrees. */
	for (unsigned long i = 0; i < 1000; i += 3)
		radix_tree_tag_clear(&root, i, 0);
	radix_tree_tag_set(&root, 1, 0);
	CHECK_EQ(radix_tree_insert(&root, 1UL << 20, item_for(1UL << 20)), 0);
	radix_tree_tag_set(&root, 1UL << 20, 0);
	CHECK_EQ(radix_tree_gang_lookup_tag(&root, results, 0, 10, 0), 2);
	CHECK(results[0] == item_for(1) && results[1] == item_for(1UL << 20));
	CHECK_EQ(radix_tree_gang_lookup_tag(&root, results, 2, 10, 0), 1);
	CHECK(results[0] == item_for(1UL << 20));
	CHECK_EQ(empty_tree(&root), 1001);
	CHECK_EQ(live_nodes(), 0);
}

/* The tree built before each failed insert, and its tags. */
static const unsigned long base_indices[] = {0, 1, 70, 5000};

static void build_base(struct radix_tree_root *root)
{
	INIT_RADIX_TREE(root, &test_ops);
	for (unsigned int i = 0; i < ARRAY_SIZE(base_indices); i++)
		radix_tree_insert(root, base_indices[i], item_for(base_indices[i]));
	radix_tree_tag_set(root, 70, 0);
	radix_tree_tag_set(root, 5000, 1);
}

static bool base_intact(const struct radix_tree_root *root, long nodes, unsigned long absent)
{
	unsigned long indices[8];
	void *results[8];

	if (root->height != 3 || live_nodes() != nodes || radix_tree_lookup(root, absent))
		return false;
	for (unsigned int i = 0; i < ARRAY_SIZE(base_indices); i++)
		if (radix_tree_lookup(root, base_indices[i]) != item_for(base_indices[i]))
			return false;
	if (radix_tree_gang_lookup_index(root, results, indices, 0, 8) != ARRAY_SIZE(base_indices))
		return false;
	return radix_tree_tag_get(root, 70, 0) && radix_tree_tag_get(root, 5000, 1) &&
	       !radix_tree_tag_get(root, 70, 1) &&
	       radix_tree_gang_lookup_tag(root, results, 0, 8, 0) == 1;
}

/*
 * Insert @index with the allocator failing after 0, 1, 2 ... nodes: every
 * attempt that runs out must leave the base tree exactly as it was, until
 * enough nodes are allowed. Return how many nodes the insert needed.
 */
static long nodes_to_insert(unsigned long index)
{
	struct radix_tree_root root;
	long allowed, base_nodes;

	for (allowed = 0;; allowed++) {
		int err;

		reset_allocator();
		build_base(&root);
		base_nodes = live_nodes();
		allocs_left = allowed;
		err = radix_tree_insert(&root, index, item_for(index));
		allocs_left = -1;
		if (err == 0)
			break;
		if (err != -ENOMEM || !base_intact(&root, base_nodes, index))
			return -1;
		empty_tree(&root);
		if (live_nodes() != 0)
			return -1;
	}
	if (radix_tree_lookup(&root, index) != item_for(index) ||
	    live_nodes() != base_nodes + allowed)
		return -1;
	empty_tree(&root);
	return live_nodes() == 0 ? allowed : -1;
}

TEST(insert_out_of_memory_leaves_tree_unchanged)
{
	struct radix_tree_root root = RADIX_TREE_INIT(&test_ops);

	/* Existing path down to the leaf's level: only the leaf is missing. */
	CHECK_EQ(nodes_to_insert(8000), 1);
	CHECK_EQ(nodes_to_insert(2), 0);
	/* One more level on top, plus a new path of three below the new root's slot 1. */
	CHECK_EQ(nodes_to_insert(1UL << 18), 4);
	/* Growth to the maximum height. */
	CHECK_EQ(nodes_to_insert(ULONG_MAX), 2 * (RADIX_TREE_MAX_PATH - 3) + 2);

	/* An empty tree: every node of the path, and the height must return to 0. */
	reset_allocator();
	for (long allowed = 0; allowed < 4; allowed++) {
		allocs_left = allowed;
		CHECK_EQ(radix_tree_insert(&root, 1UL << 20, item_for(1)), -ENOMEM);
		CHECK(root.rnode == NULL);
		CHECK_EQ(root.height, 0);
		CHECK_EQ(live_nodes(), 0);
	}
	allocs_left = 4;
	CHECK_EQ(radix_tree_insert(&root, 1UL << 20, item_for(1)), 0);
	CHECK_EQ(root.height, 4);
	CHECK_EQ(empty_tree(&root), 1);
	CHECK_EQ(live_nodes(), 0);
}

TEST(dump_prints_structure)
{
	struct radix_tree_root root = RADIX_TREE_INIT(&test_ops);
	char out[4096] = "";
	FILE *capture = tmpfile();
	int saved_stdout = dup(STDOUT_FILENO);
	size_t len;

	reset_allocator();
	CHECK(capture != NULL && saved_stdout >= 0);
	radix_tree_insert(&root, 5, item_for(5));
	radix_tree_insert(&root, 64, item_for(64));
	radix_tree_tag_set(&root, 64, 1);
	fflush(stdout);
	dup2(fileno(capture), STDOUT_FILENO);
	radix_tree_dump(&root, printf);
	fflush(stdout);
	dup2(saved_stdout, STDOUT_FILENO);
	close(saved_stdout);
	rewind(capture);
	len = fread(out, 1, sizeof(out) - 1, capture);
	out[len] = '\0';
	fclose(capture);
	CHECK(strstr(out, "height 2, max index 0xfff") != NULL);
	CHECK(strstr(out, "level 2 from 0x0 count 2") != NULL);
	CHECK(strstr(out, "level 1 from 0x40 count 1") != NULL);
	CHECK(strstr(out, "0x5: 0xb tags 0 0") != NULL);
	CHECK(strstr(out, "0x40: 0x81 tags 0 1") != NULL);
	CHECK_EQ(empty_tree(&root), 2);
	CHECK_EQ(live_nodes(), 0);
}

/*
 * The randomized model test: a sorted array of (index, item, tags) that
 * must agree with the tree after every operation.
 */
#define MODEL_MAX 1500

struct model_entry {
	unsigned long index;
	void *item;
	unsigned int tags;
};

static struct model_entry model[MODEL_MAX];
static unsigned int model_len, model_peak, model_nomem;
static uint64_t rng_state;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Position of the first model entry with an index >= @index. */
static unsigned int model_pos(unsigned long index)
{
	unsigned int lo = 0, hi = model_len;

	while (lo < hi) {
		unsigned int mid = (lo + hi) / 2;

		if (model[mid].index < index)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static struct model_entry *model_find(unsigned long index)
{
	unsigned int pos = model_pos(index);

	return pos < model_len && model[pos].index == index ? &model[pos] : NULL;
}

/* Indices that share nodes, reach across subtrees, and reach the top. */
static unsigned long random_index(void)
{
	static const unsigned long bases[] = {0, 4096 - 300, 1UL << 20, 1UL << 30, ULONG_MAX - 600};
	unsigned int kind = rng() % 20;

	if (kind < 9)
		return rng() % 512;
	if (kind < 15)
		return bases[rng() % ARRAY_SIZE(bases)] + rng() % 600;
	if (kind < 17 || model_len == 0)
		return (unsigned long)rng() >> (rng() % INDEX_BITS);
	return model[rng() % model_len].index;
}

/* Compare one gang lookup (any item, or tag @tag if < RADIX_TREE_MAX_TAGS) with the model. */
static bool gang_matches(const struct radix_tree_root *root, unsigned long first, unsigned int max,
			 unsigned int tag)
{
	static void *results[64];
	static unsigned long indices[64];
	unsigned int got, want = 0, pos = model_pos(first);

	if (tag < RADIX_TREE_MAX_TAGS)
		got = radix_tree_gang_lookup_tag(root, results, first, max, tag);
	else
		got = radix_tree_gang_lookup_index(root, results, indices, first, max);
	for (; pos < model_len && want < max; pos++) {
		if (tag < RADIX_TREE_MAX_TAGS && !(model[pos].tags & (1u << tag)))
			continue;
		if (want >= got || results[want] != model[pos].item)
			return false;
		if (tag >= RADIX_TREE_MAX_TAGS && indices[want] != model[pos].index)
			return false;
		want++;
	}
	return got == want;
}

/* Does the whole tree agree with the model? */
static bool tree_matches_model(const struct radix_tree_root *root)
{
	unsigned int tagged[RADIX_TREE_MAX_TAGS] = {0};
	unsigned long first = random_index();

	if (root->height != (model_len ? height_for(model[model_len - 1].index) : 0))
		return false;
	for (unsigned int i = 0; i < model_len; i++) {
		if (radix_tree_lookup(root, model[i].index) != model[i].item)
			return false;
		for (unsigned int tag = 0; tag < RADIX_TREE_MAX_TAGS; tag++) {
			bool want = model[i].tags & (1u << tag);

			if (radix_tree_tag_get(root, model[i].index, tag) != want)
				return false;
			tagged[tag] += want;
		}
		if (model[i].index + 1 != 0 && !model_find(model[i].index + 1) &&
		    radix_tree_lookup(root, model[i].index + 1))
			return false;
	}
	for (unsigned int tag = 0; tag <= RADIX_TREE_MAX_TAGS; tag++) {
		if (tag < RADIX_TREE_MAX_TAGS && radix_tree_tagged(root, tag) != (tagged[tag] > 0))
			return false;
		if (!gang_matches(root, first, 1 + rng() % 64, tag) ||
		    !gang_matches(root, 0, 64, tag))
			return false;
	}
	return true;
}

static void model_insert(unsigned long index, void *item)
{
	unsigned int pos = model_pos(index);

	memmove(&model[pos + 1], &model[pos], (model_len - pos) * sizeof(model[0]));
	model[pos] = (struct model_entry){index, item, 0};
	model_len++;
}

static void model_delete(struct model_entry *entry)
{
	model_len--;
	memmove(entry, entry + 1, (&model[model_len] - entry) * sizeof(model[0]));
}

/* One random operation on the tree and the model; false if they disagree on its result. */
static bool random_step(struct radix_tree_root *root, unsigned long *serial)
{
	unsigned long index = random_index();
	struct model_entry *entry = model_find(index);
	unsigned int op = rng() % 10, tag = rng() % RADIX_TREE_MAX_TAGS;
	void *item = item_for(++*serial);
	int err;

	if (op < 4 && model_len < MODEL_MAX) {
		allocs_left = rng() % 4 == 0 ? (long)(rng() % 4) : -1;
		err = radix_tree_insert(root, index, item);
		allocs_left = -1;
		if (err == 0 && !entry)
			model_insert(index, item);
		model_nomem += err == -ENOMEM;
		model_peak = max(model_peak, model_len);
		return err == (entry ? -EEXIST : 0) || (err == -ENOMEM && !entry);
	}
	if (op < 7) {
		if (radix_tree_delete(root, index) != (entry ? entry->item : NULL))
			return false;
		if (entry)
			model_delete(entry);
		return true;
	}
	if (op < 8 && entry) {
		entry->tags |= 1u << tag;
		return radix_tree_tag_set(root, index, tag) == entry->item;
	}
	if (entry)
		entry->tags &= ~(1u << tag);
	return radix_tree_tag_clear(root, index, tag) == (entry ? entry->item : NULL);
}

TEST(random_against_model)
{
	struct radix_tree_root root = RADIX_TREE_INIT(&test_ops);
	unsigned long serial = 0;

	reset_allocator();
	model_len = 0;
	for (uint64_t seed = 1; seed <= 4; seed++) {
		rng_state = 0x9e3779b97f4a7c15ULL * seed;
		for (unsigned int step = 0; step < 5000; step++) {
			if (!random_step(&root, &serial) || !tree_matches_model(&root)) {
				printf("# seed %llu step %u\n", (unsigned long long)seed, step);
				CHECK(false);
			}
		}
		/* Delete everything in random order. */
		while (model_len > 0) {
			struct model_entry *entry = &model[rng() % model_len];

			CHECK(radix_tree_delete(&root, entry->index) == entry->item);
			model_delete(entry);
			CHECK(tree_matches_model(&root));
		}
		CHECK(root.rnode == NULL);
		CHECK_EQ(root.height, 0);
		CHECK_EQ(live_nodes(), 0);
	}
	printf("# model: up to %u items, %u inserts out of memory, %ld nodes allocated\n",
	       model_peak, model_nomem, nr_allocs);
	CHECK(model_peak > 500 && model_nomem > 100);
	CHECK_EQ(nr_allocs, nr_frees);
}
