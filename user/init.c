/*
 * init: pid 1 of a normal boot (the kernel runs /mod/init unless the boot
 * parameter init= names another program).
 *
 *	init [PROGRAM [ARG...]]		(the words after "--" on the kernel line)
 *
 * It runs PROGRAM (default: the shell, sh) as its child and, as every Unix
 * init, waits for every process: when a process exits before its children,
 * the kernel makes init their parent (kernel/exit.c), and only init's
 * waitpid frees them once they end. When PROGRAM ends, init exits with its
 * status (128 + N if signal N killed it), which powers the machine off
 * with that status (kernel/main.c): so `halt`, `exit` and the end of the
 * shell's input all end a session, and `make run-nox` with piped input
 * ends when the input does.
 *
 * The kernel sends init no signals from kill(2) or the terminal (Ctrl-C),
 * as Linux does for a pid 1 without handlers.
 *
 * Runs: *
 */
#include <ulib.h>

static __noreturn void exec_program(char **argv)
{
	char path[128];

	if (strchr(argv[0], '/'))
		strlcpy(path, argv[0], sizeof(path));
	else
		snprintf(path, sizeof(path), "/mod/%s", argv[0]);
	execve(path, argv, environ);
	dprintf(STDERR_FILENO, "init: cannot run %s: %s\n", path, strerror(errno));
	_exit(127);
}

/* Wait for @child, reaping every orphan that ends meanwhile; its exit code. */
static int wait_for(pid_t child)
{
	int status;

	for (;;) {
		pid_t pid = waitpid(-1, &status, 0);

		if (pid < 0) {
			dprintf(STDERR_FILENO, "init: waitpid: %s\n", strerror(errno));
			return 1;
		}
		if (pid == child)
			return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	}
}

int main(int argc, char **argv)
{
	static char *shell[] = { "sh", NULL };
	char **program = argc > 1 ? argv + 1 : shell;
	pid_t child;

	if (getpid() != 1) {
		dprintf(STDERR_FILENO, "init: must be run as process 1 (this is %d)\n", getpid());
		return 1;
	}
	child = fork();
	if (child < 0) {
		perror("init: fork");
		return 1;
	}
	if (child == 0)
		exec_program(program);
	return wait_for(child);
}
