/*
 * Radix tree: a sparse array of pointers indexed by unsigned long, with
 * two tag bits per entry and fast lookup of the tagged entries. The swap
 * cache (swapper_space, mm/swap_state.c) keys its pages by swap entry in
 * one (Mauerer §16.3.2 "Page Trees"; Gorman §11.4 "Swap Cache").
 * The implementation and its design are described in lib/radix-tree.c.
 *
 * The tree never allocates memory on its own: the owner supplies node
 * allocation callbacks at init, so this code builds unchanged for the
 * kernel (slab cache) and for host tests (malloc, failure injection).
 * Callers provide locking.
 */
#ifndef LIB_RADIX_TREE_H
#define LIB_RADIX_TREE_H

#include <lib/types.h>

#define RADIX_TREE_MAP_SHIFT 6
#define RADIX_TREE_MAP_SIZE  (1UL << RADIX_TREE_MAP_SHIFT)

/* Most levels a tree can need: one per 6-bit digit of an unsigned long. */
#define RADIX_TREE_MAX_PATH                                                                        \
	((8 * (unsigned int)sizeof(unsigned long) + RADIX_TREE_MAP_SHIFT - 1) /                    \
	 RADIX_TREE_MAP_SHIFT)

/*
 * Tags are numbered 0 .. RADIX_TREE_MAX_TAGS - 1; their meaning belongs to
 * the owner (the swap cache uses one for dirty, one for writeback).
 */
#define RADIX_TREE_MAX_TAGS 2

struct radix_tree_node;

/*
 * How a tree obtains its nodes. @alloc returns a zeroed block of
 * radix_tree_node_size() bytes, or NULL when memory is short; @free takes
 * back a block that @alloc returned. Neither may call into the tree.
 */
struct radix_tree_node_ops {
	void *(*alloc)(void);
	void (*free)(void *node);
};

/*
 * @height: levels of nodes below the root; 0 exactly when the tree is
 * empty, and then @rnode is NULL.
 */
struct radix_tree_root {
	unsigned int height;
	struct radix_tree_node *rnode;
	const struct radix_tree_node_ops *ops;
};

#define RADIX_TREE_INIT(node_ops)                                                                  \
	{                                                                                          \
		.height = 0, .rnode = NULL, .ops = (node_ops)                                      \
	}
#define INIT_RADIX_TREE(root, node_ops)                                                            \
	do {                                                                                       \
		(root)->height = 0;                                                                \
		(root)->rnode = NULL;                                                              \
		(root)->ops = (node_ops);                                                          \
	} while (0)

size_t radix_tree_node_size(void);

int radix_tree_insert(struct radix_tree_root *root, unsigned long index, void *item);
void *radix_tree_lookup(const struct radix_tree_root *root, unsigned long index);
void **radix_tree_lookup_slot(const struct radix_tree_root *root, unsigned long index);
void *radix_tree_delete(struct radix_tree_root *root, unsigned long index);

void *radix_tree_tag_set(struct radix_tree_root *root, unsigned long index, unsigned int tag);
void *radix_tree_tag_clear(struct radix_tree_root *root, unsigned long index, unsigned int tag);
int radix_tree_tag_get(const struct radix_tree_root *root, unsigned long index, unsigned int tag);
int radix_tree_tagged(const struct radix_tree_root *root, unsigned int tag);

unsigned int radix_tree_gang_lookup(const struct radix_tree_root *root, void **results,
				    unsigned long first_index, unsigned int max_items);
unsigned int radix_tree_gang_lookup_index(const struct radix_tree_root *root, void **results,
					  unsigned long *indices, unsigned long first_index,
					  unsigned int max_items);
unsigned int radix_tree_gang_lookup_tag(const struct radix_tree_root *root, void **results,
					unsigned long first_index, unsigned int max_items,
					unsigned int tag);

/* A printf-like function for radix_tree_dump. */
typedef int (*radix_tree_printer)(const char *fmt, ...);
void radix_tree_dump(const struct radix_tree_root *root, radix_tree_printer print);

#endif
