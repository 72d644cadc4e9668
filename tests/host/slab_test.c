/*
 * Host tests for mm/slab.c over mm/page_alloc.c, both built unchanged on a
 * simulated mem_map under the sanitizers, with and without
 * CONFIG_DEBUG_PAGEALLOC (build/host/slab-debug): object
 * reuse, slab lists and statistics, constructors, alignment, multi-page
 * slabs, shrinking and destroying, the kmalloc size classes, red zones and
 * poisoning, and a randomized kmalloc/kfree run checked for overlaps.
 */
#include "check.h"
#include "buddy_model.h"
#include <mm/slab.h>
#include <uapi/errno.h>

static void boot(void)
{
	host_boot_pc();
	kmem_cache_init();
}

static unsigned long list_length(const struct list_head *head)
{
	const struct list_head *pos;
	unsigned long n = 0;

	list_for_each(pos, head)
		n++;
	return n;
}

static struct kmem_cache *cache_of(const void *objp)
{
	return virt_to_page(objp)->u.slab_cache;
}

TEST(kmalloc_uses_smallest_class_that_fits)
{
	static const struct {
		size_t size, class;
	} cases[] = { { 0, 16 },      { 1, 16 },      { 16, 16 },     { 17, 32 },
		      { 100, 128 },   { 128, 128 },   { 129, 256 },   { 500, 512 },
		      { 1000, 1024 }, { 2048, 2048 }, { 2049, 4096 }, { 4096, 4096 } };
	char name[32];

	boot();
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		void *p = kmalloc(cases[i].size, GFP_KERNEL);
		void *d = kmalloc(cases[i].size, GFP_KERNEL | GFP_DMA);

		CHECK(p && d);
		CHECK_EQ(cache_of(p)->objsize, cases[i].class);
		snprintf(name, sizeof(name), "size-%zu", cases[i].class);
		CHECK(!strcmp(cache_of(p)->name, name));
		snprintf(name, sizeof(name), "size-%zu(DMA)", cases[i].class);
		CHECK(!strcmp(cache_of(d)->name, name));
		CHECK(page_zone(virt_to_page(d)) == zone_of(ZONE_DMA));
		CHECK(page_zone(virt_to_page(p)) == zone_of(ZONE_NORMAL));
		memset(p, 0x5a, cases[i].size);
		kfree(p);
		kfree(d);
	}
	CHECK(!kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL | __GFP_NOWARN));
	kfree(NULL);
}

TEST(freed_object_is_reused_first)
{
	struct kmem_cache *c;
	void *a, *b;

	boot();
	c = kmem_cache_create("reuse", 100, 0, 0, NULL);
	CHECK(c);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, a);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	CHECK(a == b);
	CHECK_EQ(c->num_allocations, 2);
	CHECK_EQ(c->num_frees, 1);
	CHECK_EQ(c->num_active, 1);
	CHECK_EQ(c->num_slabs, 1);
	kmem_cache_free(c, b);
	CHECK_EQ(kmem_cache_destroy(c), 0);
}

/* Objects fill a slab before the next is grown; lists and counters follow. */
TEST(slab_lists_and_statistics)
{
	unsigned long free_before;
	struct kmem_cache *c;
	void **objs;
	size_t n;

	boot();
	c = kmem_cache_create("lists", 200, 0, 0, NULL);
	CHECK(c && c->num > 1 && c->size >= 200);
	free_before = nr_free_pages();
	n = 3 * c->num + 1;
	objs = calloc(n, sizeof(*objs));
	for (size_t i = 0; i < n; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		CHECK(objs[i]);
		CHECK(PageSlab(virt_to_page(objs[i])) && cache_of(objs[i]) == c);
		memset(objs[i], (int)i, 200);
	}
	CHECK_EQ(c->num_slabs, 4);
	CHECK_EQ(c->grown, 4);
	CHECK_EQ(list_length(&c->slabs_full), 3);
	CHECK_EQ(list_length(&c->slabs_partial), 1);
	CHECK_EQ(list_length(&c->slabs_free), 0);
	CHECK_EQ(c->num_active, n);
	CHECK_EQ(nr_free_pages(), free_before - (4UL << c->gfporder));
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < 200; j++)
			CHECK_EQ(((unsigned char *)objs[i])[j], (unsigned char)i);
		kmem_cache_free(c, objs[i]);
	}
	free(objs);
	CHECK_EQ(c->num_active, 0);
	/* Emptied slabs went back as they emptied, but for one slab's worth. */
	CHECK_EQ(list_length(&c->slabs_free), 1);
	CHECK_EQ(c->num_slabs, 1);
	CHECK_EQ(c->reaped, 3);
	CHECK_EQ(nr_free_pages(), free_before - (1UL << c->gfporder));
	CHECK_EQ(kmem_cache_shrink(c), 1 << c->gfporder);
	CHECK_EQ(c->num_slabs, 0);
	CHECK_EQ(c->reaped, 4);
	CHECK_EQ(nr_free_pages(), free_before);
	CHECK_EQ(kmem_cache_destroy(c), 0);
}

