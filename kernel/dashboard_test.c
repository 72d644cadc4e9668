/*
 * Self-tests for the dashboard: draw a sample with known numbers and read
 * the rows back from VGA memory (labels, bar lengths, sizes, rates), check
 * that a live sample is the kernel's counters, that the timer keeps
 * redrawing, and that console output scrolls below the dashboard.
 */
#include <kernel/dashboard.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/time.h>
#include <drivers/console.h>
#include <arch/x86/irqflags.h>
#include <mm/mmzone.h>
#include <mm/swap_state.h>
#include <mm/swapfile.h>
#include <mm/vmscan.h>
#include <mm/vmstat.h>
#include <lib/string.h>
#include <lib/vsnprintf.h>

static char rows[DASHBOARD_ROWS][VGA_COLS + 1];

/* Draw @now (rates against @before) and read every dashboard row back. */
static void draw_and_read(const struct dashboard_sample *now, const struct dashboard_sample *before)
{
	unsigned long flags = local_irq_save(); /* no timer redraw in between */

	dashboard_draw(now, before);
	for (int r = 0; r < DASHBOARD_ROWS; r++)
		vga_read_row(r, rows[r], sizeof(rows[r]));
	local_irq_restore(flags);
}

/* Full-block cells in the bar that starts at the first '[' after @label in @row. */
static int bar_cells(const char *row, const char *label)
{
	const char *p = strstr(row, label);
	int n = 0;

	if (!p || !(p = strchr(p, '[')))
		return -1;
	for (p++; *p && *p != ']'; p++)
		n += *p == '\xdb';
	return n;
}

static bool saved_on;

static void enter(void)
{
	saved_on = dashboard_enabled();
	dashboard_set(true);
}

static void leave(void)
{
	dashboard_set(saved_on);
}

/* A sample with round numbers: 1000 pages of RAM, one 2000-page swap area. */
static void known_sample(struct dashboard_sample *now, struct dashboard_sample *before)
{
	memset(now, 0, sizeof(*now));
	now->jiffies = 10 * HZ;
	now->total = 1000;
	now->free = 500;     /* half: 10 of 20 cells, 2.0M */
	now->active = 250;   /* 5 cells, 1.0M */
	now->inactive = 100; /* 2 cells, 0.4M */
	now->swapcache = 0;
	now->pswpin = 1234;
	now->pswpout = 600;
	now->pgmajfault = 77;
	now->pgscan = 5000;
	now->pgsteal = 4000;
	now->kswapd_wakeups = 9;
	now->writeback = 32;
	now->kswapd_running = true;
	now->nr_areas = 1;
	strlcpy(now->area[0].name, "hdz1", sizeof(now->area[0].name));
	now->area[0].used = 500; /* a quarter: 10 of 40 cells */
	now->area[0].pages = 2000;
	*before = *now;
	before->jiffies -= HZ / 2; /* half a second earlier: rates double */
	before->pswpin -= 100;
	before->pswpout -= 300;
	before->pgmajfault -= 7;
	before->pgscan -= 64;
	before->pgsteal -= 50;
}

static void test_labels_and_numbers(struct ktest *t)
{
	struct dashboard_sample now, before;

	enter();
	known_sample(&now, &before);
	draw_and_read(&now, &before);
	leave();
	KT_EXPECT(t, strstr(rows[0], "swapkernel") != NULL);
	KT_EXPECT(t, strstr(rows[0], "up 10s") != NULL);
	KT_EXPECT(t, strstr(rows[0], "si 200/s") != NULL);
	KT_EXPECT(t, strstr(rows[0], "so 600/s") != NULL);
	KT_EXPECT(t, strstr(rows[0], "majflt 14/s") != NULL);
	KT_EXPECT(t, strstr(rows[0], "kswapd running") != NULL);
	KT_EXPECT(t, !strncmp(rows[1], "free", 4));
	KT_EXPECT_EQ(t, bar_cells(rows[1], "free"), 10);
	KT_EXPECT(t, strstr(rows[1], "2.0M") != NULL);
	KT_EXPECT_EQ(t, bar_cells(rows[1], "active"), 5);
	KT_EXPECT(t, strstr(rows[1], "1.0M") != NULL);
	KT_EXPECT(t, !strncmp(rows[2], "inactive", 8));
	KT_EXPECT_EQ(t, bar_cells(rows[2], "inactive"), 2);
	KT_EXPECT(t, strstr(rows[2], "0.4M") != NULL);
	KT_EXPECT_EQ(t, bar_cells(rows[2], "swapcache"), 0);
	KT_EXPECT(t, !strncmp(rows[3], "swap hdz1", 9));
	KT_EXPECT_EQ(t, bar_cells(rows[3], "hdz1"), 10);
	KT_EXPECT(t, strstr(rows[3], "2.0M of    7.8M  25%") != NULL);
	KT_EXPECT(t, !strncmp(rows[4], "reclaim", 7));
	KT_EXPECT(t, strstr(rows[4], "scanned 128/s  freed 100/s") != NULL);
	KT_EXPECT(t, strstr(rows[4], "in writeback 32  kswapd woken 9") != NULL);
	KT_EXPECT(t, strstr(rows[5], "Ctrl-T") != NULL);
	if (t->failed)
		for (int r = 0; r < DASHBOARD_ROWS; r++)
			printk(KERN_INFO "    # row %d: %s\n", r, rows[r]);
}

