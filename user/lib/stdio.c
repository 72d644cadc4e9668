/*
 * Formatted output and line input on file descriptors. printf formats with
 * the kernel's vsnprintf into a stack buffer (a heap one for long output)
 * and writes the result with a single write(2); nothing is buffered, so a
 * fork never duplicates pending output and a killed process loses none.
 */
#include <ulib.h>

/* Write all of buf, retrying after short writes. */
ssize_t write_all(int fd, const void *buf, size_t count)
{
	const char *p = buf;
	size_t done = 0;

	while (done < count) {
		ssize_t n = write(fd, p + done, count - done);

		if (n <= 0)
			return done ? (ssize_t)done : n;
		done += n;
	}
	return done;
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
	char small[256], *buf = small;
	int len;
	va_list aq;

	va_copy(aq, ap);
	len = vsnprintf(small, sizeof(small), fmt, ap);
	if (len >= (int)sizeof(small)) {
		buf = malloc(len + 1);
		if (buf)
			vsnprintf(buf, len + 1, fmt, aq);
		else
			buf = small, len = sizeof(small) - 1; /* print what fitted */
	}
	va_end(aq);
	len = write_all(fd, buf, len);
	if (buf != small)
		free(buf);
	return len;
}

int dprintf(int fd, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vdprintf(fd, fmt, ap);
	va_end(ap);
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vdprintf(STDOUT_FILENO, fmt, ap);
	va_end(ap);
	return n;
}

int puts(const char *s)
{
	return printf("%s\n", s);
}

int putchar(int c)
{
	char ch = c;

	return write(STDOUT_FILENO, &ch, 1) == 1 ? (unsigned char)c : -1;
}

void perror(const char *what)
{
	dprintf(STDERR_FILENO, "%s: %s\n", what, strerror(errno));
}

/*
 * Terminals send '\r', '\n' or both for Enter; a '\n' straight after the
 * '\r' that ended the previous line is the same Enter and is skipped.
 * Characters are read one at a time so nothing past the line is consumed:
 * the rest of fd 0 belongs to whichever program reads next.
 */
int readline(char *buf, size_t size)
{
	static bool after_cr;
	size_t len = 0;
	char c;

	for (;;) {
		if (read(STDIN_FILENO, &c, 1) != 1) {
			buf[len] = 0;
			return len ? (int)len : -1;
		}
		if (c == '\n' && after_cr) {
			after_cr = false;
			continue;
		}
		after_cr = c == '\r';
		if (c == '\n' || c == '\r')
			break;
		if (len + 1 < size)
			buf[len++] = c;
	}
	buf[len] = 0;
	return len;
}
