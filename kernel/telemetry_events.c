/*
 * How telemetry keeps trace events until its thread writes them out (see
 * include/kernel/telemetry.h; the lines are in docs/telemetry.md).
 *
 * Every trace_event() call reaches tel_store_event() with its format
 * string and its arguments. Nothing is formatted there: like Linux's
 * trace_printk, which stores the binary arguments and formats them when
 * the buffer is read (vbin_printf), we keep the values and format later.
 * Each call site's format is parsed once and cached by its address: the
 * list of its conversions, each named by the key in front of it
 * ("entry=%u:%lu" gives "entry" and "entry.1").
 *
 * The frequent events (swap cache insertions, swap writes and reads,
 * major faults, shrink_list batches, ATA commands) have a kind in kinds[]
 * naming the keys they keep, and consecutive events that continue each
 * other merge into one record: slot 42 written after slots 40 and 41 of
 * the same area, in commands of the same size, makes the run "40, 3
 * slots". Slots are handed out in clusters and written, read and faulted
 * in order, so one record stands for tens of events. Each kind has
 * TEL_OPEN_PER_KIND open runs, so interleaved streams (readahead and the
 * faults that follow it, two processes faulting) each keep merging; an
 * event that continues none of them closes the one extended longest ago
 * into the batch and takes its place. shrink_list batches are summed
 * instead. Any other event (or one whose format lacks a key its kind
 * needs) is formatted as text at once, as the console would show it: rare
 * events, such as kswapd waking. (Slot count changes are not kept here:
 * trace_slot() marks the slot, and the thread sends the marked slots'
 * counts each period; see kernel/telemetry.c.)
 *
 * Locking: the open runs, the ring and the format cache change with
 * interrupts off (swap writes complete in interrupt context); the
 * telemetry thread takes everything in one step the same way. Events may
 * arrive with swap_lock held, so nothing here takes a lock of mm/.
 */
#include <kernel/telemetry.h>
#include <kernel/trace.h>
#include <kernel/time.h>
#include <arch/x86/irqflags.h>
#include <mm/page.h>
#include <lib/string.h>
#include <lib/vsnprintf.h>

enum arg_type { ARG_LONG, ARG_LLONG, ARG_STR, ARG_STAR };

/* A call site's format: its conversions, and how its kind's keys map onto them. */
struct tel_format {
	const char *fmt;
	unsigned int cat;
	const char *event;
	unsigned int nargs;
	u8 type[TEL_MAX_ARGS];
	int kind; /* index in kinds[], or -1: a text event */
	s8 arg_of_key[TEL_KEYS];
};

/*
 * The events kept as numbers. A run (@step > 0) is of events at positions
 * (areas' slots, addresses, disk sectors) that cover an extent: the first
 * key says whose (an area, a pid, a disk), the second where. Each event
 * covers @step, or @step times key @len_key (an ATA command's sectors).
 * The next event continues the run when it covers the positions just
 * after or just before the extent or, with @gap, when it is at most @gap
 * steps from it (faults come every few pages: readahead brought the ones
 * between); the line then says how far the run spans. Other keys must be
 * equal, except those in @summed, which add up. Without @step
 * (shrink_list) only the first key must be equal. A key "name:N" is a
 * string argument of which the first N (at most 4) characters are kept.
 * @skip: kept out of the stream.
 */
struct tel_kind {
	unsigned int cat;
	const char *event;
	const char *tag; /* the line's first word */
	unsigned long step;
	s8 len_key;
	u8 gap;
	u8 summed; /* bit i: key i adds up over the run */
	bool hex_pos;
	bool skip;
	unsigned int nkeys;
	const char *keys[TEL_KEYS];
};