static void test_no_swap_and_sleeping(struct ktest *t)
{
	struct dashboard_sample now, before;

	enter();
	known_sample(&now, &before);
	now.kswapd_running = false;
	now.nr_areas = 0;
	draw_and_read(&now, &now);
	leave();
	KT_EXPECT(t, strstr(rows[0], "kswapd sleeping") != NULL);
	KT_EXPECT(t, strstr(rows[0], "si 0/s") != NULL); /* no time passed: no rate */
	KT_EXPECT(t, strstr(rows[3], "no swap area") != NULL);
}

static void test_more_swap_areas(struct ktest *t)
{
	struct dashboard_sample now, before;

	enter();
	known_sample(&now, &before);
	now.nr_areas = 2;
	strlcpy(now.area[1].name, "hdz2", sizeof(now.area[1].name));
	now.area[1].used = 2000;
	now.area[1].pages = 2000;
	draw_and_read(&now, &before);
	KT_EXPECT(t, !strncmp(rows[4], "swap hdz2", 9)); /* in place of the reclaim row */
	KT_EXPECT_EQ(t, bar_cells(rows[4], "hdz2"), 40);
	KT_EXPECT(t, strstr(rows[4], "100%") != NULL);
	now.nr_areas = 4;
	draw_and_read(&now, &before);
	leave();
	KT_EXPECT(t, !strncmp(rows[3], "swap hdz1", 9));
	KT_EXPECT(t, strstr(rows[4], "and 3 more areas") != NULL);
}

static void test_live_sample_is_the_counters(struct ktest *t)
{
	struct dashboard_sample s;
	unsigned long flags = local_irq_save();
	unsigned long active = 0, inactive = 0;
	struct zone *zone;
	int areas = 0;

	dashboard_sample(&s);
	for_each_zone (zone) {
		active += zone->nr_active;
		inactive += zone->nr_inactive;
	}
	KT_EXPECT_EQ(t, s.free, nr_free_pages());
	KT_EXPECT_EQ(t, s.total, totalram_pages);
	KT_EXPECT_EQ(t, s.active, active);
	KT_EXPECT_EQ(t, s.inactive, inactive);
	KT_EXPECT_EQ(t, s.swapcache, swapper_space.nrpages);
	KT_EXPECT_EQ(t, s.pswpout, vm_events[PSWPOUT]);
	KT_EXPECT_EQ(t, s.pgmajfault, vm_events[PGMAJFAULT]);
	KT_EXPECT_EQ(t, s.kswapd_running, kswapd_running);
	for (int type = 0; type < MAX_SWAPFILES; type++) {
		if (!(swap_info[type].flags & SWP_WRITEOK))
			continue;
		if (areas < DASHBOARD_AREAS) {
			KT_EXPECT_STREQ(t, s.area[areas].name, swap_info[type].name);
			KT_EXPECT_EQ(t, s.area[areas].used, swap_info[type].inuse_pages);
		}
		areas++;
	}
	KT_EXPECT_EQ(t, s.nr_areas, areas);
	local_irq_restore(flags);
	KT_EXPECT(t, s.free > 0 && s.free <= s.total);
}

static void test_timer_redraws_live_numbers(struct ktest *t)
{
	unsigned long before;

	enter();
	before = dashboard_redraws;
	schedule_timeout_uninterruptible(HZ / 2 + 2);
	KT_EXPECT(t, dashboard_redraws - before >= DASHBOARD_HZ / 2);
	vga_read_row(0, rows[0], sizeof(rows[0]));
	vga_read_row(1, rows[1], sizeof(rows[1]));
	leave();
	KT_EXPECT(t, strstr(rows[0], "swapkernel  up ") != NULL);
	KT_EXPECT(t, !strncmp(rows[1], "free", 4));
	/* The free bar of the live screen: within a cell of the free pages now. */
	int cells = bar_cells(rows[1], "free");
	int expect = (int)((nr_free_pages() * 20 + totalram_pages / 2) / totalram_pages);
	KT_EXPECT(t, cells >= expect - 1 && cells <= expect + 1);
}

static void test_console_scrolls_below(struct ktest *t)
{
	char row[VGA_COLS + 1], line[40];

	enter();
	for (int i = 0; i < VGA_ROWS + 2; i++) { /* on the screen only, not the serial log */
		int n = snprintf(line, sizeof(line), "dashboard test: console line %d\n", i);
		vga_write(line, n);
	}
	vga_read_row(0, row, sizeof(row));
	KT_EXPECT(t, strstr(row, "swapkernel") != NULL);
	vga_read_row(VGA_ROWS - 2, row, sizeof(row));
	KT_EXPECT(t, strstr(row, "console line") != NULL);
	dashboard_set(false);
	vga_read_row(0, row, sizeof(row));
	KT_EXPECT(t, strstr(row, "swapkernel") == NULL); /* cleared when turned off */
	leave();
}

KTEST_SUITE(dashboard, KTEST_CASE(test_labels_and_numbers), KTEST_CASE(test_no_swap_and_sleeping),
	    KTEST_CASE(test_more_swap_areas), KTEST_CASE(test_live_sample_is_the_counters),
	    KTEST_CASE(test_timer_redraws_live_numbers), KTEST_CASE(test_console_scrolls_below));
