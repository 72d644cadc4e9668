/*
 * glibc_calls: what an ordinary C program does with Debian's i386 glibc
 * (-static), checked: stdio on a /proc file (open is openat), sysconf's
 * page size (from the auxiliary vector), stat (fstatat64), usleep sleeping at least what it
 * is asked (clock_nanosleep), the wall clock (clock_gettime64), qsort and
 * realloc (brk, mmap, munmap), fork with pause and kill, abort and raise
 * ending children with SIGABRT and SIGTERM (gettid, tgkill), and floating
 * point. "glibc_calls: ok" at the end; a failed check says which.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

static int failures;

static void check(int ok, const char *what)
{
	printf("glibc_calls: %s%s\n", ok ? "" : "FAILED ", what);
	failures += !ok;
}

static int cmp(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static int killed_by(void (*fn)(void), int sig)
{
	int st;
	pid_t c = fork();

	if (c == 0) {
		fn();
		_exit(0);
	}
	return c > 0 && waitpid(c, &st, 0) == c && WIFSIGNALED(st) && WTERMSIG(st) == sig;
}

static void do_abort(void)
{
	abort();
}

static void do_raise(void)
{
	raise(SIGTERM);
}

int main(void)
{
	char line[128] = "";
	FILE *f = fopen("/proc/meminfo", "r");
	struct timespec a, b;
	int n = 100000, *v = malloc(n * sizeof(int)), ok = 1, st;
	pid_t c;
	volatile double x = 3.0;
	struct stat sb;

	check(f && fgets(line, sizeof(line), f) && !strncmp(line, "MemTotal:", 9),
	      "fopen and fgets of /proc/meminfo");
	if (f)
		fclose(f);
	check(sysconf(_SC_PAGESIZE) == 4096, "sysconf(_SC_PAGESIZE) is 4096");
	check(stat("/proc/meminfo", &sb) == 0 && S_ISREG(sb.st_mode) && stat("/", &sb) == 0 &&
		      S_ISDIR(sb.st_mode) && stat("/nosuch", &sb) == -1,
	      "stat of a file, a directory and a missing name");
	clock_gettime(CLOCK_MONOTONIC, &a);
	usleep(30000);
	clock_gettime(CLOCK_MONOTONIC, &b);
	check((b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec) >= 28000000LL,
	      "usleep(30 ms) sleeps at least about 30 ms");
	check(time(NULL) > 1577836800, "time() is after 2020");
	for (int i = 0; i < n; i++)
		v[i] = (i * 7919) % n;
	qsort(v, n, sizeof(int), cmp);
	for (int i = 0; i < n; i++)
		ok &= v[i] == i;
	v = realloc(v, 8 * n * sizeof(int));
	check(ok && v, "qsort of 100000 ints, realloc to 3 MiB");
	free(v);
	c = fork();
	if (c == 0) {
		pause();
		_exit(0);
	}
	usleep(20000);
	check(kill(c, SIGKILL) == 0 && waitpid(c, &st, 0) == c && WIFSIGNALED(st) &&
		      WTERMSIG(st) == SIGKILL,
	      "a child in pause() killed by SIGKILL");
	check(killed_by(do_abort, SIGABRT), "abort() ends a child with SIGABRT");
	check(killed_by(do_raise, SIGTERM), "raise(SIGTERM) ends a child with SIGTERM");
	for (int i = 0; i < 10; i++)
		x = x * 1.5 / 1.5 + 0.25;
	check(x == 5.5, "floating point");
	if (failures)
		return 1;
	printf("glibc_calls: ok\n");
	return 0;
}
