/*
 * Telemetry: a line-based stream on COM2 for scripts/watch (the browser
 * view) and for recordings, turned on by the boot parameter telemetry
 * (or telemetry=MS for a snapshot every MS milliseconds; default 200).
 * docs/telemetry.md describes every line.
 *
 * kernel/telemetry.c     the stream: a kernel thread that, each period,
 *                        writes the trace events gathered since the last
 *                        one, a snapshot of the counters, swap areas and
 *                        processes, and now and then each swap area's map
 * kernel/telemetry_events.c  how trace events are kept until then: as
 *                        binary arguments, merged into runs
 */
#ifndef KERNEL_TELEMETRY_H
#define KERNEL_TELEMETRY_H

#include <lib/types.h>
#include <lib/vsnprintf.h>

/* Start the stream if the boot parameter asked for it (kmain, after swapon). */
void telemetry_init(void);
/* The machine is about to power off: the last lines (machine_power_off). */
void telemetry_shutdown(void);

/* A trace event for the stream (kernel/trace.c calls it for every event). */
void telemetry_trace(unsigned int cat, const char *event, const char *fmt, va_list ap);
/* Slot @offset of swap area @type changed its count (trace_slot). => swap_lock held */
void telemetry_slot_changed(unsigned int type, unsigned long offset);

/* ---- the event store (kernel/telemetry_events.c) --------------------- */

#define TEL_TEXT	  2048 /* bytes of text events a batch holds */
#define TEL_FORMATS	  32   /* trace_event() call sites whose format is cached */
#define TEL_MAX_ARGS	  8    /* arguments of one event that are kept */
#define TEL_KEYS	  4    /* values of a record besides its length */
#define TEL_KINDS	  8    /* kinds of events kept as numbers, at most */
#define TEL_OPEN_PER_KIND 4    /* runs of one kind being extended at once */
#define TEL_TEXT_KIND	  255  /* record kind of a text event */
#define TEL_LINE_MAX	  192  /* the longest line tel_format_record makes */

/*
 * One record: a run of @n events of one kind that continue each other, or
 * (kind TEL_TEXT_KIND) a formatted event at v[0], v[1] bytes long, in the
 * batch's text.
 */
struct tel_rec {
	u8 kind;
	u32 t; /* jiffies at the first event */
	u32 n;
	u32 v[TEL_KEYS];
	u32 span; /* a run's extent, in positions (slots, bytes, sectors) */
	u32 last; /* open runs: when last extended (the store's clock) */
};

/* The events between two takes: closed records and the text they point to. */
struct tel_batch {
	struct tel_rec *recs;
	unsigned int nr, size;
	char *text;
	unsigned int text_len, text_size;
};

/*
 * Events since the last take: the open runs of each kind, and the closed
 * records in the active batch. Two batches, so that the thread writes one
 * out while events fill the other.
 */
struct tel_store {
	struct tel_rec open[TEL_KINDS][TEL_OPEN_PER_KIND];
	u32 clock;	   /* counts events, to find the open run extended longest ago */
	u8 hot[TEL_KINDS]; /* per kind, the open run extended last */
	struct tel_batch batch[2];
	unsigned int active;
	unsigned long lost; /* events dropped because a batch was full */
	void (*kick)(void); /* called once when the active batch is half full */
	bool kicked;
};

/* The store trace events go to while telemetry runs. */
extern struct tel_store tel_events;

/*
 * Set up @s with its two batches of @nr records and @text bytes of text in
 * @mem, which holds 2 * (@nr * sizeof(struct tel_rec) + @text) bytes.
 */
void tel_store_init(struct tel_store *s, void *mem, unsigned int nr, unsigned int text);
void tel_store_event(struct tel_store *s, unsigned int cat, const char *event, const char *fmt,
		     va_list ap);
/*
 * Close the open runs and hand over the batch they went to, its records in
 * the order to write them; events go to the other batch from now on, so
 * the caller has until its next take. @lost gets the events dropped since
 * the last take.
 */
const struct tel_batch *tel_store_take(struct tel_store *s, unsigned long *lost);
/* " 123" (" -5" with @sign and a negative @v) at @p; returns the end. */
char *tel_put_dec(char *p, u32 v, bool sign);
/* Format @r of batch @b as one line (no newline) into @buf, of TEL_LINE_MAX bytes. */
int tel_format_record(const struct tel_batch *b, const struct tel_rec *r, char *buf);

/* ---- the stream (kernel/telemetry.c), for the self-tests --------------- */

/* Where lines go: COM2, or a buffer in the self-tests. */
struct tel_out {
	char buf[1024];
	size_t len;
	size_t (*sink)(void *ctx, const char *s, size_t n);
	void *ctx;
	bool stalled; /* the sink stopped taking bytes: drop the rest */
};

void tel_put(struct tel_out *o, const char *s, size_t n);
__printf(2, 3) void tel_printf(struct tel_out *o, const char *fmt, ...);
void tel_flush_out(struct tel_out *o);
/* The S ... E lines of one snapshot, numbered @seq. */
void tel_snapshot(struct tel_out *o, unsigned long seq, unsigned long lost);
/* The next run of marked chunks of slots (see kernel/telemetry.c); false when none is left. */
bool tel_next_marked(const u32 *marks, unsigned int nbits, unsigned int shift, unsigned long max,
		     unsigned int *pos, unsigned long *from, unsigned long *n);
/* "M" lines for slots [@from, @from + @n) of the map @map: run-length encoded. */
void tel_map_lines(struct tel_out *o, u32 t, int type, const unsigned short *map,
		   unsigned long from, unsigned long n);

#endif
