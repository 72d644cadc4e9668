/*
 * Bit operations on unsigned long words. On our uniprocessor kernel a single
 * read-modify-write instruction is atomic with respect to interrupts, which
 * is all the page flags need; the host build uses the same plain C.
 */
#ifndef LIB_BITOPS_H
#define LIB_BITOPS_H

#include <lib/types.h>

#define BITS_PER_LONG (8 * (int)sizeof(unsigned long))
#define BIT(n) (1UL << (n))

static inline void set_bit(int nr, volatile unsigned long *addr)
{
	addr[nr / BITS_PER_LONG] |= 1UL << (nr % BITS_PER_LONG);
}

static inline void clear_bit(int nr, volatile unsigned long *addr)
{
	addr[nr / BITS_PER_LONG] &= ~(1UL << (nr % BITS_PER_LONG));
}

static inline bool test_bit(int nr, const volatile unsigned long *addr)
{
	return (addr[nr / BITS_PER_LONG] >> (nr % BITS_PER_LONG)) & 1;
}

static inline bool test_and_set_bit(int nr, volatile unsigned long *addr)
{
	bool old = test_bit(nr, addr);
	set_bit(nr, addr);
	return old;
}

static inline bool test_and_clear_bit(int nr, volatile unsigned long *addr)
{
	bool old = test_bit(nr, addr);
	clear_bit(nr, addr);
	return old;
}

/* Index of the lowest set bit; @word must not be zero. */
static inline int __ffs(unsigned long word)
{
	return __builtin_ctzl(word);
}

/* Index of the highest set bit; @word must not be zero. */
static inline int __fls(unsigned long word)
{
	return BITS_PER_LONG - 1 - __builtin_clzl(word);
}

/* Smallest order such that (1 << order) >= @n; 0 for n <= 1. */
static inline int order_base_2(unsigned long n)
{
	return n <= 1 ? 0 : __fls(n - 1) + 1;
}

#endif
