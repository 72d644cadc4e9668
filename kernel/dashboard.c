/*
 * The live VGA dashboard (see include/kernel/dashboard.h for the screen).
 *
 * A kernel timer fires DASHBOARD_HZ times a second, in interrupt
 * context: it samples the memory counters (zone free and LRU counts, the
 * swap cache size, vm_events, the swap areas' use) without taking any
 * lock, keeps the last second of samples in a ring for the rates, and
 * writes the rows straight into VGA memory with vga_put_at. It never
 * prints, allocates or sleeps, so it cannot disturb what it watches;
 * a snapshot read without locks may be a page off, which a bar 20 cells
 * wide does not show.
 *
 * Locking: the on/off state, the ring and the drawing are changed with
 * interrupts off (the timer, Ctrl-T and dashboard_set all run that way).
 */
#include <kernel/dashboard.h>
#include <kernel/params.h>
#include <kernel/time.h>
#include <kernel/timer.h>
#include <drivers/console.h>
#include <arch/x86/irqflags.h>
#include <mm/mmzone.h>
#include <mm/page_io.h>
#include <mm/swap_state.h>
#include <mm/swapfile.h>
#include <mm/vmscan.h>
#include <mm/vmstat.h>
#include <lib/string.h>
#include <lib/vsnprintf.h>

/* Attributes: background << 4 | foreground, the CGA palette. */
#define ATTR_TITLE    0x1F /* white on blue */
#define ATTR_LABEL    0x07 /* light grey */
#define ATTR_EMPTY    0x08 /* dark grey */
#define ATTR_FREE     0x0A /* light green */
#define ATTR_ACTIVE   0x0E /* yellow */
#define ATTR_INACTIVE 0x0B /* light cyan */
#define ATTR_CACHE    0x0D /* light magenta */
#define ATTR_SWAP     0x0C /* light red */
#define ATTR_RUNNING  0x1E /* yellow on blue */

/* Code page 437 cells. */
#define CELL_FULL  '\xdb' /* full block */
#define CELL_EMPTY '\xb0' /* light shade */
#define CELL_LINE  '\xc4' /* horizontal line */

#define MEM_BAR	 20
#define SWAP_BAR 40
#define RING	 (DASHBOARD_HZ + 1) /* samples one second apart at the ends */

static bool boot_requested, enabled;
static struct timer_list timer;
static struct dashboard_sample ring[RING];
static unsigned int ring_next, ring_fill;
unsigned long dashboard_redraws;

static int set_dashboard(const char *val)
{
	boot_requested = true;
	return 0;
}
__setup("dashboard", set_dashboard);

void dashboard_sample(struct dashboard_sample *s)
{
	struct zone *zone;

	memset(s, 0, sizeof(*s));
	s->jiffies = jiffies;
	s->total = totalram_pages;
	s->free = nr_free_pages();
	for_each_zone (zone) {
		s->active += zone->nr_active;
		s->inactive += zone->nr_inactive;
	}
	s->swapcache = swapper_space.nrpages;
	s->pswpin = vm_events[PSWPIN];
	s->pswpout = vm_events[PSWPOUT];
	s->pgmajfault = vm_events[PGMAJFAULT];
	s->pgscan = vm_events[PGSCAN_KSWAPD] + vm_events[PGSCAN_DIRECT];
	s->pgsteal = vm_events[PGSTEAL];
	s->kswapd_wakeups = vm_events[KSWAPD_WAKEUP];
	s->writeback = nr_swap_writeback;
	s->kswapd_running = kswapd_running;
	for (int type = 0; type < MAX_SWAPFILES; type++) {
		const struct swap_info_struct *si = &swap_info[type];
		if (!(si->flags & SWP_WRITEOK))
			continue;
		if (s->nr_areas < DASHBOARD_AREAS) {
			strlcpy(s->area[s->nr_areas].name, si->name, sizeof(s->area[0].name));
			s->area[s->nr_areas].used = si->inuse_pages;
			s->area[s->nr_areas].pages = si->pages;
		}
		s->nr_areas++;
	}
}

