/*
 * The slab allocator (Gorman ch. 8 "Slab Allocator", Mauerer §3.6 "The
 * Slab Allocator"):
 * caches of equally sized objects, and kmalloc() on a set of size caches.
 *
 * A slab is a block of 2^gfporder pages from alloc_pages() holding num
 * objects side by side from its first byte, cachep->size bytes apart. Its
 * descriptor is the struct page of its first page (include/mm/page.h):
 *
 *   lru           on the cache's slabs_full, slabs_partial or slabs_free
 *   private       objects in use
 *   index         index of the first free object, BUFCTL_END when full
 *   u.slab_cache  the cache; set with PG_slab on every page of the slab,
 *                 so kfree() finds the cache from any object's page
 *
 * The free objects of a slab form a list threaded through the objects
 * themselves: a free object holds the index of the next one (a
 * kmem_bufctl_t) at cachep->offset. That is the object's first word,
 * unless a free object must keep its contents (constructed or poisoned
 * objects), when the link gets a word of its own after the object:
 *
 *   | object, rounded up to a word | red zone (debug) | link (ctor or debug) | pad to align |
 *
 * Buddy blocks are aligned to their size, so the first page of a slab is
 * found from any object by rounding its pfn down to 2^gfporder pages.
 *
 * The struct kmem_cache of every cache comes from cache_cache, the cache
 * of caches, which is static so the allocator can start itself (Gorman
 * §8.6 on its initialisation). A slab that kmem_cache_free() empties goes back to the buddy
 * allocator at once unless the cache would then have no more than one
 * slab's worth of free objects (cache_over_free_limit, as Linux 2.6's
 * free_block does against free_limit), so memory a burst took comes back
 * when the burst ends; kmem_cache_shrink() returns the empty slabs that
 * reserve keeps, for reclaim (kmem_cache_shrink_all, Linux 2.4's
 * kmem_cache_reap).
 *
 * Debugging (CONFIG_DEBUG_PAGEALLOC): a red zone word after each object
 * reads RED_ACTIVE while it is allocated and RED_INACTIVE while it is
 * free, which catches double frees and small overruns; free objects of
 * caches without a constructor are filled with POISON_FREE, checked when
 * the object is handed out again or its slab destroyed.
 *
 * Left out of Linux 2.4: off-slab descriptors (ours are in struct page),
 * cache colouring (§8.1.5: struct page has no room for a per-slab colour),
 * destructors and the per-CPU object caches (§8.5: we have one CPU).
 *
 * Locking: cachep->lock (irqsave) protects a cache's slab lists, the slab
 * descriptors on them and its statistics; cache_chain_lock the chain of
 * caches. Order: cache_chain_lock, then cachep->lock. The buddy allocator
 * is called with neither held, since reclaim will be able to sleep there.
 */
#include <mm/slab.h>
#include <mm/gfp.h>
#include <mm/page.h>
#include <kernel/bug.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <lib/string.h>
#include <lib/vsnprintf.h>
#include <uapi/errno.h>

#ifdef CONFIG_DEBUG_PAGEALLOC
#define SLAB_DEBUG 1
#else
#define SLAB_DEBUG 0
#endif

typedef unsigned int kmem_bufctl_t;
#define BUFCTL_END ((kmem_bufctl_t)~0U)

#define L1_CACHE_BYTES	 32 /* the P6 family's cache line */
#define SLAB_MAX_ORDER	 3  /* slabs of at most 8 pages */
#define SLAB_CREATE_MASK (SLAB_HWCACHE_ALIGN | SLAB_CACHE_DMA)

#define RED_ACTIVE   0x170FC2A5UL /* Linux 2.4's red zone values */
#define RED_INACTIVE 0x5A2CF071UL
#define POISON_FREE  0x6b

static struct kmem_cache cache_cache;
static LIST_HEAD(cache_chain);
static DEFINE_SPINLOCK(cache_chain_lock);

