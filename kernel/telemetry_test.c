/*
 * Self-tests for telemetry (kernel/telemetry.c, kernel/telemetry_events.c):
 * trace events in a private store come out as the lines of
 * docs/telemetry.md, merged into runs where they continue each other and
 * as text where they do not; the store counts what it has to drop;
 * marked chunks of slots come back as ranges; map lines are run-length
 * encoded; a snapshot carries the kernel's own counters.
 */
#include <kernel/telemetry.h>
#include <kernel/ktest.h>
#include <kernel/sched.h>
#include <kernel/trace.h>
#include <arch/x86/irqflags.h>
#include <mm/mmzone.h>
#include <mm/swapfile.h>
#include <mm/vmstat.h>
#include <lib/string.h>
#include <lib/vsnprintf.h>

#define TEST_RECS 128
#define TEST_TEXT 1024

static struct tel_store store;
static char store_mem[2 * (TEST_RECS * sizeof(struct tel_rec) + TEST_TEXT)];
static char lines[4096];

static void fresh_store(void)
{
	tel_store_init(&store, store_mem, TEST_RECS, TEST_TEXT);
}

static void event(unsigned int cat, const char *name, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tel_store_event(&store, cat, name, fmt, ap);
	va_end(ap);
}

/* Take the store's records as lines without their time ("sa 0 10 3\n..."); returns how many. */
static unsigned int take_lines(unsigned long *lost)
{
	unsigned long dropped;
	const struct tel_batch *b = tel_store_take(&store, &dropped);
	unsigned int n = b->nr;
	size_t len = 0;

	lines[0] = 0;
	for (unsigned int i = 0; i < n && len < sizeof(lines) - TEL_LINE_MAX; i++) {
		char line[TEL_LINE_MAX + 1];
		int k = tel_format_record(b, &b->recs[i], line);
		char *time_end;

		line[k] = 0;
		time_end = strchr(strchr(line, ' ') + 1, ' '); /* skip "tag t" */
		len += snprintf(lines + len, sizeof(lines) - len, "%.*s%s\n",
				(int)(strchr(line, ' ') - line), line, time_end ? time_end : "");
	}
	if (lost)
		*lost = dropped;
	return n;
}

static void test_writes_reads_faults(struct ktest *t)
{
	fresh_store();
	event(TRACE_SWAP, "writepage", "entry=%u:%lu sector=%lu pages=%u err=%d", 0, 5UL, 40UL, 32,
	      0);
	event(TRACE_SWAP, "writepage", "entry=%u:%lu sector=%lu pages=%u err=%d", 0, 6UL, 48UL, 32,
	      0);
	event(TRACE_SWAP, "writepage", "entry=%u:%lu sector=%lu pages=%u err=%d", 0, 7UL, 56UL, 16,
	      -5);
	event(TRACE_SWAP, "read", "entry=%u:%lu ra=%d", 0, 8UL, 0);
	event(TRACE_SWAP, "read", "entry=%u:%lu ra=%d", 0, 9UL, 1);
	event(TRACE_SWAP, "read", "entry=%u:%lu ra=%d", 0, 10UL, 1);
	event(TRACE_SWAP, "read", "entry=%u:%lu ra=%d", 0, 7UL, 1); /* runs grow downwards too */
	event(TRACE_FAULT, "major", "pid=%d comm=%s addr=0x%08lx", 5, "hog", 0x40008000UL);
	event(TRACE_FAULT, "major", "pid=%d comm=%s addr=0x%08lx", 5, "hog", 0x40010000UL);
	event(TRACE_FAULT, "major", "pid=%d comm=%s addr=0x%08lx", 5, "hog", 0x40000000UL);
	event(TRACE_FAULT, "major", "pid=%d comm=%s addr=0x%08lx", 6, "sh", 0x40002000UL);
	take_lines(NULL);
	KT_EXPECT_STREQ(
	    t, lines,
	    "w 0 5 2 32 0\nw 0 7 1 16 -5\nr 0 7 4 3\nf 5 0x40000000 3 17\nf 6 0x40002000 1 1\n");
}

