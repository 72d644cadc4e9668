/*
 * Swap areas and their slot allocator (Gorman ch. 11: §11.1 "Describing
 * the Swap Area", §11.3 "Allocating a Swap Slot", §11.8 and §11.9 on
 * activating and deactivating; Mauerer §18.3 "Managing Swap Areas").
 *
 * Data structures:
 *
 *   swap_info[MAX_SWAPFILES]   one swap_info_struct per area; the index is
 *                              the "type" in a swp_entry_t.
 *   si->swap_map[0..max-1]     one use count per slot: 0 free, 1..SWAP_MAP_MAX
 *                              references (swap cache + PTEs), SWAP_MAP_BAD
 *                              never usable. Slot 0 holds the header and is
 *                              always SWAP_MAP_BAD.
 *   si->cluster_info[]         per cluster of SWAPFILE_CLUSTER slots: how many
 *                              are not free, and which list it is on:
 *   si->free_clusters          the clusters with no slot in use (FIFO)
 *   si->nonfull_clusters       the clusters with some slots free (FIFO)
 *   si->curr_cluster           the cluster allocations come from, on no list
 *   swap_list                  the enabled (SWP_WRITEOK) areas, chained by
 *                              si->next in descending priority; head is the
 *                              first, next is where get_swap_page starts.
 *
 * Accounting: nr_swap_pages counts free slots and total_swap_pages usable
 * slots over all enabled areas. Disabling an area removes all its pages
 * from both at once, so while swapoff drains it nr_swap_pages sits below
 * the true number of free slots elsewhere, and each slot freed by the drain
 * brings it back up: (enabled ? pages : 0) - inuse_pages per area.
 *
 * Locking: swap_lock (an irq-safe spinlock, since swap writes complete in
 * interrupt context) protects swap_info[] (every field of every area, and
 * the swap_map contents), swap_list, nr_swap_pages, total_swap_pages and
 * the default priority counter. The exported functions take it; the ones
 * documented "=> swap_lock held" assert it. Nothing in the slot allocator
 * sleeps; swapon and swapoff do, one at a time.
 */
#ifndef MM_SWAPFILE_H
#define MM_SWAPFILE_H

#include <lib/bitops.h>
#include <lib/list.h>
#include <lib/types.h>
#include <kernel/spinlock.h>
#include <mm/swap.h>

struct swap_header_info;
struct block_device;
struct inode;
struct page;
struct sysinfo;

/*
 * Slots per cluster: the allocator hands out the free slots of one aligned
 * cluster one after another before it moves to another cluster. Any size
 * from 1 up works (exercise 1b of docs/exercises.md tries 16 and 1; the
 * host tests build swap_header_cluster16/1 with -DSWAPFILE_CLUSTER=N).
 */
#ifndef SWAPFILE_CLUSTER
#define SWAPFILE_CLUSTER 256
#endif

/**
 * struct swap_cluster_info - the bookkeeping of one cluster of slots
 * @list:	on its area's free_clusters (@count 0) or nonfull_clusters
 *		(0 < @count < the cluster's slots), unless current or full
 * @count:	slots of the cluster that are not free: in use, bad, the header
 * @flags:	CLUSTER_FLAG_FREE or CLUSTER_FLAG_NONFULL (the list it is on),
 *		CLUSTER_FLAG_CURRENT (allocations come from it), 0 when full
 * @used:	a bit per slot, set when its swap_map count is not 0: the
 *		allocator finds the next free slot a word at a time instead of
 *		reading the counts one by one, however full the cluster
 *
 * Cluster i holds slots i * SWAPFILE_CLUSTER .. (i + 1) * SWAPFILE_CLUSTER - 1;
 * the last one may be shorter. Protected by swap_lock like the swap_map.
 */
struct swap_cluster_info {
	struct list_head list;
	unsigned short count;
	unsigned short flags;
	unsigned long used[DIV_ROUND_UP(SWAPFILE_CLUSTER, BITS_PER_LONG)];
};
_Static_assert(8 * sizeof(((struct swap_cluster_info *)0)->used) >= SWAPFILE_CLUSTER,
	       "swap_cluster_info.used needs a bit per slot of a cluster");

enum {
	CLUSTER_FLAG_FREE = 1 << 0,
	CLUSTER_FLAG_NONFULL = 1 << 1,
	CLUSTER_FLAG_CURRENT = 1 << 2,
};

#define SWAP_MAP_MAX 0x7fff /* saturated count: the slot stays allocated until swapoff */
#define SWAP_MAP_BAD 0x8000 /* the header slot, mkswap's bad pages, write errors */

enum {
	SWP_USED = 1 << 0,    /* swap_info[] entry taken by a swapon */
	SWP_WRITEOK = 1 << 1, /* on swap_list: slots may be allocated */
};

