/*
 * Number parsing and sleeping. strtol adds what libc callers expect
 * (leading spaces, a sign, a char ** end pointer) around the kernel's
 * simple_strtoull; there is no overflow detection.
 */
#include <ulib.h>

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

long strtol(const char *s, char **end, int base)
{
	const char *digits, *stop;
	bool neg = false;
	unsigned long v;

	while (is_space(*s))
		s++;
	digits = s;
	if (*digits == '-' || *digits == '+')
		neg = *digits++ == '-';
	v = simple_strtoull(digits, &stop, base);
	if (end)
		*end = (char *)(stop == digits ? s : stop);
	return neg ? -(long)v : (long)v;
}

int atoi(const char *s)
{
	return strtol(s, NULL, 10);
}

/* Returns 0, or the seconds not slept if nanosleep was interrupted or failed. */
unsigned int sleep(unsigned int seconds)
{
	struct timespec req = { seconds, 0 }, rem = { 0, 0 };

	if (nanosleep(&req, &rem) == 0)
		return 0;
	return errno == EINTR ? (unsigned int)(rem.tv_sec + (rem.tv_nsec > 0)) : seconds;
}

int usleep(unsigned long usec)
{
	struct timespec req = { usec / 1000000, usec % 1000000 * 1000 };

	return nanosleep(&req, NULL);
}
