/*
 * Self-tests of the formatting that printk, /proc and the tests rely on
 * (lib/vsnprintf.c: snprintf, memparse, simple_strtol) and of the small
 * string helpers (lib/string.c), run in the kernel they are linked into.
 * They live here rather than beside the code because lib/ depends on
 * nothing, and the self-test framework is the kernel's.
 */
#include <kernel/ktest.h>
#include <lib/vsnprintf.h>
#include <lib/string.h>

static char buf[128];
static const char *volatile null_string;

#define EXPECT_FMT(t, want, ...)                                                                   \
	do {                                                                                       \
		snprintf(buf, sizeof(buf), __VA_ARGS__);                                           \
		KT_EXPECT_STREQ(t, buf, want);                                                     \
	} while (0)

static void test_integers(struct ktest *t)
{
	EXPECT_FMT(t, "42 -42 0", "%d %i %u", 42, -42, 0);
	EXPECT_FMT(t, "[   42|42   |00042]", "[%5d|%-5d|%05d]", 42, 42, 42);
	EXPECT_FMT(t, "-0042 +7  7", "%05d %+d % d", -42, 7, 7);
	EXPECT_FMT(t, "ff FF 0xff 377", "%x %X %#x %o", 255, 255, 255, 255);
	EXPECT_FMT(t, "-2147483648 4294967295", "%d %u", (int)0x80000000, 0xFFFFFFFFu);
	EXPECT_FMT(t, "18446744073709551615 -9223372036854775808", "%llu %lld", ~0ULL,
		   (long long)(1ULL << 63));
	EXPECT_FMT(t, "123456789abcdef0", "%llx", 0x123456789abcdef0ULL);
	EXPECT_FMT(t, "4096 -1 65535", "%zu %ld %hu", (size_t)4096, -1L, 0xFFFFFu);
	EXPECT_FMT(t, "0042", "%.4d", 42);
}

static void test_strings_and_chars(struct ktest *t)
{
	EXPECT_FMT(t, "abc|  abc|abc  |ab", "%s|%5s|%-5s|%.2s", "abc", "abc", "abc", "abc");
	EXPECT_FMT(t, "(null)", "%s", null_string);
	EXPECT_FMT(t, "x%y", "%c%%%c", 'x', 'y');
	EXPECT_FMT(t, "0xc0100000", "%p", (void *)0xC0100000);
	EXPECT_FMT(t, "[  7]", "[%*d]", 3, 7);
}

static void test_truncation(struct ktest *t)
{
	char small[8];

	KT_EXPECT_EQ(t, snprintf(small, sizeof(small), "%s", "0123456789"), 10);
	KT_EXPECT_STREQ(t, small, "0123456");
	KT_EXPECT_EQ(t, snprintf(NULL, 0, "%d", 12345), 5);
}

static void test_number_parsing(struct ktest *t)
{
	const char *end;

	KT_EXPECT_EQ(t, memparse("64M", &end), 64ULL << 20);
	KT_EXPECT_EQ(t, *end, 0);
	KT_EXPECT_EQ(t, memparse("512k", NULL), 512ULL << 10);
	KT_EXPECT_EQ(t, memparse("1G", NULL), 1ULL << 30);
	KT_EXPECT_EQ(t, memparse("0x1000", NULL), 4096);
	KT_EXPECT_EQ(t, memparse("x", &end), (unsigned long long)-1);
	KT_EXPECT_EQ(t, simple_strtol("-123z", &end, 10), -123);
	KT_EXPECT_EQ(t, *end, 'z');
}

static void test_string_helpers(struct ktest *t)
{
	char d[6];

	KT_EXPECT_EQ(t, strlcpy(d, "abcdefgh", sizeof(d)), 8);
	KT_EXPECT_STREQ(t, d, "abcde");
	KT_EXPECT(t, glob_match("swap*", "swapfile"));
	KT_EXPECT(t, glob_match("*map?", "swapmaps"));
	KT_EXPECT(t, !glob_match("swap*", "buddy"));
	KT_EXPECT(t, glob_match("*", ""));
	KT_EXPECT(t, strstr("hello world", "o w") != NULL);
	KT_EXPECT(t, memcmp("abc", "abd", 3) < 0);
	memmove(d + 1, d, 4);
	KT_EXPECT_STREQ(t, d, "aabcd");
}

KTEST_SUITE(printk_format, KTEST_CASE(test_integers), KTEST_CASE(test_strings_and_chars),
	    KTEST_CASE(test_truncation), KTEST_CASE(test_number_parsing),
	    KTEST_CASE(test_string_helpers));