static void test_shrink_list_batches_add_up(struct ktest *t)
{
	const char *fmt = "scanned=%lu freed=%lu activated=%lu kswapd=%d";

	fresh_store();
	event(TRACE_VMSCAN, "shrink_list", fmt, 32UL, 30UL, 2UL, 1);
	event(TRACE_VMSCAN, "shrink_list", fmt, 32UL, 28UL, 4UL, 1);
	event(TRACE_VMSCAN, "shrink_list", fmt, 16UL, 16UL, 0UL, 0);
	take_lines(NULL);
	KT_EXPECT_STREQ(t, lines, "l 1 2 64 58 6\nl 0 1 16 16 0\n");
}

/* ATA commands keep some characters of their strings; back-to-back ones merge. */
static void test_ata_commands_one_by_one(struct ktest *t)
{
	const char *fmt = "dev=%s cmd=0x%02x lba=%lu sectors=%u dir=%s retry=%d";

	fresh_store();
	event(TRACE_ATA, "cmd", fmt, "hda", 0xc5, 2312UL, 256, "write", 0);
	event(TRACE_ATA, "cmd", fmt, "hda", 0xc5, 2568UL, 256, "write", 0);
	event(TRACE_ATA, "cmd", fmt, "hda", 0xc5, 2824UL, 16, "write", 0);
	event(TRACE_ATA, "cmd", fmt, "hdb", 0xc4, 3000000000UL, 8, "read", 1);
	take_lines(NULL);
	KT_EXPECT_STREQ(t, lines, "d hda 2312 3 528 w\nd hdb 3000000000 1 8 r\n");
}

/*
 * An event with no kind, or whose format lacks a key its kind needs, is
 * text; swap cache insertions are left out.
 */
static void test_other_events_are_text(struct ktest *t)
{
	fresh_store();
	event(TRACE_SWAP, "add_to_cache", "entry=%u:%lu cached=%lu", 0, 5UL, 1UL);
	event(TRACE_SWAP, "writepage", "entry=%u:%lu err=%d", 0, 5UL, 0);
	event(TRACE_ATA, "cmd", "dev=%d lba=%lu", 1, 2312UL);
	event(TRACE_VMSCAN, "kswapd_wake", "free=%lu", 53UL);
	take_lines(NULL);
	KT_EXPECT_STREQ(t, lines,
			"x swap:writepage entry=0:5 err=0\nx ata:cmd dev=1 lba=2312\n"
			"x vmscan:kswapd_wake free=53\n");
}

static void test_full_ring_counts_lost(struct ktest *t)
{
	unsigned long lost;

	fresh_store();
	for (unsigned long i = 0; i < TEST_RECS + 100; i++) /* none continues another */
		event(TRACE_SWAP, "read", "entry=%u:%lu ra=%d", 0, 3 * i, 0);
	KT_EXPECT_EQ(t, take_lines(&lost), TEST_RECS);
	KT_EXPECT_EQ(t, lost, 100);
	KT_EXPECT_EQ(t, take_lines(&lost), 0);
	KT_EXPECT_EQ(t, lost, 0);
}

/* ---- changed slots -------------------------------------------------------- */

/* Marked chunks come back as runs of slots, cut at the end of the area. */
static void test_marked_ranges(struct ktest *t)
{
	u32 marks[4] = { 0 };
	unsigned long from, n;
	unsigned int pos = 0;

	marks[0] = 0x6;	       /* chunks 1, 2 */
	marks[1] = 0x80000000; /* chunk 63 */
	marks[2] = 0x1;	       /* chunk 64: continues 63 */
	marks[3] = 0x80000000; /* chunk 127: past the area's end */
	KT_EXPECT(t, tel_next_marked(marks, 128, 4, 2000, &pos, &from, &n));
	KT_EXPECT_EQ(t, from, 16);
	KT_EXPECT_EQ(t, n, 32);
	KT_EXPECT(t, tel_next_marked(marks, 128, 4, 2000, &pos, &from, &n));
	KT_EXPECT_EQ(t, from, 63 * 16);
	KT_EXPECT_EQ(t, n, 32);
	KT_EXPECT(t, !tel_next_marked(marks, 128, 4, 2000, &pos, &from, &n));
	pos = 0;
	KT_EXPECT(t, tel_next_marked(marks, 128, 4, 2040, &pos, &from, &n) &&
			 tel_next_marked(marks, 128, 4, 2040, &pos, &from, &n) &&
			 tel_next_marked(marks, 128, 4, 2040, &pos, &from, &n));
	KT_EXPECT_EQ(t, from, 127 * 16);
	KT_EXPECT_EQ(t, n, 8); /* the area ends inside the last chunk */
}

