/*
 * sh: the shell. It prints the prompt "$ ", reads a line from fd 0, splits
 * it into words (quotes, single or double, keep spaces inside a word; there
 * are no variables, pipes or redirections) and runs it: a builtin directly,
 * anything else in a child made with fork + execve, which it waits for
 * unless the line ends with "&" (then it says "[PID]", and "[PID done:
 * ...]" once it noticed the job ended). A
 * name without '/' means /mod/NAME, where the boot modules are. When the
 * child did not exit with 0 the shell says how it ended:
 *
 *	[exit 3]
 *	[killed by signal 11 (SIGSEGV)]
 *
 * "sh -c 'command args'" runs one command and exits with its status (128+N
 * for a child killed by signal N), for tests and for the kernel's init=.
 * The words after -c are joined again, in case the command line that
 * started us split them. End of input on fd 0 exits with status 0.
 *
 * On the console the shell edits the line itself (see edit_line): it puts
 * the terminal in non-canonical mode while it reads, so it sees each key,
 * keeps a history that Up and Down walk through, and ignores the escape
 * sequences of the other keys (which used to run a program called "[A").
 * Between lines the terminal is back in the mode the shell found it in,
 * also after a program that changed it was killed.
 *
 * Runs: *
 */
#include <ulib.h>

#define MAX_LINE 512
#define MAX_ARGS 32
#define HISTORY	 32
#define CTRL(c)	 ((c) & 0x1f)
#define ESC	 27

struct builtin {
	const char *name, *args, *help;
	int (*run)(int argc, char **argv);
};

static int builtin_exit(int argc, char **argv);
static int builtin_help(int argc, char **argv);
static int builtin_halt(int argc, char **argv);
static int builtin_wait(int argc, char **argv);

static const struct builtin builtins[] = {
	{ "exit", "[N]", "leave the shell with status N (default: the last status)", builtin_exit },
	{ "help", "", "this list, and the programs in /mod", builtin_help },
	{ "halt", "", "power the machine off", builtin_halt },
	{ "wait", "", "wait for the background jobs to finish", builtin_wait },
	{ NULL, NULL, NULL, NULL },
};

static int last_status;

/*
 * Split line in place into at most MAX_ARGS - 1 words, NULL-terminating
 * argv. Returns the number of words, or -1 (with a message) if it cannot.
 */
static int split(char *s, char **argv)
{
	int argc = 0;

	for (;;) {
		char *out, quote = 0;

		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		if (argc == MAX_ARGS - 1) {
			dprintf(STDERR_FILENO, "sh: more than %d words\n", MAX_ARGS - 1);
			return -1;
		}
		argv[argc++] = out = s;
		for (; *s && (quote || (*s != ' ' && *s != '\t')); s++) {
			if (*s == quote)
				quote = 0;
			else if (!quote && (*s == '"' || *s == '\''))
				quote = *s;
			else
				*out++ = *s;
		}
		if (quote) {
			dprintf(STDERR_FILENO, "sh: unterminated %c\n", quote);
			return -1;
		}
		if (*s)
			s++;
		*out = 0; /* out never passes the separator just consumed */
	}
	argv[argc] = NULL;
	return argc;
}

/*
 * In the child: become the program, or explain why not (127: not found,
 * 126: not runnable). Ctrl-C (SIGINT) reaches a job in the foreground
 * only: a background job ignores it, as POSIX asks of a shell without job
 * control, and so does the interactive shell itself.
 */
static __noreturn void exec_child(char **argv, bool background)
{
	static char *const no_env[] = { NULL };
	char path[MAX_LINE + 8];
	int err;

	signal(SIGINT, background ? SIG_IGN : SIG_DFL);
	if (strchr(argv[0], '/'))
		strlcpy(path, argv[0], sizeof(path));
	else
		snprintf(path, sizeof(path), "/mod/%s", argv[0]);
	execve(path, argv, environ ? environ : no_env);
	err = errno;
	dprintf(STDERR_FILENO, "sh: %s: %s\n", path, strerror(err));
	_exit(err == ENOENT ? 127 : 126);
}

/* Say how a child ended unless it succeeded; return the shell's exit code for it. */
static int report(int status)
{
	char how[64];

	if (status == 0)
		return 0;
	describe_status(status, how, sizeof(how));
	printf("[%s]\n", how);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Report the background jobs that have finished. */
static void reap_background(void)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		char how[64];
		describe_status(status, how, sizeof(how));
		printf("[%d done: %s]\n", pid, how);
	}
}

