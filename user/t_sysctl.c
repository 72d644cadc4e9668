/*
 * t_sysctl: /proc/sys/vm/swappiness reads and writes as on Linux.
 *  - it reads "60\n" after boot (Linux's default) and is listed in
 *    /proc/sys/vm, which is listed in /proc/sys;
 *  - writing 0, 100 or "  35\n" changes what a later open reads;
 *  - a write of 101, -1, "abc", "" or "12x" fails with EINVAL and changes
 *    nothing; a write through a descriptor opened read-only fails with
 *    EBADF; a missing tunable is ENOENT.
 * It leaves the value at 60.
 */
#include <utest.h>

#define SWAPPINESS "/proc/sys/vm/swappiness"

static long read_value(void)
{
	char buf[32];
	int fd = open(SWAPPINESS, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		fail("open %s: %s", SWAPPINESS, strerror(errno));
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0 || buf[n - 1] != '\n')
		fail("read %s: %zd bytes, not a line", SWAPPINESS, n);
	buf[n] = 0;
	return strtol(buf, NULL, 10);
}

/* write(2) @text to the tunable; returns 0 or the errno value. */
static int write_value(const char *text, int flags)
{
	int fd = open(SWAPPINESS, flags);
	ssize_t n;
	int err;

	if (fd < 0)
		fail("open %s: %s", SWAPPINESS, strerror(errno));
	n = write(fd, text, strlen(text));
	err = n < 0 ? errno : 0;
	close(fd);
	if (!err && n != (ssize_t)strlen(text))
		fail("write \"%s\": %zd of %zu bytes", text, n, strlen(text));
	return err;
}

/* Is @name an entry of directory @dir? */
static bool listed(const char *dir, const char *name)
{
	DIR *d = opendir(dir);
	struct linux_dirent *e;
	bool found = false;

	if (!d)
		fail("opendir %s: %s", dir, strerror(errno));
	while ((e = readdir(d)))
		found |= !strcmp(e->d_name, name);
	closedir(d);
	return found;
}

static void expect_value(long want, const char *after)
{
	long v = read_value();

	if (v != want)
		fail("after %s: swappiness reads %ld, expected %ld", after, v, want);
}

int main(void)
{
	static const char *const bad[] = { "101", "-1", "abc", "", "12x", "1000000000000" };

	expect_value(60, "boot");
	if (!listed("/proc/sys/vm", "swappiness") || !listed("/proc/sys", "vm") ||
	    !listed("/proc", "sys"))
		fail("/proc/sys/vm/swappiness is not listed");
	for (unsigned int i = 0; i < 3; i++) {
		static const char *const good[] = { "0", "100", "  35\n" };
		static const long want[] = { 0, 100, 35 };
		if (write_value(good[i], O_WRONLY))
			fail("write \"%s\": %s", good[i], strerror(errno));
		expect_value(want[i], good[i]);
	}
	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int err = write_value(bad[i], O_WRONLY);
		if (err != EINVAL)
			fail("write \"%s\": %s, expected EINVAL", bad[i], err ? strerror(err) : "ok");
		expect_value(35, bad[i]);
	}
	if (write_value("10", O_RDONLY) != EBADF)
		fail("write to a read-only descriptor did not fail with EBADF");
	if (open("/proc/sys/vm/no_such_tunable", O_RDONLY) >= 0 || errno != ENOENT)
		fail("a missing tunable opened, or not ENOENT");
	if (write_value("60\n", O_RDWR))
		fail("write 60: %s", strerror(errno));
	expect_value(60, "restoring 60");
	printf("t_sysctl: swappiness reads, writes and rejects as Linux's\n");
	pass();
}
