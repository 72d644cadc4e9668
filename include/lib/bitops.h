/*
 * Bit operations on unsigned long words, atomic with respect to interrupts.
 *
 * Page flags are changed by tasks and by interrupt handlers: the I/O
 * completion clears PG_writeback (end_page_writeback) or PG_locked
 * (unlock_page) of a page whose PG_referenced or PG_active a task may be
 * setting at that moment. Plain C ("word |= bit") compiles to a load, an
 * OR and a store; an interrupt between the load and the store has its
 * change overwritten by the store, and a page left under writeback for
 * ever hangs every task that waits for it. Each operation is therefore one
 * atomic read-modify-write (on i386 a locked OR/AND or BTS/BTR, which an
 * interrupt cannot split; on our single CPU the lock prefix only costs a
 * few cycles). The test_and_ forms also return the old bit of that same
 * access, so a task cannot "see" a bit set that an interrupt has just
 * cleared and then set it again (trylock_page against unlock_page).
 * lib/bitops_test.c single-steps each operation with a trap that changes
 * the word between any two of its instructions, as an interrupt could.
 * The host build uses the same builtins.
 */
#ifndef LIB_BITOPS_H
#define LIB_BITOPS_H

#include <lib/types.h>

#define BITS_PER_LONG (8 * (int)sizeof(unsigned long))
#define BIT(n) (1UL << (n))

static inline volatile unsigned long *bit_word(int nr, volatile unsigned long *addr)
{
	return addr + nr / BITS_PER_LONG;
}

static inline void set_bit(int nr, volatile unsigned long *addr)
{
	__atomic_fetch_or(bit_word(nr, addr), BIT(nr % BITS_PER_LONG), __ATOMIC_RELAXED);
}

static inline void clear_bit(int nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(bit_word(nr, addr), ~BIT(nr % BITS_PER_LONG), __ATOMIC_RELAXED);
}

static inline bool test_bit(int nr, const volatile unsigned long *addr)
{
	return (addr[nr / BITS_PER_LONG] >> (nr % BITS_PER_LONG)) & 1;
}

static inline bool test_and_set_bit(int nr, volatile unsigned long *addr)
{
	unsigned long mask = BIT(nr % BITS_PER_LONG);

	return __atomic_fetch_or(bit_word(nr, addr), mask, __ATOMIC_RELAXED) & mask;
}

static inline bool test_and_clear_bit(int nr, volatile unsigned long *addr)
{
	unsigned long mask = BIT(nr % BITS_PER_LONG);

	return __atomic_fetch_and(bit_word(nr, addr), ~mask, __ATOMIC_RELAXED) & mask;
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
