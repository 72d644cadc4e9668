/*
 * struct page: one descriptor per physical page frame, in mem_map[]
 * (Gorman ch. 2, on pages; Mauerer §3.2). The same 32 bytes serve
 * every state a frame can be in; which fields mean what depends on the
 * flags:
 *
 *   state            lru links           private            u            index
 *   free (PG_buddy)  free_area list      buddy order        -            -
 *   anon/LRU page    zone LRU list       swp_entry_t.val    rmap chain   RLIMIT_RSS state
 *                                        (PG_swapcache)     or pte
 *   slab page        cache's slab list   objects in use     kmem_cache   first free obj
 *   page table       -                   -                  mm_struct    first address
 *
 * Locking: flags bits are changed with single instructions (atomic on our
 * uniprocessor against interrupts); the lists a page is on are protected
 * by the lock of the list's owner (zone->lock, zone->lru_lock, cache lock).
 */
#ifndef MM_PAGE_H
#define MM_PAGE_H

#include <lib/types.h>
#include <lib/list.h>
#include <lib/bitops.h>
#include <kernel/bug.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PAGE_ALIGN(x)	(((x) + PAGE_SIZE - 1) & PAGE_MASK)

/* Largest block the buddy allocator hands out is 2^(MAX_ORDER-1) pages. */
#define MAX_ORDER	11

enum pageflags {
	PG_locked,	/* I/O or a state change in progress; sleepers wait on it */
	PG_error,	/* the last I/O on this page failed */
	PG_referenced,	/* recently used: second chance before deactivation */
	PG_uptodate,	/* contents are valid (a swap read completed) */
	PG_dirty,	/* contents differ from the copy on swap */
	PG_lru,		/* on a zone's active or inactive list */
	PG_active,	/* on the active list (only with PG_lru) */
	PG_slab,	/* owned by the slab allocator */
	PG_reserved,	/* never allocated: kernel image, BIOS, the zero page */
	PG_writeback,	/* a swap write of this page is in flight */
	PG_swapcache,	/* in the swap cache; private holds its swp_entry_t */
	PG_buddy,	/* free and the head of a buddy block; private = order */
	PG_direct,	/* rmap: u.pte_direct is the single mapping PTE */
	PG_anon,	/* anonymous memory of a process */
	PG_reclaim,	/* written back by reclaim: free it when the write ends */
	PG_pagetable,	/* a page table; u.mm and index say whose and where */
	PG_mlocked,	/* mapped in a VM_LOCKED region: kept off the LRU lists */
	PG_readahead,	/* read by swap readahead, not yet asked for */
	PG_zone_shift = 30, /* bits 30-31: zone index (see page_zone) */
};

typedef u32 pte_t;
struct pte_chain;
struct kmem_cache;
struct mm_struct;

struct page {
	unsigned long flags;
	int _count;		/* references; 0 means free */
	int _mapcount;		/* PTEs mapping the page, minus one (-1: unmapped) */
	unsigned long private;
	struct list_head lru;
	union {
		struct pte_chain *chain;	/* rmap, PG_direct clear */
		pte_t *pte_direct;		/* rmap, PG_direct set */
		struct kmem_cache *slab_cache;	/* PG_slab */
		struct mm_struct *mm;		/* PG_pagetable */
	} u;
	unsigned long index;
};

#ifndef HOST_TEST
_Static_assert(sizeof(struct page) == 32, "struct page must stay 32 bytes on i386");
#endif

#define PAGEFLAG(name, bit)                                                                        \
	static inline bool Page##name(const struct page *p)                                        \
	{                                                                                          \
		return test_bit(bit, &p->flags);                                                   \
	}                                                                                          \
	static inline void SetPage##name(struct page *p)                                           \
	{                                                                                          \
		set_bit(bit, &p->flags);                                                           \
	}                                                                                          \
	static inline void ClearPage##name(struct page *p)                                         \
	{                                                                                          \
		clear_bit(bit, &p->flags);                                                         \
	}                                                                                          \
	static inline bool TestSetPage##name(struct page *p)                                       \
	{                                                                                          \
		return test_and_set_bit(bit, &p->flags);                                           \
	}                                                                                          \
	static inline bool TestClearPage##name(struct page *p)                                     \
	{                                                                                          \
		return test_and_clear_bit(bit, &p->flags);                                         \
	}

PAGEFLAG(Locked, PG_locked)
PAGEFLAG(Error, PG_error)
PAGEFLAG(Referenced, PG_referenced)
PAGEFLAG(Uptodate, PG_uptodate)
PAGEFLAG(Dirty, PG_dirty)
PAGEFLAG(LRU, PG_lru)
PAGEFLAG(Active, PG_active)
PAGEFLAG(Slab, PG_slab)
PAGEFLAG(Reserved, PG_reserved)
PAGEFLAG(Writeback, PG_writeback)
PAGEFLAG(SwapCache, PG_swapcache)
PAGEFLAG(Buddy, PG_buddy)
PAGEFLAG(Direct, PG_direct)
PAGEFLAG(Anon, PG_anon)
PAGEFLAG(Reclaim, PG_reclaim)
PAGEFLAG(PageTable, PG_pagetable)
PAGEFLAG(Mlocked, PG_mlocked)
PAGEFLAG(Readahead, PG_readahead)

/* The frame table and the physical range it covers. */
extern struct page *mem_map;
extern unsigned long max_pfn;

#ifdef HOST_TEST
/* Host tests back "physical memory" with a malloc'd arena. */
extern char *host_phys_base;
#define PAGE_OFFSET ((uintptr_t)host_phys_base)
#else
/* The kernel maps all low physical memory at 3 GiB (Linux's 3G/1G split). */
#define PAGE_OFFSET 0xC0000000UL
#endif

#define __pa(v) ((uintptr_t)(v) - PAGE_OFFSET)
#define __va(p) ((void *)((uintptr_t)(p) + PAGE_OFFSET))

static inline unsigned long page_to_pfn(const struct page *page)
{
	return (unsigned long)(page - mem_map);
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + pfn;
}

static inline void *page_address(const struct page *page)
{
	return __va(page_to_pfn(page) << PAGE_SHIFT);
}

static inline struct page *virt_to_page(const void *addr)
{
	return pfn_to_page(__pa(addr) >> PAGE_SHIFT);
}

static inline int page_count(const struct page *page)
{
	return page->_count;
}

static inline void get_page(struct page *page)
{
	BUG_ON(page->_count <= 0);
	page->_count++;
}

static inline void set_page_count(struct page *page, int v)
{
	page->_count = v;
}

/* Drop a reference; true when it was the last one (the caller frees). */
static inline bool put_page_testzero(struct page *page)
{
	BUG_ON(page->_count <= 0);
	return --page->_count == 0;
}

static inline int page_mapcount(const struct page *page)
{
	return page->_mapcount + 1;
}

static inline bool page_mapped(const struct page *page)
{
	return page->_mapcount >= 0;
}

static inline int page_zonenum(const struct page *page)
{
	return (int)(page->flags >> PG_zone_shift);
}

static inline void set_page_zonenum(struct page *page, int zone)
{
	page->flags = (page->flags & ((1UL << PG_zone_shift) - 1)) |
		      ((unsigned long)zone << PG_zone_shift);
}

#endif
