/*
 * The live VGA dashboard (kernel/dashboard.c): the top DASHBOARD_ROWS
 * rows of the text screen show memory and swap at a glance, redrawn
 * DASHBOARD_HZ times a second from a kernel timer, while the console
 * scrolls in the rows below.
 *
 * Turned on by the boot parameter "dashboard" (make run's GRUB entries
 * pass it) and toggled at any time with Ctrl-T on the console (keyboard
 * or serial line).
 *
 * The screen, 80 columns ('#' and '.' are full and shaded cells):
 *
 *	 swapkernel  up 42s | si 3543/s  so 2636/s  majflt 450/s | kswapd running
 *	free      [#####...............]   4.8M  active    [##########..........]  10.1M
 *	inactive  [########............]   8.0M  swapcache [#...................]   0.4M
 *	swap hda1 [############............................]  19.2M of  96.0M  20%
 *	reclaim   scanned 1200/s  freed 1100/s  in writeback 32  kswapd woken 12
 *	---------------------------------------------------- Ctrl-T hides this ----
 *
 * Memory bars are fractions of MemTotal, swap bars of the area's usable
 * slots; the rates are over the last second. With two swap areas the
 * second takes the reclaim row; with more, that row says how many more.
 */
#ifndef KERNEL_DASHBOARD_H
#define KERNEL_DASHBOARD_H

#include <lib/types.h>

#define DASHBOARD_ROWS	6
#define DASHBOARD_HZ	4 /* redraws per second */
#define DASHBOARD_AREAS 2 /* swap areas shown, one row each */

/* What one redraw shows: a snapshot of counters, read without locks. */
struct dashboard_sample {
	unsigned long jiffies;
	unsigned long total, free, active, inactive, swapcache; /* pages */
	unsigned long pswpin, pswpout, pgmajfault;		/* vm_events, since boot */
	unsigned long pgscan, pgsteal, kswapd_wakeups;		/* vm_events, since boot */
	unsigned long writeback;				/* swap writes in flight */
	bool kswapd_running;
	int nr_areas; /* enabled swap areas (more than shown) */
	struct {
		char name[8];
		unsigned long used, pages;
	} area[DASHBOARD_AREAS];
};

/* Is the dashboard on? */
bool dashboard_enabled(void);
/* Turn it on (reserve the rows, start the timer) or off (clear them). Any context. */
void dashboard_set(bool on);
/* Ctrl-T. */
void dashboard_toggle(void);
/* Start it if the boot parameter asked for it (kmain, once timers run). */
void dashboard_init(void);

/* Read the counters now. Any context: it only reads. */
void dashboard_sample(struct dashboard_sample *s);
/*
 * Draw @now into the reserved rows, with rates from the difference to
 * @before (an earlier sample; rates are 0 when it is the same moment).
 * Writes VGA memory only (vga_put_at), with interrupts off.
 */
void dashboard_draw(const struct dashboard_sample *now, const struct dashboard_sample *before);

/* Redraws done by the timer since boot (the self-test watches it move). */
extern unsigned long dashboard_redraws;

#endif