/* The kmalloc caches, smallest first (Gorman §8.4 "Sizes Cache"). */
struct cache_sizes {
	size_t cs_size;
	const char *cs_name;
	const char *cs_dmaname;
	struct kmem_cache *cs_cachep;
	struct kmem_cache *cs_dmacachep;
};

#define CACHE(x) { x, "size-" #x, "size-" #x "(DMA)", NULL, NULL }
static struct cache_sizes malloc_sizes[] = {
	CACHE(16),  CACHE(32),	 CACHE(64),   CACHE(128),  CACHE(256),
	CACHE(512), CACHE(1024), CACHE(2048), CACHE(4096),
};

/* ---- object layout -------------------------------------------------------- */

static inline void *index_to_obj(const struct kmem_cache *cachep, struct page *slab,
				 unsigned int idx)
{
	return (char *)page_address(slab) + (size_t)idx * cachep->size;
}

static unsigned int obj_to_index(const struct kmem_cache *cachep, struct page *slab,
				 const void *objp)
{
	size_t off = (const char *)objp - (const char *)page_address(slab);

	BUG_ON(off % cachep->size || off / cachep->size >= cachep->num);
	return off / cachep->size;
}

static inline kmem_bufctl_t *slab_bufctl(const struct kmem_cache *cachep, void *objp)
{
	return (kmem_bufctl_t *)((char *)objp + cachep->offset);
}

static inline unsigned long *obj_redzone(const struct kmem_cache *cachep, void *objp)
{
	return (unsigned long *)((char *)objp + ALIGN_UP(cachep->objsize, sizeof(unsigned long)));
}

/* The first page of the slab holding @objp, which must belong to @cachep. */
static struct page *slab_head(const struct kmem_cache *cachep, const void *objp)
{
	unsigned long pfn = page_to_pfn(virt_to_page(objp));
	struct page *slab = pfn_to_page(pfn & ~((1UL << cachep->gfporder) - 1));

	BUG_ON(pfn >= max_pfn || !PageSlab(slab) || slab->u.slab_cache != cachep);
	return slab;
}

/* ---- debugging: red zones and poison -------------------------------------- */

static bool cache_poisons(const struct kmem_cache *cachep)
{
	return SLAB_DEBUG && !cachep->ctor;
}

/* Mark a new or freed object free. */
static void debug_obj_set_free(struct kmem_cache *cachep, void *objp)
{
	if (!SLAB_DEBUG)
		return;
	*obj_redzone(cachep, objp) = RED_INACTIVE;
	if (cache_poisons(cachep))
		memset(objp, POISON_FREE, cachep->objsize);
}

/* A free object must be exactly as debug_obj_set_free() left it. */
static void debug_obj_check_free(struct kmem_cache *cachep, void *objp)
{
	const unsigned char *p = objp;
	unsigned int i;

	if (!SLAB_DEBUG)
		return;
	if (*obj_redzone(cachep, objp) != RED_INACTIVE) {
		pr_err("slab %s: red zone of free object %p overwritten\n", cachep->name, objp);
		BUG();
	}
	if (!cache_poisons(cachep))
		return;
	for (i = 0; i < cachep->objsize; i++) {
		if (p[i] != POISON_FREE) {
			pr_err("slab %s: free object %p written at offset %u (use after free?)\n",
			       cachep->name, objp, i);
			BUG();
		}
	}
}

/* An object being freed must be allocated: anything else is a double free. */
static void debug_obj_check_active(struct kmem_cache *cachep, void *objp)
{
	if (!SLAB_DEBUG)
		return;
	if (*obj_redzone(cachep, objp) != RED_ACTIVE) {
		pr_err("slab %s: double free or overrun of object %p\n", cachep->name, objp);
		BUG();
	}
}

/* ---- cache setup ---------------------------------------------------------- */

