/*
 * Signal numbers (Linux i386). waitpid reports a process killed by a
 * signal with the signal number in the low 7 bits of the status.
 */
#ifndef UAPI_SIGNAL_H
#define UAPI_SIGNAL_H

#define SIGHUP	1
#define SIGINT	2
#define SIGQUIT	3
#define SIGILL	4
#define SIGTRAP	5
#define SIGABRT	6
#define SIGBUS	7
#define SIGFPE	8
#define SIGKILL	9
#define SIGUSR1	10
#define SIGSEGV	11
#define SIGUSR2	12
#define SIGPIPE	13
#define SIGALRM	14
#define SIGTERM	15
#define SIGCHLD	17
#define SIGSTOP	19
#define NSIG	32

/* Dispositions for signal(2) and rt_sigaction(2); handlers are not supported. */
#define SIG_DFL	0UL
#define SIG_IGN	1UL

/* rt_sigaction's struct on i386 (Linux's struct sigaction as the kernel sees it). */
struct k_sigaction {
	unsigned long sa_handler;
	unsigned long sa_flags;
	unsigned long sa_restorer;
	unsigned long sa_mask[2];	/* 64 signals: the sigsetsize argument is 8 */
};

#endif
