/*
 * t_pid1: the Linux conventions about processes that programs rely on,
 * checked from user space with system calls and /proc only. Run as the
 * child of the real init (boot line "-- t_pid1").
 *
 *  - init is pid 1 (/proc/1/status says "Name: init" and has VmRSS and
 *    VmSwap), kthreadd is pid 2, and every other kernel thread (kswapd0
 *    among them) has a later pid and kthreadd as its parent;
 *  - an orphan is adopted by init (getppid() == 1 in the orphan, PPid 1
 *    in its stat) and init reaps it when it exits;
 *  - kill(1, ...) does not kill init;
 *  - /proc/PID/stat has Linux's 52 fields, the fault counts in fields 10
 *    to 13 agree with getrusage(2), and status no longer has them;
 *  - SIG_IGN: an ignored SIGINT does not kill, and stays ignored across
 *    fork and execve.
 *
 * Runs: sleep
 */
#include <utest.h>

#define PF_KTHREAD 0x00200000
#define STAT_FIELDS 52

/* /proc/PID/stat split into fields (1-based, field[2] is the comm without parentheses). */
struct stat_line {
	char text[1024];
	char *field[STAT_FIELDS + 2];
	int n;
};

/* Read and split /proc/@pid/stat ("self" if @pid is 0); false if there is no such process. */
static bool read_stat(pid_t pid, struct stat_line *st)
{
	char path[32], *p, *close;

	if (pid)
		snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	else
		strlcpy(path, "/proc/self/stat", sizeof(path));
	if (read_file(path, st->text, sizeof(st->text)) <= 0)
		return false;
	close = strrchr(st->text, ')');
	p = strchr(st->text, '(');
	if (!p || !close || close[1] != ' ' || st->text[strlen(st->text) - 1] != '\n')
		fail("%s: not \"PID (COMM) ...\\n\": %s", path, st->text);
	st->text[strlen(st->text) - 1] = 0;
	p[-1] = 0;
	*close = 0;
	st->field[1] = st->text;
	st->field[2] = p + 1;
	st->n = 2;
	for (p = close + 2; *p; st->n++) {
		if (st->n > STAT_FIELDS)
			fail("%s: more than %d fields", path, STAT_FIELDS);
		st->field[st->n + 1] = p;
		while (*p && *p != ' ')
			p++;
		if (*p)
			*p++ = 0;
	}
	if (st->n != STAT_FIELDS)
		fail("%s: %d fields, Linux has %d", path, st->n, STAT_FIELDS);
	return true;
}

static long num(const struct stat_line *st, int i)
{
	char *end;
	long v = strtol(st->field[i], &end, 10);

	if (end == st->field[i] || *end)
		fail("stat field %d of %s is %s, not a number", i, st->field[1], st->field[i]);
	return v;
}

static void check_init(void)
{
	char status[2048];
	struct stat_line st;

	if (getpid() == 1 || getppid() != 1)
		fail("t_pid1 should be init's child: pid %d, ppid %d", getpid(), getppid());
	if (read_file("/proc/1/status", status, sizeof(status)) <= 0)
		fail("/proc/1/status: %s", strerror(errno));
	if (strncmp(status, "Name:\tinit\n", 11))
		fail("/proc/1/status does not start with Name: init:\n%s", status);
	if (text_field(status, "Pid") != 1 || text_field(status, "PPid") != 0 ||
	    text_field(status, "VmRSS") <= 0 || text_field(status, "VmSwap") < 0)
		fail("/proc/1/status: Pid 1, PPid 0, VmRSS and VmSwap expected:\n%s", status);
	if (text_field(status, "minflt") >= 0 || text_field(status, "majflt") >= 0)
		fail("/proc/1/status has fault counts (they belong in stat):\n%s", status);
	read_stat(1, &st);
	if (num(&st, 1) != 1 || strcmp(st.field[2], "init") || num(&st, 4) != 0 ||
	    (num(&st, 9) & PF_KTHREAD))
		fail("/proc/1/stat: %s (%s) ppid %s flags %s", st.field[1], st.field[2],
		     st.field[4], st.field[9]);
	printf("t_pid1: pid 1 is init, with VmRSS %ld kB\n", text_field(status, "VmRSS"));
}

