/*
 * The telemetry stream on COM2 (include/kernel/telemetry.h; every line is
 * described in docs/telemetry.md): what scripts/watch draws in a browser
 * and records for replay. It shows, while it happens, what Gorman ch. 10
 * and 11 and Mauerer ch. 18 describe: the LRU lists and kswapd, each swap
 * area's slot counts, and which process loses and faults back pages.
 *
 * Off unless the boot parameter telemetry (or telemetry=MS) asks for it.
 * Then a kernel thread wakes every period (200 ms by default) and writes:
 *
 *   1. the trace events kept since the last period (kernel/telemetry_events.c;
 *      when they fill half a batch before the period ends, the store wakes
 *      the thread, which writes them at once),
 *   2. a snapshot: S (counters), Z (one per zone), A (one per swap area),
 *      P (one per task), E,
 *   3. the slots whose use count changed (M lines, run-length encoded):
 *      trace_slot() in mm/swapfile.c marks each changed slot, a bit per
 *      chunk of slots, and the thread sends the marked chunks' counts, as
 *      they are now. Slots change three or four times per page swapped out
 *      and in, far too often for an event each;
 *   4. each area's whole map of slot counts when it appears or changes, and every
 *      KEYFRAME_MS (announced by K), so a reader can start anywhere.
 *
 * A thread rather than a timer because walking the task list and the
 * areas, and writing a few KiB, must not happen with interrupts off or
 * in the middle of a fork. The kernel is not preemptible, so the thread
 * sees every task and mm consistent; it never sleeps while it holds a
 * pointer to one. The counters are read without locks (words that
 * interrupts update atomically); each swap area's fields and map are
 * read under swap_lock.
 *
 * The cost: events are kept as numbers and merged into runs, and COM2 is
 * written a FIFO-full at a time; slot changes cost a bit in a table. scripts/watch connects COM2 to
 * a memory ring in QEMU, which costs the guest about as little as port I/O can; `make bench`
 * measures the demo with and without the stream.
 */
#include <kernel/telemetry.h>
#include <kernel/trace.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/time.h>
#include <drivers/console.h>
#include <arch/x86/irqflags.h>
#include <arch/x86/cpu.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include <mm/page_io.h>
#include <mm/swap_state.h>
#include <mm/swapfile.h>
#include <mm/vmscan.h>
#include <mm/vmstat.h>
#include <lib/string.h>
#include <uapi/errno.h>

#define TELEMETRY_VERSION 1
#define DEFAULT_PERIOD_MS 200
#define KEYFRAME_MS	  5000
#define MAP_LINE_SLOTS	  1024 /* slots per M line */
#define MARK_BITS	  2048 /* marks of changed slots per area */
/*
 * The two event batches: 32 KiB, some 450 records and 2 KiB of text each.
 * A busy period of the demo makes a few hundred records; a batch half full
 * wakes the thread early. Small, because the memory is the workload's: the
 * demo sizes itself to the RAM, and 128 KiB more made it swap a fifth more.
 */
#define BUFFER_ORDER 3

#define SHUTDOWN_GRACE_MS 250 /* for the reader to take the last lines before QEMU exits */

static unsigned int period_ms; /* 0: off */
static bool running;
static unsigned long seq, last_keyframe; /* the periods written, the last K */

/* telemetry, telemetry=MS (50..2000), telemetry=off */
static int set_telemetry(const char *val)
{
	unsigned long long ms;
	const char *end;

	if (!val) {
		period_ms = DEFAULT_PERIOD_MS;
		return 0;
	}
	if (!strcmp(val, "off")) {
		period_ms = 0;
		return 0;
	}
	ms = simple_strtoull(val, &end, 10);
	if (*end || ms < 50 || ms > 2000)
		return -EINVAL;
	period_ms = ms;
	return 0;
}
__setup("telemetry", set_telemetry);

static u32 now_ms(void)
{
	return jiffies * (1000 / HZ);
}

/* ---- output ------------------------------------------------------------ */

void tel_flush_out(struct tel_out *o)
{
	if (o->len && !o->stalled && o->sink(o->ctx, o->buf, o->len) < o->len)
		o->stalled = true;
	o->len = 0;
}

