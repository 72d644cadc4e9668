/*
 * System-call dispatch for int 0x80 with the Linux i386 ABI: the number in
 * eax, arguments in ebx, ecx, edx, esi, edi, ebp, the result (or a negative
 * errno) returned in eax. The table is indexed by Linux's numbers
 * (include/uapi/unistd.h); a number without an entry gets -ENOSYS.
 */
#include <arch/x86/traps.h>
#include <arch/x86/irqflags.h>
#include <kernel/syscalls.h>
#include <uapi/unistd.h>
#include <uapi/errno.h>

typedef long (*syscall_fn)(u32, u32, u32, u32, u32, u32);

#define NR_SYSCALLS (__NR_clock_nanosleep_time64 + 1)
/* The detour through void (*)(void) tells gcc the signature change is intended. */
#define SYSCALL(nr, fn) [__NR_##nr] = (syscall_fn)(void (*)(void))(fn)

static const syscall_fn syscall_table[NR_SYSCALLS] = {
	SYSCALL(exit, sys_exit),
	SYSCALL(fork, sys_fork),
	SYSCALL(read, sys_read),
	SYSCALL(write, sys_write),
	SYSCALL(readv, sys_readv),
	SYSCALL(writev, sys_writev),
	SYSCALL(open, sys_open),
	SYSCALL(close, sys_close),
	SYSCALL(pipe, sys_pipe),
	SYSCALL(pipe2, sys_pipe2),
	SYSCALL(dup, sys_dup),
	SYSCALL(dup2, sys_dup2),
	SYSCALL(waitpid, sys_waitpid),
	SYSCALL(wait4, sys_wait4),
	SYSCALL(clone, sys_clone),
	SYSCALL(vfork, sys_fork),
	SYSCALL(execve, sys_execve),
	SYSCALL(lseek, sys_lseek),
	SYSCALL(mount, sys_mount),
	SYSCALL(umount, sys_umount),
	SYSCALL(umount2, sys_umount2),
	SYSCALL(creat, sys_creat),
	SYSCALL(unlink, sys_unlink),
	SYSCALL(rename, sys_rename),
	SYSCALL(mkdir, sys_mkdir),
	SYSCALL(rmdir, sys_rmdir),
	SYSCALL(getpid, sys_getpid),
	SYSCALL(kill, sys_kill),
	SYSCALL(brk, sys_brk),
	SYSCALL(signal, sys_signal),
	SYSCALL(ioctl, sys_ioctl),
	SYSCALL(getppid, sys_getppid),
	SYSCALL(setrlimit, sys_setrlimit),
	SYSCALL(getrusage, sys_getrusage),
	SYSCALL(munmap, sys_munmap),
	SYSCALL(mprotect, sys_mprotect),
	SYSCALL(swapon, sys_swapon),
	SYSCALL(reboot, sys_reboot),
	SYSCALL(swapoff, sys_swapoff),
	SYSCALL(sysinfo, sys_sysinfo),
	SYSCALL(uname, sys_uname),
	SYSCALL(getdents, sys_getdents),
	SYSCALL(mlock, sys_mlock),
	SYSCALL(munlock, sys_munlock),
	SYSCALL(sched_yield, sys_sched_yield),
	SYSCALL(nanosleep, sys_nanosleep),
	SYSCALL(rt_sigaction, sys_rt_sigaction),
	SYSCALL(mmap2, sys_mmap2),
	SYSCALL(madvise, sys_madvise),
	SYSCALL(exit_group, sys_exit),
	SYSCALL(set_thread_area, sys_set_thread_area),
	SYSCALL(get_thread_area, sys_get_thread_area),
	SYSCALL(set_tid_address, sys_set_tid_address),
	SYSCALL(time, sys_time),
	SYSCALL(gettimeofday, sys_gettimeofday),
	SYSCALL(clock_gettime, sys_clock_gettime),
	SYSCALL(clock_getres, sys_clock_getres),
	SYSCALL(clock_gettime64, sys_clock_gettime64),
	SYSCALL(clock_nanosleep, sys_clock_nanosleep),
	SYSCALL(clock_nanosleep_time64, sys_clock_nanosleep_time64),
	SYSCALL(openat, sys_openat),
	SYSCALL(stat64, sys_stat64),
	SYSCALL(lstat64, sys_lstat64),
	SYSCALL(fstat64, sys_fstat64),
	SYSCALL(fstatat64, sys_fstatat64),
	SYSCALL(tkill, sys_tkill),
	SYSCALL(tgkill, sys_tgkill),
	SYSCALL(gettid, sys_getpid),
	SYSCALL(pause, sys_pause),
};

unsigned long syscall_count;

void do_syscall(struct pt_regs *regs)
{
	u32 nr = regs->eax;
	syscall_fn fn = nr < NR_SYSCALLS ? syscall_table[nr] : NULL;

	syscall_count++;
	local_irq_enable();	/* the gate disabled interrupts; system calls may sleep */
	if (!fn) {
		regs->eax = (u32)-ENOSYS;
		return;
	}
	regs->eax = (u32)fn(regs->ebx, regs->ecx, regs->edx, regs->esi, regs->edi, regs->ebp);
}
