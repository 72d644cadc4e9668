/* ls: list the entries of each named directory (default /mod), one per line. */
#include <ulib.h>

static int list(const char *path, bool heading)
{
	struct linux_dirent *d;
	DIR *dir = opendir(path);

	if (!dir) {
		dprintf(STDERR_FILENO, "ls: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (heading)
		printf("%s:\n", path);
	errno = 0;
	while ((d = readdir(dir)))
		puts(d->d_name);
	closedir(dir);
	if (errno) {
		dprintf(STDERR_FILENO, "ls: reading %s: %s\n", path, strerror(errno));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int i, status = 0;

	if (argc < 2)
		return list("/mod", false);
	for (i = 1; i < argc; i++)
		status |= list(argv[i], argc > 2);
	return status;
}
