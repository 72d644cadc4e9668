/*
 * printk: format into a buffer and send it to the serial and VGA consoles.
 * Interrupts are disabled while a message is written so lines from an
 * interrupt handler never interleave with a line in progress.
 */
#include <kernel/printk.h>
#include <kernel/params.h>
#include <drivers/console.h>
#include <arch/x86/irqflags.h>
#include <lib/vsnprintf.h>
#include <lib/string.h>
#include <uapi/errno.h>

#define DEFAULT_LOGLEVEL 7

int console_loglevel = DEFAULT_LOGLEVEL;

static char *capture_buf;
static size_t capture_size, capture_len;

static int set_loglevel(const char *val)
{
	if (!val || *val < '0' || *val > '8' || val[1])
		return -EINVAL;
	console_loglevel = *val - '0';
	return 0;
}
__setup("loglevel", set_loglevel);

void console_write(const char *s, size_t n)
{
	unsigned long flags = local_irq_save();

	serial_write(s, n);
	vga_write(s, n);
	if (capture_buf) {
		size_t room = capture_size - 1 - capture_len;
		size_t k = n < room ? n : room;
		memcpy(capture_buf + capture_len, s, k);
		capture_len += k;
		capture_buf[capture_len] = 0;
	}
	local_irq_restore(flags);
}

int printk(const char *fmt, ...)
{
	char buf[512];
	int level = 4, n;
	va_list ap;

	if (fmt[0] == '<' && fmt[1] >= '0' && fmt[1] <= '7' && fmt[2] == '>') {
		level = fmt[1] - '0';
		fmt += 3;
	}
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(buf))
		n = sizeof(buf) - 1;
	if (level <= console_loglevel)
		console_write(buf, n);
	return n;
}

void printk_capture_start(char *buf, size_t size)
{
	unsigned long flags = local_irq_save();

	capture_buf = buf;
	capture_size = size;
	capture_len = 0;
	buf[0] = 0;
	local_irq_restore(flags);
}

size_t printk_capture_stop(void)
{
	unsigned long flags = local_irq_save();
	size_t n = capture_len;

	capture_buf = NULL;
	local_irq_restore(flags);
	return n;
}