/* A burst of allocations is given back as it is freed, in any order. */
TEST(burst_is_given_back_as_it_is_freed)
{
	enum { N = 2000 };
	unsigned long free_before;
	struct kmem_cache *c;
	static void *objs[N];

	boot();
	c = kmem_cache_create("burst", 48, 0, 0, NULL);
	free_before = nr_free_pages();
	for (int i = 0; i < N; i++)
		CHECK(objs[i] = kmem_cache_alloc(c, GFP_KERNEL));
	CHECK(c->num_slabs >= N / c->num);
	/* Free every other object first: no slab empties, none may go. */
	for (int i = 0; i < N; i += 2)
		kmem_cache_free(c, objs[i]);
	CHECK_EQ(c->reaped, 0);
	for (int i = 1; i < N; i += 2)
		kmem_cache_free(c, objs[i]);
	CHECK_EQ(c->num_active, 0);
	CHECK(c->num_slabs <= 1);
	CHECK(nr_free_pages() >= free_before - (1UL << c->gfporder));
	CHECK_EQ(verify_free_areas(), nr_free_pages());
	CHECK_EQ(kmem_cache_destroy(c), 0);
}

/* Allocating and freeing across a slab boundary keeps the one empty slab. */
TEST(slab_boundary_does_not_thrash)
{
	struct kmem_cache *c;
	void **objs;

	boot();
	c = kmem_cache_create("boundary", 200, 0, 0, NULL);
	objs = calloc(c->num, sizeof(*objs));
	for (unsigned int i = 0; i < c->num; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	CHECK_EQ(c->num_slabs, 1);
	for (int round = 0; round < 100; round++) {
		void *p = kmem_cache_alloc(c, GFP_KERNEL);

		CHECK(p);
		kmem_cache_free(c, p);
	}
	CHECK_EQ(c->grown, 2);
	CHECK_EQ(c->reaped, 0);
	for (unsigned int i = 0; i < c->num; i++)
		kmem_cache_free(c, objs[i]);
	free(objs);
	CHECK_EQ(c->num_slabs, 1); /* two empty slabs: one goes, one is the reserve */
	CHECK_EQ(c->reaped, 1);
	CHECK_EQ(kmem_cache_destroy(c), 0);
}

/* kmem_cache_shrink_all takes back the reserve of every cache. */
TEST(shrink_all_empties_every_cache)
{
	struct kmem_cache *a, *b;
	unsigned long free_before;
	void *p, *q, *keep;

	boot();
	kmem_cache_shrink_all();
	free_before = nr_free_pages();
	a = kmem_cache_create("all-a", 100, 0, 0, NULL);
	b = kmem_cache_create("all-b", 3000, 0, 0, NULL);
	p = kmem_cache_alloc(a, GFP_KERNEL);
	q = kmem_cache_alloc(b, GFP_KERNEL);
	keep = kmem_cache_alloc(a, GFP_KERNEL);
	kmem_cache_free(b, q);
	kmem_cache_free(a, p);
	CHECK_EQ(b->num_slabs, 1); /* the reserve */
	CHECK_EQ(kmem_cache_shrink_all(), 1UL << b->gfporder);
	CHECK_EQ(a->num_slabs, 1); /* still holds @keep */
	CHECK_EQ(b->num_slabs, 0);
	kmem_cache_free(a, keep);
	CHECK_EQ(kmem_cache_destroy(a), 0);
	CHECK_EQ(kmem_cache_destroy(b), 0);
	kmem_cache_shrink_all();
	CHECK_EQ(nr_free_pages(), free_before);
}

TEST(shrink_keeps_slabs_in_use)
{
	struct kmem_cache *c;
	void *a, *b;

	boot();
	c = kmem_cache_create("shrink", 64, 0, 0, NULL);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	CHECK_EQ(kmem_cache_shrink(c), 0);
	CHECK_EQ(c->num_slabs, 1);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	CHECK(b != a);
	kmem_cache_free(c, a);
	kmem_cache_free(c, b);
	CHECK_EQ(kmem_cache_shrink(c), 1);
	CHECK_EQ(kmem_cache_destroy(c), 0);
}

TEST(destroy_refuses_a_cache_in_use)
{
	unsigned long free_before;
	struct kmem_cache *c;
	void *a;

	boot();
	free_before = nr_free_pages();
	c = kmem_cache_create("busy", 512, 0, 0, NULL);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	host_quiet_printk = 1;
	CHECK_EQ(kmem_cache_destroy(c), -EBUSY);
	host_quiet_printk = 0;
	kmem_cache_free(c, a);
	CHECK_EQ(kmem_cache_destroy(c), 0);
	/* The descriptor went back to cache_cache, whose slab stays. */
	CHECK(nr_free_pages() >= free_before - 1);
}

static int ctor_calls;

static void ctor_magic(void *obj)
{
	unsigned int *p = obj;

	ctor_calls++;
	p[0] = 0xC0FFEE;
	p[1] = 0;
}

/* Constructed once per object per slab; free objects keep their state. */
TEST(constructor_state_survives_free)
{
	struct kmem_cache *c;
	unsigned int *a, *b;

	boot();
	ctor_calls = 0;
	c = kmem_cache_create("ctor", 2 * sizeof(unsigned int), 0, 0, ctor_magic);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	CHECK_EQ(ctor_calls, c->num);
	CHECK_EQ(a[0], 0xC0FFEE);
	a[1] = 7; /* state the user changed, and must restore before freeing */
	a[1] = 0;
	kmem_cache_free(c, a);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	CHECK(a == b);
	CHECK_EQ(b[0], 0xC0FFEE);
	CHECK_EQ(ctor_calls, c->num);
	kmem_cache_free(c, b);
	CHECK_EQ(kmem_cache_destroy(c), 0);
}

TEST(alignment_is_honoured)
{
	struct kmem_cache *a64, *hw;

	boot();
	a64 = kmem_cache_create("align64", 40, 64, 0, NULL);
	hw = kmem_cache_create("hwalign", 20, 0, SLAB_HWCACHE_ALIGN, NULL);
	CHECK(a64 && hw);
	for (int i = 0; i < 200; i++) {
		CHECK_EQ((uintptr_t)kmem_cache_alloc(a64, GFP_KERNEL) % 64, 0);
		CHECK_EQ((uintptr_t)kmem_cache_alloc(hw, GFP_KERNEL) % 32, 0);
	}
}

TEST(bad_arguments_are_refused)
{
	boot();
	host_quiet_printk = 1;
	CHECK(!kmem_cache_create("zero", 0, 0, 0, NULL));
	CHECK(!kmem_cache_create("align3", 32, 3, 0, NULL));
	CHECK(!kmem_cache_create("align8k", 32, 2 * PAGE_SIZE, 0, NULL));
	CHECK(!kmem_cache_create("flags", 32, 0, 0x1, NULL));
	CHECK(!kmem_cache_create("huge", 64 * PAGE_SIZE, 0, 0, NULL));
	CHECK(!kmem_cache_create(NULL, 32, 0, 0, NULL));
	host_quiet_printk = 0;
}

/* Objects of a multi-page slab lie in its later pages too; kfree finds them. */
TEST(multi_page_slabs)
{
	struct kmem_cache *c;
	void *objs[16];
	int in_tail = 0;

	boot();
	c = kmem_cache_create("big", 3000, 0, 0, NULL);
	CHECK(c && c->gfporder > 0);
	for (int i = 0; i < 16; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		CHECK(objs[i]);
		in_tail += page_to_pfn(virt_to_page(objs[i])) % (1UL << c->gfporder) != 0;
		memset(objs[i], 0xee, 3000);
	}
	CHECK(in_tail > 0);
	for (int i = 0; i < 16; i++)
		kfree(objs[i]);
	CHECK_EQ(c->num_active, 0);
	CHECK_EQ(kmem_cache_destroy(c), 0);
	CHECK_EQ(verify_free_areas(), nr_free_pages());
}

TEST(dma_cache_takes_dma_pages_only)
{
	struct kmem_cache *dma, *normal;
	void *p;

	boot();
	dma = kmem_cache_create("dma", 128, 0, SLAB_CACHE_DMA, NULL);
	normal = kmem_cache_create("normal", 128, 0, 0, NULL);
	p = kmem_cache_alloc(dma, GFP_KERNEL | GFP_DMA);
	CHECK(p && page_zone(virt_to_page(p)) == zone_of(ZONE_DMA));
	CHECK_BUG(kmem_cache_alloc(normal, GFP_KERNEL | GFP_DMA));
}

TEST(kzalloc_and_gfp_zero)
{
	unsigned char *p;

	boot();
	p = kmalloc(300, GFP_KERNEL);
	memset(p, 0xff, 300);
	kfree(p);
	p = kzalloc(300, GFP_KERNEL);
	CHECK(p);
	for (int i = 0; i < 300; i++)
		CHECK_EQ(p[i], 0);
	kfree(p);
}

/* With the buddy allocator dry, a cache without free objects fails cleanly. */
TEST(allocation_fails_cleanly_when_memory_is_out)
{
	struct kmem_cache *c;
	struct model m;
	size_t before;
	void *p;

	boot();
	model_init(&m);
	for (int order = MAX_ORDER - 1; order >= 0; order--) {
		do {
			before = m.nr_blocks;
			CHECK(model_alloc(&m, GFP_ATOMIC, order));
		} while (m.nr_blocks > before);
	}
	CHECK(!kmalloc(1024, GFP_ATOMIC | __GFP_NOWARN));
	CHECK(model_free(&m, 0));
	p = kmalloc(1024, GFP_KERNEL);
	CHECK(p);
	c = cache_of(p);
	kfree(p);
	CHECK_EQ(kmem_cache_shrink(c), 1 << c->gfporder);
	CHECK(model_free_all(&m));
	model_destroy(&m);
}

TEST(kfree_of_a_page_not_from_slab_is_a_bug)
{
	struct page *page;

	boot();
	page = alloc_page(GFP_KERNEL);
	CHECK_BUG(kfree(page_address(page)));
}

#ifdef CONFIG_DEBUG_PAGEALLOC
TEST(double_free_is_caught)
{
	void *p, *other;

	boot();
	p = kmalloc(64, GFP_KERNEL);
	other = kmalloc(64, GFP_KERNEL); /* so the slab still has an object in use */
	CHECK(other && virt_to_page(other) == virt_to_page(p));
	kfree(p);
	host_quiet_printk = 1;
	CHECK_BUG(kfree(p));
	host_quiet_printk = 0;
}

TEST(write_after_free_is_caught)
{
	char *p;

	boot();
	p = kmalloc(64, GFP_KERNEL);
	kfree(p);
	p[10] = 1;
	host_quiet_printk = 1;
	CHECK_BUG(kmalloc(64, GFP_KERNEL));
	host_quiet_printk = 0;
}

TEST(overrun_into_red_zone_is_caught)
{
	char *p;

	boot();
	p = kmalloc(64, GFP_KERNEL);
	memset(p, 0, 64 + sizeof(unsigned long));
	host_quiet_printk = 1;
	CHECK_BUG(kfree(p));
	host_quiet_printk = 0;
}
#endif

TEST(slabinfo_lists_every_cache)
{
	char buf[8192];
	struct kmem_cache *c;
	int len;
	void *p;

	boot();
	c = kmem_cache_create("tcache", 100, 0, 0, NULL);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	len = slabinfo_format(buf, sizeof(buf));
	CHECK_EQ(len, strlen(buf));
	CHECK(!strncmp(buf, "# name", 6));
	CHECK(strstr(buf, "\nkmem_cache "));
	CHECK(strstr(buf, "\nsize-4096(DMA) "));
	CHECK(strstr(buf, "\ntcache                 1 "));
	CHECK_EQ(slabinfo_format(buf, 8), 7);
	CHECK_EQ(strlen(buf), 7);
	host_quiet_printk = 1;
	show_slabinfo();
	host_quiet_printk = 0;
	kmem_cache_free(c, p);
}

static unsigned long long rng_state;

static unsigned long rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned long)(rng_state >> 11);
}

