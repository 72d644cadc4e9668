/*
 * t_pipe: pipe(2), dup(2) and dup2(2) with Linux's numbers (42, 41, 63),
 * through raw system calls, with the buffers on both sides swapped out
 * while the data flows: the kernel's copies into and out of the pipe
 * fault the pages back in, sleeping with the pipe busy. Checked: every
 * byte arrives once and in order; writes of at most PIPE_BUF (4096)
 * bytes from several writers never mix; end of file once the last writer
 * is gone (exit or SIGKILL); SIGPIPE and EPIPE with no reader left; a
 * reader blocked on an empty pipe can be killed; Linux's errnos.
 *
 * pipe2 (331, glibc's pipe): O_NONBLOCK gives EAGAIN instead of waiting;
 * O_CLOEXEC ends are closed in the program exec starts, others are not.
 *
 * Run with swap on (swap=hda). "t_pipe: ok" at the end.
 *
 * Runs: t_pipe
 */
#include <fillcheck.h>

#define PG	  PAGE_SIZE
#define STREAM	  (96 * 1024)
#define WRITERS	  3
#define RECORDS	  64
#define RECORD	  1000

static long sc(long nr, long a, long b, long c)
{
	return syscall(nr, a, b, c, 0, 0, 0);
}

static void xpipe(int fds[2])
{
	if (sc(__NR_pipe, (long)fds, 0, 0))
		fail("pipe: %s", strerror(errno));
}

