/*
 * The hooks lib/ needs from whoever links it, so that lib/ depends on
 * nothing: invariant checks that stop (BUG_ON) or report and go on
 * (WARN_ON). The macros are here; what happens on a failed check is the
 * environment's, through two functions it provides:
 *
 *	bug_fail(file, line, cond)   must not return. The kernel's
 *	                             (kernel/panic.c) panics with a backtrace;
 *	                             a host build's (tests/host/host_support.c)
 *	                             aborts, or fails only the test that
 *	                             expected it (CHECK_BUG).
 *	warn_fail(file, line, cond)  reports and returns.
 *
 * The kernel includes this through <kernel/bug.h>, so lib/, mm/ and the
 * rest share one BUG_ON.
 */
#ifndef LIB_DEBUG_H
#define LIB_DEBUG_H

#include <lib/compiler.h>

__noreturn void bug_fail(const char *file, int line, const char *cond);
void warn_fail(const char *file, int line, const char *cond);

#define BUG() bug_fail(__FILE__, __LINE__, "BUG()")
#define BUG_ON(c)                                                                                  \
	do {                                                                                       \
		if (unlikely(c))                                                                   \
			bug_fail(__FILE__, __LINE__, #c);                                          \
	} while (0)
#define WARN_ON(c)                                                                                 \
	({                                                                                         \
		bool __w = !!(c);                                                                  \
		if (unlikely(__w))                                                                 \
			warn_fail(__FILE__, __LINE__, #c);                                         \
		__w;                                                                               \
	})
#define BUILD_BUG_ON(c) _Static_assert(!(c), #c)

#endif
