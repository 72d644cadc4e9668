/*
 * kmain: the C entry point, called by boot/boot.asm on the boot stack with
 * paging on. Brings the machine up in dependency order, then either runs
 * the self-tests (boot parameter "test") or starts init.
 */
#include <kernel/bootinfo.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/panic.h>
#include <kernel/ktest.h>
#include <kernel/time.h>
#include <arch/x86/segment.h>
#include <arch/x86/traps.h>
#include <arch/x86/irqflags.h>
#include <arch/x86/paging.h>
#include <drivers/console.h>
#include <lib/string.h>

#define KERNEL_NAME "swapkernel"

static const char *test_globs;
static bool run_tests;

static int set_test(const char *val)
{
	run_tests = true;
	test_globs = val;
	return 0;
}
__setup("test", set_test);

void crashtest(void);

static void banner(void)
{
	printk(KERN_INFO "%s: i386, %llu MiB RAM, %d boot modules\n", KERNEL_NAME,
	       boot_info.total_ram >> 20, boot_info.nr_modules);
	printk(KERN_INFO "command line: %s\n", boot_cmdline);
}

void kmain(u32 magic, u32 mbi_phys)
{
	static char cmdline[CMDLINE_MAX];

	serial_init();
	vga_init();
	if (!multiboot_parse(magic, mbi_phys, boot_cmdline, sizeof(boot_cmdline)))
		panic("not started by a Multiboot loader (magic %08x)", magic);
	banner();
	strlcpy(cmdline, boot_cmdline, sizeof(cmdline));
	parse_cmdline(cmdline);

	paging_init();
	gdt_init();
	idt_init();
	pic_init();
	time_init();
	local_irq_enable();
	crashtest();

	if (run_tests) {
		int failed = ktest_run(test_globs);
		machine_power_off(failed ? EXIT_FAILURE_CODE : EXIT_SUCCESS_CODE);
	}
	printk(KERN_INFO "nothing to run: boot with 'test'\n");
	machine_power_off(EXIT_SUCCESS_CODE);
}
