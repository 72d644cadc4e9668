/*
 * Self-tests for exception reporting and the exception table: a #DE and a
 * #PF are raised on purpose with a recovery point armed, and the report
 * printed on the console is captured and checked.
 */
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/uaccess.h>
#include <arch/x86/traps.h>
#include <arch/x86/irqflags.h>

static char report[4096];
static volatile unsigned int zero_divisor;
static volatile unsigned long unmapped_address = 0x10;

static void raise_divide_error(void)
{
	__asm__ __volatile__("xor %%edx, %%edx; mov $1, %%eax; divl %0" ::"r"(zero_divisor)
			     : "eax", "edx");
}

static void raise_page_fault(void)
{
	(void)*(volatile int *)unmapped_address;
}

/* Run @fn with a recovery point; returns the vector + 1 it died with, or 0. */
static __attribute__((noinline)) int run_expecting_fault(void (*fn)(void))
{
	struct kjmp j;
	int v;

	printk_capture_start(report, sizeof(report));
	fault_recovery = &j;
	v = kjmp_set(&j);
	if (v == 0)
		fn();
	fault_recovery = NULL;
	printk_capture_stop();
	return v;
}

static void test_divide_error_report(struct ktest *t)
{
	KT_ASSERT_EQ(t, run_expecting_fault(raise_divide_error), 0 + 1);
	KT_EXPECT(t, strstr(report, "#DE divide error, vector 0, error code 0x0000") != NULL);
	KT_EXPECT(t, strstr(report, "EIP: 0008:") != NULL);
	KT_EXPECT(t, strstr(report, "[raise_divide_error+0x") != NULL);
	KT_EXPECT(t, strstr(report, "Call trace:") != NULL);
	KT_EXPECT(t, strstr(report, "] test_divide_error_report+0x") != NULL);
}

static void test_page_fault_report(struct ktest *t)
{
	KT_ASSERT_EQ(t, run_expecting_fault(raise_page_fault), 14 + 1);
	KT_EXPECT(t, strstr(report, "#PF page fault, vector 14") != NULL);
	KT_EXPECT(t, strstr(report, "CR2 00000010 (read, not present, kernel mode)") != NULL);
	KT_EXPECT(t, strstr(report, "[raise_page_fault+0x") != NULL);
}

static void test_interrupts_restored_after_recovery(struct ktest *t)
{
	run_expecting_fault(raise_divide_error);
	KT_EXPECT(t, !irqs_disabled());
}

/* A bad pointer in a copy is caught by the exception table, not an oops. */
static void test_copy_user_fixup(struct ktest *t)
{
	char buf[16];

	KT_EXPECT_EQ(t, copy_from_user(buf, (void *)0x1000, sizeof(buf)), sizeof(buf));
	KT_EXPECT_EQ(t, copy_to_user((void *)0x2000, buf, 8), 8);
	KT_EXPECT_EQ(t, clear_user((void *)0x3000, 8), 8);
	/* Kernel addresses are refused before any access. */
	KT_EXPECT_EQ(t, copy_from_user(buf, (void *)0xC0100000, 4), 4);
}

KTEST_SUITE(exceptions, KTEST_CASE(test_divide_error_report), KTEST_CASE(test_page_fault_report),
	    KTEST_CASE(test_interrupts_restored_after_recovery), KTEST_CASE(test_copy_user_fixup));