/* "12.3M": @pages as MiB with one decimal, rounded. */
static void fmt_mib(char *buf, size_t len, unsigned long pages)
{
	unsigned long tenths = (pages * (PAGE_SIZE / 1024) * 10 + 512) / 1024;

	snprintf(buf, len, "%lu.%luM", tenths / 10, tenths % 10);
}

/* A bar of @width cells at (@row, @col): @part of @whole filled with @attr, rounded. */
static void draw_bar(int row, int col, int width, unsigned long part, unsigned long whole, u8 attr)
{
	char cells[SWAP_BAR + 1];
	int full = whole ? (int)(((unsigned long long)part * width + whole / 2) / whole) : 0;

	if (full > width)
		full = width;
	vga_put_at(row, col, "[", ATTR_LABEL);
	memset(cells, CELL_FULL, full);
	cells[full] = 0;
	vga_put_at(row, col + 1, cells, attr);
	memset(cells, CELL_EMPTY, width - full);
	cells[width - full] = 0;
	vga_put_at(row, col + 1 + full, cells, ATTR_EMPTY);
	vga_put_at(row, col + 1 + width, "]", ATTR_LABEL);
}

/* Clear @row from @col to the end with @attr. */
static void clear_to_eol(int row, int col, u8 attr)
{
	char blanks[VGA_COLS + 1];

	memset(blanks, ' ', VGA_COLS - col);
	blanks[VGA_COLS - col] = 0;
	vga_put_at(row, col, blanks, attr);
}

/* One memory bar, 40 columns wide: "free      [####......]   4.8M  ". */
static void draw_mem(int row, int col, const char *label, unsigned long pages, unsigned long total,
		     u8 attr)
{
	char text[16];

	clear_to_eol(row, col, ATTR_LABEL);
	vga_put_at(row, col, label, ATTR_LABEL);
	draw_bar(row, col + 10, MEM_BAR, pages, total, attr);
	fmt_mib(text, sizeof(text), pages);
	vga_put_at(row, col + 10 + MEM_BAR + 2 + 7 - (int)strlen(text), text, ATTR_LABEL);
}

static unsigned long per_second(unsigned long now, unsigned long before, unsigned long ticks)
{
	return ticks ? (now - before) * HZ / ticks : 0;
}

static void draw_title(const struct dashboard_sample *now, const struct dashboard_sample *before)
{
	unsigned long ticks = now->jiffies - before->jiffies;
	char text[VGA_COLS + 1];
	int n;

	n = snprintf(text, sizeof(text),
		     " swapkernel  up %lus | si %lu/s  so %lu/s  majflt %lu/s | ",
		     now->jiffies / HZ, per_second(now->pswpin, before->pswpin, ticks),
		     per_second(now->pswpout, before->pswpout, ticks),
		     per_second(now->pgmajfault, before->pgmajfault, ticks));
	clear_to_eol(0, 0, ATTR_TITLE);
	vga_put_at(0, 0, text, ATTR_TITLE);
	vga_put_at(0, n, now->kswapd_running ? "kswapd running" : "kswapd sleeping",
		   now->kswapd_running ? ATTR_RUNNING : ATTR_TITLE);
}

/* The row under the swap areas when they leave it free: what reclaim is doing. */
static void draw_reclaim(int row, const struct dashboard_sample *now,
			 const struct dashboard_sample *before)
{
	unsigned long ticks = now->jiffies - before->jiffies;
	char text[VGA_COLS + 1];

	snprintf(text, sizeof(text),
		 "reclaim   scanned %lu/s  freed %lu/s  in writeback %lu  kswapd woken %lu",
		 per_second(now->pgscan, before->pgscan, ticks),
		 per_second(now->pgsteal, before->pgsteal, ticks), now->writeback,
		 now->kswapd_wakeups);
	clear_to_eol(row, 0, ATTR_LABEL);
	vga_put_at(row, 0, text, ATTR_LABEL);
}