/* Append @n bytes; what does not fit in the buffer goes out first. */
void tel_put(struct tel_out *o, const char *s, size_t n)
{
	while (n) {
		size_t k = min(n, sizeof(o->buf) - o->len);

		memcpy(o->buf + o->len, s, k);
		o->len += k, s += k, n -= k;
		if (o->len == sizeof(o->buf))
			tel_flush_out(o);
	}
}

void tel_printf(struct tel_out *o, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	tel_put(o, tmp, min(n, (int)sizeof(tmp) - 1));
}

static size_t com2_sink(void *ctx, const char *s, size_t n)
{
	return serial2_write(s, n);
}

/* ---- the snapshot ------------------------------------------------------ */

static void snapshot_counters(struct tel_out *o, unsigned long seq, unsigned long lost)
{
	unsigned long active = 0, inactive = 0;
	struct zone *z;

	for_each_zone (z) {
		active += z->nr_active;
		inactive += z->nr_inactive;
	}
	tel_printf(o, "S seq=%lu t=%u free=%lu active=%lu inactive=%lu swapcache=%lu", seq,
		   now_ms(), nr_free_pages(), active, inactive, swapper_space.nrpages);
	tel_printf(o, " writeback=%lu total=%lu swap_total=%ld swap_free=%ld", nr_swap_writeback,
		   totalram_pages, total_swap_pages, nr_swap_pages);
	tel_printf(o, " pgfault=%lu pgmajfault=%lu pswpin=%lu pswpout=%lu", vm_events[PGFAULT],
		   vm_events[PGMAJFAULT], vm_events[PSWPIN], vm_events[PSWPOUT]);
	tel_printf(o, " pgscan_kswapd=%lu pgscan_direct=%lu pgsteal=%lu", vm_events[PGSCAN_KSWAPD],
		   vm_events[PGSCAN_DIRECT], vm_events[PGSTEAL]);
	tel_printf(o, " pgactivate=%lu pgdeactivate=%lu pgrotated=%lu allocstall=%lu",
		   vm_events[PGACTIVATE], vm_events[PGDEACTIVATE], vm_events[PGROTATED],
		   vm_events[ALLOCSTALL]);
	tel_printf(o, " kswapd=%d kswapd_wakeup=%lu pageoutrun=%lu oom_kill=%lu lost=%lu\n",
		   kswapd_running, vm_events[KSWAPD_WAKEUP], vm_events[PAGEOUTRUN],
		   vm_events[OOM_KILL], lost);
}

/* One Z line per populated zone: its share of the counters, and the watermarks kswapd works to. */
static void snapshot_zones(struct tel_out *o)
{
	struct zone *z;

	for_each_zone (z) {
		if (!populated_zone(z))
			continue;
		tel_printf(o, "Z name=%s present=%lu free=%lu active=%lu inactive=%lu", z->name,
			   z->present_pages, z->free_pages, z->nr_active, z->nr_inactive);
		tel_printf(o, " min=%lu low=%lu high=%lu\n", z->pages_min, z->pages_low,
			   z->pages_high);
	}
}

/* One A line per area swapon has set up (also while swapoff drains it). */
static void snapshot_areas(struct tel_out *o)
{
	for (int type = 0; type < MAX_SWAPFILES; type++) {
		const struct swap_info_struct *si = &swap_info[type];
		unsigned long flags = spin_lock_irqsave(&swap_lock);
		char name[sizeof(si->name)];
		unsigned long max = si->max, pages = si->pages, used = si->inuse_pages;
		bool listed = (si->flags & SWP_USED) && si->serial;
		bool on = si->flags & SWP_WRITEOK;
		int prio = si->prio;

		strlcpy(name, si->name, sizeof(name));
		spin_unlock_irqrestore(&swap_lock, flags);
		if (listed)
			tel_printf(o,
				   "A type=%d name=%s prio=%d slots=%lu pages=%lu used=%lu on=%d\n",
				   type, name, prio, max, pages, used, on);
	}
}

static char state_letter(const struct task_struct *t)
{
	switch (t->state) {
	case TASK_RUNNING:
		return 'R';
	case TASK_INTERRUPTIBLE:
		return 'S';
	case TASK_UNINTERRUPTIBLE:
		return 'D';
	case TASK_ZOMBIE:
		return 'Z';
	}
	return '?';
}

