/*
 * t_exec_missing: a failed execve returns -1 and leaves the caller running
 * as before. Missing programs give ENOENT; a module that is not an ELF
 * executable (the harness may provide a text file as /mod/notelf) gives
 * ENOEXEC. Afterwards exec must still work: children run true and false
 * and their exit statuses come back.
 *
 * Runs: true false
 */
#include <utest.h>

static void expect_exec_error(const char *path, int err)
{
	char *argv[] = { (char *)path, NULL };
	int r = execve(path, argv, environ);

	if (r != -1 || errno != err)
		fail("execve(\"%s\") returned %d (%s), expected -1 with %s", path, r,
		     strerror(errno), strerror(err));
	printf("t_exec_missing: execve(\"%s\"): %s\n", path, strerror(err));
}

static void expect_exec_runs(const char *name, int code)
{
	char path[128];
	char *argv[] = { (char *)name, NULL };
	pid_t pid = xfork();

	sibling_path(name, path, sizeof(path));
	if (pid == 0) {
		execve(path, argv, environ);
		printf("t_exec_missing: execve(\"%s\"): %s\n", path, strerror(errno));
		_exit(99);
	}
	expect_exit(pid, code);
	printf("t_exec_missing: %s ran and exited with %d\n", path, code);
}

int main(void)
{
	int fd;

	expect_exec_error("/mod/no_such_program", ENOENT);
	expect_exec_error("/no_such_dir/program", ENOENT);
	expect_exec_error("", ENOENT);
	fd = open("/mod/notelf", O_RDONLY);
	if (fd >= 0) {
		close(fd);
		expect_exec_error("/mod/notelf", ENOEXEC);
	} else {
		printf("t_exec_missing: no /mod/notelf (%s), ENOEXEC not checked\n",
		       strerror(errno));
	}
	expect_exec_runs("true", 0);
	expect_exec_runs("false", 1);
	pass();
}
