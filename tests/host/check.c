/*
 * Runner for TEST() cases: runs each in registration order and prints KTAP.
 * Exit status is 0 only when every case passed.
 */
#include "check.h"

#define MAX_TESTS 256

static struct {
	const char *name;
	void (*fn)(void);
} tests[MAX_TESTS];
static int ntests;
static int failed_current;

void check_register(const char *name, void (*fn)(void))
{
	if (ntests == MAX_TESTS) {
		fprintf(stderr, "too many host tests\n");
		exit(2);
	}
	tests[ntests].name = name;
	tests[ntests].fn = fn;
	ntests++;
}

void check_fail(const char *file, int line, const char *expr, long long a, long long b)
{
	failed_current = 1;
	printf("# %s:%d: check failed: %s (left %lld, right %lld)\n", file, line, expr, a, b);
}

int main(int argc, char **argv)
{
	int failed = 0;
	const char *only = argc > 1 ? argv[1] : NULL;

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("KTAP version 1\n1..%d\n", ntests);
	for (int i = 0; i < ntests; i++) {
		if (only && strcmp(only, tests[i].name)) {
			printf("ok %d %s # SKIP not selected\n", i + 1, tests[i].name);
			continue;
		}
		failed_current = 0;
		tests[i].fn();
		printf("%sok %d %s\n", failed_current ? "not " : "", i + 1, tests[i].name);
		failed += failed_current;
	}
	return failed ? 1 : 0;
}