static char *xmap(size_t pages)
{
	long r = syscall(__NR_mmap2, 0, pages * PG, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (r == -1)
		fail("mmap2: %s", strerror(errno));
	return (char *)r;
}

static void pageout(void *p, size_t len)
{
	if (sc(__NR_madvise, (long)p, (long)len, MADV_PAGEOUT))
		fail("MADV_PAGEOUT: %s", strerror(errno));
}

static char stream_byte(size_t i)
{
	return (char)(i * 131 + (i >> 12) * 7);
}

static void expect_errno(long r, int err, const char *what)
{
	if (r != -1 || errno != err)
		fail("%s returned %ld (%s), expected %s", what, r, strerror(errno), strerror(err));
	printf("t_pipe: %s -> %s\n", what, strerror(err));
}

/*
 * A child writes STREAM bytes in writes of odd sizes from a buffer it
 * pages out before each write; the parent reads them into a buffer it
 * pages out before each read, then sees end of file.
 */
static void stream_through_swap(void)
{
	static const size_t sizes[] = { 1, 100, 4096, 5000, 333, 12288, 4095 };
	char *in = xmap(STREAM / PG), *out;
	size_t got = 0;
	int fds[2];
	pid_t child;
	long n;

	xpipe(fds);
	child = xfork();
	if (child == 0) {
		sc(__NR_close, fds[0], 0, 0);
		out = xmap(STREAM / PG);
		for (size_t i = 0; i < STREAM; i++)
			out[i] = stream_byte(i);
		for (size_t off = 0, k = 0; off < STREAM; k++) {
			size_t len = min(sizes[k % 7], STREAM - off);
			pageout(out, STREAM);
			if (sc(__NR_write, fds[1], (long)(out + off), (long)len) != (long)len)
				fail("write of %zu bytes: %s", len, strerror(errno));
			off += len;
		}
		_exit(0);
	}
	sc(__NR_close, fds[1], 0, 0);
	memset(in, 0xee, STREAM);
	for (;;) {
		pageout(in, STREAM);
		n = sc(__NR_read, fds[0], (long)(in + got), got < STREAM ? 7000 : 100);
		if (n <= 0)
			break;
		got += (size_t)n;
		if (got > STREAM)
			fail("more bytes than written: %zu", got);
	}
	if (n < 0)
		fail("read: %s", strerror(errno));
	if (got != STREAM)
		fail("end of file after %zu of %d bytes", got, STREAM);
	for (size_t i = 0; i < STREAM; i++)
		if (in[i] != stream_byte(i))
			fail("byte %zu is %#x, not %#x", i, in[i] & 0xff, stream_byte(i) & 0xff);
	expect_exit(child, 0);
	sc(__NR_close, fds[0], 0, 0);
	sc(__NR_munmap, (long)in, STREAM, 0);
	printf("t_pipe: %d bytes through a pipe between swapped-out buffers, in order, "
	       "then end of file\n", STREAM);
}

/* Writers of RECORD-byte records (<= PIPE_BUF): each record arrives whole. */
static void atomic_records(void)
{
	char *in = xmap(WRITERS * RECORDS * RECORD / PG + 1);
	size_t got = 0, total = WRITERS * RECORDS * RECORD;
	int fds[2], seen[WRITERS] = { 0 };
	long n;

	xpipe(fds);
	for (int w = 0; w < WRITERS; w++) {
		if (xfork() == 0) {
			char *rec = xmap(1);
			sc(__NR_close, fds[0], 0, 0);
			for (int r = 0; r < RECORDS; r++) {
				memset(rec, 'A' + w, RECORD);
				pageout(rec, PG);
				if (sc(__NR_write, fds[1], (long)rec, RECORD) != RECORD)
					fail("record write: %s", strerror(errno));
			}
			_exit(0);
		}
	}
	sc(__NR_close, fds[1], 0, 0);
	while ((n = sc(__NR_read, fds[0], (long)(in + got), 3000)) > 0)
		got += (size_t)n;
	if (got != total)
		fail("%zu bytes of records, expected %zu", got, total);
	for (size_t r = 0; r < total / RECORD; r++) {
		char c = in[r * RECORD];
		if (c < 'A' || c >= 'A' + WRITERS)
			fail("record %zu starts with %#x", r, c & 0xff);
		for (size_t i = 1; i < RECORD; i++)
			if (in[r * RECORD + i] != c)
				fail("record %zu mixes writers %c and %c at byte %zu", r, c,
				     in[r * RECORD + i], i);
		seen[c - 'A']++;
	}
	for (int w = 0; w < WRITERS; w++) {
		if (seen[w] != RECORDS)
			fail("writer %d: %d records, expected %d", w, seen[w], RECORDS);
		int status;
		if (waitpid(-1, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
			fail("a record writer failed (status %#x)", status);
	}
	sc(__NR_close, fds[0], 0, 0);
	printf("t_pipe: %d writers x %d records of %d bytes: none mixed\n", WRITERS, RECORDS,
	       RECORD);
}

/* No reader: SIGPIPE kills the writer; killed writers give end of file. */
static void ends_going_away(void)
{
	int fds[2], status;
	pid_t child;
	char c;

	xpipe(fds);
	sc(__NR_close, fds[0], 0, 0);
	child = xfork();
	if (child == 0) {
		sc(__NR_write, fds[1], (long)"x", 1);
		_exit(0);
	}
	expect_signal(child, SIGPIPE);
	printf("t_pipe: write with no reader: killed by SIGPIPE\n");
	/* With SIGPIPE ignored (rt_sigaction, SIG_IGN) the write fails with EPIPE instead. */
	child = xfork();
	if (child == 0) {
		struct k_sigaction ign = { .sa_handler = SIG_IGN };
		if (syscall(__NR_rt_sigaction, SIGPIPE, &ign, 0, 8, 0, 0))
			_exit(2);
		_exit(sc(__NR_write, fds[1], (long)"x", 1) == -1 && errno == EPIPE ? 0 : 3);
	}
	expect_exit(child, 0);
	printf("t_pipe: write with no reader and SIGPIPE ignored: EPIPE\n");
	sc(__NR_close, fds[1], 0, 0);

	/* A reader blocked on an empty pipe is killed; a writer killed gives EOF. */
	xpipe(fds);
	child = xfork();
	if (child == 0) {
		sc(__NR_read, fds[0], (long)&c, 1);
		_exit(9);
	}
	usleep(50000);
	kill(child, SIGKILL);
	expect_signal(child, SIGKILL);
	child = xfork();
	if (child == 0) {
		sc(__NR_close, fds[0], 0, 0);
		for (;;)
			sleep(100);
	}
	sc(__NR_close, fds[1], 0, 0);
	kill(child, SIGKILL);
	if (sc(__NR_read, fds[0], (long)&c, 1) != 0)
		fail("read after the last writer was killed: not end of file");
	expect_signal(child, SIGKILL);
	sc(__NR_close, fds[0], 0, 0);
	(void)status;
	printf("t_pipe: blocked reader killed; end of file when the last writer is killed\n");
}

static void errnos_and_dup(void)
{
	int fds[2], fd;
	char buf[8];

	errno = 0;
	expect_errno(sc(__NR_pipe, 0xC0000000, 0, 0), EFAULT, "pipe(kernel address)");
	xpipe(fds);
	expect_errno(sc(__NR_read, fds[1], (long)buf, 1), EBADF, "read of the write end");
	expect_errno(sc(__NR_write, fds[0], (long)"x", 1), EBADF, "write of the read end");
	expect_errno(sc(__NR_lseek, fds[0], 0, SEEK_SET), ESPIPE, "lseek of a pipe");
	expect_errno(sc(__NR_dup2, 99, 5, 0), EBADF, "dup2 of a bad descriptor");
	expect_errno(sc(__NR_dup2, fds[0], -1, 0), EBADF, "dup2 to a negative descriptor");
	expect_errno(sc(__NR_dup, 99, 0, 0), EBADF, "dup of a bad descriptor");
	if (sc(__NR_dup2, fds[0], fds[0], 0) != fds[0])
		fail("dup2(fd, fd) is not fd");
	fd = (int)sc(__NR_dup, fds[1], 0, 0);
	if (fd < 0 || sc(__NR_dup2, fd, 12, 0) != 12)
		fail("dup/dup2: %s", strerror(errno));
	sc(__NR_close, fds[1], 0, 0);
	sc(__NR_close, fd, 0, 0);
	if (sc(__NR_write, 12, (long)"dup2", 4) != 4 || sc(__NR_read, fds[0], (long)buf, 8) != 4 ||
	    memcmp(buf, "dup2", 4))
		fail("write through a dup2'd write end did not arrive");
	sc(__NR_close, 12, 0, 0);
	if (sc(__NR_read, fds[0], (long)buf, 8) != 0)
		fail("no end of file once every copy of the write end is closed");
	sc(__NR_close, fds[0], 0, 0);
	printf("t_pipe: dup and dup2 share the open file; end of file after the last copy\n");
}

/* The exec'd side: @argv[2] must be closed, @argv[3] open. */
static int fdcheck(char **argv)
{
	long shut = strtol(argv[2], NULL, 10), open_fd = strtol(argv[3], NULL, 10);

	if (sc(__NR_write, shut, (long)"x", 1) != -1 || errno != EBADF)
		return 1;
	return sc(__NR_write, open_fd, (long)"y", 1) == 1 ? 0 : 2;
}

static void pipe2_flags(void)
{
	int nb[2], ce[2], plain[2], i = 0;
	char buf[64], path[64], a[8], b[8], *args[] = { path, "--fdcheck", a, b, NULL };
	pid_t child;

	errno = 0;
	expect_errno(sc(__NR_pipe2, (long)nb, 1, 0), EINVAL, "pipe2 with O_WRONLY");
	if (sc(__NR_pipe2, (long)nb, O_NONBLOCK, 0))
		fail("pipe2(O_NONBLOCK): %s", strerror(errno));
	expect_errno(sc(__NR_read, nb[0], (long)buf, 1), EAGAIN, "read of an empty O_NONBLOCK pipe");
	memset(buf, 'z', sizeof(buf));
	while (sc(__NR_write, nb[1], (long)buf, sizeof(buf)) == sizeof(buf))
		i++;
	if (errno != EAGAIN || i < 4096 / (int)sizeof(buf))
		fail("O_NONBLOCK pipe took %d writes of %zu, then %s", i, sizeof(buf), strerror(errno));
	printf("t_pipe: O_NONBLOCK pipe full after %d bytes -> %s\n", i * (int)sizeof(buf),
	       strerror(errno));
	sc(__NR_close, nb[0], 0, 0);
	sc(__NR_close, nb[1], 0, 0);

	if (sc(__NR_pipe2, (long)ce, O_CLOEXEC, 0) || sc(__NR_pipe, (long)plain, 0, 0))
		fail("pipe2(O_CLOEXEC)/pipe: %s", strerror(errno));
	snprintf(a, sizeof(a), "%d", ce[1]);
	snprintf(b, sizeof(b), "%d", plain[1]);
	sibling_path("t_pipe", path, sizeof(path));
	child = xfork();
	if (child == 0) {
		execve(path, args, environ);
		_exit(9);
	}
	expect_exit(child, 0);
	if (sc(__NR_read, plain[0], (long)buf, 1) != 1 || buf[0] != 'y')
		fail("the exec'd program's write to the inherited pipe did not arrive");
	printf("t_pipe: exec closes the O_CLOEXEC pipe, keeps the other\n");
	for (int k = 0; k < 2; k++) {
		sc(__NR_close, ce[k], 0, 0);
		sc(__NR_close, plain[k], 0, 0);
	}
}

int main(int argc, char **argv)
{
	if (argc > 3 && !strcmp(argv[1], "--fdcheck"))
		return fdcheck(argv);
	errnos_and_dup();
	pipe2_flags();
	stream_through_swap();
	atomic_records();
	ends_going_away();
	pass();
}
