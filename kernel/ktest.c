/*
 * The self-test runner: walks the .ktest_suites section and prints KTAP
 * version 1 (https://docs.kernel.org/dev-tools/ktap.html) on the console:
 *
 *	KTAP version 1
 *	1..2                       one line per selected suite
 *	  KTAP version 1
 *	  # Subtest: buddy
 *	  1..3
 *	  ok 1 test_split
 *	  not ok 2 test_merge      preceded by "# file:line: ..." diagnostics
 *	  ok 3 test_big # SKIP no scratch disk
 *	ok 1 buddy
 *	...
 *	5 passed, 1 failed         skipped cases count as passed
 *
 * A case that does not return within KTEST_TIMEOUT_S seconds is reported by
 * the timer interrupt and the kernel panics, so a hang never looks like a
 * pass; a crash panics too, and the launcher turns both into a failure.
 */
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/params.h>
#include <kernel/panic.h>
#include <kernel/time.h>
#include <lib/vsnprintf.h>
#include <lib/string.h>

#define KTEST_TIMEOUT_S 120

extern const struct ktest_suite __ktest_suites_start[], __ktest_suites_end[];

static struct {
	const char *suite, *kcase;
	unsigned long deadline;
	bool armed;
} watchdog;

void ktest_fail(struct ktest *t, const char *file, int line, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	t->failed++;
	printk("    # %s:%d: %s\n", file, line, msg);
}

void ktest_skip(struct ktest *t, const char *reason)
{
	t->skip_reason = reason;
}

void ktest_watchdog_tick(void)
{
	if (watchdog.armed && time_after(jiffies, watchdog.deadline)) {
		watchdog.armed = false;
		panic("ktest: %s.%s did not finish within %d s", watchdog.suite, watchdog.kcase,
		      KTEST_TIMEOUT_S);
	}
}

void ktest_run_case(const struct ktest_case *c, struct ktest *t)
{
	t->name = c->name;
	t->failed = 0;
	t->skip_reason = NULL;
	c->run(t);
}

/* Does any comma-separated glob in @globs select @s? */
static bool suite_selected(const struct ktest_suite *s, const char *globs)
{
	char pat[64];

	if (!globs)
		return !(s->flags & KTEST_EXPLICIT);
	while (*globs) {
		const char *end = strchr(globs, ',');
		size_t n = end ? (size_t)(end - globs) : strlen(globs);
		if (n >= sizeof(pat))
			n = sizeof(pat) - 1;
		memcpy(pat, globs, n);
		pat[n] = 0;
		bool wild = strchr(pat, '*') || strchr(pat, '?');
		if (glob_match(pat, s->name) && (!wild || !(s->flags & KTEST_EXPLICIT)))
			return true;
		globs += n;
		if (*globs == ',')
			globs++;
	}
	return false;
}

static int count_cases(const struct ktest_suite *s)
{
	int n = 0;

	while (s->cases[n].name)
		n++;
	return n;
}

/* Run one suite; adds its results to *passed and *failed. */
static bool run_suite(const struct ktest_suite *s, int *passed, int *failed)
{
	int n = count_cases(s), suite_failed = 0;
	struct ktest t;

	printk("  KTAP version 1\n  # Subtest: %s\n  1..%d\n", s->name, n);
	for (int i = 0; i < n; i++) {
		watchdog.suite = s->name;
		watchdog.kcase = s->cases[i].name;
		watchdog.deadline = jiffies + KTEST_TIMEOUT_S * HZ;
		watchdog.armed = true;
		ktest_run_case(&s->cases[i], &t);
		watchdog.armed = false;
		if (t.failed)
			printk("  not ok %d %s\n", i + 1, t.name);
		else if (t.skip_reason)
			printk("  ok %d %s # SKIP %s\n", i + 1, t.name, t.skip_reason);
		else
			printk("  ok %d %s\n", i + 1, t.name);
		if (t.failed) {
			suite_failed++;
			(*failed)++;
		} else {
			(*passed)++;
		}
	}
	return suite_failed == 0;
}

int ktest_run(const char *globs)
{
	int nsuites = 0, idx = 0, passed = 0, failed = 0;
	const struct ktest_suite *s;

	for (s = __ktest_suites_start; s < __ktest_suites_end; s++)
		nsuites += suite_selected(s, globs);
	printk("KTAP version 1\n1..%d\n", nsuites);
	for (s = __ktest_suites_start; s < __ktest_suites_end; s++) {
		if (!suite_selected(s, globs))
			continue;
		bool ok = run_suite(s, &passed, &failed);
		printk("%sok %d %s\n", ok ? "" : "not ", ++idx, s->name);
	}
	printk("%d passed, %d failed\n", passed, failed);
	if (passed + failed == 0) {
		printk("ktest: no test selected by '%s': that is a failure\n", globs ? globs : "");
		return 1;
	}
	return failed;
}
