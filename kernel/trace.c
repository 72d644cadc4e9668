/*
 * Trace events (see include/kernel/trace.h): the categories a boot
 * parameter enables, the common line format with a timestamp on the
 * console, and the hand-over of every event to telemetry when it is on.
 */
#include <kernel/trace.h>
#include <kernel/telemetry.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/time.h>
#include <lib/vsnprintf.h>
#include <lib/string.h>
#include <uapi/errno.h>

unsigned int trace_mask;
unsigned int trace_console_mask;
static bool to_telemetry;

static const struct {
	const char *name;
	unsigned int bit;
} categories[] = {
	/* clang-format off */
	{ "swap", TRACE_SWAP },
	{ "vmscan", TRACE_VMSCAN },
	{ "ata", TRACE_ATA },
	{ "fault", TRACE_FAULT },
	{ "slot", TRACE_SLOT },
	/* clang-format on */
};

const char *trace_category_name(unsigned int cat)
{
	for (size_t i = 0; i < ARRAY_SIZE(categories); i++)
		if (categories[i].bit == cat)
			return categories[i].name;
	return "?";
}

static unsigned int category_bit(const char *word)
{
	if (!strcmp(word, "all"))
		return ~0U;
	for (size_t i = 0; i < ARRAY_SIZE(categories); i++)
		if (!strcmp(word, categories[i].name))
			return categories[i].bit;
	return 0;
}

/* trace=swap,vmscan,ata: all or nothing, so a typo enables no category. */
static int set_trace(const char *val)
{
	unsigned int mask = 0;
	char word[16];

	if (!val)
		return -EINVAL;
	while (*val) {
		const char *comma = strchr(val, ',');
		size_t n = comma ? (size_t)(comma - val) : strlen(val);
		unsigned int bit;
		strlcpy(word, val, min(n + 1, sizeof(word)));
		bit = category_bit(word);
		if (!bit)
			return -EINVAL;
		mask |= bit;
		val += n + (comma != NULL);
	}
	trace_console_mask |= mask;
	trace_mask |= mask;
	return 0;
}
__setup("trace", set_trace);

void trace_enable_telemetry(void)
{
	to_telemetry = true;
	trace_mask = ~0U;
}

static void console_event(unsigned int cat, const char *event, const char *fmt, va_list ap)
{
	char line[200];
	u64 us = ktime_get_ns() / 1000;
	int n = snprintf(line, sizeof(line), "trace: %llu.%06llu %s:%s ", us / 1000000,
			 us % 1000000, trace_category_name(cat), event);

	n += vsnprintf(line + n, sizeof(line) - n - 1, fmt, ap);
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	console_write(line, n);
}

__printf(3, 4) static void console_line(unsigned int cat, const char *event, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	console_event(cat, event, fmt, ap);
	va_end(ap);
}

/*
 * Telemetry takes a changed slot as a mark (its count goes out with the
 * period's changed slots), not as an event. => swap_lock held
 */
void __trace_slot(const char *event, unsigned int type, unsigned long offset, unsigned int count)
{
	if (to_telemetry)
		telemetry_slot_changed(type, offset);
	if (!(trace_console_mask & TRACE_SLOT))
		return;
	if (!strcmp(event, "count"))
		console_line(TRACE_SLOT, event, "entry=%u:%lu count=%u", type, offset, count);
	else
		console_line(TRACE_SLOT, event, "entry=%u:%lu", type, offset);
}

void __trace_event(unsigned int cat, const char *event, const char *fmt, ...)
{
	va_list ap;

	if (to_telemetry) {
		va_start(ap, fmt);
		telemetry_trace(cat, event, fmt, ap);
		va_end(ap);
	}
	if (trace_console_mask & cat) {
		va_start(ap, fmt);
		console_event(cat, event, fmt, ap);
		va_end(ap);
	}
}
