/*
 * t_libc: libc-lite itself. malloc keeps blocks apart and merges freed
 * neighbours (after freeing everything, one block as large as all of them
 * fits without growing the heap); realloc keeps contents, calloc zeroes;
 * strtol, snprintf, strerror and the signal and status names give what the
 * programs rely on. Runs on any Linux i386 kernel too, which checks the
 * library apart from our kernel.
 */
#include <utest.h>

#define NBLOCKS 64

static size_t block_size(int i)
{
	return 1 + (i * 37) % 700;
}

static void check_block(const char *what, const unsigned char *p, size_t n, int seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != (unsigned char)(seed + i))
			fail("%s: block %d byte %zu overwritten", what, seed, i);
}

static void malloc_blocks(void)
{
	unsigned char *blocks[NBLOCKS], *lowest = NULL;
	size_t total = 0, k, whole;
	char *heap_end;
	int i;

	for (i = 0; i < NBLOCKS; i++) {
		blocks[i] = malloc(block_size(i));
		if (!blocks[i] || ((uintptr_t)blocks[i] & 7))
			fail("malloc(%zu) returned %p", block_size(i), (void *)blocks[i]);
		for (k = 0; k < block_size(i); k++)
			blocks[i][k] = i + k;
		total += block_size(i);
		if (!lowest || blocks[i] < lowest)
			lowest = blocks[i];
	}
	heap_end = sbrk(0);
	for (i = 0; i < NBLOCKS; i += 2)
		free(blocks[i]);
	for (i = 1; i < NBLOCKS; i += 2)
		check_block("after freeing the even blocks", blocks[i], block_size(i), i);
	for (i = 1; i < NBLOCKS; i += 2)
		free(blocks[i]);
	/* Everything from the lowest block's 8-byte header to the break is one free block now. */
	whole = heap_end - (char *)lowest;
	free(malloc(whole));
	if (sbrk(0) != heap_end)
		fail("freed blocks were not merged: malloc(%zu) grew the heap", whole);
	printf("t_libc: malloc/free of %d blocks, %zu bytes, merged on free\n", NBLOCKS, total);
}

static void realloc_calloc(void)
{
	unsigned char *p = malloc(100), *z;
	int i;

	for (i = 0; i < 100; i++)
		p[i] = i;
	p = realloc(p, 5000);
	if (!p)
		fail("realloc to 5000 bytes failed");
	check_block("realloc", p, 100, 0);
	z = calloc(300, 10);
	for (i = 0; i < 3000; i++)
		if (!z || z[i])
			fail("calloc: byte %d not zero", i);
	if (calloc(0x10000, 0x10000) || errno != ENOMEM)
		fail("calloc with an overflowing size succeeded");
	free(p);
	free(z);
	printf("t_libc: realloc keeps contents, calloc zeroes\n");
}

static void expect_str(const char *what, const char *got, const char *want)
{
	if (strcmp(got, want))
		fail("%s gave \"%s\", expected \"%s\"", what, got, want);
}

static void expect_long(const char *what, long got, long want)
{
	if (got != want)
		fail("%s gave %ld, expected %ld", what, got, want);
}

static void strings(void)
{
	char buf[64], *end;

	expect_long("strtol(\" -42\")", strtol(" -42", NULL, 10), -42);
	expect_long("strtol(\"0x1f\", 0)", strtol("0x1f", NULL, 0), 31);
	expect_long("strtol(\"12abc\")", strtol("12abc", &end, 10), 12);
	expect_str("strtol(\"12abc\") end", end, "abc");
	strtol("abc", &end, 10);
	expect_str("strtol(\"abc\") end", end, "abc");
	expect_long("atoi(\"+7\")", atoi("+7"), 7);
	snprintf(buf, sizeof(buf), "%d %s %#x %llu", -5, "s", 255, 1ULL << 40);
	expect_str("snprintf", buf, "-5 s 0xff 1099511627776");
	expect_str("strerror(ENOENT)", strerror(ENOENT), "No such file or directory");
	expect_str("strerror(9999)", strerror(9999), "Unknown error 9999");
	expect_long("signal_number(\"SEGV\")", signal_number("SEGV"), SIGSEGV);
	expect_long("signal_number(\"SIGKILL\")", signal_number("SIGKILL"), SIGKILL);
	expect_long("signal_number(\"15\")", signal_number("15"), 15);
	expect_long("signal_number(\"bogus\")", signal_number("bogus"), -1);
	expect_str("signal_name(11)", signal_name(11), "SIGSEGV");
	describe_status(SIGSEGV, buf, sizeof(buf));
	expect_str("describe_status(11)", buf, "killed by signal 11 (SIGSEGV)");
	describe_status(3 << 8, buf, sizeof(buf));
	expect_str("describe_status(3 << 8)", buf, "exit 3");
	expect_long("close(-1)", close(-1), -1);
	expect_long("errno after close(-1)", errno, EBADF);
	printf("t_libc: strtol, snprintf, strerror, signal names, errno\n");
}

int main(void)
{
	malloc_blocks();
	realloc_calloc();
	strings();
	pass();
}