static const struct tel_kind kinds[] = {
	/* A slot allocated (in M lines) or read (r) before: no news. */
	{ .cat = TRACE_SWAP, .event = "add_to_cache", .skip = true },
	{ .cat = TRACE_SWAP,
	  .event = "writepage",
	  .tag = "w",
	  .step = 1,
	  .len_key = -1,
	  .nkeys = 4,
	  .keys = { "entry", "entry.1", "pages", "err" } },
	{ .cat = TRACE_SWAP,
	  .event = "read",
	  .tag = "r",
	  .step = 1,
	  .len_key = -1,
	  .summed = 1 << 2,
	  .nkeys = 3,
	  .keys = { "entry", "entry.1", "ra" } },
	{ .cat = TRACE_FAULT,
	  .event = "major",
	  .tag = "f",
	  .step = PAGE_SIZE,
	  .len_key = -1,
	  .gap = 16,
	  .hex_pos = true,
	  .nkeys = 2,
	  .keys = { "pid", "addr" } },
	{ .cat = TRACE_VMSCAN,
	  .event = "shrink_list",
	  .tag = "l",
	  .len_key = -1,
	  .summed = 0xe,
	  .nkeys = 4,
	  .keys = { "kswapd", "scanned", "freed", "activated" } },
	{ .cat = TRACE_ATA,
	  .event = "cmd",
	  .tag = "d",
	  .step = 1,
	  .len_key = 2,
	  .nkeys = 4,
	  .keys = { "dev:4", "lba", "sectors", "dir:1" } },
};

_Static_assert(ARRAY_SIZE(kinds) <= TEL_KINDS, "open runs for each kind");

struct tel_store tel_events;
static struct tel_format formats[TEL_FORMATS]; /* shared by every store: a cache */

void tel_store_init(struct tel_store *s, void *mem, unsigned int nr, unsigned int text)
{
	char *p = mem;

	memset(s, 0, sizeof(*s));
	for (int i = 0; i < 2; i++) {
		s->batch[i].recs = (struct tel_rec *)p;
		s->batch[i].size = nr;
		p += nr * sizeof(struct tel_rec);
		s->batch[i].text = p;
		s->batch[i].text_size = text;
		p += text;
	}
}

/* ---- parsing a format once --------------------------------------------- */

static bool is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/* The characters a string key "name:N" keeps, or 0 for a number. */
static unsigned int text_chars(const char *key)
{
	const char *colon = strchr(key, ':');

	return colon ? min((unsigned int)(colon[1] - '0'), 4U) : 0;
}

/* Is "key" (or "key.sub" when @sub > 0) the name @want (less a ":N")? */
static bool key_is(const char *want, const char *key, size_t len, unsigned int sub)
{
	if (strncmp(want, key, len))
		return false;
	if (!sub)
		return want[len] == 0 || want[len] == ':';
	return want[len] == '.' && want[len + 1] == (char)('0' + sub) && want[len + 2] == 0;
}

/*
 * Skip a conversion's flags, width, precision and length; set *@type
 * (ARG_STAR for a width or precision taken from the arguments, which only
 * the text path handles). Returns the conversion letter.
 */
static const char *skip_spec(const char *p, enum arg_type *type)
{
	int longs = 0;

	bool star = false;

	for (; *p && strchr("-+ #0123456789.*", *p); p++)
		star |= *p == '*';
	for (; *p == 'l' || *p == 'h' || *p == 'z'; p++)
		longs += *p == 'l';
	*type = star ? ARG_STAR : *p == 's' ? ARG_STR : longs >= 2 ? ARG_LLONG : ARG_LONG;
	return p;
}

/* Record in @f which conversion each key of @kind is; false if one is missing. */
static bool map_keys(struct tel_format *f, const struct tel_kind *kind)
{
	const char *p = f->fmt, *key = "";
	size_t key_len = 0;
	unsigned int arg = 0, sub = 0;
	int found = 0;

	memset(f->arg_of_key, -1, sizeof(f->arg_of_key));
	for (; *p; p++) {
		enum arg_type type;

		if (*p == '=') {
			const char *k = p;
			while (k > f->fmt && is_key_char(k[-1]))
				k--;
			key = k, key_len = p - k, sub = 0;
			continue;
		}
		if (*p != '%' || *++p == '%')
			continue;
		p = skip_spec(p, &type);
		for (unsigned int i = 0; i < kind->nkeys; i++)
			if (f->arg_of_key[i] < 0 &&
			    (type == ARG_STR) == !!text_chars(kind->keys[i]) &&
			    key_is(kind->keys[i], key, key_len, sub)) {
				f->arg_of_key[i] = arg;
				found++;
			}
		arg++, sub++;
	}
	return found == (int)kind->nkeys;
}

