/*
 * ps: one line per process, from /proc/PID/status:
 *
 *	  PID STAT    RSS   SWAP MAJFLT COMMAND
 *	    1 S       132      0      0 sh
 *	    2 D         0      0      0 [kswapd]
 *
 * STAT is the state letter (R running, S sleeping, D uninterruptible, Z
 * zombie); RSS and SWAP are VmRSS and VmSwap in kB; MAJFLT counts the
 * faults that had to read from swap. A kernel thread has no memory of
 * its own (no Vm lines) and is shown in brackets, as Linux's ps does.
 * /proc lists its files first, then one directory per process.
 */
#include <ulib.h>

/* Copy the text after "NAME:" and its blanks, up to the end of the line, into @out. */
static void status_string(const char *status, const char *name, char *out, size_t size)
{
	size_t n = strlen(name);

	out[0] = 0;
	for (const char *line = status; *line;) {
		const char *end = strchr(line, '\n');
		if (!end)
			end = line + strlen(line);
		if (!strncmp(line, name, n) && line[n] == ':') {
			const char *v = line + n + 1;
			size_t len;

			while (*v == ' ' || *v == '\t')
				v++;
			len = min((size_t)(end - v), size - 1);
			memcpy(out, v, len);
			out[len] = 0;
			return;
		}
		if (!*end)
			return;
		line = end + 1;
	}
}

static bool is_pid(const char *name)
{
	if (!*name)
		return false;
	for (; *name; name++)
		if (*name < '0' || *name > '9')
			return false;
	return true;
}

/* Print the line of process @pid, unless it has gone away meanwhile. */
static void show(const char *pid)
{
	char path[32], status[1024], name[20], state[20], command[24];
	long rss, swap;

	snprintf(path, sizeof(path), "/proc/%s/status", pid);
	if (read_file(path, status, sizeof(status)) <= 0)
		return;
	status_string(status, "Name", name, sizeof(name));
	status_string(status, "State", state, sizeof(state));
	rss = text_field(status, "VmRSS");
	swap = text_field(status, "VmSwap");
	if (rss < 0)
		snprintf(command, sizeof(command), "[%s]", name);
	else
		snprintf(command, sizeof(command), "%s", name);
	printf("%5s %-4.1s %6ld %6ld %6ld %s\n", pid, state, rss < 0 ? 0 : rss, swap < 0 ? 0 : swap,
	       text_field(status, "majflt"), command);
}

int main(int argc, char **argv)
{
	struct linux_dirent *d;
	DIR *dir;

	if (argc != 1) {
		dprintf(STDERR_FILENO, "usage: ps\n");
		return 2;
	}
	dir = opendir("/proc");
	if (!dir) {
		perror("ps: /proc");
		return 1;
	}
	printf("  PID STAT    RSS   SWAP MAJFLT COMMAND\n");
	while ((d = readdir(dir)))
		if (is_pid(d->d_name))
			show(d->d_name);
	closedir(dir);
	return 0;
}
