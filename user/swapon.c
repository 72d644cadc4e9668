/*
 * swapon [-p PRIO] DEV|FILE | swapon -s: activate a swap area (the
 * swapon(2) system call with SWAP_FLAG_PREFER when a priority is given),
 * or print the table of active areas (/proc/swaps). DEV is hda1 or
 * /dev/hda1; FILE is the path of a swap file (/mnt/swapfile).
 */
#include <ulib.h>

static int usage(void)
{
	dprintf(2, "usage: swapon [-p PRIO] DEV|FILE | swapon -s\n");
	return 2;
}

static const char *dev_path(const char *dev, char *buf, size_t len)
{
	if (dev[0] == '/')
		return dev;
	snprintf(buf, len, "/dev/%s", dev);
	return buf;
}

int main(int argc, char **argv)
{
	char buf[4096], path[64] = "";
	int flags = 0, a = 1;

	if (argc == 2 && !strcmp(argv[1], "-s")) {
		if (read_file("/proc/swaps", buf, sizeof(buf)) < 0) {
			perror("swapon: /proc/swaps");
			return 1;
		}
		write_all(1, buf, strlen(buf));
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "-p")) {
		long prio = strtol(argv[2], NULL, 10);
		if (prio < 0 || prio > SWAP_FLAG_PRIO_MASK)
			return usage();
		flags = SWAP_FLAG_PREFER | (int)prio;
		a = 3;
	}
	if (a != argc - 1)
		return usage();
	if (swapon(dev_path(argv[a], path, sizeof(path)), flags) < 0) {
		dprintf(2, "swapon: %s: %s\n", path[0] ? path : argv[a], strerror(errno));
		return 1;
	}
	return 0;
}
