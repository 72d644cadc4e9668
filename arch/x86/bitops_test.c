/*
 * Self-tests for the bit operations on page flags (include/lib/bitops.h):
 * an interrupt that changes one bit of a word must never be undone by a
 * task changing another bit of the same word.
 *
 * Tasks and the I/O completion interrupt share page->flags: the interrupt
 * clears PG_writeback (end_page_writeback) or PG_locked (unlock_page) while
 * a task may be setting PG_referenced or PG_active. An operation made of a
 * load, an OR and a store loses the interrupt's change if the interrupt
 * comes between its load and its store, and a page left locked or under
 * writeback hangs every task that waits for it.
 *
 * Waiting for a real interrupt to hit that window would make the test
 * depend on luck and, under QEMU (which delivers interrupts only between
 * its translation blocks), on how the compiler laid out the code. So each
 * case single-steps the operation instead (EFLAGS.TF: a debug trap after
 * every instruction) and the trap, like an interrupt, changes other bits of
 * the same word after every instruction. An operation that is not a single
 * read-modify-write loses a change, whatever the compiler made of it.
 *
 * The suite lives here, not beside include/lib/bitops.h, because it needs
 * the kernel's self-test framework and the x86 debug trap, and lib/
 * depends on nothing.
 */
#include <kernel/ktest.h>
#include <arch/x86/traps.h>
#include <arch/x86/irqflags.h>
#include <lib/bitops.h>

#define TASK_BIT	5 /* the bit the task works on (PG_referenced's role) */
#define COUNT_SHIFT	8 /* the "interrupt" keeps a count in the bits from here up */

static volatile unsigned long word;
static unsigned int steps, lost;

/*
 * The debug trap after each stepped instruction, standing for an interrupt
 * that changes the word: it checks that its last change is still there (a
 * store of a value loaded earlier would have put an older count back),
 * then counts one more in the bits the task does not touch.
 */
static void interrupt_changes_word(struct pt_regs *regs)
{
	unsigned long w = word;

	lost += (w >> COUNT_SHIFT) != steps;
	steps++;
	word = (w & (BIT(COUNT_SHIFT) - 1)) | (unsigned long)steps << COUNT_SHIFT;
}

/*
 * Run @op with a change of the word after each of its instructions;
 * returns whether every change stayed. Interrupts stay off, so the trap
 * is the only other writer.
 */
static bool keeps_interrupts_changes(void (*op)(void), struct ktest *t)
{
	unsigned long flags = local_irq_save();

	word = 0;
	steps = lost = 0;
	kernel_step_hook = interrupt_changes_word;
	__asm__ __volatile__("pushf; orl %0, (%%esp); popf" ::"i"(X86_EFLAGS_TF) : "memory", "cc");
	op();
	__asm__ __volatile__("pushf; andl %0, (%%esp); popf" ::"i"(~X86_EFLAGS_TF) : "memory", "cc");
	kernel_step_hook = NULL;
	lost += (word >> COUNT_SHIFT) != steps;
	local_irq_restore(flags);
	KT_EXPECT(t, steps >= 3); /* the call, the operation, the return: it really stepped */
	return !lost;
}

static __attribute__((noinline)) void op_set(void)
{
	set_bit(TASK_BIT, &word);
}

static __attribute__((noinline)) void op_clear(void)
{
	clear_bit(TASK_BIT, &word);
}

static __attribute__((noinline)) void op_test_and_set(void)
{
	test_and_set_bit(TASK_BIT, &word);
}

static __attribute__((noinline)) void op_test_and_clear(void)
{
	test_and_clear_bit(TASK_BIT, &word);
}

static void test_set_bit_keeps_interrupts_change(struct ktest *t)
{
	KT_EXPECT(t, keeps_interrupts_changes(op_set, t));
	KT_EXPECT(t, word & BIT(TASK_BIT));
}

static void test_clear_bit_keeps_interrupts_change(struct ktest *t)
{
	KT_EXPECT(t, keeps_interrupts_changes(op_clear, t));
	KT_EXPECT(t, !(word & BIT(TASK_BIT)));
}

static void test_test_and_set_bit_keeps_interrupts_change(struct ktest *t)
{
	KT_EXPECT(t, keeps_interrupts_changes(op_test_and_set, t));
	KT_EXPECT(t, word & BIT(TASK_BIT));
}

static void test_test_and_clear_bit_keeps_interrupts_change(struct ktest *t)
{
	KT_EXPECT(t, keeps_interrupts_changes(op_test_and_clear, t));
	KT_EXPECT(t, !(word & BIT(TASK_BIT)));
}

/* The value the test_and_ operations return, and the bits they leave. */
static void test_bit_values(struct ktest *t)
{
	unsigned long w[2] = { 0, 0 };

	KT_EXPECT(t, !test_and_set_bit(33, w));
	KT_EXPECT(t, test_and_set_bit(33, w));
	KT_EXPECT_EQ(t, w[1], 2);
	KT_EXPECT_EQ(t, w[0], 0);
	KT_EXPECT(t, test_bit(33, w));
	KT_EXPECT(t, test_and_clear_bit(33, w));
	KT_EXPECT(t, !test_and_clear_bit(33, w));
	KT_EXPECT_EQ(t, w[1], 0);
	set_bit(31, w);
	KT_EXPECT_EQ(t, w[0], 0x80000000UL);
	clear_bit(31, w);
	KT_EXPECT_EQ(t, w[0], 0);
}

KTEST_SUITE(bitops, KTEST_CASE(test_set_bit_keeps_interrupts_change),
	    KTEST_CASE(test_clear_bit_keeps_interrupts_change),
	    KTEST_CASE(test_test_and_set_bit_keeps_interrupts_change),
	    KTEST_CASE(test_test_and_clear_bit_keeps_interrupts_change),
	    KTEST_CASE(test_bit_values));
