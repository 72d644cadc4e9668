/* umount DIR: detach the file system mounted at DIR (umount2(2) with no flags). */
#include <ulib.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		dprintf(2, "usage: umount DIR\n");
		return 2;
	}
	if (umount2(argv[1], 0) < 0) {
		dprintf(2, "umount: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	return 0;
}
