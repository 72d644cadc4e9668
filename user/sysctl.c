/*
 * sysctl: read and set the kernel's tunables in /proc/sys, as procps's
 * sysctl does (the shell has no "echo 0 > /proc/sys/vm/page-cluster"):
 *
 *	sysctl vm.page-cluster			vm.page-cluster = 3
 *	sysctl -w vm.page-cluster=0		vm.page-cluster = 0
 *	sysctl -a				every tunable
 *
 * A name's dots are the directories under /proc/sys. A value the kernel
 * refuses (out of range, not a number) is reported with its error and the
 * exit status is 1; the tunable keeps its value.
 */
#include <ulib.h>

/* "vm.page-cluster" -> "/proc/sys/vm/page-cluster" */
static void path_of(const char *name, char *path, size_t size)
{
	size_t n = strlcpy(path, "/proc/sys/", size);

	for (; *name && n + 1 < size; name++)
		path[n++] = *name == '.' ? '/' : *name;
	path[n] = 0;
}

static int show(const char *name)
{
	char path[128], value[64];
	ssize_t n;

	path_of(name, path, sizeof(path));
	n = read_file(path, value, sizeof(value));
	if (n < 0) {
		dprintf(STDERR_FILENO, "sysctl: cannot read %s: %s\n", name, strerror(errno));
		return 1;
	}
	if (n > 0 && value[n - 1] == '\n')
		value[n - 1] = 0;
	printf("%s = %s\n", name, value);
	return 0;
}

static int set(char *assignment)
{
	char *eq = strchr(assignment, '='), path[128];
	int fd;
	ssize_t n;

	*eq = 0;
	path_of(assignment, path, sizeof(path));
	fd = open(path, O_WRONLY);
	if (fd < 0) {
		dprintf(STDERR_FILENO, "sysctl: cannot open %s: %s\n", assignment, strerror(errno));
		return 1;
	}
	n = write(fd, eq + 1, strlen(eq + 1));
	close(fd);
	if (n < 0) {
		dprintf(STDERR_FILENO, "sysctl: setting %s to '%s': %s\n", assignment, eq + 1,
			strerror(errno));
		return 1;
	}
	return show(assignment);
}

/* Every file under /proc/sys/vm (the only directory there is). */
static int show_all(void)
{
	struct linux_dirent *d;
	DIR *dir = opendir("/proc/sys/vm");
	int status = 0;

	if (!dir) {
		perror("sysctl: /proc/sys/vm");
		return 1;
	}
	while ((d = readdir(dir))) {
		char name[80];

		if (d->d_name[0] == '.')
			continue;
		snprintf(name, sizeof(name), "vm.%s", d->d_name);
		status |= show(name);
	}
	closedir(dir);
	return status;
}

int main(int argc, char **argv)
{
	int status = 0, i = 1;

	if (argc == 2 && !strcmp(argv[1], "-a"))
		return show_all();
	if (argc > 1 && !strcmp(argv[1], "-w"))
		i++;
	if (i >= argc) {
		dprintf(STDERR_FILENO, "usage: sysctl [-w] NAME[=VALUE]... | sysctl -a\n");
		return 2;
	}
	for (; i < argc; i++)
		status |= strchr(argv[i], '=') ? set(argv[i]) : show(argv[i]);
	return status;
}
