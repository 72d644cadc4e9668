/*
 * mount [-t TYPE] [-o ro] DEV DIR | mount: attach the file system on DEV
 * (hda1 or /dev/hda1) at the directory DIR with mount(2), TYPE ext2 by
 * default; without arguments, list the mounts as util-linux does
 * ("/dev/hda1 on /mnt type ext2 (ro)") from /proc/mounts.
 */
#include <ulib.h>

static int usage(void)
{
	dprintf(2, "usage: mount [-t TYPE] [-o ro] DEV DIR | mount\n");
	return 2;
}

/* Split @line at spaces into at most @max fields; returns how many. */
static int split(char *line, char **field, int max)
{
	int n = 0;

	while (*line && n < max) {
		while (*line == ' ')
			*line++ = 0;
		if (!*line)
			break;
		field[n++] = line;
		while (*line && *line != ' ')
			line++;
		if (*line)
			*line++ = 0;
	}
	return n;
}

static int list(void)
{
	char buf[4096], *line, *next, *f[4];

	if (read_file("/proc/mounts", buf, sizeof(buf)) < 0) {
		perror("mount: /proc/mounts");
		return 1;
	}
	for (line = buf; *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		else
			next = line + strlen(line);
		if (split(line, f, 4) == 4)
			printf("%s on %s type %s (%s)\n", f[0], f[1], f[2], f[3]);
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *type = "ext2";
	unsigned long flags = 0;
	char dev[64];
	int a = 1;

	if (argc == 1)
		return list();
	while (a < argc - 2 && argv[a][0] == '-') {
		if (!strcmp(argv[a], "-t") && a + 1 < argc)
			type = argv[++a];
		else if (!strcmp(argv[a], "-o") && a + 1 < argc && !strcmp(argv[a + 1], "ro")) {
			flags |= MS_RDONLY;
			a++;
		} else
			return usage();
		a++;
	}
	if (a != argc - 2)
		return usage();
	if (argv[a][0] == '/')
		snprintf(dev, sizeof(dev), "%s", argv[a]);
	else
		snprintf(dev, sizeof(dev), "/dev/%s", argv[a]);
	if (mount(dev, argv[a + 1], type, flags, NULL) < 0) {
		dprintf(2, "mount: %s on %s: %s\n", dev, argv[a + 1], strerror(errno));
		return 1;
	}
	return 0;
}
