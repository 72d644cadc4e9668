/*
 * t_swap_pageout [MULTIPLE]: fill MULTIPLE (default 4) times the free
 * memory with a verifiable pattern, a chunk at a time, pushing each chunk
 * out to swap with madvise(MADV_PAGEOUT) — the same path reclaim uses —
 * then read everything back and check every word. Memory never holds more
 * than a chunk of it, so without swap this cannot work; reading back must
 * cost major faults (swap-ins).
 */
#include <utest.h>

#define CHUNK (1024 * 1024)

static unsigned long pattern(unsigned long page, unsigned long word)
{
	return (page * 2654435761UL) ^ (word << 20) ^ 0x5A5A0000UL ^ word;
}

static long majflt(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru) < 0)
		fail("getrusage: %s", strerror(errno));
	return ru.ru_majflt;
}

static void fill(unsigned long *base, size_t chunk_no)
{
	size_t first = chunk_no * (CHUNK / 4096);

	for (size_t p = 0; p < CHUNK / 4096; p++)
		for (size_t w = 0; w < 1024; w++)
			base[p * 1024 + w] = pattern(first + p, w);
}

static void verify(const unsigned long *base, size_t chunk_no)
{
	size_t first = chunk_no * (CHUNK / 4096);

	for (size_t p = 0; p < CHUNK / 4096; p++)
		for (size_t w = 0; w < 1024; w++)
			if (base[p * 1024 + w] != pattern(first + p, w))
				fail("page %zu word %zu: %#lx, expected %#lx", first + p, w,
				     base[p * 1024 + w], pattern(first + p, w));
}

static void page_out(void *chunk)
{
	if (madvise(chunk, CHUNK, MADV_PAGEOUT) < 0)
		fail("madvise(MADV_PAGEOUT): %s", strerror(errno));
}

int main(int argc, char **argv)
{
	int multiple = argc > 1 ? atoi(argv[1]) : 4;
	struct sysinfo si;
	size_t total, chunks;
	char *area;
	long before;

	if (sysinfo(&si) < 0)
		fail("sysinfo: %s", strerror(errno));
	total = (size_t)multiple * si.freeram * si.mem_unit;
	chunks = total / CHUNK;
	area = mmap(NULL, chunks * CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (area == MAP_FAILED)
		fail("mmap %zu MiB: %s", chunks, strerror(errno));
	printf("t_swap_pageout: %zu MiB = %d x %lu MiB free\n", chunks, multiple,
	       si.freeram * si.mem_unit >> 20);
	for (size_t c = 0; c < chunks; c++) {
		fill((unsigned long *)(area + c * CHUNK), c);
		page_out(area + c * CHUNK);
	}
	before = majflt();
	for (size_t c = 0; c < chunks; c++) {
		verify((unsigned long *)(area + c * CHUNK), c);
		page_out(area + c * CHUNK);
	}
	printf("t_swap_pageout: %zu MiB verified, %ld major faults reading back\n", chunks,
	       majflt() - before);
	if (majflt() - before < (long)(chunks * CHUNK / 4096 / 16))
		fail("too few major faults: the data was not read from swap");
	pass();
}
