/*
 * System-call numbers: Linux's i386 table (arch/x86/entry/syscalls/
 * syscall_32.tbl), so programs built with nothing but a cross compiler and
 * raw int 0x80 run unchanged. Only the calls the kernel implements are
 * listed; any other number returns -ENOSYS.
 */
#ifndef UAPI_UNISTD_H
#define UAPI_UNISTD_H

#define __NR_exit		1
#define __NR_fork		2
#define __NR_read		3
#define __NR_write		4
#define __NR_open		5
#define __NR_close		6
#define __NR_waitpid		7
#define __NR_creat		8
#define __NR_unlink		10
#define __NR_execve		11
#define __NR_time		13
#define __NR_lseek		19
#define __NR_getpid		20
#define __NR_mount		21
#define __NR_pause		29
#define __NR_umount		22
#define __NR_kill		37
#define __NR_rename		38
#define __NR_mkdir		39
#define __NR_rmdir		40
#define __NR_dup		41
#define __NR_pipe		42
#define __NR_brk		45
#define __NR_signal		48
#define __NR_umount2		52
#define __NR_ioctl		54
#define __NR_dup2		63
#define __NR_getppid		64
#define __NR_setrlimit		75
#define __NR_getrusage		77
#define __NR_gettimeofday	78
#define __NR_munmap		91
#define __NR_swapon		87
#define __NR_reboot		88
#define __NR_sysinfo		116
#define __NR_wait4		114
#define __NR_swapoff		115
#define __NR_clone		120
#define __NR_uname		122
#define __NR_mprotect		125
#define __NR_getdents		141
#define __NR_readv		145
#define __NR_writev		146
#define __NR_mlock		150
#define __NR_munlock		151
#define __NR_sched_yield	158
#define __NR_nanosleep		162
#define __NR_rt_sigaction	174
#define __NR_vfork		190
#define __NR_stat64		195
#define __NR_lstat64		196
#define __NR_fstat64		197
#define __NR_mmap2		192
#define __NR_madvise		219
#define __NR_gettid		224
#define __NR_tkill		238
#define __NR_set_thread_area	243
#define __NR_get_thread_area	244
#define __NR_exit_group		252
#define __NR_set_tid_address	258
#define __NR_clock_gettime	265
#define __NR_clock_getres	266
#define __NR_clock_nanosleep	267
#define __NR_tgkill		270
#define __NR_openat		295
#define __NR_fstatat64		300
#define __NR_pipe2		331
#define __NR_clock_gettime64	403
#define __NR_clock_nanosleep_time64 407

#endif