static void cache_layout(struct kmem_cache *cachep, size_t align)
{
	size_t end = ALIGN_UP(cachep->objsize, sizeof(unsigned long));

	if (SLAB_DEBUG)
		end += sizeof(unsigned long); /* the red zone */
	if (cachep->ctor || SLAB_DEBUG) {
		cachep->offset = end;
		end += sizeof(kmem_bufctl_t);
	} else {
		cachep->offset = 0;
	}
	cachep->size = ALIGN_UP(end, align);
}

/*
 * cache_estimate - choose the slab size (Gorman §8.1 "Caches")
 *
 * The smallest order that holds an object and wastes at most an eighth
 * of the slab, else the largest order allowed. -EINVAL if none holds one.
 */
static int cache_estimate(struct kmem_cache *cachep)
{
	unsigned int order;

	cachep->num = 0;
	for (order = 0; order <= SLAB_MAX_ORDER; order++) {
		size_t bytes = PAGE_SIZE << order;
		size_t num = bytes / cachep->size;

		if (!num)
			continue;
		cachep->gfporder = order;
		cachep->num = num;
		if ((bytes - num * cachep->size) * 8 <= bytes)
			break;
	}
	return cachep->num ? 0 : -EINVAL;
}

/* Fill in a cache descriptor; shared by kmem_cache_create and the bootstrap. */
static int kmem_cache_setup(struct kmem_cache *cachep, const char *name, size_t size, size_t align,
			    unsigned long flags, void (*ctor)(void *))
{
	if (!name || !size || size > (PAGE_SIZE << SLAB_MAX_ORDER) || (align & (align - 1)) ||
	    align > PAGE_SIZE || (flags & ~SLAB_CREATE_MASK))
		return -EINVAL;
	memset(cachep, 0, sizeof(*cachep));
	spin_lock_init(&cachep->lock);
	INIT_LIST_HEAD(&cachep->slabs_full);
	INIT_LIST_HEAD(&cachep->slabs_partial);
	INIT_LIST_HEAD(&cachep->slabs_free);
	cachep->name = name;
	cachep->objsize = size;
	cachep->flags = flags;
	cachep->ctor = ctor;
	if (flags & SLAB_CACHE_DMA)
		cachep->gfpflags = __GFP_DMA;
	if (flags & SLAB_HWCACHE_ALIGN)
		align = max(align, (size_t)L1_CACHE_BYTES);
	cache_layout(cachep, max(align, sizeof(unsigned long)));
	return cache_estimate(cachep);
}

static void cache_chain_add(struct kmem_cache *cachep)
{
	unsigned long flags = spin_lock_irqsave(&cache_chain_lock);

	list_add_tail(&cachep->next, &cache_chain);
	spin_unlock_irqrestore(&cache_chain_lock, flags);
}

struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align,
				     unsigned long flags, void (*ctor)(void *))
{
	struct kmem_cache *cachep = kmem_cache_alloc(&cache_cache, GFP_KERNEL);

	if (!cachep)
		return NULL;
	if (kmem_cache_setup(cachep, name, size, align, flags, ctor)) {
		pr_err("kmem_cache_create: %s: bad size %zu, align %zu or flags 0x%lx\n",
		       name ? name : "(no name)", size, align, flags);
		kmem_cache_free(&cache_cache, cachep);
		return NULL;
	}
	cache_chain_add(cachep);
	return cachep;
}

void kmem_cache_init(void)
{
	struct cache_sizes *cs;

	INIT_LIST_HEAD(&cache_chain);
	BUG_ON(kmem_cache_setup(&cache_cache, "kmem_cache", sizeof(struct kmem_cache), 0,
				SLAB_HWCACHE_ALIGN, NULL));
	cache_chain_add(&cache_cache);
	for (cs = malloc_sizes; cs < malloc_sizes + ARRAY_SIZE(malloc_sizes); cs++) {
		cs->cs_cachep = kmem_cache_create(cs->cs_name, cs->cs_size, 0, 0, NULL);
		cs->cs_dmacachep =
		    kmem_cache_create(cs->cs_dmaname, cs->cs_size, 0, SLAB_CACHE_DMA, NULL);
		BUG_ON(!cs->cs_cachep || !cs->cs_dmacachep);
	}
}

