/*
 * Compiler helpers: attributes, branch hints and container_of.
 */
#ifndef LIB_COMPILER_H
#define LIB_COMPILER_H

#include <lib/types.h>

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define __noreturn	__attribute__((noreturn))
#define __packed	__attribute__((packed))
#define __aligned(n)	__attribute__((aligned(n)))
#define __used		__attribute__((used))
#ifndef __always_inline /* the host's C library may have one */
#define __always_inline	inline __attribute__((always_inline))
#endif
#define __noinline	__attribute__((noinline))
#define __section(s)	__attribute__((section(s)))
#define __maybe_unused	__attribute__((unused))
#define __printf(a, b)	__attribute__((format(printf, a, b)))

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define offsetof_member(type, member) __builtin_offsetof(type, member)

/* Return the structure that embeds @ptr as its @member. */
#define container_of(ptr, type, member)                                                            \
	((type *)((char *)(ptr) - __builtin_offsetof(type, member)))

#define min(a, b)	((a) < (b) ? (a) : (b))
#define max(a, b)	((a) > (b) ? (a) : (b))
#define ALIGN_UP(x, a)	(((x) + ((a) - 1)) & ~((a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((a) - 1))
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))

#define barrier()	__asm__ __volatile__("" ::: "memory")
#define READ_ONCE(x)	(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))

#endif
