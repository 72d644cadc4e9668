/*
 * glibc_swap: an ordinary Linux program, built with Debian's i386 glibc
 * (i686-linux-gnu-gcc -static), nothing of this kernel's own: what an
 * outside user would run. glibc's start-up needs TLS (set_thread_area),
 * the auxiliary vector (AT_RANDOM) and SSE; then it uses brk and mmap
 * for malloc, clone for fork, wait4, pipe, write for stdio.
 *
 * Four children each fill a quarter of 2.5 x RAM with doubles, sum them
 * (the FPU registers must survive every context switch while memory is
 * swapping), free the memory, and send the sum through a pipe; the parent
 * checks each sum against the closed form. "glibc_swap: ok" at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHILDREN 4

static double expected(size_t n, int k)
{
	/* sum of (i * 0.5 + k) for i < n */
	return 0.5 * (double)n * (double)(n - 1) / 2.0 + (double)k * (double)n;
}

static double work(size_t n, int k)
{
	double *a = malloc(n * sizeof(double)), sum = 0;

	if (!a)
		return -1;
	for (size_t i = 0; i < n; i++)
		a[i] = (double)i * 0.5 + k;
	for (int pass = 0; pass < 2; pass++) {
		sum = 0;
		for (size_t i = 0; i < n; i++)
			sum += a[i];
	}
	free(a);
	return sum;
}

int main(void)
{
	struct sysinfo si;
	int fds[2], bad = 0;
	size_t n;

	if (sysinfo(&si) || pipe(fds)) {
		perror("glibc_swap: sysinfo/pipe");
		return 1;
	}
	n = (size_t)si.totalram * si.mem_unit * 5 / 2 / CHILDREN / sizeof(double);
	printf("glibc_swap: %d children x %zu doubles (%zu KiB each), RAM %lu KiB\n", CHILDREN, n,
	       n * sizeof(double) / 1024, (unsigned long)si.totalram * si.mem_unit / 1024);
	fflush(stdout);
	for (int k = 0; k < CHILDREN; k++) {
		pid_t pid = fork();
		if (pid < 0) {
			perror("glibc_swap: fork");
			return 1;
		}
		if (pid == 0) {
			double r[2] = { (double)k, work(n, k) };
			close(fds[0]);
			if (write(fds[1], r, sizeof(r)) != sizeof(r))
				_exit(2);
			_exit(0);
		}
	}
	close(fds[1]);
	for (int k = 0; k < CHILDREN; k++) {
		double r[2];
		if (read(fds[0], r, sizeof(r)) != sizeof(r)) {
			printf("glibc_swap: short read from the pipe\n");
			return 1;
		}
		if (r[1] != expected(n, (int)r[0])) {
			printf("glibc_swap: child %d: sum %.1f, expected %.1f\n", (int)r[0], r[1],
			       expected(n, (int)r[0]));
			bad++;
		}
	}
	for (int k = 0; k < CHILDREN; k++) {
		int st;
		if (wait(&st) < 0 || !WIFEXITED(st) || WEXITSTATUS(st)) {
			printf("glibc_swap: a child failed (status %#x)\n", st);
			bad++;
		}
	}
	if (bad)
		return 1;
	printf("glibc_swap: %d sums of %zu doubles exact while swapping\n", CHILDREN, n);
	printf("glibc_swap: ok\n");
	return 0;
}
