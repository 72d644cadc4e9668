/*
 * The slab allocator (Gorman ch. 8, Mauerer §3.6): caches of objects of
 * one size, carved out of blocks from the buddy allocator, and kmalloc()
 * on top of a set of such caches. See mm/slab.c for the layout.
 *
 * Locking: cache->lock (irqsave) protects a cache's slab lists and
 * statistics; cache_chain_lock the list of all caches. Both may be taken
 * from interrupt handlers with GFP_ATOMIC.
 */
#ifndef MM_SLAB_H
#define MM_SLAB_H

#include <lib/types.h>
#include <lib/list.h>
#include <kernel/spinlock.h>
#include <mm/gfp.h>

/* kmem_cache_create() flags */
#define SLAB_HWCACHE_ALIGN 0x2000UL /* start objects on a cache line (L1_CACHE_BYTES) */
#define SLAB_CACHE_DMA	   0x4000UL /* slabs come from ZONE_DMA */

/* The largest kmalloc(); beyond it, use alloc_pages(). */
#define KMALLOC_MAX_SIZE 4096

struct kmem_cache {
	spinlock_t lock;
	/* Slabs by how many objects are in use: all, some, none. */
	struct list_head slabs_full;
	struct list_head slabs_partial;
	struct list_head slabs_free;

	/* Layout, fixed at creation. */
	unsigned int objsize;  /* bytes the creator asked for */
	unsigned int size;     /* stride: objsize, debug words and alignment */
	unsigned int offset;   /* where a free object keeps the next free index */
	unsigned int num;      /* objects per slab */
	unsigned int gfporder; /* a slab is 2^gfporder pages */
	gfp_t gfpflags;	       /* added to every slab allocation (__GFP_DMA) */
	unsigned long flags;
	void (*ctor)(void *obj);
	const char *name;
	struct list_head next; /* on cache_chain, under cache_chain_lock */

	/* Statistics, under lock. Objects in all = num_slabs * num. */
	unsigned long num_active;      /* objects in use */
	unsigned long num_slabs;       /* slabs, of 2^gfporder pages each */
	unsigned long num_allocations; /* kmem_cache_alloc() calls that succeeded */
	unsigned long num_frees;       /* kmem_cache_free() calls */
	unsigned long grown;	       /* slabs allocated */
	unsigned long reaped;	       /* empty slabs given back to the buddy allocator */
};

/* Set up the cache of caches and the kmalloc caches; after free_area_init(). */
void kmem_cache_init(void);

/**
 * kmem_cache_create - create a cache of objects of @size bytes
 * @name: for slabinfo; must stay valid as long as the cache
 * @align: minimum alignment, a power of two up to PAGE_SIZE (0: a word)
 * @flags: SLAB_HWCACHE_ALIGN, SLAB_CACHE_DMA
 * @ctor: run on every object when its slab is created, or NULL; objects
 *	must be returned to the cache in their constructed state
 *
 * Returns NULL when the arguments are invalid or memory is short.
 */
struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align,
				     unsigned long flags, void (*ctor)(void *));

/* Destroy an empty cache; -EBUSY (and the cache stays) if objects are in use. */
int kmem_cache_destroy(struct kmem_cache *cachep);

/*
 * kmem_cache_shrink - give @cachep's empty slabs back to the buddy allocator
 * A cache keeps at most one slab's worth of free objects by itself (see
 * mm/slab.c); this returns even those. Returns the pages freed. Does not
 * sleep; may be called from reclaim (shrink_slab) with no lock held.
 */
int kmem_cache_shrink(struct kmem_cache *cachep);
/* kmem_cache_shrink() on every cache; returns the pages freed. */
unsigned long kmem_cache_shrink_all(void);

/* An object, or NULL. __GFP_ZERO zeroes it; __GFP_DMA needs a SLAB_CACHE_DMA cache. */
void *kmem_cache_alloc(struct kmem_cache *cachep, gfp_t gfp);
void kmem_cache_free(struct kmem_cache *cachep, void *objp);

/*
 * kmalloc - @size bytes from the smallest size-N cache that fits (16 to
 * KMALLOC_MAX_SIZE; size-N(DMA) with __GFP_DMA). Larger requests return NULL
 * with a warning (none with __GFP_NOWARN): use alloc_pages() for those.
 */
void *kmalloc(size_t size, gfp_t gfp);
void kfree(const void *objp);

static inline void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

/* /proc/slabinfo-like text, truncated to @len - 1; returns its length. */
int slabinfo_format(char *buf, size_t len);
/* The same through printk. */
void show_slabinfo(void);

#endif
