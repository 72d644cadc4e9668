/*
 * Formatted output into a buffer (lib/vsnprintf.c): the C99 subset the
 * kernel uses — %d %i %u %x %X %o %p %s %c %%, with flags '-', '0', '+',
 * ' ', a width and precision (also '*'), and the h, l, ll and z length
 * modifiers. Returns the length the full output would have had.
 */
#ifndef LIB_VSNPRINTF_H
#define LIB_VSNPRINTF_H

#include <lib/compiler.h>

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);

/* Parse an unsigned number in base 10, 16 (0x) or 8 (0); *end after it. */
unsigned long long simple_strtoull(const char *s, const char **end, unsigned int base);
long simple_strtol(const char *s, const char **end, unsigned int base);
/* "64M", "512K", "4096": bytes; -1 (as unsigned) on a malformed size. */
unsigned long long memparse(const char *s, const char **end);

#endif