/* One P line per task but the idle task. comm has no spaces (exec takes a file name). */
static void snapshot_tasks(struct tel_out *o)
{
	struct task_struct *t;

	list_for_each_entry (t, &task_list, tasks) {
		unsigned long rss = 0, swap = 0;

		if (t->pid == 0)
			continue;
		if (t->mm && t->state != TASK_ZOMBIE) {
			rss = t->mm->rss;
			swap = t->mm->swap_ents;
		}
		tel_printf(o, "P pid=%d ppid=%d state=%c comm=%s kthread=%d", t->pid,
			   t->parent ? t->parent->pid : 0, state_letter(t), t->comm, t->kthread);
		tel_printf(o, " rss=%lu swap=%lu majflt=%lu minflt=%lu\n", rss, swap, t->maj_flt,
			   t->min_flt);
	}
}

void tel_snapshot(struct tel_out *o, unsigned long seq, unsigned long lost)
{
	snapshot_counters(o, seq, lost);
	snapshot_zones(o);
	snapshot_areas(o);
	snapshot_tasks(o);
	tel_printf(o, "E seq=%lu\n", seq);
}

/* ---- swap maps ---------------------------------------------------------- */

/* One run of a map at @p: "b" for bad slots, the count otherwise, "*N" when N > 1. */
static char *put_run(char *p, unsigned short value, unsigned long len)
{
	char *star;

	if (value & SWAP_MAP_BAD) {
		*p++ = ' ';
		*p++ = 'b';
	} else {
		p = tel_put_dec(p, value, false);
	}
	if (len > 1) {
		star = p;
		p = tel_put_dec(p, len, false);
		*star = '*'; /* where tel_put_dec put its space */
	}
	return p;
}

/* Formatted by hand: a fragmented map has thousands of runs. */
void tel_map_lines(struct tel_out *o, u32 t, int type, const unsigned short *map,
		   unsigned long from, unsigned long n)
{
	char buf[32];
	unsigned long i = 0;

	tel_printf(o, "M %u %d %lu %lu", t, type, from, n);
	while (i < n) {
		unsigned short value = map[i];
		unsigned long len = 1;

		/* A bad slot is SWAP_MAP_BAD whatever else the word holds. */
		while (i + len < n &&
		       (map[i + len] == value || (map[i + len] & value & SWAP_MAP_BAD)))
			len++;
		tel_put(o, buf, put_run(buf, value, len) - buf);
		i += len;
	}
	tel_put(o, "\n", 1);
}

/*
 * What was last sent of each area, to notice swapon, swapoff and reuse;
 * and the slots whose counts changed since (trace_slot marks them), one
 * bit per chunk of 2^shift slots so that the table has the same size for
 * any area. Locking: swap_lock, for the marks and the areas alike.
 */
static struct {
	unsigned long serial;	/* the area whose map was sent (si->serial), 0: none */
	unsigned long max;
	unsigned int shift;
	u32 marks[MARK_BITS / 32];
} sent[MAX_SWAPFILES];

static unsigned short map_copy[MAP_LINE_SLOTS];

/* => swap_lock held (trace_slot in mm/swapfile.c) */
void telemetry_slot_changed(unsigned int type, unsigned long offset)
{
	unsigned long chunk = offset >> sent[type].shift;

	/* An area not sent yet has no shift: its whole map goes out anyway. */
	if (type < MAX_SWAPFILES && chunk < MARK_BITS)
		sent[type].marks[chunk / 32] |= 1U << (chunk % 32);
}

/*
 * The next run of marked chunks at or after chunk *@pos in @marks (of
 * @nbits chunks of 2^@shift slots, @max slots in all): the slots
 * [*@from, *@from + *@n), with *@pos moved past it. False when none is left.
 */
bool tel_next_marked(const u32 *marks, unsigned int nbits, unsigned int shift, unsigned long max,
		     unsigned int *pos, unsigned long *from, unsigned long *n)
{
	unsigned int c = *pos, end;

	while (c < nbits && !(marks[c / 32] & (1U << (c % 32))))
		c = marks[c / 32] >> (c % 32) ? c + 1 : ALIGN_DOWN(c, 32) + 32;
	if (c >= nbits || ((unsigned long)c << shift) >= max)
		return false;
	for (end = c; end < nbits && (marks[end / 32] & (1U << (end % 32))); end++)
		;
	*pos = end;
	*from = (unsigned long)c << shift;
	*n = min((unsigned long)end << shift, max) - *from;
	return true;
}

