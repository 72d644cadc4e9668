/*
 * Self-tests of the slab allocator on the running kernel (mm/slab.c):
 * object reuse, slab lists and statistics, shrinking and destroying,
 * constructors, multi-page slabs, the kmalloc size classes and
 * __GFP_ZERO. Each test creates its own caches and destroys them.
 */
#include <kernel/ktest.h>
#include <mm/slab.h>
#include <lib/string.h>
#include <lib/vsnprintf.h>
#include <uapi/errno.h>

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

static void test_reuse(struct ktest *t)
{
	struct kmem_cache *c = kmem_cache_create("ktest-reuse", 100, 0, 0, NULL);
	void *a, *b;

	KT_ASSERT(t, c);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	KT_ASSERT(t, a);
	kmem_cache_free(c, a);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	KT_EXPECT(t, a == b);
	KT_EXPECT_EQ(t, c->num_allocations, 2);
	KT_EXPECT_EQ(t, c->num_frees, 1);
	KT_EXPECT_EQ(t, c->num_active, 1);
	kmem_cache_free(c, b);
	KT_EXPECT_EQ(t, kmem_cache_destroy(c), 0);
}

/* One slab fills before the next is grown; emptied slabs go back but for a reserve. */
static void test_lists_and_shrink(struct ktest *t)
{
	struct kmem_cache *c = kmem_cache_create("ktest-lists", 500, 0, 0, NULL);
	unsigned long free_before;
	void *objs[32];
	unsigned int n;

	KT_ASSERT(t, c);
	n = c->num + 1;
	KT_ASSERT(t, n <= ARRAY_SIZE(objs));
	free_before = nr_free_pages();
	for (unsigned int i = 0; i < n; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		KT_ASSERT(t, objs[i]);
		KT_EXPECT(t, PageSlab(virt_to_page(objs[i])) && cache_of(objs[i]) == c);
	}
	KT_EXPECT_EQ(t, c->num_slabs, 2);
	KT_EXPECT_EQ(t, list_length(&c->slabs_full), 1);
	KT_EXPECT_EQ(t, list_length(&c->slabs_partial), 1);
	KT_EXPECT_EQ(t, nr_free_pages(), free_before - (2UL << c->gfporder));
	KT_EXPECT_EQ(t, kmem_cache_shrink(c), 0);
	for (unsigned int i = 0; i < n; i++)
		kmem_cache_free(c, objs[i]);
	KT_EXPECT_EQ(t, c->num_active, 0);
	/* The first slab went back as it emptied; the second is the reserve. */
	KT_EXPECT_EQ(t, list_length(&c->slabs_free), 1);
	KT_EXPECT_EQ(t, c->reaped, 1);
	KT_EXPECT_EQ(t, kmem_cache_shrink(c), 1 << c->gfporder);
	KT_EXPECT_EQ(t, nr_free_pages(), free_before);
	KT_EXPECT_EQ(t, kmem_cache_destroy(c), 0);
}

static void test_destroy_busy(struct ktest *t)
{
	struct kmem_cache *c = kmem_cache_create("ktest-busy", 64, 0, 0, NULL);
	void *a;

	KT_ASSERT(t, c);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	KT_EXPECT_EQ(t, kmem_cache_destroy(c), -EBUSY);
	kmem_cache_free(c, a);
	KT_EXPECT_EQ(t, kmem_cache_destroy(c), 0);
}

static unsigned int ctor_calls;

static void ctor_magic(void *obj)
{
	ctor_calls++;
	*(unsigned int *)obj = 0xC0FFEE;
}

static void test_constructor(struct ktest *t)
{
	struct kmem_cache *c;
	unsigned int *a;

	ctor_calls = 0;
	c = kmem_cache_create("ktest-ctor", sizeof(unsigned int), 0, 0, ctor_magic);
	KT_ASSERT(t, c);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	KT_ASSERT(t, a);
	KT_EXPECT_EQ(t, ctor_calls, c->num);
	KT_EXPECT_EQ(t, *a, 0xC0FFEE);
	kmem_cache_free(c, a);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	KT_EXPECT_EQ(t, *a, 0xC0FFEE); /* the free list did not clobber it */
	KT_EXPECT_EQ(t, ctor_calls, c->num);
	kmem_cache_free(c, a);
	KT_EXPECT_EQ(t, kmem_cache_destroy(c), 0);
}

