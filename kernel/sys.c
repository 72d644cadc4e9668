/*
 * Small system calls about the process and the machine: ids, resource
 * usage and limits, sysinfo, uname, reboot, sleeping and yielding.
 */
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>
#include <kernel/time.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include <mm/swapfile.h>
#include <lib/string.h>
#include <uapi/abi.h>
#include <uapi/errno.h>

#define RLIM_NLIMITS 16

long sys_getpid(void)
{
	return current->pid;
}

long sys_getppid(void)
{
	return current->parent ? current->parent->pid : 0;
}

static void ticks_to_timeval(unsigned long ticks, struct timeval *tv)
{
	tv->tv_sec = ticks / HZ;
	tv->tv_usec = (ticks % HZ) * (1000000 / HZ);
}

long sys_getrusage(long who, struct rusage *uru)
{
	struct rusage ru;

	memset(&ru, 0, sizeof(ru));
	if (who == RUSAGE_SELF) {
		ru.ru_minflt = current->min_flt;
		ru.ru_majflt = current->maj_flt;
		ticks_to_timeval(current->utime, &ru.ru_utime);
		ticks_to_timeval(current->stime, &ru.ru_stime);
		ru.ru_maxrss = current->mm ? current->mm->hiwater_rss * (PAGE_SIZE / 1024) : 0;
	} else if (who == RUSAGE_CHILDREN) {
		ru.ru_minflt = current->cmin_flt;
		ru.ru_majflt = current->cmaj_flt;
		ticks_to_timeval(current->cutime, &ru.ru_utime);
		ticks_to_timeval(current->cstime, &ru.ru_stime);
	} else {
		return -EINVAL;
	}
	return copy_to_user(uru, &ru, sizeof(ru)) ? -EFAULT : 0;
}

long sys_setrlimit(long resource, const struct rlimit *url)
{
	struct rlimit rl;

	if (resource < 0 || resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (copy_from_user(&rl, url, sizeof(rl)))
		return -EFAULT;
	if (rl.rlim_cur > rl.rlim_max)
		return -EINVAL;
	if (resource == RLIMIT_RSS && current->mm) {
		current->mm->rss_limit = rl.rlim_cur == RLIM_INFINITY ? ~0UL
								      : rl.rlim_cur >> PAGE_SHIFT;
	}
	return 0;	/* other limits are accepted and not enforced */
}

long sys_sysinfo(struct sysinfo *uinfo)
{
	struct sysinfo si;

	memset(&si, 0, sizeof(si));
	si.uptime = jiffies / HZ;
	si.totalram = totalram_pages << PAGE_SHIFT;
	si.freeram = nr_free_pages() << PAGE_SHIFT;
	si_swapinfo(&si);
	si.totalswap <<= PAGE_SHIFT;
	si.freeswap <<= PAGE_SHIFT;
	si.procs = (unsigned short)nr_tasks();
	si.mem_unit = 1;
	return copy_to_user(uinfo, &si, sizeof(si)) ? -EFAULT : 0;
}

long sys_uname(struct utsname *uu)
{
	struct utsname u;

	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, "swapkernel", sizeof(u.sysname));
	strlcpy(u.nodename, "qemu", sizeof(u.nodename));
	strlcpy(u.release, "0.1", sizeof(u.release));
	strlcpy(u.version, "#1", sizeof(u.version));
	strlcpy(u.machine, "i686", sizeof(u.machine));
	return copy_to_user(uu, &u, sizeof(u)) ? -EFAULT : 0;
}

long sys_reboot(long magic1, long magic2, long cmd)
{
	if ((unsigned long)magic1 != LINUX_REBOOT_MAGIC1 || magic2 != LINUX_REBOOT_MAGIC2)
		return -EINVAL;
	if ((unsigned long)cmd != LINUX_REBOOT_CMD_POWER_OFF)
		return -EINVAL;
	printk(KERN_INFO "reboot: power off requested by %s[%d]\n", current->comm, current->pid);
	machine_power_off(EXIT_SUCCESS_CODE);
}

long sys_sched_yield(void)
{
	schedule();
	return 0;
}