/*
 * Send slots [@from, @from + @n) of area @type, the area of @serial, in
 * lines of MAP_LINE_SLOTS, each copied under swap_lock. False if swapoff
 * freed the map meanwhile: the next snapshot no longer lists the area.
 */
static bool send_range(struct tel_out *o, int type, unsigned long serial, unsigned long from,
		       unsigned long n)
{
	for (unsigned long end = from + n; from < end; from += MAP_LINE_SLOTS) {
		unsigned long k = min(end - from, (unsigned long)MAP_LINE_SLOTS);

		if (swap_slot_counts(type, serial, from, map_copy, k) != k)
			return false;
		tel_map_lines(o, now_ms(), type, map_copy, from, k);
	}
	return true;
}

/* The whole map of area @type, its marks cleared and sized to it first. */
static void send_map(struct tel_out *o, int type)
{
	struct swap_info_struct *si = &swap_info[type];
	unsigned long flags = spin_lock_irqsave(&swap_lock);
	unsigned long serial = si->serial, max = si->max;
	unsigned int shift = 0;

	while ((MARK_BITS << shift) < max)
		shift++;
	sent[type].shift = shift;
	memset(sent[type].marks, 0, sizeof(sent[type].marks));
	spin_unlock_irqrestore(&swap_lock, flags);
	if (send_range(o, type, serial, 0, max)) {
		sent[type].serial = serial;
		sent[type].max = max;
	}
}

/* The marked slots of area @type, the marks cleared. */
static void send_changes(struct tel_out *o, int type)
{
	static u32 marks[MARK_BITS / 32];
	unsigned long flags = spin_lock_irqsave(&swap_lock);
	unsigned long from, n;
	unsigned int pos = 0;

	memcpy(marks, sent[type].marks, sizeof(marks));
	memset(sent[type].marks, 0, sizeof(marks));
	spin_unlock_irqrestore(&swap_lock, flags);
	while (tel_next_marked(marks, MARK_BITS, sent[type].shift, sent[type].max, &pos, &from, &n))
		if (!send_range(o, type, sent[type].serial, from, n))
			return;
}

/*
 * Every area's changed slots; and the whole map of an area that is new or
 * changed (swapon, swapoff, reuse), or of every area with @all, announced
 * by a K line: from there on, a reader that starts afresh has every map.
 */
static void send_maps(struct tel_out *o, bool all)
{
	for (int type = 0; type < MAX_SWAPFILES; type++) {
		const struct swap_info_struct *si = &swap_info[type];

		if (sent[type].serial && sent[type].serial == si->serial && sent[type].max == si->max)
			send_changes(o, type);
	}
	if (all)
		tel_printf(o, "K %u\n", now_ms());
	for (int type = 0; type < MAX_SWAPFILES; type++) {
		const struct swap_info_struct *si = &swap_info[type];
		bool listed = (si->flags & SWP_USED) && si->serial;

		if (!listed) {
			sent[type].serial = 0;
			continue;
		}
		if (all || sent[type].serial != si->serial || sent[type].max != si->max)
			send_map(o, type);
	}
}

/* ---- the thread ---------------------------------------------------------- */

static struct tel_out com2 = { .sink = com2_sink };
static struct task_struct *thread;
static volatile bool events_due; /* a batch filled up before the period ended */
static unsigned long lost_early; /* dropped before an early send: for the next S */

/* From tel_events, when its batch is half full (any context). */
static void kick(void)
{
	events_due = true;
	if (thread)
		wake_up_process(thread);
}

static void send_events(struct tel_out *o, unsigned long *lost)
{
	const struct tel_batch *b = tel_store_take(&tel_events, lost);
	char line[TEL_LINE_MAX];

	for (unsigned int i = 0; i < b->nr; i++) {
		int len = tel_format_record(b, &b->recs[i], line);

		line[len++] = '\n';
		tel_put(o, line, len);
	}
}

