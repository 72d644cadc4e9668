/*
 * Reading /proc from programs: whole small files, and "name value" or
 * "Name: value" fields out of them (vmstat, meminfo, status).
 */
#include <ulib.h>

ssize_t read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	size_t len = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while (len + 1 < size && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = 0;
	return (ssize_t)len;
}

static size_t blanks(const char *s)
{
	size_t n = 0;

	while (s[n] == ' ' || s[n] == '\t' || s[n] == ':')
		n++;
	return n;
}

long text_field(const char *text, const char *name)
{
	size_t n = strlen(name);

	for (const char *line = text; *line;) {
		const char *next = strchr(line, '\n');
		if (!strncmp(line, name, n) && (line[n] == ' ' || line[n] == ':' || line[n] == '\t'))
			return strtol(line + n + blanks(line + n), NULL, 10);
		if (!next)
			break;
		line = next + 1;
	}
	return -1;
}

long proc_field(const char *path, const char *name)
{
	char buf[4096];

	if (read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	return text_field(buf, name);
}