/*
 * Random kmalloc/kfree: each live object is filled with its own byte and
 * checked before it is freed, so two objects sharing memory show up; the
 * caches' counters must add up to the objects held.
 */
TEST(random_kmalloc_kfree)
{
	enum { SLOTS = 512 };
	static struct {
		unsigned char *p;
		size_t size;
	} live[SLOTS];
	unsigned long held = 0, free_before;

	boot();
	rng_state = 0x1234567;
	free_before = nr_free_pages();
	for (int step = 0; step < 20000; step++) {
		int i = rnd() % SLOTS;

		if (live[i].p) {
			for (size_t j = 0; j < live[i].size; j++)
				CHECK_EQ(live[i].p[j], (unsigned char)i);
			kfree(live[i].p);
			live[i].p = NULL;
			held--;
		} else {
			live[i].size = rnd() % 100 < 90 ? rnd() % 300 + 1 : rnd() % 4096 + 1;
			live[i].p = kmalloc(live[i].size, rnd() % 4 ? GFP_KERNEL : GFP_ATOMIC);
			CHECK(live[i].p);
			memset(live[i].p, i, live[i].size);
			held++;
		}
	}
	for (int i = 0; i < SLOTS; i++)
		if (live[i].p)
			kfree(live[i].p), held--;
	CHECK_EQ(held, 0);
	CHECK_EQ(verify_free_areas(), nr_free_pages());
	/* Shrinking the size caches gives back all they grew. */
	for (size_t size = 16; size <= KMALLOC_MAX_SIZE; size *= 2) {
		void *p = kmalloc(size, GFP_KERNEL);
		struct kmem_cache *c = cache_of(p);

		kfree(p);
		CHECK_EQ(c->num_active, 0);
		CHECK_EQ(c->num_allocations, c->num_frees);
		kmem_cache_shrink(c);
	}
	CHECK_EQ(nr_free_pages(), free_before);
}
