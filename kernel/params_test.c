/*
 * Self-tests for the command-line parser: the image path QEMU prepends,
 * bare and valued parameters, unknown ones reported, init's arguments.
 */
#include <kernel/ktest.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <uapi/errno.h>

static const char *sample_val;
static int sample_calls;

static int set_sample(const char *val)
{
	sample_calls++;
	sample_val = val;
	return val && !strcmp(val, "bad") ? -EINVAL : 0;
}
__setup("ktest.sample", set_sample);

static char log[1024];

/* Parse @text with init's arguments saved and restored around it. */
static int parse(const char *text, int *argc, char *argv0, size_t argv0_len)
{
	static char copy[CMDLINE_MAX];
	int saved_argc = init_argc, problems;
	char *saved_argv[INIT_ARGV_MAX];

	memcpy(saved_argv, init_argv, sizeof(saved_argv));
	strlcpy(copy, text, sizeof(copy));
	sample_calls = 0;
	sample_val = NULL;
	printk_capture_start(log, sizeof(log));
	problems = parse_cmdline(copy);
	printk_capture_stop();
	*argc = init_argc;
	strlcpy(argv0, init_argc ? init_argv[0] : "", argv0_len);
	init_argc = saved_argc;
	memcpy(init_argv, saved_argv, sizeof(saved_argv));
	return problems;
}

static void test_image_path_skipped(struct ktest *t)
{
	int argc;
	char a0[16];

	KT_EXPECT_EQ(t, parse("/boot/kernel.elf ktest.sample=1", &argc, a0, sizeof(a0)), 0);
	KT_EXPECT_EQ(t, sample_calls, 1);
	KT_EXPECT_STREQ(t, sample_val, "1");
	KT_EXPECT_EQ(t, parse("ktest.sample", &argc, a0, sizeof(a0)), 0);
	KT_EXPECT(t, sample_val == NULL);
}

static void test_unknown_reported(struct ktest *t)
{
	int argc;
	char a0[16];

	KT_EXPECT_EQ(t, parse("nosuchparam=3 ktest.sample", &argc, a0, sizeof(a0)), 1);
	KT_EXPECT(t, strstr(log, "unknown parameter 'nosuchparam=3'") != NULL);
	KT_EXPECT_EQ(t, sample_calls, 1);
}

static void test_bad_value_reported(struct ktest *t)
{
	int argc;
	char a0[16];

	KT_EXPECT_EQ(t, parse("ktest.sample=bad", &argc, a0, sizeof(a0)), 1);
	KT_EXPECT(t, strstr(log, "bad value for 'ktest.sample': 'bad'") != NULL);
}

static void test_init_arguments(struct ktest *t)
{
	int argc;
	char a0[16];

	KT_EXPECT_EQ(t, parse("ktest.sample=x -- --limit 300 trace", &argc, a0, sizeof(a0)), 0);
	KT_EXPECT_EQ(t, argc, 3);
	KT_EXPECT_STREQ(t, a0, "--limit");
	KT_EXPECT_STREQ(t, sample_val, "x");
}

KTEST_SUITE(cmdline, KTEST_CASE(test_image_path_skipped), KTEST_CASE(test_unknown_reported),
	    KTEST_CASE(test_bad_value_reported), KTEST_CASE(test_init_arguments));
