/* cat: copy each named file (or stdin, with no arguments) to stdout. */
#include <ulib.h>

/* Copy fd to stdout; 0 on success, or an errno value. */
static int copy(int fd)
{
	char buf[4096];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (write_all(STDOUT_FILENO, buf, n) != n)
			return errno;
	return n < 0 ? errno : 0;
}

static int cat_file(const char *path)
{
	int fd = open(path, O_RDONLY), err;

	if (fd < 0) {
		dprintf(STDERR_FILENO, "cat: %s: %s\n", path, strerror(errno));
		return 1;
	}
	err = copy(fd);
	close(fd);
	if (err)
		dprintf(STDERR_FILENO, "cat: %s: %s\n", path, strerror(err));
	return err != 0;
}

int main(int argc, char **argv)
{
	int i, status = 0;

	if (argc < 2) {
		if (copy(STDIN_FILENO) == 0)
			return 0;
		perror("cat: stdin");
		return 1;
	}
	for (i = 1; i < argc; i++)
		status |= cat_file(argv[i]);
	return status;
}
