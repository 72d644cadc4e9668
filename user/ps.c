/*
 * ps: one line per process, from /proc/PID/stat and /proc/PID/status:
 *
 *	  PID  PPID STAT    RSS   SWAP MAJFLT COMMAND
 *	    1     0 S        20      0      0 init
 *	    2     0 S         0      0      0 [kthreadd]
 *	    4     2 S         0      0      0 [kswapd0]
 *	    7     1 S        32      0      0 sh
 *
 * PPID is the parent (init, 1, adopts orphans); STAT is the state letter
 * (R running, S sleeping, D uninterruptible, Z zombie); RSS and SWAP are
 * VmRSS and VmSwap in kB; MAJFLT counts the faults that had to read from
 * swap (stat field 12). A kernel thread (PF_KTHREAD in stat's flags) has
 * no memory of its own and is shown in brackets, as Linux's ps does.
 * /proc lists its files first, then one directory per process.
 */
#include <ulib.h>

#define PF_KTHREAD 0x00200000

/* The fields of /proc/PID/stat that ps shows (proc(5) numbers them from 1). */
struct stat_fields {
	char comm[20];
	char state;
	long ppid;
	unsigned long flags, majflt;
};

/*
 * Parse a stat line: "PID (COMM) STATE PPID ...". COMM may hold spaces and
 * parentheses, so it ends at the last ')'. Returns false if malformed.
 */
static bool parse_stat(char *line, struct stat_fields *st)
{
	char *open = strchr(line, '('), *close = strrchr(line, ')'), *p, *end;
	long v[13];

	if (!open || !close || close < open || close[1] != ' ')
		return false;
	*close = 0;
	strlcpy(st->comm, open + 1, sizeof(st->comm));
	st->state = close[2];
	p = close + 3;
	for (int i = 4; i <= 12; i++) {	/* fields 4 (ppid) to 12 (majflt) */
		v[i] = strtol(p, &end, 10);
		if (end == p)
			return false;
		p = end;
	}
	st->ppid = v[4];
	st->flags = (unsigned long)v[9];
	st->majflt = (unsigned long)v[12];
	return true;
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
	char path[32], status[1024], line[512], command[24];
	struct stat_fields st;
	long rss, swap;

	snprintf(path, sizeof(path), "/proc/%s/stat", pid);
	if (read_file(path, line, sizeof(line)) <= 0 || !parse_stat(line, &st))
		return;
	snprintf(path, sizeof(path), "/proc/%s/status", pid);
	if (read_file(path, status, sizeof(status)) <= 0)
		return;
	rss = text_field(status, "VmRSS");
	swap = text_field(status, "VmSwap");
	snprintf(command, sizeof(command), st.flags & PF_KTHREAD ? "[%s]" : "%s", st.comm);
	printf("%5s %5ld %-4c %6ld %6ld %6lu %s\n", pid, st.ppid, st.state, rss < 0 ? 0 : rss,
	       swap < 0 ? 0 : swap, st.majflt, command);
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
	printf("  PID  PPID STAT    RSS   SWAP MAJFLT COMMAND\n");
	while ((d = readdir(dir)))
		if (is_pid(d->d_name))
			show(d->d_name);
	closedir(dir);
	return 0;
}
