/*
 * free [-k|-m]: memory and swap in use, in the layout of procps-ng's free,
 * from /proc/meminfo:
 *
 *	               total        used        free      shared  buff/cache   available
 *	Mem:           13796        1092       11740           0           0       11416
 *	Swap:          65532           0       65532
 *
 * As procps computes them: used = total - free - buff/cache, buff/cache =
 * Buffers + Cached + SReclaimable, available = MemAvailable, swap used =
 * SwapTotal - SwapFree. The swap cache is in "used" (Linux's Cached leaves
 * it out). Sizes in KiB, or MiB with -m (rounded down, like procps).
 */
#include <ulib.h>

/* A meminfo field in kB; 0 when this kernel does not have it. */
static unsigned long field(const char *meminfo, const char *name)
{
	long v = text_field(meminfo, name);

	return v < 0 ? 0 : (unsigned long)v;
}

int main(int argc, char **argv)
{
	unsigned long total, mfree, cache, avail, stotal, sfree;
	char meminfo[2048];
	int shift = 0;

	if (argc == 2 && !strcmp(argv[1], "-m"))
		shift = 10;
	else if (argc != 1 && !(argc == 2 && !strcmp(argv[1], "-k"))) {
		dprintf(STDERR_FILENO, "usage: free [-k|-m]\n");
		return 2;
	}
	if (read_file("/proc/meminfo", meminfo, sizeof(meminfo)) <= 0) {
		perror("free: /proc/meminfo");
		return 1;
	}
	total = field(meminfo, "MemTotal");
	mfree = field(meminfo, "MemFree");
	cache =
	    field(meminfo, "Buffers") + field(meminfo, "Cached") + field(meminfo, "SReclaimable");
	avail = text_field(meminfo, "MemAvailable") < 0 ? mfree : field(meminfo, "MemAvailable");
	stotal = field(meminfo, "SwapTotal");
	sfree = field(meminfo, "SwapFree");
	printf(
	    "               total        used        free      shared  buff/cache   available\n");
	printf("%-8s %11lu %11lu %11lu %11lu %11lu %11lu\n", "Mem:", total >> shift,
	       (total - mfree - cache) >> shift, mfree >> shift, field(meminfo, "Shmem") >> shift,
	       cache >> shift, avail >> shift);
	printf("%-8s %11lu %11lu %11lu\n", "Swap:", stotal >> shift, (stotal - sfree) >> shift,
	       sfree >> shift);
	return 0;
}