/* kthreadd is 2; every other kernel thread comes later, as kthreadd's child. */
static void check_kernel_threads(void)
{
	struct linux_dirent *d;
	struct stat_line st;
	bool kswapd = false;
	DIR *dir;

	if (!read_stat(2, &st) || strcmp(st.field[2], "kthreadd") || num(&st, 4) != 0 ||
	    !(num(&st, 9) & PF_KTHREAD))
		fail("/proc/2/stat is not kthreadd, ppid 0, a kernel thread");
	dir = opendir("/proc");
	if (!dir)
		fail("/proc: %s", strerror(errno));
	while ((d = readdir(dir))) {
		long pid = strtol(d->d_name, NULL, 10);
		if (pid <= 2 || !read_stat(pid, &st) || !(num(&st, 9) & PF_KTHREAD))
			continue;
		if (num(&st, 4) != 2)
			fail("kernel thread %ld (%s) has parent %ld, not kthreadd", pid, st.field[2],
			     num(&st, 4));
		kswapd |= !strcmp(st.field[2], "kswapd0");
	}
	closedir(dir);
	if (!kswapd)
		fail("no kernel thread kswapd0 after pid 2");
	printf("t_pid1: kthreadd is 2, kswapd0 and the other kernel threads its children\n");
}

/* A process named t_pid1 other than us whose parent is @ppid, or 0. */
static pid_t find_sibling(long ppid)
{
	struct linux_dirent *d;
	struct stat_line st;
	pid_t found = 0;
	DIR *dir = opendir("/proc");

	if (!dir)
		fail("/proc: %s", strerror(errno));
	while ((d = readdir(dir))) {
		long pid = strtol(d->d_name, NULL, 10);
		if (pid > 0 && pid != getpid() && read_stat(pid, &st) &&
		    !strcmp(st.field[2], "t_pid1") && num(&st, 4) == ppid)
			found = pid;
	}
	closedir(dir);
	return found;
}

/*
 * A child forks a grandchild and exits. The grandchild, now an orphan,
 * waits until it sees init as its parent, says so and sleeps; we find it
 * in /proc with PPid 1, kill it, and init must reap it: its /proc
 * directory goes away.
 */
static void check_orphan(void)
{
	struct stat_line st;
	pid_t child = xfork(), orphan = 0;

	if (child == 0) {
		if (xfork() == 0) {
			for (int tries = 0; getppid() != 1; tries++) {
				if (tries == 30000)
					fail("orphan %d: parent %d after 30 s, not init", getpid(),
					     getppid());
				usleep(1000);
			}
			read_stat(0, &st);
			printf("t_pid1: orphan %d: getppid() = %d, stat ppid %s\n", getpid(),
			       getppid(), st.field[4]);
			for (;;)
				sleep(1);
		}
		_exit(0);
	}
	expect_exit(child, 0);
	for (int tries = 0; !orphan && tries < 3000; tries++) {
		orphan = find_sibling(1);
		usleep(10000);
	}
	if (!orphan)
		fail("no orphan with parent 1 in /proc after 30 s");
	if (kill(orphan, SIGKILL))
		fail("kill(%d, SIGKILL): %s", orphan, strerror(errno));
	for (int tries = 0; read_stat(orphan, &st) && tries < 3000; tries++)
		usleep(10000);
	if (read_stat(orphan, &st))
		fail("orphan %d still in /proc after 30 s (state %s): init did not reap it", orphan,
		     st.field[3]);
	if (waitpid(orphan, NULL, WNOHANG) != -1 || errno != ECHILD)
		fail("waitpid on init's child %d: expected ECHILD", orphan);
	printf("t_pid1: orphan %d was adopted and reaped by init\n", orphan);
}

