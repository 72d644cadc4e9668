/*
 * The clock system calls (Linux's kernel/time/time.c, posix-timers.c and
 * hrtimer.c's nanosleep): time, gettimeofday, clock_gettime, clock_getres,
 * nanosleep and clock_nanosleep, with the 64-bit-time variants glibc tries
 * first (clock_gettime64, clock_nanosleep_time64). CLOCK_MONOTONIC counts
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

/*
 * Sleep at least @ns nanoseconds (POSIX), in ticks: one more than they
 * cover, because the tick now running is partly gone. Returns 0, or the
 * nanoseconds left when a signal cut the sleep short.
 */
static u64 sleep_ns(u64 ns)
{
	u64 t = (ns + NSEC_PER_SEC / HZ - 1) / (NSEC_PER_SEC / HZ) + 1;
	long left;

	current->state = TASK_INTERRUPTIBLE;
	left = schedule_timeout(t > 0x7ffffff0 ? 0x7ffffff0 : (long)t);
	current->state = TASK_RUNNING;
	return left && signal_pending_current() ? (u64)left * (NSEC_PER_SEC / HZ) : 0;
}

static bool valid_ts(long long sec, long long nsec)
{
	return sec >= 0 && nsec >= 0 && nsec < (long long)NSEC_PER_SEC;
}

long sys_nanosleep(const struct timespec *ureq, struct timespec *urem)
{
	struct timespec req, rem;
	u64 left;

	if (copy_from_user(&req, ureq, sizeof(req)))
		return -EFAULT;
	if (!valid_ts(req.tv_sec, req.tv_nsec))
		return -EINVAL;
	left = sleep_ns((u64)req.tv_sec * NSEC_PER_SEC + (u64)req.tv_nsec);
	if (!left)
		return 0;
	rem.tv_sec = (long)(left / NSEC_PER_SEC);
	rem.tv_nsec = (long)(left % NSEC_PER_SEC);
	if (urem && copy_to_user(urem, &rem, sizeof(rem)))
		return -EFAULT;
	return -EINTR;
}

/*
 * clock_nanosleep's common part: @ns relative, or absolute on @clock with
 * TIMER_ABSTIME (then nothing is left to report when a signal comes).
 * Only the clocks that tick with time can be slept on: the CPU-time clocks
 * give -EOPNOTSUPP (Linux's answer for the thread's; it sleeps on the
 * process's, which for a single-threaded sleeper never comes), others
 * -EINVAL.
 */
static long do_clock_nanosleep(long clock, long flags, u64 ns, u64 *left)
{
	u64 now = 0;

	if (clock == CLOCK_PROCESS_CPUTIME_ID || clock == CLOCK_THREAD_CPUTIME_ID)
		return -EOPNOTSUPP;
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC && clock != CLOCK_BOOTTIME)
		return -EINVAL;
	*left = 0;
	if (flags & TIMER_ABSTIME) {
		clock_ns(clock, &now);
		if (ns <= now)
			return 0;
		return sleep_ns(ns - now) ? -EINTR : 0;
	}
	*left = sleep_ns(ns);
	return *left ? -EINTR : 0;
}

long sys_clock_nanosleep(long clock, long flags, const struct timespec *ureq,
			 struct timespec *urem)
{
	struct timespec req, rem;
	u64 left;
	long r;

	if (copy_from_user(&req, ureq, sizeof(req)))
		return -EFAULT;
	if (!valid_ts(req.tv_sec, req.tv_nsec))
		return -EINVAL;
	r = do_clock_nanosleep(clock, flags, (u64)req.tv_sec * NSEC_PER_SEC + (u64)req.tv_nsec,
			       &left);
	if (left && urem) {
		rem.tv_sec = (long)(left / NSEC_PER_SEC);
		rem.tv_nsec = (long)(left % NSEC_PER_SEC);
		if (copy_to_user(urem, &rem, sizeof(rem)))
			return -EFAULT;
	}
	return r;
}

long sys_clock_nanosleep_time64(long clock, long flags, const struct timespec64 *ureq,
				struct timespec64 *urem)
{
	struct timespec64 req, rem;
	u64 left;
	long r;

	if (copy_from_user(&req, ureq, sizeof(req)))
		return -EFAULT;
	if (!valid_ts(req.tv_sec, req.tv_nsec))
		return -EINVAL;
	r = do_clock_nanosleep(clock, flags, (u64)req.tv_sec * NSEC_PER_SEC + (u64)req.tv_nsec,
			       &left);
	if (left && urem) {
		rem.tv_sec = (long long)(left / NSEC_PER_SEC);
		rem.tv_nsec = (long long)(left % NSEC_PER_SEC);
		if (copy_to_user(urem, &rem, sizeof(rem)))
			return -EFAULT;
	}
	return r;
}
