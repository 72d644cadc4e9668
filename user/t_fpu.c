/*
 * t_fpu: each process keeps its own floating-point registers, as on Linux.
 * Several processes hold different values in the x87 stack and in an SSE
 * register across thousands of sched_yield calls (context switches to the
 * others, which do the same); each must read back its own value. A fork
 * child starts with its parent's registers; a new program starts with
 * Linux's initial state (x87 control word 0x37f, MXCSR 0x1f80). C
 * libraries use SSE for their string functions (glibc picks them by
 * CPUID), so the kernel must also turn SSE on. Raw int 0x80 only.
 *
 * "t_fpu: ok" at the end.
 *
 * Runs: t_fpu
 */
#include <utest.h>

#define WORKERS 3
#define YIELDS	3000

/* Hold @v in st(0) while yielding @n times; what st(0) holds afterwards. */
static double x87_across_yields(double v, int n)
{
	double out;

	__asm__ __volatile__("fldl %2\n"
			     "1:\tmovl $158, %%eax\n\t"
			     "int $0x80\n\t"
			     "decl %%ecx\n\t"
			     "jnz 1b\n\t"
			     "fstpl %0"
			     : "=m"(out), "+c"(n)
			     : "m"(v)
			     : "eax", "memory");
	return out;
}

/* The same in xmm3. */
static double sse_across_yields(double v, int n)
{
	double out;

	__asm__ __volatile__("movsd %2, %%xmm3\n"
			     "1:\tmovl $158, %%eax\n\t"
			     "int $0x80\n\t"
			     "decl %%ecx\n\t"
			     "jnz 1b\n\t"
			     "movsd %%xmm3, %0"
			     : "=m"(out), "+c"(n)
			     : "m"(v)
			     : "eax", "memory");
	return out;
}

static unsigned int x87_control(void)
{
	unsigned short cw;

	__asm__ __volatile__("fnstcw %0" : "=m"(cw));
	return cw;
}

static unsigned int mxcsr(void)
{
	unsigned int m;

	__asm__ __volatile__("stmxcsr %0" : "=m"(m));
	return m;
}

static int fresh(void)
{
	if (x87_control() != 0x37f)
		return 1;
	return mxcsr() != 0x1f80 ? 2 : 0;
}

int main(int argc, char **argv)
{
	pid_t child;
	double v;

	if (argc > 1 && !strcmp(argv[1], "--fresh"))
		return fresh();
	for (int w = 0; w < WORKERS; w++) {
		if (xfork() == 0) {
			double mine = 1.25 + w * 1000.5;
			for (int round = 0; round < 4; round++) {
				if (x87_across_yields(mine, YIELDS / 4) != mine)
					_exit(1);
				if (sse_across_yields(-mine, YIELDS / 4) != -mine)
					_exit(2);
			}
			_exit(0);
		}
	}
	for (int w = 0; w < WORKERS; w++) {
		int status;
		if (waitpid(-1, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
			char how[64];
			describe_status(status, how, sizeof(how));
			fail("a worker lost its %s register across context switches (%s)",
			     WIFEXITED(status) && WEXITSTATUS(status) == 2 ? "SSE" : "x87", how);
		}
	}
	printf("t_fpu: %d processes kept their x87 and SSE registers across %d yields each\n",
	       WORKERS, YIELDS);

	/* A fork child starts with the parent's registers. */
	v = 42.125;
	__asm__ __volatile__("movsd %0, %%xmm5" ::"m"(v));
	child = fork();
	if (child == 0) {
		double got;
		__asm__ __volatile__("movsd %%xmm5, %0" : "=m"(got));
		_exit(got == 42.125 ? 0 : 3);
	}
	expect_exit(child, 0);
	printf("t_fpu: a fork child starts with its parent's registers\n");

	/* A new program starts with Linux's initial state, whatever its parent had. */
	__asm__ __volatile__("fldcw %0" ::"m"((unsigned short){ 0x27f }));
	__asm__ __volatile__("ldmxcsr %0" ::"m"((unsigned int){ 0x9fc0 }));
	child = xfork();
	if (child == 0) {
		char path[64], *args[] = { path, "--fresh", NULL };
		sibling_path("t_fpu", path, sizeof(path));
		execve(path, args, environ);
		_exit(9);
	}
	expect_exit(child, 0);
	printf("t_fpu: exec starts with control word 0x37f and MXCSR 0x1f80\n");
	pass();
}
