/*
 * Self-tests for the VGA console's escape sequences: write them straight
 * to the screen (not the serial log) and read the rows back.
 */
#include <kernel/ktest.h>
#include <drivers/console.h>
#include <arch/x86/irqflags.h>
#include <lib/string.h>

static char row[VGA_COLS + 1];

static void put(const char *s)
{
	vga_write(s, strlen(s));
}

/* Row @r counted from the first row below the dashboard, @first. */
static const char *text_row(int first, int r)
{
	vga_read_row(first + r, row, sizeof(row));
	for (int i = VGA_COLS - 1; i >= 0 && row[i] == ' '; i--)
		row[i] = 0;	/* trailing blanks */
	return row;
}

/* The row ESC [ H puts the cursor on: the first one below the dashboard. */
static int home_row(void)
{
	put("\033[2J\033[H#");
	for (int r = 0; r < VGA_ROWS; r++) {
		vga_read_row(r, row, sizeof(row));
		if (row[0] == '#')
			return r;
	}
	return -1;
}

static void test_position_and_erase(struct ktest *t)
{
	unsigned long flags = local_irq_save();	/* no printk in between */
	int first = home_row();

	KT_ASSERT(t, first >= 0);
	put("\033[3;5Habcdef\033[1;1Hxyz\033[2;80HZ");
	KT_EXPECT_STREQ(t, text_row(first, 0), "xyz");
	KT_EXPECT_STREQ(t, text_row(first, 2), "    abcdef");
	KT_EXPECT_EQ(t, text_row(first, 1)[79], 'Z');
	put("\033[3;7H\033[K");			/* erase to the end of the line */
	KT_EXPECT_STREQ(t, text_row(first, 2), "    ab");
	KT_EXPECT_STREQ(t, text_row(first, 0), "xyz");
	put("\033[1;2H\033[J");			/* erase below the cursor */
	KT_EXPECT_STREQ(t, text_row(first, 0), "x");
	KT_EXPECT_STREQ(t, text_row(first, 1), "");
	KT_EXPECT_STREQ(t, text_row(first, 2), "");
	put("\033[99;1HE");			/* clamped to the last row */
	KT_EXPECT_STREQ(t, text_row(0, VGA_ROWS - 1), "E");
	put("\033[2J\033[H");
	local_irq_restore(flags);
}

static void test_other_sequences_are_swallowed(struct ktest *t)
{
	unsigned long flags = local_irq_save();
	int first = home_row();

	put("\033[H\033[31;1mred\033[0m \033[?25lx\033=y\033[3~");
	KT_EXPECT_STREQ(t, text_row(first, 0), "red xy");
	put("\033[2J\033[H");
	local_irq_restore(flags);
}

KTEST_SUITE(vga, KTEST_CASE(test_position_and_erase), KTEST_CASE(test_other_sequences_are_swallowed));