static int run_program(char **argv, bool background)
{
	pid_t pid = fork();
	int status;

	if (pid < 0) {
		perror("sh: fork");
		return 1;
	}
	if (pid == 0)
		exec_child(argv, background);
	if (background) {
		printf("[%d]\n", pid);
		return 0;
	}
	if (waitpid(pid, &status, 0) != pid) {
		perror("sh: waitpid");
		return 1;
	}
	/* Background jobs, and orphans given to init when that is us. */
	reap_background();
	return report(status);
}

static int run_line(char *line)
{
	char *argv[MAX_ARGS];
	const struct builtin *b;
	int argc = split(line, argv);

	if (argc < 0)
		return 2;
	bool background = argc > 0 && !strcmp(argv[argc - 1], "&");

	if (background)
		argv[--argc] = NULL;
	if (argc == 0)
		return last_status;
	for (b = builtins; b->name; b++)
		if (!strcmp(argv[0], b->name))
			return b->run(argc, argv);
	return run_program(argv, background);
}

static int builtin_exit(int argc, char **argv)
{
	exit(argc > 1 ? atoi(argv[1]) : last_status);
}

static int builtin_help(int argc, char **argv)
{
	const struct builtin *b;
	struct linux_dirent *d;
	DIR *dir;

	puts("builtins:");
	for (b = builtins; b->name; b++)
		printf("  %-4s %-4s %s\n", b->name, b->args, b->help);
	dir = opendir("/mod");
	if (!dir)
		return 0;
	puts("programs (/mod):");
	while ((d = readdir(dir)))
		printf("  %s\n", d->d_name);
	closedir(dir);
	return 0;
}

static int builtin_wait(int argc, char **argv)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, 0)) > 0) {
		char how[64];
		describe_status(status, how, sizeof(how));
		printf("[%d done: %s]\n", pid, how);
	}
	return 0;
}

static int builtin_halt(int argc, char **argv)
{
	reboot(LINUX_REBOOT_CMD_POWER_OFF);
	perror("halt");
	return 1;
}

/* -c: join the remaining arguments into one command line and run it. */
static int run_command(int argc, char **argv)
{
	char line[MAX_LINE];
	size_t len = 0;
	int i;

	for (i = 0; i < argc; i++) {
		len += snprintf(line + len, sizeof(line) - len, "%s%s", i ? " " : "", argv[i]);
		if (len >= sizeof(line)) {
			dprintf(STDERR_FILENO, "sh: command longer than %d characters\n",
				MAX_LINE - 1);
			return 2;
		}
	}
	return run_line(line);
}

/*
 * sh SCRIPT: run the lines of a file (a bare name means /mod/NAME), each
 * shown after a "$ " prompt as if typed, so the console reads like a
 * session. Lines starting with '#' are comments.
 */
static int run_script(const char *name)
{
	static char text[8192];
	char path[64];
	int status = 0;

	snprintf(path, sizeof(path), "%s%s", strchr(name, '/') ? "" : "/mod/", name);
	if (read_file(path, text, sizeof(text)) < 0) {
		dprintf(STDERR_FILENO, "sh: %s: %s\n", path, strerror(errno));
		return 127;
	}
	for (char *line = text, *next; *line; line = next) {
		next = strchr(line, '\n');
		next = next ? (*next = 0, next + 1) : line + strlen(line);
		if (*line == '#' || !*line)
			continue;
		printf("$ %s\n", line);
		status = last_status = run_line(line);
	}
	return status;
}

/* ---- the line editor ----------------------------------------------------- */

static struct termios sane;	/* the terminal's mode when the shell started */
static bool is_terminal;
static char history[HISTORY][MAX_LINE];
static int history_len;		/* lines ever added; the last HISTORY are kept */

struct editor {
	char *line;
	size_t size, len;
	int shown;		/* history line shown: history_len is the line being typed */
	char typed[MAX_LINE];	/* the line being typed, kept while history is shown */
	enum { PLAIN, AFTER_ESC, CSI, SS3 } esc;
};

static void put(const char *s, size_t n)
{
	write_all(STDOUT_FILENO, s, n);
}

/* Erase what is shown of the line, then show @text instead. */
static void replace_line(struct editor *e, const char *text)
{
	char erase[3 * MAX_LINE];
	size_t n = 0;

	for (size_t i = 0; i < e->len; i++) {
		memcpy(erase + n, "\b \b", 3);
		n += 3;
	}
	put(erase, n);
	e->len = strlcpy(e->line, text, e->size);
	if (e->len >= e->size)
		e->len = e->size - 1;
	put(e->line, e->len);
}

