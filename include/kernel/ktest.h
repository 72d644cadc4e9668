/*
 * In-kernel self-tests, reported in KTAP version 1 over the serial console.
 *
 * A subsystem registers a suite next to its code:
 *
 *	static void test_split(struct ktest *t) { KT_EXPECT_EQ(t, 1 + 1, 2); }
 *	KTEST_SUITE(buddy, KTEST_CASE(test_split), KTEST_CASE(...));
 *
 * The suite lands in the .ktest_suites linker section, so no central list
 * exists. Boot parameter "test" runs every suite not marked KTEST_EXPLICIT;
 * "test=GLOB[,GLOB...]" runs the suites whose names match (explicit ones
 * only when a pattern names them without wildcards). Results: see ktest.c.
 */
#ifndef KERNEL_KTEST_H
#define KERNEL_KTEST_H

#include <lib/compiler.h>
#include <lib/string.h>

struct ktest {
	const char *name;
	int failed;
	const char *skip_reason;
};

struct ktest_case {
	const char *name;
	void (*run)(struct ktest *t);
};

#define KTEST_EXPLICIT 1	/* only run when named: benchmarks, harness self-checks */

struct ktest_suite {
	const char *name;
	const struct ktest_case *cases;
	unsigned int flags;
};

#define KTEST_CASE(fn) { #fn, fn }

#define KTEST_SUITE_FLAGS(sname, sflags, ...)                                                      \
	static const struct ktest_case __ktest_cases_##sname[] = { __VA_ARGS__, { NULL, NULL } };  \
	static const struct ktest_suite __ktest_suite_##sname __used                               \
		__section(".ktest_suites") __aligned(4) = { #sname, __ktest_cases_##sname, sflags }
#define KTEST_SUITE(sname, ...) KTEST_SUITE_FLAGS(sname, 0, __VA_ARGS__)

__printf(4, 5) void ktest_fail(struct ktest *t, const char *file, int line, const char *fmt, ...);
void ktest_skip(struct ktest *t, const char *reason);

/* Run the suites selected by @globs (NULL: the default set); returns failures. */
int ktest_run(const char *globs);
/* Every timer tick: stop a test case that runs past its time (test_timeout=). */
void ktest_watchdog_tick(void);
/* Run one case into @t without printing a result line (the framework's own tests). */
void ktest_run_case(const struct ktest_case *c, struct ktest *t);

#define KT_EXPECT(t, c)                                                                            \
	({                                                                                         \
		bool __ok = !!(c);                                                                 \
		if (!__ok)                                                                         \
			ktest_fail(t, __FILE__, __LINE__, "expected %s", #c);                      \
		__ok;                                                                              \
	})

#define KT_EXPECT_EQ(t, a, b)                                                                      \
	({                                                                                         \
		long long __a = (long long)(a), __b = (long long)(b);                              \
		if (__a != __b)                                                                    \
			ktest_fail(t, __FILE__, __LINE__, "expected %s == %s, got %lld vs %lld",   \
				   #a, #b, __a, __b);                                              \
		__a == __b;                                                                        \
	})

#define KT_EXPECT_STREQ(t, a, b)                                                                   \
	({                                                                                         \
		const char *__a = (a), *__b = (b);                                                 \
		bool __ok = __a && __b && !strcmp(__a, __b);                                       \
		if (!__ok)                                                                         \
			ktest_fail(t, __FILE__, __LINE__, "expected %s == %s, got \"%s\" vs \"%s\"",\
				   #a, #b, __a ? __a : "(null)", __b ? __b : "(null)");           \
		__ok;                                                                              \
	})

/* The ASSERT forms end the case on failure. */
#define KT_ASSERT(t, c)                                                                            \
	do {                                                                                       \
		if (!KT_EXPECT(t, c))                                                              \
			return;                                                                    \
	} while (0)
#define KT_ASSERT_EQ(t, a, b)                                                                      \
	do {                                                                                       \
		if (!KT_EXPECT_EQ(t, a, b))                                                        \
			return;                                                                    \
	} while (0)

#endif
