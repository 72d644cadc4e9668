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
 * The frequent events (slot allocations, frees and count changes, swap
 * cache insertions, swap writes and reads, major faults, shrink_list
 * batches) have a kind in kinds[] naming the keys they keep, and
 * consecutive events that continue each other merge into one record:
 * slot 42 allocated after slots 40 and 41 of the same area makes the run
 * "40, 3 slots". Slots are handed out in clusters and written, read and
 * faulted in order, so one record stands for tens of events. Each kind has TEL_OPEN_PER_KIND open
 * runs, so interleaved streams (readahead and the faults that follow it, two processes faulting)
 * each keep merging; an event that continues none of them closes the one extended longest ago into
 * the ring and takes its place. shrink_list batches are summed instead.
 *
 * Slot events say what a slot's count became, so a reader that applies
 * them in order has the swap_map. Each run is numbered when it opens and
 * the records are written in that order; an event on a slot may only join
 * a run younger than every run that already holds the same slot, else it
 * opens a new one. A page swapped out is allocated a slot, then its PTEs
 * take references (count 2), one page after another: the allocations and
 * the count changes each make one run, the first older than the second. Any other event (or one
 * whose format lacks a key its kind needs) is formatted as text at once,
 * as the console would show it: rare events, such as ATA commands.
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
 * The events kept as numbers. For a run (@step > 0) the first two keys say
 * where it is (an area and a slot, a pid and an address): the next event
 * continues it when it has the same first key and the next position (@step
 * further). Other keys must be equal, except those in @summed, which add
 * up. Without @step (shrink_list) only the first key must be equal.
 */
struct tel_kind {
	unsigned int cat;
	const char *event;
	const char *tag; /* the line's first word */
	unsigned long step;
	u8 summed; /* bit i: key i adds up over the run */
	bool hex_pos;
	bool slot; /* sets use counts in swap_map: per-slot order matters */
	unsigned int nkeys;
	const char *keys[TEL_KEYS];
};

/* clang-format off */
static const struct tel_kind kinds[] = {
	{ TRACE_SLOT, "alloc", "sa", 1, 0, false, true, 2, { "entry", "entry.1" } },
	{ TRACE_SLOT, "free", "sf", 1, 0, false, true, 2, { "entry", "entry.1" } },
	{ TRACE_SLOT, "count", "sc", 1, 0, false, true, 3, { "entry", "entry.1", "count" } },
	{ TRACE_SLOT, "bad", "sb", 1, 0, false, true, 2, { "entry", "entry.1" } },
	{ TRACE_SWAP, "add_to_cache", "ac", 1, 0, false, false, 2, { "entry", "entry.1" } },
	{ TRACE_SWAP, "writepage", "w", 1, 0, false, false, 4,
	  { "entry", "entry.1", "pages", "err" } },
	{ TRACE_SWAP, "read", "r", 1, 1 << 2, false, false, 3, { "entry", "entry.1", "ra" } },
	{ TRACE_FAULT, "major", "f", PAGE_SIZE, 0, true, false, 2, { "pid", "addr" } },
	{ TRACE_VMSCAN, "shrink_list", "l", 0, 0xe, false, false, 4,
	  { "kswapd", "scanned", "freed", "activated" } },
};
/* clang-format on */

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