/* Up (-1) or Down (+1) through the history. */
static void walk_history(struct editor *e, int step)
{
	int oldest = history_len > HISTORY ? history_len - HISTORY : 0;
	int to = e->shown + step;

	if (to < oldest || to > history_len)
		return;
	if (e->shown == history_len) {
		e->line[e->len] = 0;
		strlcpy(e->typed, e->line, sizeof(e->typed));
	}
	e->shown = to;
	replace_line(e, to == history_len ? e->typed : history[to % HISTORY]);
}

/*
 * An escape sequence, one byte at a time: ESC [ params final (CSI), ESC O x
 * (SS3), or ESC x. Up is ESC [ A or ESC O A, Down the same with B; the
 * others (Left, Right, Home, F1...) are ignored. True while in one.
 */
static bool escape_key(struct editor *e, char c)
{
	switch (e->esc) {
	case PLAIN:
		if (c != ESC)
			return false;
		e->esc = AFTER_ESC;
		return true;
	case AFTER_ESC:
		e->esc = c == '[' ? CSI : c == 'O' ? SS3 : PLAIN;
		return true;
	case CSI:
		if (c < 0x40 || c > 0x7e)
			return true;	/* a parameter or intermediate byte */
		break;
	case SS3:
		break;
	}
	e->esc = PLAIN;
	if (c == 'A' || c == 'B')
		walk_history(e, c == 'A' ? -1 : 1);
	return true;
}

/* One key; returns 1 when the line is complete, 0 to go on, -1 for end of input, -2 cancelled. */
static int edit_key(struct editor *e, char c)
{
	if (escape_key(e, c))
		return 0;
	if (c == '\n' || c == '\r') {
		put("\n", 1);
		return 1;
	}
	if (c == '\b' || c == 127) {
		if (e->len) {
			e->len--;
			put("\b \b", 3);
		}
	} else if (c == CTRL('U')) {
		replace_line(e, "");
	} else if (c == CTRL('C')) {
		put("^C\n", 3);
		return -2;
	} else if (c == CTRL('D')) {
		if (!e->len)
			return -1;
	} else if ((unsigned char)c >= ' ' && e->len + 1 < e->size) {
		e->line[e->len++] = c;
		put(&c, 1);
	}
	return 0;
}

static void remember(const char *line)
{
	if (!*line || (history_len && !strcmp(history[(history_len - 1) % HISTORY], line)))
		return;
	strlcpy(history[history_len++ % HISTORY], line, MAX_LINE);
}

/*
 * Show @prompt and read a line from the console with editing and history;
 * its length, -1 at the end of input, -2 when Ctrl-C abandoned it. The
 * terminal leaves canonical mode before the prompt appears, so keys typed
 * ahead of it are not echoed twice. Without a terminal (TCGETS fails:
 * input from a file or pipe) lines are read as they come.
 */
static int edit_line(const char *prompt, char *line, size_t size)
{
	struct editor e = { .line = line, .size = size, .shown = history_len };
	struct termios raw = sane;
	int r = 0;
	char c;

	if (!is_terminal) {
		put(prompt, strlen(prompt));
		return readline(line, size);
	}
	raw.c_lflag &= ~(ICANON | ECHO | ISIG);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	ioctl(STDIN_FILENO, TCSETS, &raw);
	put(prompt, strlen(prompt));
	while (!r) {
		if (read(STDIN_FILENO, &c, 1) != 1)
			r = e.len ? 1 : -1;
		else
			r = edit_key(&e, c);
	}
	ioctl(STDIN_FILENO, TCSETS, &sane);
	line[e.len] = 0;
	if (r == 1)
		remember(line);
	return r == 1 ? (int)e.len : r;
}

int main(int argc, char **argv)
{
	char line[MAX_LINE];

	if (argc >= 3 && !strcmp(argv[1], "-c"))
		return run_command(argc - 2, argv + 2);
	if (argc == 2)
		return run_script(argv[1]);
	signal(SIGINT, SIG_IGN);
	is_terminal = ioctl(STDIN_FILENO, TCGETS, &sane) == 0;
	for (;;) {
		int n = edit_line("$ ", line, sizeof(line));

		if (n == -1) {
			put("\n", 1);	/* end the prompt's line */
			return 0;
		}
		last_status = n == -2 ? 130 : run_line(line);
	}
}
