/*
 * What the kernel cores expect from their environment, for host builds:
 * printk to stdout, BUG to abort (or to a test's CHECK_BUG), and the base
 * of the simulated physical memory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <kernel/printk.h>
#include <kernel/bug.h>
#include <mm/page.h>

char *host_phys_base;
struct page *mem_map;
unsigned long max_pfn;
jmp_buf *check_bug_jmp;
int host_quiet_printk;

int printk(const char *fmt, ...)
{
	va_list ap;
	int n = 0;

	if (host_quiet_printk)
		return 0;
	va_start(ap, fmt);
	if (fmt[0] == '<' && fmt[1] && fmt[2] == '>')
		fmt += 3;
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

void bug_fail(const char *file, int line, const char *cond)
{
	if (check_bug_jmp)
		longjmp(*check_bug_jmp, 1);
	fprintf(stderr, "BUG at %s:%d: %s\n", file, line, cond);
	abort();
}

void warn_fail(const char *file, int line, const char *cond)
{
	fprintf(stderr, "WARNING at %s:%d: %s\n", file, line, cond);
}
