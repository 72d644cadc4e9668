/* sleep N: pause for N seconds. */
#include <ulib.h>

int main(int argc, char **argv)
{
	char *end;
	long n;

	if (argc != 2 || (n = strtol(argv[1], &end, 10)) < 0 || end == argv[1] || *end) {
		dprintf(STDERR_FILENO, "usage: sleep SECONDS\n");
		return 2;
	}
	if (sleep(n)) {
		perror("sleep");
		return 1;
	}
	return 0;
}
