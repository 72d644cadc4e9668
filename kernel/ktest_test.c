/*
 * Tests of the test framework itself: a failing assertion is counted as a
 * failure, a skip is recorded, and an explicit suite with a deliberately
 * failing case lets the harness check that "not ok" reaches it (the
 * harness boots "test=ktest_selfcheck" and expects a failure exit).
 */
#include <kernel/ktest.h>
#include <kernel/printk.h>

static void case_that_fails(struct ktest *t)
{
	KT_EXPECT_EQ(t, 1 + 1, 3);
	KT_EXPECT(t, false);
}

static void case_that_skips(struct ktest *t)
{
	ktest_skip(t, "nothing to do");
}

static void test_failure_is_counted(struct ktest *t)
{
	static const struct ktest_case c = KTEST_CASE(case_that_fails);
	struct ktest inner;
	char log[512];

	printk_capture_start(log, sizeof(log));
	ktest_run_case(&c, &inner);
	printk_capture_stop();
	KT_EXPECT_EQ(t, inner.failed, 2);
	KT_EXPECT(t, strstr(log, "expected 1 + 1 == 3, got 2 vs 3") != NULL);
	KT_EXPECT(t, strstr(log, "ktest_test.c:") != NULL);
}

static void test_skip_is_recorded(struct ktest *t)
{
	static const struct ktest_case c = KTEST_CASE(case_that_skips);
	struct ktest inner;

	ktest_run_case(&c, &inner);
	KT_EXPECT_EQ(t, inner.failed, 0);
	KT_EXPECT_STREQ(t, inner.skip_reason, "nothing to do");
}

KTEST_SUITE(ktest, KTEST_CASE(test_failure_is_counted), KTEST_CASE(test_skip_is_recorded));

static void passing_case(struct ktest *t)
{
	KT_EXPECT(t, true);
}

/* Only run when named: the harness checks it is reported as a failure. */
KTEST_SUITE_FLAGS(ktest_selfcheck, KTEST_EXPLICIT, KTEST_CASE(passing_case),
		  KTEST_CASE(case_that_fails));
