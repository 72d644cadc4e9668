/*
 * Radix tree: the index of the swap cache (Mauerer §16.3.2 "Page
 * Trees"; Gorman §11.4 "Swap Cache"; Linux 2.6 lib/radix-tree.c).
 *
 * A radix tree maps an unsigned long index to a pointer by splitting the
 * index into 6-bit digits, most significant first, and following one
 * digit per level from the root. A tree of height h has h levels of
 * nodes and holds the indices 0 .. 2^(6h) - 1; level 1 (the bottom) holds
 * the items. Nodes exist only where some item lies below, so a sparse set
 * of indices costs little memory and a lookup costs h steps.
 *
 *	root: height 2                       index 0x0c5 = digits 3, 5
 *	  rnode -> [ . . . * . ... ]          level 2: slot 3
 *	                   |
 *	                   [ . . . . . * ... ] level 1: slot 5 holds the item
 *
 * A node is
 *
 *	count                     how many of its slots are in use
 *	slots[64]                 children (levels > 1) or items (level 1)
 *	tags[2][64 bits]          tag t, bit i: slot i is an item tagged t, or
 *	                          a subtree holding such an item
 *
 * so each tag bit of an inner node summarises its subtree: the tag bits of
 * the root answer radix_tree_tagged() at once, and a tagged gang lookup
 * (the swap cache looking for dirty pages) skips untagged subtrees.
 *
 * Height changes: inserting an index above the largest the tree can hold
 * adds levels on top, each a new root whose slot 0 holds the old root.
 * Deleting frees nodes that become empty, bottom up, and then removes root
 * levels whose only used slot is slot 0, so the tree is always as low as
 * its largest index allows. An empty tree has height 0 and no nodes.
 *
 * Items: any non-NULL pointer. Items with the low bit set ("value
 * entries", such as the shadow entries of workingset detection) are stored
 * like any other: a slot's level, not its contents, says whether it holds
 * a node or an item.
 *
 * Memory: nodes come from the root's ops (a slab cache in the kernel,
 * malloc in host tests). A failed insert releases the nodes it added,
 * so the tree is left exactly as it was.
 *
 * Locking: none here. The owner serialises every call on a tree; the swap
 * cache holds its own lock around lookups and updates alike.
 */
#include <lib/radix-tree.h>
#include <lib/compiler.h>
#include <lib/bitops.h>
#include <lib/debug.h>
#include <uapi/errno.h>

#define RADIX_TREE_MAP_MASK  (RADIX_TREE_MAP_SIZE - 1)
#define RADIX_TREE_TAG_LONGS DIV_ROUND_UP(RADIX_TREE_MAP_SIZE, BITS_PER_LONG)

/* The gang lookup walker's "any item" in place of a tag number. */
#define NO_TAG RADIX_TREE_MAX_TAGS

struct radix_tree_node {
	unsigned int count;
	void *slots[RADIX_TREE_MAP_SIZE];
	unsigned long tags[RADIX_TREE_MAX_TAGS][RADIX_TREE_TAG_LONGS];
};

/* One step of a walk from the root: a node and the slot taken in it. */
struct radix_tree_path {
	struct radix_tree_node *node;
	unsigned int offset;
};

/**
 * radix_tree_node_size - bytes the node allocator must provide per node
 */
size_t radix_tree_node_size(void)
{
	return sizeof(struct radix_tree_node);
}

/* Largest index a tree of @height levels can hold. */
static unsigned long height_to_maxindex(unsigned int height)
{
	unsigned int bits = height * RADIX_TREE_MAP_SHIFT;

	return bits >= BITS_PER_LONG ? ~0UL : (1UL << bits) - 1;
}

/* Fewest levels that can hold @index (at least one). */
static unsigned int index_to_height(unsigned long index)
{
	unsigned int bits = index ? __fls(index) + 1 : 1;

	return DIV_ROUND_UP(bits, RADIX_TREE_MAP_SHIFT);
}

