/*
 * Verifiable memory contents for the reclaim tests (t_reclaim_*): every
 * word of a page says which page it is, which word, and which run or
 * writer stored it, so a page that comes back from swap in the wrong
 * place, stale, from another process, or zeroed is caught. And the
 * /proc/vmstat counters the tests report.
 */
#ifndef USER_FILLCHECK_H
#define USER_FILLCHECK_H

#include <utest.h>

#define WORDS_PER_PAGE (PAGE_SIZE / sizeof(u32))

static inline u32 page_word(size_t page, size_t word, u32 seed)
{
	return ((u32)page * 2654435761u) ^ ((u32)word << 20) ^ (u32)word ^ seed;
}

/* Store page @page's contents for @seed at @mem (one page). */
static inline void fill_page(u32 *mem, size_t page, u32 seed)
{
	for (size_t w = 0; w < WORDS_PER_PAGE; w++)
		mem[w] = page_word(page, w, seed);
}

/* Does @mem (one page) hold page @page's contents for @seed? Fails the test if not. */
static inline void check_page(const u32 *mem, size_t page, u32 seed)
{
	for (size_t w = 0; w < WORDS_PER_PAGE; w++)
		if (mem[w] != page_word(page, w, seed))
			fail("page %zu word %zu: read %#x, expected %#x (seed %#x)", page, w,
			     mem[w], page_word(page, w, seed), seed);
}

/* Physical memory (MemTotal) in pages. */
static inline size_t ram_pages(void)
{
	struct sysinfo si;

	if (sysinfo(&si) < 0)
		fail("sysinfo: %s", strerror(errno));
	return (size_t)si.totalram * si.mem_unit / PAGE_SIZE;
}

/* An anonymous private mapping of @pages pages. */
static inline u32 *map_pages(size_t pages)
{
	void *p = mmap(NULL, pages * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);

	if (p == MAP_FAILED)
		fail("mmap %zu pages: %s", pages, strerror(errno));
	return p;
}

static inline u32 *page_at(u32 *area, size_t page)
{
	return area + page * WORDS_PER_PAGE;
}

static inline long vmstat(const char *name)
{
	return proc_field("/proc/vmstat", name);
}

#endif
