/*
 * seq_buf: append formatted text to a fixed buffer, remembering how much
 * would have been written, so a generator (a /proc file, a dump) can print
 * freely and the caller sees truncation afterwards. (Linux's seq_buf.)
 */
#ifndef LIB_SEQ_BUF_H
#define LIB_SEQ_BUF_H

#include <lib/compiler.h>

struct seq_buf {
	char *buf;
	size_t size;
	size_t len;	/* may exceed size - 1: the text was truncated */
};

static inline void seq_buf_init(struct seq_buf *s, char *buf, size_t size)
{
	s->buf = buf;
	s->size = size;
	s->len = 0;
	if (size)
		buf[0] = 0;
}

/* Bytes actually in the buffer (without the NUL). */
static inline size_t seq_buf_used(const struct seq_buf *s)
{
	return s->len < s->size ? s->len : (s->size ? s->size - 1 : 0);
}

__printf(2, 3) void seq_printf(struct seq_buf *s, const char *fmt, ...);

#endif