static void parse_format(struct tel_format *f, unsigned int cat, const char *event, const char *fmt)
{
	f->fmt = fmt, f->cat = cat, f->event = event;
	f->nargs = 0;
	for (const char *p = fmt; *p; p++) {
		enum arg_type type;

		if (*p != '%' || *++p == '%')
			continue;
		p = skip_spec(p, &type);
		if (f->nargs < TEL_MAX_ARGS)
			f->type[f->nargs] = type;
		f->nargs += type == ARG_STAR ? TEL_MAX_ARGS : 1;
	}
	f->kind = -1;
	if (f->nargs > TEL_MAX_ARGS)
		return; /* kept as text */
	for (unsigned int k = 0; k < ARRAY_SIZE(kinds); k++)
		if (kinds[k].cat == cat && !strcmp(kinds[k].event, event)) {
			if (map_keys(f, &kinds[k]))
				f->kind = k;
			break;
		}
}

/* The table slot for a format not met at its first place, parsed; NULL if the table is full. */
static __noinline struct tel_format *add_format(unsigned int h, unsigned int cat, const char *event,
						const char *fmt)
{
	unsigned long flags = local_irq_save();
	struct tel_format *f = NULL;

	for (unsigned int i = 0; i < TEL_FORMATS; i++, h = (h + 1) % TEL_FORMATS) {
		if (formats[h].fmt == fmt && formats[h].event == event) {
			f = &formats[h];
			break;
		}
		if (!formats[h].fmt) {
			f = &formats[h];
			parse_format(f, cat, event, fmt);
			break;
		}
	}
	local_irq_restore(flags);
	return f;
}

/* The parsed format of this call site, from a table hashed by the format's address. */
static __always_inline struct tel_format *lookup_format(unsigned int cat, const char *event,
							const char *fmt)
{
	unsigned int h = ((unsigned long)fmt >> 2) % TEL_FORMATS;

	if (likely(formats[h].fmt == fmt && formats[h].event == event))
		return &formats[h];
	return add_format(h, cat, event, fmt);
}

/* ---- keeping an event -------------------------------------------------- */

/* Close @run into the active batch. => interrupts off */
static void push(struct tel_store *s, struct tel_rec *run)
{
	struct tel_batch *b = &s->batch[s->active];

	if (b->nr == b->size)
		s->lost += run->n;
	else
		b->recs[b->nr++] = *run;
	run->n = run->last = 0;
	if (b->nr >= b->size / 2 && s->kick && !s->kicked) {
		s->kicked = true;
		s->kick();
	}
}

/* The positions event @v covers. */
static __always_inline u32 event_len(const struct tel_kind *kind, const u32 *v)
{
	return kind->len_key >= 0 ? v[kind->len_key] * kind->step : kind->step;
}

/*
 * Does @v continue @run: the same first key, its extent just after or
 * before the run's (or within @gap), the other keys equal or summed?
 */
static __always_inline bool continues(const struct tel_kind *kind, const struct tel_rec *run,
				      const u32 *v)
{
	unsigned int i = kind->step ? 2 : 1;
	u32 lo = run->v[1], hi = lo + run->span, len, slack;

	if (!run->n || run->v[0] != v[0])
		return false;
	for (; i < kind->nkeys; i++)
		if (!(kind->summed & (1 << i)) && (int)i != kind->len_key && run->v[i] != v[i])
			return false;
	if (!kind->step)
		return true;
	len = event_len(kind, v);
	if (!kind->gap)
		return v[1] == hi || v[1] + len == lo;
	slack = kind->gap * kind->step;
	return v[1] + len + slack >= lo && v[1] <= hi + slack;
}

/* Add @v to @run, which it continues. */
static __always_inline void extend(struct tel_store *s, const struct tel_kind *kind,
				   struct tel_rec *run, const u32 *v)
{
	if (kind->step) {
		u32 end = max(run->v[1] + run->span, v[1] + event_len(kind, v));

		run->v[1] = min(run->v[1], v[1]);
		run->span = end - run->v[1];
	}
	run->n++;
	run->last = ++s->clock;
	for (unsigned int j = 0; j < kind->nkeys; j++)
		if (kind->summed & (1 << j))
			run->v[j] += v[j];
}

