/*
 * Test-program helpers: report lines and checks on child processes. Any
 * failed check ends the test at once with exit status 1.
 */
#include <utest.h>

const char *test_name(void)
{
	const char *slash = strrchr(progname, '/');

	return slash ? slash + 1 : progname;
}

void fail(const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printf("%s: FAIL: %s\n", test_name(), msg);
	exit(1);
}

void pass(void)
{
	printf("%s: ok\n", test_name());
	exit(0);
}

pid_t xfork(void)
{
	pid_t pid = fork();

	if (pid < 0)
		fail("fork: %s", strerror(errno));
	return pid;
}

/* Reap pid and return its status; a waitpid error fails the test. */
static int reap(pid_t pid)
{
	int status;
	pid_t r = waitpid(pid, &status, 0);

	if (r != pid)
		fail("waitpid(%d) returned %d: %s", pid, r, r < 0 ? strerror(errno) : "wrong pid");
	return status;
}

void expect_exit(pid_t pid, int code)
{
	int status = reap(pid);
	char how[64];

	if (!WIFEXITED(status) || WEXITSTATUS(status) != code) {
		describe_status(status, how, sizeof(how));
		fail("child %d: expected exit %d, got %s (status %#x)", pid, code, how, status);
	}
}

void expect_signal(pid_t pid, int sig)
{
	int status = reap(pid);
	char how[64];

	if (!WIFSIGNALED(status) || WTERMSIG(status) != sig) {
		describe_status(status, how, sizeof(how));
		fail("child %d: expected to be killed by %s, got %s (status %#x)", pid,
		     signal_name(sig), how, status);
	}
}

void expect_segv(const char *what, uintptr_t addr, bool write)
{
	volatile char *p = (volatile char *)addr;
	pid_t pid = xfork();

	if (pid == 0) {
		if (write)
			*p = 1;
		else
			(void)*p;
		printf("%s: %s: survived\n", test_name(), what);
		_exit(0);
	}
	expect_signal(pid, SIGSEGV);
	printf("%s: %s: killed by SIGSEGV\n", test_name(), what);
}

void sibling_path(const char *name, char *buf, size_t size)
{
	const char *slash = strrchr(progname, '/');

	if (slash)
		snprintf(buf, size, "%.*s/%s", (int)(slash - progname), progname, name);
	else
		snprintf(buf, size, "/mod/%s", name);
}