/* ---- slabs ---------------------------------------------------------------- */

/* Put @slab on the list its number of objects in use calls for (lock held). */
static void slab_relink(struct kmem_cache *cachep, struct page *slab)
{
	struct list_head *list;

	if (slab->private == cachep->num)
		list = &cachep->slabs_full;
	else if (slab->private)
		list = &cachep->slabs_partial;
	else
		list = &cachep->slabs_free;
	list_move(&slab->lru, list);
}

/* Make the fresh block @slab a slab of @cachep with every object free. */
static void slab_init(struct kmem_cache *cachep, struct page *slab)
{
	unsigned int i;

	BUG_ON(page_to_pfn(slab) & ((1UL << cachep->gfporder) - 1));
	for (i = 0; i < (1U << cachep->gfporder); i++) {
		SetPageSlab(slab + i);
		slab[i].u.slab_cache = cachep;
	}
	slab->private = 0;
	slab->index = 0;
	for (i = 0; i < cachep->num; i++) {
		void *objp = index_to_obj(cachep, slab, i);

		if (cachep->ctor)
			cachep->ctor(objp);
		debug_obj_set_free(cachep, objp);
		*slab_bufctl(cachep, objp) = i + 1 < cachep->num ? i + 1 : BUFCTL_END;
	}
}

/* Add an empty slab to @cachep (called without the cache lock). */
static int cache_grow(struct kmem_cache *cachep, gfp_t gfp)
{
	struct page *slab = alloc_pages((gfp & ~__GFP_ZERO) | cachep->gfpflags, cachep->gfporder);
	unsigned long flags;

	if (!slab)
		return -ENOMEM;
	slab_init(cachep, slab);
	flags = spin_lock_irqsave(&cachep->lock);
	list_add(&slab->lru, &cachep->slabs_free);
	cachep->num_slabs++;
	cachep->grown++;
	spin_unlock_irqrestore(&cachep->lock, flags);
	return 0;
}

/* Return an empty slab, already off its list, to the buddy allocator. */
static void slab_destroy(struct kmem_cache *cachep, struct page *slab)
{
	unsigned int i;

	BUG_ON(slab->private != 0);
	for (i = 0; i < cachep->num; i++)
		debug_obj_check_free(cachep, index_to_obj(cachep, slab, i));
	for (i = 0; i < (1U << cachep->gfporder); i++)
		ClearPageSlab(slab + i);
	__free_pages(slab, cachep->gfporder);
}

/* Take the empty @slab off @cachep's lists, to be destroyed (lock held). */
static void slab_detach(struct kmem_cache *cachep, struct page *slab)
{
	list_del(&slab->lru);
	cachep->num_slabs--;
	cachep->reaped++;
}

/* Move every empty slab of @cachep to @list (lock held). */
static void detach_empty_slabs(struct kmem_cache *cachep, struct list_head *list)
{
	while (!list_empty(&cachep->slabs_free)) {
		struct page *slab = list_first_entry(&cachep->slabs_free, struct page, lru);

		slab_detach(cachep, slab);
		list_add(&slab->lru, list);
	}
}

/*
 * Destroy the detached slabs on @list, each of its own cache; returns the
 * pages given back. Called with no lock held. Nothing sleeps between the
 * detach and here, so no cache on the list can be destroyed meanwhile.
 */
static int destroy_slabs(struct list_head *list)
{
	struct page *slab, *n;
	int pages = 0;

	list_for_each_entry_safe(slab, n, list, lru) {
		struct kmem_cache *cachep = slab->u.slab_cache;

		list_del(&slab->lru);
		pages += 1 << cachep->gfporder;
		slab_destroy(cachep, slab);
	}
	return pages;
}

int kmem_cache_shrink(struct kmem_cache *cachep)
{
	LIST_HEAD(empty);
	unsigned long flags;

	flags = spin_lock_irqsave(&cachep->lock);
	detach_empty_slabs(cachep, &empty);
	spin_unlock_irqrestore(&cachep->lock, flags);
	return destroy_slabs(&empty);
}

