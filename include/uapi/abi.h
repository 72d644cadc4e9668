/*
 * Structures and flags of the system-call ABI, laid out as Linux i386
 * defines them. User programs include this (and unistd.h, errno.h,
 * signal.h) and nothing else from the kernel.
 */
#ifndef UAPI_ABI_H
#define UAPI_ABI_H

/* open(2) */
#define O_RDONLY	0
#define O_WRONLY	1
#define O_RDWR		2
#define O_DIRECTORY	0200000

/* lseek(2) */
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2

/* waitpid(2) */
#define WNOHANG		1
#define WIFEXITED(s)	(((s) & 0x7f) == 0)
#define WEXITSTATUS(s)	(((s) >> 8) & 0xff)
#define WIFSIGNALED(s)	(((s) & 0x7f) != 0 && ((s) & 0x7f) != 0x7f)
#define WTERMSIG(s)	((s) & 0x7f)

/* mmap2(2), munmap(2), madvise(2) */
#define PROT_NONE	0
#define PROT_READ	1
#define PROT_WRITE	2
#define PROT_EXEC	4
#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20
#define MAP_FAILED	((void *)-1)
#define MADV_NORMAL	0
#define MADV_DONTNEED	4
#define MADV_PAGEOUT	21

/* swapon(2) */
#define SWAP_FLAG_PREFER	0x8000
#define SWAP_FLAG_PRIO_MASK	0x7fff

/* setrlimit(2): Linux accepts RLIMIT_RSS and ignores it; we enforce it. */
#define RLIMIT_RSS	5
#define RLIM_INFINITY	(~0UL)
struct rlimit {
	unsigned long rlim_cur, rlim_max;
};

/* reboot(2) */
#define LINUX_REBOOT_MAGIC1	0xfee1dead
#define LINUX_REBOOT_MAGIC2	672274793
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321FEDC

struct timespec {
	long tv_sec, tv_nsec;
};

struct timeval {
	long tv_sec, tv_usec;
};

#define RUSAGE_SELF	0
#define RUSAGE_CHILDREN	(-1)
struct rusage {
	struct timeval ru_utime, ru_stime;
	long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss;
	long ru_minflt, ru_majflt, ru_nswap, ru_inblock, ru_oublock;
	long ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};

struct sysinfo {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram, freeram, sharedram, bufferram;
	unsigned long totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
	char _f[8];
};

struct utsname {
	char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

/* getdents(2): struct linux_dirent; d_name is NUL-terminated, the type byte follows it. */
struct linux_dirent {
	unsigned long d_ino;
	unsigned long d_off;
	unsigned short d_reclen;
	char d_name[];
};

#endif