static void draw_area(int row, const struct dashboard_sample *s, int i)
{
	char used[16], size[16], text[48];

	clear_to_eol(row, 0, ATTR_LABEL);
	if (i >= s->nr_areas) {
		vga_put_at(row, 0, "swap      no swap area (boot with swap=hda1, or run swapon)",
			   ATTR_LABEL);
		return;
	}
	if (i == DASHBOARD_AREAS - 1 && s->nr_areas > DASHBOARD_AREAS) {
		snprintf(text, sizeof(text), "swap      and %d more areas (cat /proc/swaps)",
			 s->nr_areas - i);
		vga_put_at(row, 0, text, ATTR_LABEL);
		return;
	}
	snprintf(text, sizeof(text), "swap %s", s->area[i].name);
	vga_put_at(row, 0, text, ATTR_LABEL);
	draw_bar(row, 10, SWAP_BAR, s->area[i].used, s->area[i].pages, ATTR_SWAP);
	fmt_mib(used, sizeof(used), s->area[i].used);
	fmt_mib(size, sizeof(size), s->area[i].pages);
	snprintf(text, sizeof(text), "%7s of %7s %3lu%%", used, size,
		 s->area[i].pages ? s->area[i].used * 100 / s->area[i].pages : 0);
	vga_put_at(row, 10 + SWAP_BAR + 2, text, ATTR_LABEL);
}

void dashboard_draw(const struct dashboard_sample *now, const struct dashboard_sample *before)
{
	static const char hint[] = " Ctrl-T hides this ";
	char line[VGA_COLS + 1];
	unsigned long flags = local_irq_save();

	draw_title(now, before);
	draw_mem(1, 0, "free", now->free, now->total, ATTR_FREE);
	draw_mem(1, 40, "active", now->active, now->total, ATTR_ACTIVE);
	draw_mem(2, 0, "inactive", now->inactive, now->total, ATTR_INACTIVE);
	draw_mem(2, 40, "swapcache", now->swapcache, now->total, ATTR_CACHE);
	draw_area(3, now, 0);
	if (now->nr_areas > 1)
		draw_area(4, now, 1);
	else
		draw_reclaim(4, now, before);
	memset(line, CELL_LINE, VGA_COLS);
	line[VGA_COLS] = 0;
	memcpy(line + VGA_COLS - 4 - (sizeof(hint) - 1), hint, sizeof(hint) - 1);
	vga_put_at(DASHBOARD_ROWS - 1, 0, line, ATTR_EMPTY);
	local_irq_restore(flags);
}

/* Sample, draw against the oldest sample of the ring (a second ago), re-arm. */
static void dashboard_tick(void *data)
{
	struct dashboard_sample *now = &ring[ring_next];
	unsigned int oldest = ring_fill < RING ? 0 : (ring_next + 1) % RING;

	dashboard_sample(now);
	if (ring_fill < RING)
		ring_fill++;
	dashboard_draw(now, &ring[oldest]);
	ring_next = (ring_next + 1) % RING;
	dashboard_redraws++;
	mod_timer(&timer, jiffies + HZ / DASHBOARD_HZ);
}

bool dashboard_enabled(void)
{
	return enabled;
}

void dashboard_set(bool on)
{
	unsigned long flags = local_irq_save();

	if (on && !enabled) {
		enabled = true;
		vga_set_reserved_rows(DASHBOARD_ROWS);
		ring_next = ring_fill = 0;
		init_timer(&timer, dashboard_tick, NULL);
		dashboard_tick(NULL);
	} else if (!on && enabled) {
		enabled = false;
		del_timer(&timer);
		for (int row = 0; row < DASHBOARD_ROWS; row++)
			clear_to_eol(row, 0, ATTR_LABEL);
		vga_set_reserved_rows(0);
	}
	local_irq_restore(flags);
}

void dashboard_toggle(void)
{
	dashboard_set(!enabled);
}

void dashboard_init(void)
{
	if (boot_requested)
		dashboard_set(true);
}