unsigned long kmem_cache_shrink_all(void)
{
	struct kmem_cache *cachep;
	LIST_HEAD(empty);
	unsigned long flags;

	flags = spin_lock_irqsave(&cache_chain_lock);
	list_for_each_entry(cachep, &cache_chain, next) {
		unsigned long cflags = spin_lock_irqsave(&cachep->lock);

		detach_empty_slabs(cachep, &empty);
		spin_unlock_irqrestore(&cachep->lock, cflags);
	}
	spin_unlock_irqrestore(&cache_chain_lock, flags);
	return destroy_slabs(&empty);
}

/*
 * kmem_cache_destroy - free an unused cache and its slabs
 * => nobody may allocate from @cachep while it is being destroyed
 */
int kmem_cache_destroy(struct kmem_cache *cachep)
{
	unsigned long flags, in_use;

	BUG_ON(cachep == &cache_cache);
	kmem_cache_shrink(cachep);
	flags = spin_lock_irqsave(&cachep->lock);
	in_use = cachep->num_active;
	spin_unlock_irqrestore(&cachep->lock, flags);
	if (in_use) {
		pr_err("kmem_cache_destroy: %s still has %lu objects in use\n", cachep->name,
		       in_use);
		return -EBUSY;
	}
	flags = spin_lock_irqsave(&cache_chain_lock);
	list_del(&cachep->next);
	spin_unlock_irqrestore(&cache_chain_lock, flags);
	kmem_cache_free(&cache_cache, cachep);
	return 0;
}

/* ---- objects -------------------------------------------------------------- */

/*
 * Take the first free object of a partially used slab, else of an empty
 * one: filling partial slabs first leaves empty ones to give back.
 * => caller holds cachep->lock
 */
static void *alloc_from_slabs(struct kmem_cache *cachep)
{
	struct list_head *list = &cachep->slabs_partial;
	struct page *slab;
	void *objp;

	if (list_empty(list))
		list = &cachep->slabs_free;
	if (list_empty(list))
		return NULL;
	slab = list_first_entry(list, struct page, lru);
	BUG_ON(slab->index == BUFCTL_END || slab->private >= cachep->num);
	objp = index_to_obj(cachep, slab, slab->index);
	debug_obj_check_free(cachep, objp);
	slab->index = *slab_bufctl(cachep, objp);
	slab->private++;
	slab_relink(cachep, slab);
	cachep->num_active++;
	cachep->num_allocations++;
	if (SLAB_DEBUG)
		*obj_redzone(cachep, objp) = RED_ACTIVE;
	return objp;
}

void *kmem_cache_alloc(struct kmem_cache *cachep, gfp_t gfp)
{
	void *objp;

	BUG_ON((gfp & __GFP_DMA) && !(cachep->gfpflags & __GFP_DMA));
	for (;;) {
		unsigned long flags = spin_lock_irqsave(&cachep->lock);

		objp = alloc_from_slabs(cachep);
		spin_unlock_irqrestore(&cachep->lock, flags);
		if (objp)
			break;
		/*
		 * Grow without the lock held. An interrupt may take the new
		 * slab's objects before we retake it: then we grow again.
		 */
		if (cache_grow(cachep, gfp))
			return NULL;
	}
	if (gfp & __GFP_ZERO)
		memset(objp, 0, cachep->objsize);
	return objp;
}

/*
 * Does @cachep hold more free objects than its reserve? The reserve is one
 * slab's worth (Linux's free_limit on one CPU without per-CPU arrays):
 * enough that a cache going back and forth across a slab boundary does
 * not free and grow a slab each time, little enough that memory a burst
 * of allocations took goes back to the buddy allocator as the objects
 * are freed. (lock held)
 */
static bool cache_over_free_limit(const struct kmem_cache *cachep)
{
	return cachep->num_slabs * cachep->num - cachep->num_active > cachep->num;
}

