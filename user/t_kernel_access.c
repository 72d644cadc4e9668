/*
 * t_kernel_access: user mode cannot touch kernel memory or page 0. Children
 * read, write and jump to the kernel's half (0xC0100000, where its code
 * is mapped) and write to NULL; each must be killed by SIGSEGV
 * (WIFSIGNALED, WTERMSIG 11) while the parent carries on.
 */
#include <utest.h>

#define KERNEL_ADDR 0xC0100000u

static void jump_to_kernel(void)
{
	pid_t pid = xfork();

	if (pid == 0) {
		((void (*)(void))KERNEL_ADDR)();
		printf("t_kernel_access: returned from kernel code\n");
		_exit(0);
	}
	expect_signal(pid, SIGSEGV);
	printf("t_kernel_access: jump to kernel code: killed by SIGSEGV\n");
}

int main(void)
{
	expect_segv("read kernel memory", KERNEL_ADDR, false);
	expect_segv("write kernel memory", KERNEL_ADDR, true);
	expect_segv("write to NULL", 0, true);
	jump_to_kernel();
	pass();
}
