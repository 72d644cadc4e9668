/*
 * swapoff DEV: bring every page of a swap area back into memory and
 * deactivate it (swapoff(2)). DEV is hda1 or /dev/hda1, or the path of a
 * swap file.
 */
#include <ulib.h>

int main(int argc, char **argv)
{
	char path[64];

	if (argc != 2) {
		dprintf(2, "usage: swapoff DEV|FILE\n");
		return 2;
	}
	if (argv[1][0] == '/')
		snprintf(path, sizeof(path), "%s", argv[1]);
	else
		snprintf(path, sizeof(path), "/dev/%s", argv[1]);
	if (swapoff(path) < 0) {
		dprintf(2, "swapoff: %s: %s\n", path, strerror(errno));
		return 1;
	}
	return 0;
}
