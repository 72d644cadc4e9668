/*
 * Names for error numbers and signals, with the messages Linux's libc
 * prints, so output can be compared with a Linux machine.
 */
#include <ulib.h>

static const char *const errors[] = {
	[0] = "Success",
	[EPERM] = "Operation not permitted",
	[ENOENT] = "No such file or directory",
	[ESRCH] = "No such process",
	[EINTR] = "Interrupted system call",
	[EIO] = "Input/output error",
	[ENXIO] = "No such device or address",
	[E2BIG] = "Argument list too long",
	[ENOEXEC] = "Exec format error",
	[EBADF] = "Bad file descriptor",
	[ECHILD] = "No child processes",
	[EAGAIN] = "Resource temporarily unavailable",
	[ENOMEM] = "Cannot allocate memory",
	[EACCES] = "Permission denied",
	[EFAULT] = "Bad address",
	[ENOTBLK] = "Block device required",
	[EBUSY] = "Device or resource busy",
	[EEXIST] = "File exists",
	[ENODEV] = "No such device",
	[ENOTDIR] = "Not a directory",
	[EISDIR] = "Is a directory",
	[EINVAL] = "Invalid argument",
	[ENFILE] = "Too many open files in system",
	[EMFILE] = "Too many open files",
	[ENOTTY] = "Inappropriate ioctl for device",
	[EFBIG] = "File too large",
	[ENOSPC] = "No space left on device",
	[ESPIPE] = "Illegal seek",
	[EROFS] = "Read-only file system",
	[EOPNOTSUPP] = "Operation not supported",
	[EPIPE] = "Broken pipe",
	[ERANGE] = "Numerical result out of range",
	[ENAMETOOLONG] = "File name too long",
	[ENOSYS] = "Function not implemented",
	[ENOTEMPTY] = "Directory not empty",
	[ELOOP] = "Too many levels of symbolic links",
	[EOVERFLOW] = "Value too large for defined data type",
	[ETIMEDOUT] = "Connection timed out",
};

/* Unknown numbers share one buffer, as in libc. */
const char *strerror(int errnum)
{
	static char unknown[32];

	if (errnum >= 0 && errnum < (int)ARRAY_SIZE(errors) && errors[errnum])
		return errors[errnum];
	snprintf(unknown, sizeof(unknown), "Unknown error %d", errnum);
	return unknown;
}

static const char *const signals[NSIG] = {
	[SIGHUP] = "SIGHUP",   [SIGINT] = "SIGINT",   [SIGQUIT] = "SIGQUIT", [SIGILL] = "SIGILL",
	[SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT", [SIGBUS] = "SIGBUS",   [SIGFPE] = "SIGFPE",
	[SIGKILL] = "SIGKILL", [SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
	[SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM", [SIGTERM] = "SIGTERM", [SIGCHLD] = "SIGCHLD",
};

const char *signal_name(int sig)
{
	return sig > 0 && sig < NSIG ? signals[sig] : NULL;
}

int signal_number(const char *name)
{
	char *end;
	long n = strtol(name, &end, 10);
	int sig;

	if (end != name && !*end)
		return n > 0 && n < NSIG ? n : -1;
	if (!strncmp(name, "SIG", 3))
		name += 3;
	for (sig = 1; sig < NSIG; sig++)
		if (signals[sig] && !strcmp(signals[sig] + 3, name))
			return sig;
	return -1;
}

void describe_status(int status, char *buf, size_t size)
{
	const char *name;

	if (WIFEXITED(status)) {
		snprintf(buf, size, "exit %d", WEXITSTATUS(status));
		return;
	}
	name = signal_name(WTERMSIG(status));
	snprintf(buf, size, "killed by signal %d (%s)", WTERMSIG(status), name ? name : "unknown");
}