/* Open a run of kind @k for @v in place of @run (closing it first). */
static __noinline void open_run(struct tel_store *s, int k, struct tel_rec *run, const u32 *v)
{
	if (run->n)
		push(s, run);
	run->kind = k;
	run->t = jiffies;
	run->n = 1;
	run->span = kinds[k].step ? event_len(&kinds[k], v) : 0;
	run->last = ++s->clock;
	memcpy(run->v, v, sizeof(run->v));
	s->hot[k] = run - s->open[k];
}

/*
 * Add @v to the run it fits, else open a new one. The common case (it
 * fits the run of its kind extended last) is inline: a call costs much
 * more than the work under QEMU's emulation. => interrupts off
 */
static __always_inline void add_to_run(struct tel_store *s, int k, const u32 *v)
{
	const struct tel_kind *kind = &kinds[k];
	struct tel_rec *runs = s->open[k], *victim = &runs[0];

	if (likely(continues(kind, &runs[s->hot[k]], v)))
		return extend(s, kind, &runs[s->hot[k]], v);
	for (unsigned int i = 0; i < TEL_OPEN_PER_KIND; i++) {
		if (i != s->hot[k] && continues(kind, &runs[i], v)) {
			s->hot[k] = i;
			return extend(s, kind, &runs[i], v);
		}
		if (runs[i].last < victim->last)
			victim = &runs[i]; /* the one extended longest ago, or unused */
	}
	open_run(s, k, victim, v);
}

/* => interrupts off */
static void add_text(struct tel_store *s, unsigned int cat, const char *event, const char *fmt,
		     va_list ap)
{
	struct tel_batch *b = &s->batch[s->active];
	struct tel_rec r = { .kind = TEL_TEXT_KIND, .n = 1 };
	/* Room for "x TIME " in front when the line is written out. */
	size_t room = min(TEL_LINE_MAX - 16, b->text_size - b->text_len);
	char *line = b->text + b->text_len;
	int n;

	if (b->nr == b->size || room < 2) {
		s->lost++;
		return;
	}
	n = snprintf(line, room, "%s:%s ", trace_category_name(cat), event);
	if (n < (int)room)
		n += vsnprintf(line + n, room - n, fmt, ap);
	if (n >= (int)room && room < TEL_LINE_MAX - 16) {
		s->lost++; /* cut short by the end of the text, not by the line's length */
		return;
	}
	n = min(n, (int)room - 1);
	r.t = jiffies;
	r.v[0] = b->text_len;
	r.v[1] = n;
	b->text_len += n;
	push(s, &r);
}

/* Up to the first 4 characters of @str, in a word (the first in the low byte). */
static u32 pack_text(const char *str)
{
	u32 packed = 0;

	for (int i = 0; i < 4 && str && str[i]; i++)
		packed |= (u32)(u8)str[i] << (8 * i);
	return packed;
}

/* The work of tel_store_event, inline in telemetry_trace: a call costs much under emulation. */
static __always_inline void store_event(struct tel_store *s, unsigned int cat, const char *event,
					const char *fmt, va_list ap)
{
	u32 args[TEL_MAX_ARGS], v[TEL_KEYS] = { 0 };
	unsigned long flags;
	/*
	 * The table is read without a lock: an entry is only ever added, with
	 * interrupts off, and no other task runs meanwhile.
	 */
	struct tel_format *f = lookup_format(cat, event, fmt);

	if (unlikely(!f || f->kind < 0)) {
		flags = local_irq_save();
		add_text(s, cat, event, fmt, ap);
		local_irq_restore(flags);
		return;
	}
	if (kinds[f->kind].skip)
		return;
	for (unsigned int i = 0; i < f->nargs; i++)
		switch (f->type[i]) {
		case ARG_LLONG:
			args[i] = (u32)va_arg(ap, unsigned long long);
			break;
		case ARG_STR:
			args[i] = pack_text(va_arg(ap, const char *));
			break;
		default:
			args[i] = va_arg(ap, unsigned long);
		}
	for (unsigned int i = 0; i < kinds[f->kind].nkeys; i++)
		v[i] = args[(int)f->arg_of_key[i]];
	flags = local_irq_save();
	add_to_run(s, f->kind, v);
	local_irq_restore(flags);
}

