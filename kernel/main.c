/*
 * kmain: the C entry point, called by boot/boot.asm on the boot stack with
 * paging on. Brings the machine up in dependency order, then starts either
 * the self-test runner (boot parameter "test") or init, and becomes the
 * idle task.
 */
#include <kernel/bootinfo.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <mm/vmcheck.h>
#include <kernel/panic.h>
#include <kernel/ktest.h>
#include <kernel/dashboard.h>
#include <kernel/telemetry.h>
#include <kernel/sched.h>
#include <kernel/watchdog.h>
#include <kernel/syscalls.h>
#include <kernel/time.h>
#include <arch/x86/segment.h>
#include <arch/x86/traps.h>
#include <arch/x86/irqflags.h>
#include <arch/x86/paging.h>
#include <drivers/console.h>
#include <fs/file.h>
#include <fs/fs.h>
#include <mm/init.h>
#include <mm/mm.h>
#include <lib/string.h>
#include <uapi/errno.h>

#define KERNEL_NAME "swapkernel"

static const char *test_globs;
static bool run_tests;
static const char *init_program = "sh";

static int set_test(const char *val)
{
	run_tests = true;
	test_globs = val;
	return 0;
}
__setup("test", set_test);

static int set_init(const char *val)
{
	if (!val || !*val)
		return -EINVAL;
	init_program = val;
	return 0;
}
__setup("init", set_init);

void crashtest(void);
void memory_init(void);
void tty_init(void);
void ata_init(void);
void kernel_stats_line(const char *why);
void kswapd_init(void);
void swap_setup_from_cmdline(void);

static void banner(void)
{
	printk(KERN_INFO "%s: i386, %llu MiB RAM, %d boot modules\n", KERNEL_NAME,
	       boot_info.total_ram >> 20, boot_info.nr_modules);
	printk(KERN_INFO "command line: %s\n", boot_cmdline);
}

static int ktest_thread(void *arg)
{
	int failed = ktest_run(test_globs);

	machine_power_off(failed ? EXIT_FAILURE_CODE : EXIT_SUCCESS_CODE);
}

/* pid 1: open the console as fds 0-2 and exec init_program. */
static int init_thread(void *arg)
{
	char *argv[INIT_ARGV_MAX + 1];
	char *envp[] = { "PATH=/mod", NULL };
	struct file *con = console_file();
	int r;

	init_task = current;
	for (int fd = 0; fd < 3 && con; fd++) {
		fd_install(current, con);
		con->count = fd + 1;
	}
	argv[0] = (char *)init_program;
	for (int i = 0; i < init_argc; i++)
		argv[i + 1] = init_argv[i];
	argv[init_argc + 1] = NULL;
	r = kernel_execve(init_program, argv, envp);
	printk(KERN_ERR "init: cannot run '%s': error %d%s\n", init_program, r,
	       r == -ENOENT ? " (no such module)" : r == -ENOEXEC ? " (not an ELF executable)" : "");
	machine_power_off(EXIT_FAILURE_CODE);
}

void init_exited(int status)
{
	if (status & 0x7f)
		printk(KERN_INFO "init: killed by signal %d\n", status & 0x7f);
	else
		printk(KERN_INFO "init: exited with status %d\n", (status >> 8) & 0xff);
	vmcheck("init exited");
	kernel_stats_line("init exited");
	machine_power_off(status ? EXIT_FAILURE_CODE : EXIT_SUCCESS_CODE);
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
	mem_init();
	memory_init();
	sched_init();
	time_init();
	tty_init();
	ata_init();
	local_irq_enable();
	crashtest();
	kswapd_init();
	vfs_init();
	swap_setup_from_cmdline();
	dashboard_init();
	telemetry_init();

	if (run_tests)
		kernel_thread(ktest_thread, NULL, "ktest");
	else if (!kernel_thread(init_thread, NULL, "init"))
		panic("cannot create the init task");
	watchdog_init();
	vmcheck_init();
	cpu_idle();
}
