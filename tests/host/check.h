/*
 * A tiny unit-test harness for the host-built kernel cores. Tests register
 * themselves with TEST(); the runner prints KTAP ("ok N name"), which the
 * make test harness counts together with the in-kernel results.
 */
#ifndef HOST_CHECK_H
#define HOST_CHECK_H

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void check_register(const char *name, void (*fn)(void));
void check_fail(const char *file, int line, const char *expr, long long a, long long b);

#define TEST(name)                                                                                 \
	static void name(void);                                                                    \
	__attribute__((constructor)) static void register_##name(void)                             \
	{                                                                                          \
		check_register(#name, name);                                                       \
	}                                                                                          \
	static void name(void)

/* Stop the current test when @c is false. */
#define CHECK(c)                                                                                   \
	do {                                                                                       \
		if (!(c)) {                                                                        \
			check_fail(__FILE__, __LINE__, #c, 0, 0);                                  \
			return;                                                                    \
		}                                                                                  \
	} while (0)

#define CHECK_EQ(a, b)                                                                             \
	do {                                                                                       \
		long long __a = (long long)(a), __b = (long long)(b);                              \
		if (__a != __b) {                                                                  \
			check_fail(__FILE__, __LINE__, #a " == " #b, __a, __b);                    \
			return;                                                                    \
		}                                                                                  \
	} while (0)

/*
 * Expecting a BUG_ON: run @stmt with bug_fail() redirected to a longjmp,
 * and fail the test if it returns normally.
 */
extern jmp_buf *check_bug_jmp;
#define CHECK_BUG(stmt)                                                                            \
	do {                                                                                       \
		jmp_buf __jb;                                                                      \
		check_bug_jmp = &__jb;                                                             \
		if (setjmp(__jb) == 0) {                                                           \
			stmt;                                                                      \
			check_bug_jmp = NULL;                                                      \
			check_fail(__FILE__, __LINE__, "BUG expected: " #stmt, 0, 0);              \
			return;                                                                    \
		}                                                                                  \
		check_bug_jmp = NULL;                                                              \
	} while (0)

#endif
