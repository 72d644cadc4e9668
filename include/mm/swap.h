/*
 * Swap entries: the name of one page-sized slot on one swap area
 * (Gorman §11.2 "Mapping Page Table Entries to Swap Entries",
 * Mauerer §18.4.1 "Identifying Swapped-Out Pages").
 *
 * An entry exists in two encodings, like Linux 2.6:
 *
 *  - swp_entry_t, the architecture-independent form kept in page->private
 *    of a swap-cache page and used as the swap cache's key. The area index
 *    ("type") sits in the top MAX_SWAPFILES_SHIFT bits, the slot number
 *    ("offset") below it:
 *
 *	 31      27 26                                                 0
 *	+----------+----------------------------------------------------+
 *	|   type   |                      offset                        |
 *	+----------+----------------------------------------------------+
 *
 *  - the i386 not-present PTE that replaces the mapping when the page is
 *    swapped out, so the page fault handler can find the page again:
 *
 *	 31                                     8   7   6   5        1   0
 *	+----------------------------------------+---+---+------------+---+
 *	|            offset (24 bits)            | 0 | 0 |  type (5)  | 0 |
 *	+----------------------------------------+---+---+------------+---+
 *
 *    Bit 0 is _PAGE_PRESENT: clear, so any access faults. Bits 6 and 7 stay
 *    clear because Linux gives them a meaning in not-present PTEs
 *    (_PAGE_FILE for nonlinear file mappings, _PAGE_PROTNONE for PROT_NONE
 *    pages); keeping them free lets our page tables grow those uses
 *    without a new swap layout. Slot 0 of every area is the swap header and
 *    never handed out, so a valid entry has offset >= 1 and its PTE is never
 *    0, the empty PTE (pte_none).
 *
 * No locks: these are pure encodings.
 */
#ifndef MM_SWAP_H
#define MM_SWAP_H

#include <lib/types.h>
#include <kernel/bug.h>
#include <arch/x86/paging.h>
#include <mm/page.h>

typedef struct {
	unsigned long val;
} swp_entry_t;

#define MAX_SWAPFILES_SHIFT 5
#define MAX_SWAPFILES	    (1 << MAX_SWAPFILES_SHIFT)

/* swp_entry_t layout: entries are 32-bit values on the host too. */
#define SWP_TYPE_SHIFT	(32 - MAX_SWAPFILES_SHIFT)
#define SWP_OFFSET_MASK ((1UL << SWP_TYPE_SHIFT) - 1)

/* PTE layout: the constants of the second diagram above. */
#define SWP_PTE_TYPE_SHIFT   1
#define SWP_PTE_OFFSET_SHIFT 8
#define SWP_PTE_OFFSET_BITS  (32 - SWP_PTE_OFFSET_SHIFT)

/*
 * The largest offset a PTE can hold: 2^24 - 1 slots of 4 KiB, 64 GiB per
 * area. Areas larger than SWP_MAX_OFFSET + 1 pages use only their start.
 */
#define SWP_MAX_OFFSET ((1UL << SWP_PTE_OFFSET_BITS) - 1)

#define SWP_PTE_TYPE_MASK   ((u32)(MAX_SWAPFILES - 1) << SWP_PTE_TYPE_SHIFT)
#define SWP_PTE_OFFSET_MASK ((u32)SWP_MAX_OFFSET << SWP_PTE_OFFSET_SHIFT)

/* The PTE of (type, offset) as a constant expression, for the checks below. */
#define __swp_pte(type, offset)                                                                    \
	(((u32)(type) << SWP_PTE_TYPE_SHIFT) | ((u32)(offset) << SWP_PTE_OFFSET_SHIFT))

/*
 * Every valid entry round-trips and never looks like a present or an empty
 * PTE: the fields do not overlap, neither touches bit 0 or the reserved
 * bits 6 and 7, the offset field holds every offset a swp_entry_t can
 * carry to a PTE, and the smallest valid offset alone makes the PTE
 * non-zero. tests/host/swapfile_test.c checks the same by enumeration.
 */
_Static_assert((SWP_PTE_TYPE_MASK & SWP_PTE_OFFSET_MASK) == 0, "swap PTE fields overlap");
_Static_assert(((SWP_PTE_TYPE_MASK | SWP_PTE_OFFSET_MASK) &
		(_PAGE_PRESENT | _PAGE_DIRTY | _PAGE_PSE)) == 0,
	       "a swap PTE must keep bits 0, 6 and 7 clear");
_Static_assert(SWP_PTE_OFFSET_MASK >> SWP_PTE_OFFSET_SHIFT == SWP_MAX_OFFSET,
	       "the PTE offset field must hold SWP_MAX_OFFSET");
_Static_assert(SWP_MAX_OFFSET <= SWP_OFFSET_MASK, "swp_entry_t must hold every PTE offset");
_Static_assert(__swp_pte(0, 1) != 0, "the first valid swap entry must not be pte_none");

/*
 * The poisoned PTE: it stood for a page whose read from swap failed (see
 * swap_read_failed in mm/memory.c). It names no slot (offset 0 is always
 * the header) and touching it raises SIGBUS, like Linux's swapin error
 * entry. Code that meets a not-present PTE checks for it before taking
 * the PTE for a swap entry.
 */
#define SWP_POISON_PTE __swp_pte(MAX_SWAPFILES - 1, 0)
_Static_assert(SWP_POISON_PTE != 0, "the poisoned PTE must not be pte_none");

static inline bool is_poisoned_pte(pte_t pte)
{
	return pte == SWP_POISON_PTE;
}

/**
 * swp_entry - make the entry of slot @offset on area @type
 *
 * @type < MAX_SWAPFILES and @offset <= SWP_OFFSET_MASK; the entry with
 * offset 0 (val 0 for type 0) means "no swap entry".
 */
static inline swp_entry_t swp_entry(unsigned long type, unsigned long offset)
{
	swp_entry_t e = {(type << SWP_TYPE_SHIFT) | offset};

	BUG_ON(type >= MAX_SWAPFILES || offset > SWP_OFFSET_MASK);
	return e;
}

/* swp_type - the swap area (index into swap_info[]) of @e */
static inline unsigned int swp_type(swp_entry_t e)
{
	return (unsigned int)(e.val >> SWP_TYPE_SHIFT) & (MAX_SWAPFILES - 1);
}

/* swp_offset - the slot of @e within its area */
static inline unsigned long swp_offset(swp_entry_t e)
{
	return e.val & SWP_OFFSET_MASK;
}

/**
 * swp_entry_to_pte - the not-present PTE that stands for @e in a page table
 *
 * @e must have 1 <= offset <= SWP_MAX_OFFSET (swapon never makes an area
 * larger), so the result is non-zero with bit 0 clear.
 */
static inline pte_t swp_entry_to_pte(swp_entry_t e)
{
	BUG_ON(swp_offset(e) == 0 || swp_offset(e) > SWP_MAX_OFFSET);
	return __swp_pte(swp_type(e), swp_offset(e));
}

/**
 * pte_to_swp_entry - the swap entry a not-present, non-empty PTE stands for
 *
 * The caller has ruled out pte_none and present PTEs; either here means it
 * took a page table entry for a swap entry by mistake.
 */
static inline swp_entry_t pte_to_swp_entry(pte_t pte)
{
	BUG_ON(pte == 0 || (pte & _PAGE_PRESENT));
	return swp_entry((pte & SWP_PTE_TYPE_MASK) >> SWP_PTE_TYPE_SHIFT,
			 pte >> SWP_PTE_OFFSET_SHIFT);
}

#endif