/* The slot of a node at @level (1 = bottom) that leads to @index. */
static unsigned int slot_offset(unsigned long index, unsigned int level)
{
	return (index >> ((level - 1) * RADIX_TREE_MAP_SHIFT)) & RADIX_TREE_MAP_MASK;
}

static bool node_any_tag(const struct radix_tree_node *node, unsigned int tag)
{
	for (unsigned int i = 0; i < RADIX_TREE_TAG_LONGS; i++)
		if (node->tags[tag][i])
			return true;
	return false;
}

/*
 * Walk from the root towards @index, recording each node and slot in
 * @path (one entry per level, root first). Return the item's slot, or
 * NULL if @index holds no item.
 */
static void **walk(const struct radix_tree_root *root, unsigned long index,
		   struct radix_tree_path *path)
{
	struct radix_tree_node *node = root->rnode;
	unsigned int level, offset;

	if (!node || index > height_to_maxindex(root->height))
		return NULL;
	for (level = root->height;; level--) {
		offset = slot_offset(index, level);
		*path++ = (struct radix_tree_path){node, offset};
		if (level == 1 || !node->slots[offset])
			break;
		node = node->slots[offset];
	}
	return node->slots[offset] ? &node->slots[offset] : NULL;
}

/*
 * Add levels on top until the tree can hold @index; each new root keeps
 * the old one in slot 0, with the old root's tags summarised there. An
 * empty tree only records the height: insert allocates the whole path.
 * On -ENOMEM the levels added so far stay for the caller's prune().
 */
static int grow(struct radix_tree_root *root, unsigned long index)
{
	unsigned int height = index_to_height(index);

	if (!root->rnode) {
		root->height = height;
		return 0;
	}
	while (root->height < height) {
		struct radix_tree_node *node = root->ops->alloc();

		if (!node)
			return -ENOMEM;
		for (unsigned int tag = 0; tag < RADIX_TREE_MAX_TAGS; tag++)
			if (node_any_tag(root->rnode, tag))
				set_bit(0, node->tags[tag]);
		node->slots[0] = root->rnode;
		node->count = 1;
		root->rnode = node;
		root->height++;
	}
	return 0;
}

/*
 * Walk from the root towards @index, allocating missing nodes (the root
 * too) and recording in @path each node above the bottom level. Return the
 * bottom node, or NULL if an allocation failed; *@depth counts the
 * entries of @path filled either way, for prune() to undo a failure.
 */
static struct radix_tree_node *create_path(struct radix_tree_root *root, unsigned long index,
					   struct radix_tree_path *path, unsigned int *depth)
{
	struct radix_tree_node *node;
	unsigned int level;

	if (!root->rnode)
		root->rnode = root->ops->alloc();
	node = root->rnode;
	for (level = root->height; node && level > 1; level--) {
		unsigned int offset = slot_offset(index, level);

		path[(*depth)++] = (struct radix_tree_path){node, offset};
		if (!node->slots[offset]) {
			node->slots[offset] = root->ops->alloc();
			if (!node->slots[offset])
				return NULL;
			node->count++;
		}
		node = node->slots[offset];
	}
	return node;
}

/* Remove root levels that lead only to slot 0: their indices fit lower. */
static void shrink(struct radix_tree_root *root)
{
	while (root->height > 1) {
		struct radix_tree_node *node = root->rnode;

		if (node->count != 1 || !node->slots[0])
			return;
		root->rnode = node->slots[0];
		root->height--;
		root->ops->free(node);
	}
}

/*
 * Free the empty nodes at the end of @path, bottom up (a delete or a
 * failed insert leaves them), then shrink the tree to the height its
 * largest index needs.
 */
