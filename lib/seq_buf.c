/*
 * seq_printf: vsnprintf into what is left of a seq_buf.
 */
#include <lib/seq_buf.h>
#include <lib/vsnprintf.h>

void seq_printf(struct seq_buf *s, const char *fmt, ...)
{
	size_t used = seq_buf_used(s);
	va_list ap;

	va_start(ap, fmt);
	s->len += vsnprintf(s->buf + used, s->size - used, fmt, ap);
	va_end(ap);
}