/* kill(2) reaches init without effect: it has no handlers (Linux: SIGNAL_UNKILLABLE). */
static void check_init_survives_kill(void)
{
	struct stat_line st;

	if (kill(1, SIGTERM) || kill(1, SIGKILL) || kill(1, SIGINT))
		fail("kill(1, ...): %s", strerror(errno));
	usleep(50000);
	if (!read_stat(1, &st) || strcmp(st.field[3], "Z") == 0)
		fail("init died of kill(1, ...)");
	printf("t_pid1: kill(1, SIGTERM/SIGKILL/SIGINT) left init running\n");
}

/* stat's minflt/cminflt/majflt/cmajflt (fields 10-13) are getrusage's numbers. */
static void check_fault_fields(void)
{
	struct rusage before, after, children;
	struct stat_line st;
	pid_t child = xfork();

	if (child == 0) {	/* 64 demand-zero faults */
		char *p = mmap(NULL, 64 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		for (int i = 0; p != MAP_FAILED && i < 64; i++)
			p[i * PAGE_SIZE] = 1;
		_exit(p == MAP_FAILED);
	}
	expect_exit(child, 0);
	getrusage(RUSAGE_SELF, &before);
	read_stat(0, &st);
	getrusage(RUSAGE_SELF, &after);
	getrusage(RUSAGE_CHILDREN, &children);
	if (num(&st, 10) < before.ru_minflt || num(&st, 10) > after.ru_minflt ||
	    num(&st, 12) < before.ru_majflt || num(&st, 12) > after.ru_majflt)
		fail("stat minflt %s majflt %s, getrusage %ld..%ld and %ld..%ld", st.field[10],
		     st.field[12], before.ru_minflt, after.ru_minflt, before.ru_majflt,
		     after.ru_majflt);
	if (num(&st, 11) != children.ru_minflt || num(&st, 11) < 64 ||
	    num(&st, 13) != children.ru_majflt)
		fail("stat cminflt %s cmajflt %s, getrusage(RUSAGE_CHILDREN) %ld %ld", st.field[11],
		     st.field[13], children.ru_minflt, children.ru_majflt);
	printf("t_pid1: stat fields 10-13 are minflt %s cminflt %s majflt %s cmajflt %s\n",
	       st.field[10], st.field[11], st.field[12], st.field[13]);
}

/* An ignored SIGINT does not kill, also after fork and execve; SIG_DFL restores it. */
static void check_sig_ign(void)
{
	char status[2048], sleeper[64];
	pid_t child;

	if (signal(SIGINT, SIG_IGN) != SIG_DFL || signal(SIGINT, SIG_IGN) != SIG_IGN)
		fail("signal(SIGINT, SIG_IGN) did not return the old disposition");
	if (signal(SIGKILL, SIG_IGN) != SIG_ERR || errno != EINVAL)
		fail("signal(SIGKILL, SIG_IGN) must fail with EINVAL");
	kill(getpid(), SIGINT);
	read_file("/proc/self/status", status, sizeof(status));
	if (!strstr(status, "\nSigIgn:\t0000000000000002\n"))
		fail("SigIgn does not show SIGINT (bit 1):\n%s", status);
	sibling_path("sleep", sleeper, sizeof(sleeper));
	child = xfork();
	if (child == 0) {
		char *argv[] = { sleeper, "1", NULL };
		execve(sleeper, argv, environ);
		_exit(127);
	}
	usleep(200000);
	kill(child, SIGINT);
	expect_exit(child, 0);
	signal(SIGINT, SIG_DFL);
	child = xfork();
	if (child == 0) {
		for (;;)
			sleep(1);
	}
	kill(child, SIGINT);
	expect_signal(child, SIGINT);
	printf("t_pid1: SIG_IGN survives fork and execve; SIG_DFL kills again\n");
}

int main(void)
{
	check_init();
	check_kernel_threads();
	check_orphan();
	check_init_survives_kill();
	check_fault_fields();
	check_sig_ign();
	pass();
}