void kmem_cache_free(struct kmem_cache *cachep, void *objp)
{
	struct page *slab = slab_head(cachep, objp);
	unsigned int idx = obj_to_index(cachep, slab, objp);
	unsigned long flags = spin_lock_irqsave(&cachep->lock);

	BUG_ON(slab->private == 0);
	debug_obj_check_active(cachep, objp);
	debug_obj_set_free(cachep, objp);
	*slab_bufctl(cachep, objp) = slab->index;
	slab->index = idx;
	slab->private--;
	slab_relink(cachep, slab);
	cachep->num_active--;
	cachep->num_frees++;
	if (slab->private || !cache_over_free_limit(cachep))
		slab = NULL;
	else
		slab_detach(cachep, slab);
	spin_unlock_irqrestore(&cachep->lock, flags);
	if (slab)
		slab_destroy(cachep, slab);
}

void *kmalloc(size_t size, gfp_t gfp)
{
	struct cache_sizes *cs;

	for (cs = malloc_sizes; cs < malloc_sizes + ARRAY_SIZE(malloc_sizes); cs++) {
		if (size > cs->cs_size)
			continue;
		return kmem_cache_alloc((gfp & __GFP_DMA) ? cs->cs_dmacachep : cs->cs_cachep, gfp);
	}
	if (!(gfp & __GFP_NOWARN))
		pr_warn("kmalloc: %zu bytes is above KMALLOC_MAX_SIZE; use alloc_pages\n", size);
	return NULL;
}

void kfree(const void *objp)
{
	struct page *page;

	if (!objp)
		return;
	page = virt_to_page(objp);
	BUG_ON(page_to_pfn(page) >= max_pfn || !PageSlab(page));
	kmem_cache_free(page->u.slab_cache, (void *)objp);
}

/* ---- statistics ----------------------------------------------------------- */

static const char slabinfo_header[] = "# name            active  total objsize  slabs  pages order"
				      "   allocs    frees  grown reaped\n";

/* snprintf's result as the length actually in a buffer of @len bytes. */
static size_t written(int n, size_t len)
{
	if (n < 0 || !len)
		return 0;
	return min((size_t)n, len - 1);
}

/* One cache's line of slabinfo; returns its length in @buf. */
static size_t slabinfo_line(struct kmem_cache *cachep, char *buf, size_t len)
{
	unsigned long flags = spin_lock_irqsave(&cachep->lock);
	int n = snprintf(buf, len, "%-17s %6lu %6lu %7u %6lu %6lu %5u %8lu %8lu %6lu %6lu\n",
			 cachep->name, cachep->num_active, cachep->num_slabs * cachep->num,
			 cachep->objsize, cachep->num_slabs, cachep->num_slabs << cachep->gfporder,
			 cachep->gfporder, cachep->num_allocations, cachep->num_frees,
			 cachep->grown, cachep->reaped);

	spin_unlock_irqrestore(&cachep->lock, flags);
	return written(n, len);
}

int slabinfo_format(char *buf, size_t len)
{
	size_t pos = written(snprintf(buf, len, "%s", slabinfo_header), len);
	struct kmem_cache *cachep;
	unsigned long flags;

	flags = spin_lock_irqsave(&cache_chain_lock);
	list_for_each_entry(cachep, &cache_chain, next)
		pos += slabinfo_line(cachep, buf + pos, len - pos);
	spin_unlock_irqrestore(&cache_chain_lock, flags);
	return (int)pos;
}

void show_slabinfo(void)
{
	struct kmem_cache *cachep;
	unsigned long flags;
	char line[128];

	printk("%s", slabinfo_header);
	flags = spin_lock_irqsave(&cache_chain_lock);
	list_for_each_entry(cachep, &cache_chain, next) {
		slabinfo_line(cachep, line, sizeof(line));
		printk("%s", line);
	}
	spin_unlock_irqrestore(&cache_chain_lock, flags);
}