static void prune(struct radix_tree_root *root, struct radix_tree_path *path, unsigned int depth)
{
	while (depth > 0 && path[depth - 1].node->count == 0) {
		struct radix_tree_node *node = path[--depth].node;

		/* Tags summarise items, so an empty node cannot carry any. */
		for (unsigned int tag = 0; tag < RADIX_TREE_MAX_TAGS; tag++)
			BUG_ON(node_any_tag(node, tag));
		if (depth > 0) {
			path[depth - 1].node->slots[path[depth - 1].offset] = NULL;
			path[depth - 1].node->count--;
		} else {
			root->rnode = NULL;
		}
		root->ops->free(node);
	}
	if (!root->rnode)
		root->height = 0;
	shrink(root);
}

/**
 * radix_tree_insert - store @item at @index
 * @root: the tree
 * @index: where
 * @item: a non-NULL pointer (value entries allowed, see the top of file)
 *
 * Return 0, -EEXIST if @index already holds an item, or -ENOMEM if a node
 * could not be allocated; on an error the tree is unchanged.
 */
int radix_tree_insert(struct radix_tree_root *root, unsigned long index, void *item)
{
	struct radix_tree_path path[RADIX_TREE_MAX_PATH];
	struct radix_tree_node *node = NULL;
	unsigned int depth = 0, offset = slot_offset(index, 1);

	BUG_ON(!item);
	if (grow(root, index) == 0)
		node = create_path(root, index, path, &depth);
	if (!node) {
		prune(root, path, depth);
		return -ENOMEM;
	}
	if (node->slots[offset])
		return -EEXIST;
	node->slots[offset] = item;
	node->count++;
	return 0;
}

/**
 * radix_tree_lookup_slot - find the slot holding the item at @index
 *
 * Return the slot, or NULL if @index holds no item. The caller may store
 * another non-NULL item through the slot (its tags stay) until its next
 * insert or delete on the tree.
 */
void **radix_tree_lookup_slot(const struct radix_tree_root *root, unsigned long index)
{
	struct radix_tree_path path[RADIX_TREE_MAX_PATH];

	return walk(root, index, path);
}

/**
 * radix_tree_lookup - find the item at @index
 *
 * Return the item, or NULL if there is none.
 */
void *radix_tree_lookup(const struct radix_tree_root *root, unsigned long index)
{
	void **slot = radix_tree_lookup_slot(root, index);

	return slot ? *slot : NULL;
}

/*
 * Clear @tag for the slot at the end of @path (of @depth entries) and,
 * going up, for every subtree left with no item tagged @tag.
 */
static void clear_tag_path(struct radix_tree_path *path, unsigned int depth, unsigned int tag)
{
	while (depth-- > 0) {
		clear_bit(path[depth].offset, path[depth].node->tags[tag]);
		if (node_any_tag(path[depth].node, tag))
			return;
	}
}

/**
 * radix_tree_delete - remove the item at @index
 *
 * Clears the item's tags, frees the nodes left empty and lowers the tree
 * if it can. Return the item, or NULL if @index held none.
 */
void *radix_tree_delete(struct radix_tree_root *root, unsigned long index)
{
	struct radix_tree_path path[RADIX_TREE_MAX_PATH];
	void **slot = walk(root, index, path);
	void *item;

	if (!slot)
		return NULL;
	for (unsigned int tag = 0; tag < RADIX_TREE_MAX_TAGS; tag++)
		clear_tag_path(path, root->height, tag);
	item = *slot;
	*slot = NULL;
	path[root->height - 1].node->count--;
	prune(root, path, root->height);
	return item;
}

/**
 * radix_tree_tag_set - tag the item at @index with @tag
 *
 * Sets @tag in every node on the way down, so each records that its
 * subtree holds a tagged item. The item must be present (as in Linux,
 * tagging a missing item is a BUG). Return the item.
 */
void *radix_tree_tag_set(struct radix_tree_root *root, unsigned long index, unsigned int tag)
{
	struct radix_tree_path path[RADIX_TREE_MAX_PATH];
	void **slot = walk(root, index, path);

	BUG_ON(tag >= RADIX_TREE_MAX_TAGS);
	BUG_ON(!slot);
	for (unsigned int depth = 0; depth < root->height; depth++)
		set_bit(path[depth].offset, path[depth].node->tags[tag]);
	return *slot;
}

