/*
 * kmain: the C entry point, called by boot/boot.asm on the boot stack with
 * paging on. Brings the machine up in dependency order, then, as Linux's
 * rest_init does, starts kernel_init as pid 1 and kthreadd as pid 2 and
 * becomes the idle task (pid 0). kernel_init finishes booting in process
 * context (kswapd, swap areas: they may sleep), then runs the self-tests
 * (boot parameter "test") or execs init (/mod/init unless init=PROGRAM),
 * staying pid 1. Pids 1 and 2 are reserved for them: a kernel thread a
 * driver starts from kmain (ata_eh) gets a later pid, and kthreadd becomes
 * its parent.
 */
#include <kernel/main.h>
#include <kernel/bootinfo.h>
#include <kernel/stats.h>
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
#include <drivers/ata.h>
#include <fs/file.h>
#include <fs/fs.h>
#include <mm/init.h>
#include <mm/mm.h>
#include <mm/swapfile.h>
#include <mm/vmscan.h>
#include <lib/string.h>
#include <uapi/errno.h>

#define KERNEL_NAME "swapkernel"

static const char *test_globs;
static bool run_tests;
static const char *init_program = "init";

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

extern struct task_struct *kthreadd_task;

static void banner(void)
{
	printk(KERN_INFO "%s: i386, %llu MiB RAM, %d boot modules\n", KERNEL_NAME,
	       boot_info.total_ram >> 20, boot_info.nr_modules);
	printk(KERN_INFO "command line: %s\n", boot_cmdline);
}

/* pid 1 becomes init: open the console as fds 0-2 and exec init_program. */
static __noreturn void run_init_process(void)
{
	char *argv[INIT_ARGV_MAX + 1];
	char *envp[] = { "PATH=/mod", NULL };
	struct file *con = console_file();
	int r;

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

/* pid 1 (Linux's kernel_init): the rest of the boot, then the tests or init. */
static int kernel_init(void *arg)
{
	kswapd_init();
	vfs_init();
	swap_setup_from_cmdline();
	dashboard_init();
	telemetry_init();
	watchdog_init();
	vmcheck_init();
	if (run_tests)
		machine_power_off(ktest_run(test_globs) ? EXIT_FAILURE_CODE : EXIT_SUCCESS_CODE);
	run_init_process();
}

/* Start pid 1 and pid 2 and idle. */
static __noreturn void rest_init(void)
{
	init_task = kernel_thread_pid(kernel_init, NULL, "init", 1);
	kthreadd_task = kernel_thread_pid(kthreadd, NULL, "kthreadd", 2);
	if (!init_task || !kthreadd_task)
		panic("cannot create the init and kthreadd tasks");
	cpu_idle();
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
	fpu_init();
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
	rest_init();
}