/*
 * One period's lines, with every map when @keyframe or when it is time.
 * Only the telemetry thread and, at the end, telemetry_shutdown write.
 */
static void telemetry_period(bool keyframe)
{
	unsigned long lost;

	keyframe |= ++seq == 1 || time_after(jiffies, last_keyframe + KEYFRAME_MS * HZ / 1000);
	send_events(&com2, &lost);
	lost += lost_early;
	lost_early = 0;
	tel_snapshot(&com2, seq, lost);
	send_maps(&com2, keyframe);
	if (keyframe)
		last_keyframe = jiffies;
	tel_flush_out(&com2);
	if (com2.stalled) {
		printk(KERN_WARNING "telemetry: COM2 stopped taking output; stream stopped\n");
		running = false;
	}
}

/* Write the events gathered so far, before the period ends: a batch is filling up. */
static void send_events_early(void)
{
	unsigned long lost;

	events_due = false;
	send_events(&com2, &lost);
	lost_early += lost;
	tel_flush_out(&com2);
}

static int telemetry_thread(void *arg)
{
	unsigned long period = max(1U, period_ms * HZ / 1000), next = jiffies;

	tel_printf(&com2, "H v=%d period_ms=%u hz=%d page_kb=%lu cluster=%d total=%lu\n",
		   TELEMETRY_VERSION, period_ms, HZ, PAGE_SIZE / 1024, SWAPFILE_CLUSTER,
		   totalram_pages);
	while (running) {
		telemetry_period(false);
		next += period;
		/* Behind (a long flush, a busy CPU): start again from now, no burst. */
		if (!time_after(next, jiffies))
			next = jiffies + 1;
		while (running && time_before(jiffies, next)) {
			schedule_timeout_uninterruptible(next - jiffies);
			if (events_due)
				send_events_early();
		}
	}
	return 0;
}

/*
 * Halt (QEMU then uses no CPU) for SHUTDOWN_GRACE_MS, with the timer
 * interrupt on to end each halt; nothing else runs meanwhile.
 */
static void wait_for_reader(void)
{
	unsigned long flags = local_irq_save(), end = jiffies + SHUTDOWN_GRACE_MS * HZ / 1000;

	while (time_before(jiffies, end))
		safe_halt();
	local_irq_restore(flags);
}

/*
 * The machine powers off (not a panic): write what happened since the last
 * period, a last snapshot and every map, then Q, and give the reader a moment to take
 * them (scripts/watch polls QEMU's ring every 50 ms; the ring goes when
 * QEMU exits). Runs in the task that powers off; the thread is not in the
 * middle of a period, as the kernel is not preemptible.
 */
void telemetry_shutdown(void)
{
	unsigned long flags;

	if (!running)
		return;
	/* With interrupts off, no write completes between the events and the counters. */
	flags = local_irq_save();
	telemetry_period(true);
	local_irq_restore(flags);
	running = false;
	tel_printf(&com2, "Q %u\n", now_ms());
	tel_flush_out(&com2);
	wait_for_reader();
}

void telemetry_init(void)
{
	if (!period_ms)
		return;
	if (!serial2_probe()) {
		printk(KERN_ERR "telemetry: no UART at COM2 (0x2f8); telemetry off\n");
		return;
	}
	unsigned long mem = __get_free_pages(GFP_KERNEL, BUFFER_ORDER);
	/* As many records as fit beside the text in half the buffer. */
	unsigned int nr = ((PAGE_SIZE << BUFFER_ORDER) / 2 - TEL_TEXT) / sizeof(struct tel_rec);

	if (!mem) {
		printk(KERN_ERR "telemetry: no %lu KiB for its buffers; telemetry off\n",
		       (PAGE_SIZE << BUFFER_ORDER) >> 10);
		return;
	}
	tel_store_init(&tel_events, (void *)mem, nr, TEL_TEXT);
	tel_events.kick = kick;
	running = true;
	thread = kernel_thread(telemetry_thread, NULL, "telemetry");
	if (!thread) {
		printk(KERN_ERR "telemetry: cannot start its thread; telemetry off\n");
		running = false;
		free_pages(mem, BUFFER_ORDER);
		return;
	}
	trace_enable_telemetry();
	printk(KERN_INFO "telemetry: on COM2, a snapshot every %u ms\n", period_ms);
}