/* Is "key" (or "key.sub" when @sub > 0) the name @want? */
static bool key_is(const char *want, const char *key, size_t len, unsigned int sub)
{
	if (strncmp(want, key, len))
		return false;
	if (!sub)
		return want[len] == 0;
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
			if (f->arg_of_key[i] < 0 && type != ARG_STR &&
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

/*
 * The parsed format of this call site, from a table hashed by the format's
 * address; NULL if the table is full. => interrupts off
 */
static struct tel_format *lookup_format(unsigned int cat, const char *event, const char *fmt)
{
	unsigned int h = ((unsigned long)fmt >> 2) % TEL_FORMATS;

	for (unsigned int i = 0; i < TEL_FORMATS; i++, h = (h + 1) % TEL_FORMATS) {
		struct tel_format *f = &formats[h];

		if (f->fmt == fmt && f->event == event)
			return f;
		if (!f->fmt) {
			parse_format(f, cat, event, fmt);
			return f;
		}
	}
	return NULL;
}

/* ---- keeping an event -------------------------------------------------- */

/* The bit of slot @off of area @type in the store's filter of closed runs' slots. */
static unsigned int touched_bit(u32 type, u32 off)
{
	return ((off * 0x9E3779B1u) ^ (type * 0x85EBCA6Bu)) >> (32 - TEL_TOUCHED_SHIFT);
}

/* Close @run into the ring; its slots go into the filter. => interrupts off */
static void push(struct tel_store *s, struct tel_rec *run)
{
	if (run->kind != TEL_TEXT_KIND && kinds[run->kind].slot) {
		for (u32 i = 0; i < run->n; i++) {
			unsigned int bit = touched_bit(run->v[0], run->v[1] + i);
			s->touched[bit / 32] |= 1U << (bit % 32);
		}
		s->closed_seq = max(s->closed_seq, run->seq);
	}
	struct tel_batch *b = &s->batch[s->active];

	if (b->nr == b->size)
		s->lost += run->n;
	else
		b->recs[b->nr++] = *run;
	run->n = run->last = 0;
}

static bool continues(const struct tel_kind *kind, const struct tel_rec *run, const u32 *v)
{
	unsigned int i = kind->step ? 2 : 1;

	if (!run->n || run->v[0] != v[0])
		return false;
	if (kind->step && v[1] != run->v[1] + run->n * kind->step)
		return false;
	for (; i < kind->nkeys; i++)
		if (!(kind->summed & (1 << i)) && run->v[i] != v[i])
			return false;
	return true;
}

/*
 * May the slot event @v join @run? Only if every run that already holds an
 * event of the same slot comes out before @run, i.e. is older: the open
 * runs are asked, the closed ones answer through the filter (a slot
 * possibly in one of them needs @run younger than every closed run).
 */
static bool in_order(const struct tel_store *s, const struct tel_rec *run, const u32 *v)
{
	unsigned int bit = touched_bit(v[0], v[1]);

	if ((s->touched[bit / 32] & (1U << (bit % 32))) && s->closed_seq > run->seq)
		return false;
	for (unsigned int k = 0; k < ARRAY_SIZE(kinds); k++) {
		if (!kinds[k].slot)
			continue;
		for (unsigned int i = 0; i < TEL_OPEN_PER_KIND; i++) {
			const struct tel_rec *o = &s->open[k][i];

			if (o->n && o->seq > run->seq && o->v[0] == v[0] && v[1] - o->v[1] < o->n)
				return false;
		}
	}
	return true;
}

/* => interrupts off */
static void add_to_run(struct tel_store *s, int k, const u32 *v)
{
	const struct tel_kind *kind = &kinds[k];
	struct tel_rec *runs = s->open[k], *run = &runs[0];

	for (unsigned int i = 0; i < TEL_OPEN_PER_KIND; i++) {
		if (continues(kind, &runs[i], v) && (!kind->slot || in_order(s, &runs[i], v))) {
			run = &runs[i];
			run->n++;
			run->last = ++s->clock;
			for (unsigned int j = 0; j < kind->nkeys; j++)
				if (kind->summed & (1 << j))
					run->v[j] += v[j];
			return;
		}
		if (runs[i].last < run->last)
			run = &runs[i]; /* the one extended longest ago, or unused */
	}
	if (run->n)
		push(s, run);
	run->kind = k;
	run->seq = ++s->seq;
	run->t = jiffies;
	run->n = 1;
	run->last = ++s->clock;
	memcpy(run->v, v, sizeof(run->v));
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
		s->lost++;	/* cut short by the end of the text, not by the line's length */
		return;
	}
	n = min(n, (int)room - 1);
	r.seq = ++s->seq;
	r.t = jiffies;
	r.v[0] = b->text_len;
	r.v[1] = n;
	b->text_len += n;
	push(s, &r);
}

void tel_store_event(struct tel_store *s, unsigned int cat, const char *event, const char *fmt,
		     va_list ap)
{
	unsigned long flags = local_irq_save();
	struct tel_format *f = lookup_format(cat, event, fmt);
	u32 args[TEL_MAX_ARGS], v[TEL_KEYS] = { 0 };

	if (!f || f->kind < 0) {
		add_text(s, cat, event, fmt, ap);
		local_irq_restore(flags);
		return;
	}
	for (unsigned int i = 0; i < f->nargs; i++)
		switch (f->type[i]) {
		case ARG_LLONG:
			args[i] = (u32)va_arg(ap, unsigned long long);
			break;
		case ARG_STR:
			args[i] = 0;
			(void)va_arg(ap, const char *);
			break;
		default:
			args[i] = va_arg(ap, unsigned long);
		}
	for (unsigned int i = 0; i < kinds[f->kind].nkeys; i++)
		v[i] = args[(int)f->arg_of_key[i]];
	add_to_run(s, f->kind, v);
	local_irq_restore(flags);
}

void telemetry_trace(unsigned int cat, const char *event, const char *fmt, va_list ap)
{
	tel_store_event(&tel_events, cat, event, fmt, ap);
}

/* Records in the order they were opened: a slot's events in the order they happened. */
static void sort_by_seq(struct tel_rec *recs, unsigned int n)
{
	for (unsigned int i = 1; i < n; i++) {
		struct tel_rec r = recs[i];
		unsigned int j = i;

		for (; j > 0 && recs[j - 1].seq > r.seq; j--)
			recs[j] = recs[j - 1];
		recs[j] = r;
	}
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
	*lost = s->lost;
	s->lost = 0;
	s->closed_seq = 0;
	memset(s->touched, 0, sizeof(s->touched));
	local_irq_restore(flags);
	sort_by_seq(b->recs, b->nr);
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

static char *put_dec(char *p, u32 v, bool sign)
{
	char tmp[12];
	int n = 0;

	*p = ' ';
	p++;
	if (sign && (s32)v < 0) {
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

static u32 to_ms(u32 j)
{
	return j * (1000 / HZ);
}

int tel_format_record(const struct tel_batch *b, const struct tel_rec *r, char *buf)
{
	const struct tel_kind *kind;
	char *p = buf;

	if (r->kind == TEL_TEXT_KIND) {
		p = put_dec(put_str(p, "x"), to_ms(r->t), false);
		*p++ = ' ';
		memcpy(p, b->text + r->v[0], r->v[1]);
		return p + r->v[1] - buf;
	}
	kind = &kinds[r->kind];
	p = put_dec(put_str(p, kind->tag), to_ms(r->t), false);
	p = put_dec(p, r->v[0], false);
	if (kind->step)
		p = kind->hex_pos ? put_hex(p, r->v[1]) : put_dec(p, r->v[1], false);
	p = put_dec(p, r->n, false);
	for (unsigned int i = kind->step ? 2 : 1; i < kind->nkeys; i++)
		p = put_dec(p, r->v[i], true);
	return p - buf;
}