/* ---- map lines, snapshots -------------------------------------------------- */

static char out_buf[4096];
static size_t out_len;

static size_t buffer_sink(void *ctx, const char *s, size_t n)
{
	n = min(n, sizeof(out_buf) - 1 - out_len);
	memcpy(out_buf + out_len, s, n);
	out_len += n;
	out_buf[out_len] = 0;
	return n;
}

static void test_map_lines_run_length(struct ktest *t)
{
	static const unsigned short map[] = { SWAP_MAP_BAD, 0, 0, 0, 1, 1, 2, SWAP_MAP_BAD,
					      SWAP_MAP_BAD, 0 };
	struct tel_out o = { .sink = buffer_sink };

	out_len = 0;
	tel_map_lines(&o, 70, 1, map, 4096, ARRAY_SIZE(map));
	tel_flush_out(&o);
	KT_EXPECT_STREQ(t, out_buf, "M 70 1 4096 10 b 0*3 1*2 2 b*2 0\n");
}

/* The number after " @key=" in out_buf, or -1. */
static long value_of(const char *key)
{
	char pattern[32];
	const char *p;

	snprintf(pattern, sizeof(pattern), " %s=", key);
	p = strstr(out_buf, pattern);
	return p ? (long)simple_strtoull(p + strlen(pattern), NULL, 10) : -1;
}

static void test_snapshot_has_the_counters(struct ktest *t)
{
	struct tel_out o = { .sink = buffer_sink };
	unsigned long flags = local_irq_save(); /* the counters stand still meanwhile */
	long free = nr_free_pages(), pswpout = vm_events[PSWPOUT], majflt = vm_events[PGMAJFAULT];
	struct zone *z;
	char mine[48];

	out_len = 0;
	tel_snapshot(&o, 7, 3);
	tel_flush_out(&o);
	local_irq_restore(flags);
	KT_EXPECT(t, !strncmp(out_buf, "S seq=7 t=", 10));
	KT_EXPECT_EQ(t, value_of("free"), free);
	KT_EXPECT_EQ(t, value_of("pswpout"), pswpout);
	KT_EXPECT_EQ(t, value_of("pgmajfault"), majflt);
	KT_EXPECT_EQ(t, value_of("swap_free"), nr_swap_pages);
	KT_EXPECT_EQ(t, value_of("lost"), 3);
	for_each_zone (z) {
		snprintf(mine, sizeof(mine), "\nZ name=%s present=%lu ", z->name, z->present_pages);
		KT_EXPECT_EQ(t, strstr(out_buf, mine) != NULL, populated_zone(z));
	}
	snprintf(mine, sizeof(mine), "\nP pid=%d ", current->pid);
	KT_EXPECT(t, strstr(out_buf, mine) != NULL);
	KT_EXPECT(t, strstr(out_buf, "\nE seq=7\n") != NULL);
}

KTEST_SUITE(telemetry, KTEST_CASE(test_writes_reads_faults),
	    KTEST_CASE(test_shrink_list_batches_add_up), KTEST_CASE(test_ata_commands_one_by_one),
	    KTEST_CASE(test_other_events_are_text), KTEST_CASE(test_full_ring_counts_lost),
	    KTEST_CASE(test_marked_ranges), KTEST_CASE(test_map_lines_run_length),
	    KTEST_CASE(test_snapshot_has_the_counters));