/**
 * radix_tree_tag_clear - remove @tag from the item at @index
 *
 * Clears @tag up the path as far as no other item below keeps it set.
 * Return the item, or NULL if @index holds none.
 */
void *radix_tree_tag_clear(struct radix_tree_root *root, unsigned long index, unsigned int tag)
{
	struct radix_tree_path path[RADIX_TREE_MAX_PATH];
	void **slot = walk(root, index, path);

	BUG_ON(tag >= RADIX_TREE_MAX_TAGS);
	if (!slot)
		return NULL;
	clear_tag_path(path, root->height, tag);
	return *slot;
}

/**
 * radix_tree_tag_get - is the item at @index tagged with @tag?
 *
 * Return 1 if so, 0 if not or if @index holds no item.
 */
int radix_tree_tag_get(const struct radix_tree_root *root, unsigned long index, unsigned int tag)
{
	struct radix_tree_path path[RADIX_TREE_MAX_PATH];
	struct radix_tree_path *leaf;

	BUG_ON(tag >= RADIX_TREE_MAX_TAGS);
	if (!walk(root, index, path))
		return 0;
	leaf = &path[root->height - 1];
	return test_bit(leaf->offset, leaf->node->tags[tag]);
}

/**
 * radix_tree_tagged - does any item in the tree have @tag?
 */
int radix_tree_tagged(const struct radix_tree_root *root, unsigned int tag)
{
	BUG_ON(tag >= RADIX_TREE_MAX_TAGS);
	return root->rnode && node_any_tag(root->rnode, tag);
}

/* First slot at or after @offset holding an entry with @tag (any entry for NO_TAG). */
static unsigned int next_slot(const struct radix_tree_node *node, unsigned int offset,
			      unsigned int tag)
{
	for (; offset < RADIX_TREE_MAP_SIZE; offset++)
		if (tag == NO_TAG ? node->slots[offset] != NULL : test_bit(offset, node->tags[tag]))
			break;
	return offset;
}

/*
 * Find the item with the smallest index >= *@indexp that has @tag (any
 * item for NO_TAG) and store its index in *@indexp. Going down, @index
 * moves forward to the first slot that qualifies; a node with none past
 * @index sends the search back to the root at the start of the node's
 * next sibling. Return the item, or NULL if there is none.
 */
static void *next_item(const struct radix_tree_root *root, unsigned long *indexp, unsigned int tag)
{
	unsigned long index = *indexp, maxindex = height_to_maxindex(root->height);
	unsigned int level = root->height;
	void *entry = root->rnode;

	if (!entry || index > maxindex)
		return NULL;
	while (level > 0) {
		unsigned int shift = (level - 1) * RADIX_TREE_MAP_SHIFT;
		unsigned int start = (index >> shift) & RADIX_TREE_MAP_MASK;
		unsigned int offset = next_slot(entry, start, tag);

		if (offset < RADIX_TREE_MAP_SIZE) {
			/* Moving to a later slot starts at the first index below it. */
			if (offset != start)
				index = ((index >> shift) + (offset - start)) << shift;
			entry = ((struct radix_tree_node *)entry)->slots[offset];
			level--;
			continue;
		}
		/* The carry out of this node's digit; 0 means we passed ~0UL. */
		index = (((index >> shift) | RADIX_TREE_MAP_MASK) + 1) << shift;
		if (index == 0 || index > maxindex)
			return NULL;
		entry = root->rnode;
		level = root->height;
	}
	*indexp = index;
	return entry;
}

/*
 * The gang lookups: up to @max_items items with @tag (any for NO_TAG) from
 * @first_index on, in ascending index order, and their indices if
 * @indices is not NULL. Return how many were found.
 */