/**
 * struct swap_info_struct - one swap area
 * @flags:	 SWP_USED, SWP_WRITEOK
 * @prio:	 priority; higher is used first
 * @next:	 index of the next area on swap_list, -1 at the end
 * @bdev:	 the block device (set by swapon): the partition or disk, or the
 *		 one the swap file's file system is on
 * @swap_file:	 the swap file's inode (a reference), NULL for a device
 * @extent_list: where the slots are on @bdev (mm/swap_extent.c): one extent
 *		 for a device, as many as the file's fragments for a file
 * @curr_swap_extent: where map_swap_page starts looking
 * @nr_extents:	 extents on @extent_list
 * @name:	 device name ("hda1") or file path ("/mnt/swapfile") for messages
 * @swap_map:	 use count per slot, @max entries (allocated by swapon)
 * @serial:	 a number no other area set up since boot has had (0: not set up),
 *		 so a reader of the map (swap_slot_counts) can tell a new area
 * @cluster_info: one struct swap_cluster_info per SWAPFILE_CLUSTER slots,
 *		 @nr_clusters of them (in the swap_map allocation, after the map)
 * @free_clusters: clusters with every slot free, in the order they became free
 * @nonfull_clusters: clusters with some slots free and some not
 * @nr_free_clusters: clusters on @free_clusters
 * @curr_cluster: the cluster allocations come from (on no list)
 * @cluster_next: where the scan of the current cluster continues
 * @pages:	 usable slots: @max minus the header and the bad slots
 * @max:	 slots including the header
 * @inuse_pages: slots with a count of 1..SWAP_MAP_MAX
 * @stats:	 event counters, for swap_area_dump() and the tests
 */
struct swap_info_struct {
	unsigned int flags;
	int prio;
	int next;
	struct block_device *bdev;
	struct inode *swap_file;
	struct list_head extent_list;
	struct swap_extent *curr_swap_extent;
	int nr_extents;
	char name[64];
	unsigned short *swap_map;
	unsigned long serial;
	struct swap_cluster_info *cluster_info;
	unsigned long nr_clusters;
	struct list_head free_clusters;
	struct list_head nonfull_clusters;
	unsigned long nr_free_clusters;
	unsigned long curr_cluster;
	unsigned long cluster_next;
	unsigned long pages;
	unsigned long max;
	unsigned long inuse_pages;
	struct {
		unsigned long alloc;	 /* slots handed out */
		unsigned long freed;	 /* slots whose count fell to 0 */
		unsigned long clusters;	 /* runs started in a free cluster */
		unsigned long fallbacks; /* runs started in a partly used cluster */
		unsigned long saturated; /* counts that reached SWAP_MAP_MAX */
		unsigned long bad;	 /* slots marked SWAP_MAP_BAD: header list, write errors */
	} stats;
};

struct swap_list_t {
	int head; /* highest-priority area, -1 if none */
	int next; /* area get_swap_page tries first */
};

extern struct swap_info_struct swap_info[MAX_SWAPFILES];
extern struct swap_list_t swap_list;
extern long nr_swap_pages;
extern long total_swap_pages;
extern spinlock_t swap_lock;

/* Slot allocation and reference counts (the swap cache, fork, unmap, faults). */
swp_entry_t get_swap_page(void);
unsigned long scan_swap_map(struct swap_info_struct *si);
int swap_duplicate(swp_entry_t entry);
void swap_free(swp_entry_t entry);
int swap_count(swp_entry_t entry);
struct swap_info_struct *swap_info_get(swp_entry_t entry);
int swap_mark_bad(swp_entry_t entry);
void swap_reset_overflow(swp_entry_t entry);
bool swap_writeok(swp_entry_t entry);
unsigned long swap_free_elsewhere(const struct swap_info_struct *si);
/* Counts as they are, without complaint about a free slot (the rest of the kernel's view). */
unsigned short swap_slot_count(swp_entry_t entry);
unsigned long swap_slot_counts(int type, unsigned long serial, unsigned long from,
			       unsigned short *out, unsigned long n);

/* Area life cycle, for swapon and swapoff (below) and the host tests. */
int swap_area_alloc(const char *name);
unsigned long swap_area_map_bytes(unsigned long max);
void swap_area_setup(struct swap_info_struct *si, void *map, unsigned long max);
void swap_area_apply_badpages(struct swap_info_struct *si, const struct swap_header_info *hdr);
int swap_next_default_prio(void);
void swap_area_enable(struct swap_info_struct *si, int prio);
void swap_area_disable(struct swap_info_struct *si);
unsigned short *swap_area_free(struct swap_info_struct *si);

void swap_area_dump(const struct swap_info_struct *si);
void swap_list_dump(void);

/* ---- the kernel's part (not in the host build) ---- */

/* Activate the swap area on @name: a device ("hda1") or a file's path; flags as swapon(2)'s. */
int do_swapon(const char *name, int flags);
int do_swapoff(const char *name);
/* swap=DEV[:PRIO][,DEV...] from the command line, once the disks are known. */
void swap_setup_from_cmdline(void);
/* Total and free swap in pages, counting areas being swapped off as Linux does. */
void si_swapinfo(struct sysinfo *val);
/* "/dev/hda1" or "/mnt/swapfile": how messages and /proc/swaps name @si. */
void swap_area_path(const struct swap_info_struct *si, char *buf, size_t len);
/* Drop a PTE's hold on @entry, and the cached page if nothing else uses it. */
void free_swap_and_cache(swp_entry_t entry);
/* If @page (locked, in the swap cache) has no other user, drop it from the cache. */
bool remove_exclusive_swap_page(struct page *page);
/* The slots in use in the aligned window of @n around @entry: their offsets, how many. */
unsigned long valid_swaphandles(swp_entry_t entry, unsigned long n, unsigned long *offsets);

#endif