void tel_store_event(struct tel_store *s, unsigned int cat, const char *event, const char *fmt,
		     va_list ap)
{
	store_event(s, cat, event, fmt, ap);
}

void telemetry_trace(unsigned int cat, const char *event, const char *fmt, va_list ap)
{
	store_event(&tel_events, cat, event, fmt, ap);
}

const struct tel_batch *tel_store_take(struct tel_store *s, unsigned long *lost)
{
	unsigned long flags = local_irq_save();
	struct tel_batch *b = &s->batch[s->active];

	for (unsigned int k = 0; k < ARRAY_SIZE(kinds); k++)
		for (unsigned int i = 0; i < TEL_OPEN_PER_KIND; i++)
			if (s->open[k][i].n)
				push(s, &s->open[k][i]);
	s->active ^= 1;
	s->batch[s->active].nr = s->batch[s->active].text_len = 0;
	s->kicked = false;
	*lost = s->lost;
	s->lost = 0;
	local_irq_restore(flags);
	return b;
}

/* ---- formatting a record ----------------------------------------------- */

/*
 * Records are formatted by hand rather than through vsnprintf: there are
 * thousands of them a second while the demo swaps.
 */
static char *put_str(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	return p;
}

char *tel_put_dec(char *p, u32 v, bool sign)
{
	char tmp[12];
	int n = 0;

	*p = ' ';
	p++;
	if (sign) {
		*p++ = '-';
		v = -(s32)v;
	}
	do {
		tmp[n++] = '0' + v % 10;
		v /= 10;
	} while (v);
	while (n)
		*p++ = tmp[--n];
	return p;
}

static char *put_hex(char *p, u32 v)
{
	p = put_str(p, " 0x");
	for (int shift = 28; shift >= 0; shift -= 4)
		if (v >> shift || !shift)
			*p++ = "0123456789abcdef"[(v >> shift) & 15];
	return p;
}

/* Key @i of @r: a number, or the characters a string key kept. */
static char *put_value(char *p, const struct tel_kind *kind, const struct tel_rec *r,
		       unsigned int i)
{
	unsigned int chars = text_chars(kind->keys[i]);

	if (!chars) /* -4095..-1 is an error, anything else a number */
		return tel_put_dec(p, r->v[i], r->v[i] >= (u32)-4095);
	*p++ = ' ';
	for (unsigned int c = 0; c < chars && (r->v[i] >> (8 * c)) & 0xff; c++)
		*p++ = (r->v[i] >> (8 * c)) & 0xff;
	return p;
}

static u32 to_ms(u32 j)
{
	return j * (1000 / HZ);
}

int tel_format_record(const struct tel_batch *b, const struct tel_rec *r, char *buf)
{
	const struct tel_kind *kind;
	char *p = buf;

	if (r->kind == TEL_TEXT_KIND) {
		p = tel_put_dec(put_str(p, "x"), to_ms(r->t), false);
		*p++ = ' ';
		memcpy(p, b->text + r->v[0], r->v[1]);
		return p + r->v[1] - buf;
	}
	kind = &kinds[r->kind];
	p = tel_put_dec(put_str(p, kind->tag), to_ms(r->t), false);
	p = put_value(p, kind, r, 0);
	if (kind->step)
		p = kind->hex_pos ? put_hex(p, r->v[1]) : tel_put_dec(p, r->v[1], false);
	p = tel_put_dec(p, r->n, false);
	if (kind->gap) /* how far the run spans, in steps */
		p = tel_put_dec(p, r->span / kind->step, false);
	for (unsigned int i = kind->step ? 2 : 1; i < kind->nkeys; i++)
		p = (int)i == kind->len_key ? tel_put_dec(p, r->span / kind->step, false)
					    : put_value(p, kind, r, i);
	return p - buf;
}
