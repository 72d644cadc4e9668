/* kill [-SIG] PID...: send a signal (default SIGTERM; a name or a number) to processes. */
#include <ulib.h>

int main(int argc, char **argv)
{
	int i = 1, sig = SIGTERM, status = 0;

	if (argc > 1 && argv[1][0] == '-') {
		sig = signal_number(argv[1] + 1);
		if (sig < 0) {
			dprintf(STDERR_FILENO, "kill: unknown signal %s\n", argv[1] + 1);
			return 2;
		}
		i++;
	}
	if (i >= argc) {
		dprintf(STDERR_FILENO, "usage: kill [-SIG] PID...\n");
		return 2;
	}
	for (; i < argc; i++) {
		char *end;
		long pid = strtol(argv[i], &end, 10);

		if (end == argv[i] || *end) {
			dprintf(STDERR_FILENO, "kill: bad pid %s\n", argv[i]);
			status = 1;
		} else if (kill(pid, sig) < 0) {
			dprintf(STDERR_FILENO, "kill: %ld: %s\n", pid, strerror(errno));
			status = 1;
		}
	}
	return status;
}