/* Objects in the later pages of a multi-page slab go back through kfree. */
static void test_multi_page_slab(struct ktest *t)
{
	struct kmem_cache *c = kmem_cache_create("ktest-big", 3000, 0, 0, NULL);
	unsigned int in_tail = 0;
	void *objs[8];

	KT_ASSERT(t, c);
	KT_EXPECT(t, c->gfporder > 0);
	for (int i = 0; i < 8; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		KT_ASSERT(t, objs[i]);
		in_tail += page_to_pfn(virt_to_page(objs[i])) % (1UL << c->gfporder) != 0;
	}
	KT_EXPECT(t, in_tail > 0);
	for (int i = 0; i < 8; i++)
		kfree(objs[i]);
	KT_EXPECT_EQ(t, c->num_active, 0);
	KT_EXPECT_EQ(t, kmem_cache_destroy(c), 0);
}

static void test_kmalloc_classes(struct ktest *t)
{
	static const size_t sizes[][2] = { { 1, 16 },	   { 16, 16 },	   { 17, 32 },
					   { 33, 64 },	   { 100, 128 },   { 200, 256 },
					   { 300, 512 },   { 1000, 1024 }, { 2000, 2048 },
					   { 4096, 4096 } };
	char name[24];

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		void *p = kmalloc(sizes[i][0], GFP_KERNEL);
		void *d = kmalloc(sizes[i][0], GFP_KERNEL | GFP_DMA);

		KT_ASSERT(t, p && d);
		snprintf(name, sizeof(name), "size-%zu", sizes[i][1]);
		KT_EXPECT_STREQ(t, cache_of(p)->name, name);
		KT_EXPECT_EQ(t, cache_of(p)->objsize, sizes[i][1]);
		snprintf(name, sizeof(name), "size-%zu(DMA)", sizes[i][1]);
		KT_EXPECT_STREQ(t, cache_of(d)->name, name);
		KT_EXPECT_EQ(t, page_zonenum(virt_to_page(d)), ZONE_DMA);
		memset(p, 0x5a, sizes[i][0]);
		kfree(p);
		kfree(d);
	}
	KT_EXPECT(t, !kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL | __GFP_NOWARN));
	kfree(NULL);
}

static void test_kzalloc(struct ktest *t)
{
	unsigned char *p = kmalloc(300, GFP_KERNEL);
	bool zero = true;

	KT_ASSERT(t, p);
	memset(p, 0xff, 300);
	kfree(p);
	p = kzalloc(300, GFP_KERNEL);
	KT_ASSERT(t, p);
	for (int i = 0; i < 300; i++)
		zero &= p[i] == 0;
	KT_EXPECT(t, zero);
	kfree(p);
}

static void test_slabinfo(struct ktest *t)
{
	static char buf[4096];
	int len = slabinfo_format(buf, sizeof(buf));

	KT_EXPECT_EQ(t, len, strlen(buf));
	KT_EXPECT(t, !strncmp(buf, "# name", 6));
	KT_EXPECT(t, strstr(buf, "\nkmem_cache ") != NULL);
	KT_EXPECT(t, strstr(buf, "\nsize-32 ") != NULL);
}

KTEST_SUITE(slab, KTEST_CASE(test_reuse), KTEST_CASE(test_lists_and_shrink),
	    KTEST_CASE(test_destroy_busy), KTEST_CASE(test_constructor),
	    KTEST_CASE(test_multi_page_slab), KTEST_CASE(test_kmalloc_classes),
	    KTEST_CASE(test_kzalloc), KTEST_CASE(test_slabinfo));
