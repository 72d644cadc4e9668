/*
 * The clock system calls (Linux's kernel/time/time.c and posix-timers.c):
 * time, gettimeofday, clock_gettime and clock_getres, with the 64-bit-time
 * variant glibc tries first (clock_gettime64). CLOCK_MONOTONIC counts
 * from boot on the TSC (ktime_get_ns); CLOCK_REALTIME adds the CMOS
 * clock's reading at boot (arch/x86/rtc.c); the CPU-time clocks count the
 * caller's ticks in user and kernel mode.
 */
#include <arch/x86/rtc.h>
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <kernel/time.h>
#include <kernel/uaccess.h>
#include <uapi/abi.h>
#include <uapi/errno.h>

#define NSEC_PER_SEC 1000000000ULL

static u32 boot_seconds;	/* CLOCK_REALTIME at boot */
static bool boot_read;

static u64 realtime_ns(void)
{
	if (!boot_read) {
		boot_seconds = rtc_read_seconds() - (u32)(ktime_get_ns() / NSEC_PER_SEC);
		boot_read = true;
	}
	return boot_seconds * NSEC_PER_SEC + ktime_get_ns();
}

/* The time of @clock in nanoseconds, or -EINVAL for a clock that does not exist. */
static int clock_ns(long clock, u64 *ns)
{
	switch (clock) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		*ns = realtime_ns();
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		*ns = ktime_get_ns();
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		*ns = (u64)(current->utime + current->stime) * (NSEC_PER_SEC / HZ);
		return 0;
	default:
		return -EINVAL;
	}
}

long sys_clock_gettime(long clock, struct timespec *uts)
{
	struct timespec ts;
	u64 ns;
	int r = clock_ns(clock, &ns);

	if (r)
		return r;
	ts.tv_sec = (long)(ns / NSEC_PER_SEC);
	ts.tv_nsec = (long)(ns % NSEC_PER_SEC);
	return copy_to_user(uts, &ts, sizeof(ts)) ? -EFAULT : 0;
}

long sys_clock_gettime64(long clock, struct timespec64 *uts)
{
	struct timespec64 ts;
	u64 ns;
	int r = clock_ns(clock, &ns);

	if (r)
		return r;
	ts.tv_sec = (s64)(ns / NSEC_PER_SEC);
	ts.tv_nsec = (s64)(ns % NSEC_PER_SEC);
	return copy_to_user(uts, &ts, sizeof(ts)) ? -EFAULT : 0;
}

long sys_clock_getres(long clock, struct timespec *uts)
{
	struct timespec ts = { 0, 1 };
	u64 ns;
	int r = clock_ns(clock, &ns);

	if (r)
		return r;
	if (clock == CLOCK_PROCESS_CPUTIME_ID || clock == CLOCK_THREAD_CPUTIME_ID)
		ts.tv_nsec = (long)(NSEC_PER_SEC / HZ);
	return uts && copy_to_user(uts, &ts, sizeof(ts)) ? -EFAULT : 0;
}

long sys_gettimeofday(struct timeval *utv, struct timezone *utz)
{
	u64 ns = realtime_ns();
	struct timeval tv = { (long)(ns / NSEC_PER_SEC), (long)(ns % NSEC_PER_SEC / 1000) };
	struct timezone tz = { 0, 0 };

	if (utv && copy_to_user(utv, &tv, sizeof(tv)))
		return -EFAULT;
	if (utz && copy_to_user(utz, &tz, sizeof(tz)))
		return -EFAULT;
	return 0;
}

long sys_time(long *utloc)
{
	long t = (long)(realtime_ns() / NSEC_PER_SEC);

	if (utloc && copy_to_user(utloc, &t, sizeof(t)))
		return -EFAULT;
	return t;
}
