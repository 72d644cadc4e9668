/*
 * Invariant checks. BUG_ON stops the kernel (panic with a backtrace) because
 * continuing would corrupt data; WARN_ON reports once per site and goes on.
 * Host builds link their own bug_fail()/warn_fail(), which abort the test.
 */
#ifndef KERNEL_BUG_H
#define KERNEL_BUG_H

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
