/*
 * vsnprintf and friends: printk, /proc files and the self-tests all format
 * through here. Kept small and self-contained; 64-bit divisions use libgcc.
 */
#include <lib/vsnprintf.h>
#include <lib/string.h>

struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

struct spec {
	bool left, zero, plus, space, alt;
	int width, prec;
	int lng;	/* 0 int, 1 long, 2 long long, -1 short */
};

static void put_padded(struct out *o, const char *s, size_t n, const struct spec *sp,
		       const char *prefix)
{
	size_t plen = strlen(prefix);
	int pad = sp->width - (int)(n + plen);
	char padc = sp->zero && !sp->left ? '0' : ' ';

	if (padc == ' ')
		for (; !sp->left && pad > 0; pad--)
			put(o, ' ');
	while (*prefix)
		put(o, *prefix++);
	for (; padc == '0' && pad > 0; pad--)
		put(o, '0');
	while (n--)
		put(o, *s++);
	for (; sp->left && pad > 0; pad--)
		put(o, ' ');
}

static void put_number(struct out *o, unsigned long long v, bool neg, unsigned int base,
		       bool upper, struct spec *sp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;
	const char *prefix = neg ? "-" : sp->plus ? "+" : sp->space ? " " : "";

	do {
		tmp[sizeof(tmp) - 1 - n++] = digits[v % base];
		v /= base;
	} while (v);
	while (n < sp->prec && n < (int)sizeof(tmp))
		tmp[sizeof(tmp) - 1 - n++] = '0';
	if (sp->alt && base == 16)
		prefix = upper ? "0X" : "0x";
	if (sp->prec >= 0)
		sp->zero = false;
	put_padded(o, tmp + sizeof(tmp) - n, n, sp, prefix);
}

static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	memset(sp, 0, sizeof(*sp));
	sp->prec = -1;
	for (;; f++) {
		if (*f == '-')
			sp->left = true;
		else if (*f == '0')
			sp->zero = true;
		else if (*f == '+')
			sp->plus = true;
		else if (*f == ' ')
			sp->space = true;
		else if (*f == '#')
			sp->alt = true;
		else
			break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		f++;
	}
	while (*f >= '0' && *f <= '9')
		sp->width = sp->width * 10 + (*f++ - '0');
	if (*f == '.') {
		sp->prec = 0;
		if (*++f == '*') {
			sp->prec = va_arg(*ap, int);
			f++;
		}
		while (*f >= '0' && *f <= '9')
			sp->prec = sp->prec * 10 + (*f++ - '0');
	}
	for (; *f == 'l' || *f == 'h' || *f == 'z'; f++)
		sp->lng = *f == 'h' ? -1 : *f == 'z' ? 1 : sp->lng + 1;
	return f;
}

static unsigned long long get_unsigned(const struct spec *sp, va_list *ap)
{
	if (sp->lng >= 2)
		return va_arg(*ap, unsigned long long);
	if (sp->lng == 1)
		return va_arg(*ap, unsigned long);
	if (sp->lng < 0)
		return (unsigned short)va_arg(*ap, unsigned int);
	return va_arg(*ap, unsigned int);
}

static long long get_signed(const struct spec *sp, va_list *ap)
{
	if (sp->lng >= 2)
		return va_arg(*ap, long long);
	if (sp->lng == 1)
		return va_arg(*ap, long);
	if (sp->lng < 0)
		return (short)va_arg(*ap, int);
	return va_arg(*ap, int);
}

static void format_one(struct out *o, char conv, struct spec *sp, va_list *ap)
{
	switch (conv) {
	case 'd':
	case 'i': {
		long long v = get_signed(sp, ap);
		put_number(o, v < 0 ? -(unsigned long long)v : (unsigned long long)v, v < 0, 10,
			   false, sp);
		break;
	}
	case 'u':
		put_number(o, get_unsigned(sp, ap), false, 10, false, sp);
		break;
	case 'x':
	case 'X':
		put_number(o, get_unsigned(sp, ap), false, 16, conv == 'X', sp);
		break;
	case 'o':
		put_number(o, get_unsigned(sp, ap), false, 8, false, sp);
		break;
	case 'p':
		sp->alt = true;
		sp->zero = true;
		sp->width = 2 + 2 * (int)sizeof(void *);
		put_number(o, (uintptr_t)va_arg(*ap, void *), false, 16, false, sp);
		break;
	case 'c': {
		char c = (char)va_arg(*ap, int);
		put_padded(o, &c, 1, sp, "");
		break;
	}
	case 's': {
		const char *s = va_arg(*ap, const char *);
		if (!s)
			s = "(null)";
		put_padded(o, s, sp->prec >= 0 ? strnlen(s, sp->prec) : strlen(s), sp, "");
		break;
	}
	default:
		put(o, '%');
		put(o, conv);
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };
	struct spec sp;
	va_list aq;

	va_copy(aq, ap);
	while (*fmt) {
		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		if (fmt[1] == '%') {
			put(&o, '%');
			fmt += 2;
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp, &aq);
		if (!*fmt)
			break;
		format_one(&o, *fmt++, &sp, &aq);
	}
	va_end(aq);
	if (size)
		buf[o.len < size ? o.len : size - 1] = 0;
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

unsigned long long simple_strtoull(const char *s, const char **end, unsigned int base)
{
	unsigned long long v = 0;

	if (!base) {
		base = 10;
		if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && digit_value(s[2]) < 16)
			base = 16, s += 2;
		else if (s[0] == '0' && s[1])
			base = 8;
	}
	for (; digit_value(*s) < (int)base; s++)
		v = v * base + digit_value(*s);
	if (end)
		*end = s;
	return v;
}

long simple_strtol(const char *s, const char **end, unsigned int base)
{
	if (*s == '-')
		return -(long)simple_strtoull(s + 1, end, base);
	return (long)simple_strtoull(s, end, base);
}

unsigned long long memparse(const char *s, const char **end)
{
	const char *e;
	unsigned long long v = simple_strtoull(s, &e, 0);

	if (e == s) {
		if (end)
			*end = s;
		return (unsigned long long)-1;
	}
	switch (*e) {
	case 'G':
	case 'g':
		v <<= 10;
		/* fall through */
	case 'M':
	case 'm':
		v <<= 10;
		/* fall through */
	case 'K':
	case 'k':
		v <<= 10;
		e++;
	}
	if (end)
		*end = e;
	return v;
}