static unsigned int gang_lookup(const struct radix_tree_root *root, void **results,
				unsigned long *indices, unsigned long first_index,
				unsigned int max_items, unsigned int tag)
{
	unsigned long index = first_index;
	unsigned int found = 0;

	while (found < max_items) {
		void *item = next_item(root, &index, tag);

		if (!item)
			break;
		results[found] = item;
		if (indices)
			indices[found] = index;
		found++;
		if (index == ~0UL)
			break;
		index++;
	}
	return found;
}

/**
 * radix_tree_gang_lookup - collect items in ascending index order
 * @root: the tree
 * @results: where to store the items
 * @first_index: smallest index to consider
 * @max_items: size of @results
 *
 * Return the number of items stored in @results.
 */
unsigned int radix_tree_gang_lookup(const struct radix_tree_root *root, void **results,
				    unsigned long first_index, unsigned int max_items)
{
	return gang_lookup(root, results, NULL, first_index, max_items, NO_TAG);
}

/**
 * radix_tree_gang_lookup_index - radix_tree_gang_lookup() that also
 * stores each item's index in @indices
 */
unsigned int radix_tree_gang_lookup_index(const struct radix_tree_root *root, void **results,
					  unsigned long *indices, unsigned long first_index,
					  unsigned int max_items)
{
	return gang_lookup(root, results, indices, first_index, max_items, NO_TAG);
}

/**
 * radix_tree_gang_lookup_tag - radix_tree_gang_lookup() of the items
 * tagged with @tag only; untagged subtrees are skipped, not searched
 */
unsigned int radix_tree_gang_lookup_tag(const struct radix_tree_root *root, void **results,
					unsigned long first_index, unsigned int max_items,
					unsigned int tag)
{
	BUG_ON(tag >= RADIX_TREE_MAX_TAGS);
	return gang_lookup(root, results, NULL, first_index, max_items, tag);
}

/* Leading spaces for a line at @depth, using only the printer's plain %s. */
static const char *indent(unsigned int depth)
{
	static const char spaces[] = "                        ";

	BUILD_BUG_ON(sizeof(spaces) <= 2 * RADIX_TREE_MAX_PATH);
	return spaces + sizeof(spaces) - 1 - 2 * depth;
}

static void dump_tags(const struct radix_tree_node *node, radix_tree_printer print)
{
	for (unsigned int tag = 0; tag < RADIX_TREE_MAX_TAGS; tag++) {
		print(" tag%u", tag);
		for (unsigned int i = RADIX_TREE_TAG_LONGS; i-- > 0;)
			print(" %lx", node->tags[tag][i]);
	}
	print("\n");
}

/* Print @node at @level, whose subtree starts at index @first, and all below it. */
static void dump_node(const struct radix_tree_node *node, unsigned int level, unsigned long first,
		      unsigned int depth, radix_tree_printer print)
{
	print("%snode %p level %u from 0x%lx count %u", indent(depth), node, level, first,
	       node->count);
	dump_tags(node, print);
	for (unsigned int offset = 0; offset < RADIX_TREE_MAP_SIZE; offset++) {
		unsigned long index =
		    first + ((unsigned long)offset << ((level - 1) * RADIX_TREE_MAP_SHIFT));
		void *entry = node->slots[offset];

		if (!entry)
			continue;
		if (level > 1) {
			dump_node(entry, level - 1, index, depth + 1, print);
			continue;
		}
		print("%s0x%lx: %p tags", indent(depth + 1), index, entry);
		for (unsigned int tag = 0; tag < RADIX_TREE_MAX_TAGS; tag++)
			print(" %d", test_bit(offset, node->tags[tag]));
		print("\n");
	}
}

/**
 * radix_tree_dump - print the tree's nodes, items and tags with @print
 *
 * @print is printf-like (printk in the kernel, printf on the host): lib/
 * prints nothing by itself.
 */
void radix_tree_dump(const struct radix_tree_root *root, radix_tree_printer print)
{
	print("radix tree %p: height %u, max index 0x%lx\n", root, root->height,
	       root->rnode ? height_to_maxindex(root->height) : 0UL);
	if (root->rnode)
		dump_node(root->rnode, root->height, 0, 1, print);
}
