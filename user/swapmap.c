/*
 * swapmap [-v] DEV: a picture of swap area DEV's slots, from /proc/swapmap,
 * so fragmentation and the clustering of the slot allocator can be seen.
 *
 *	hda: 16384 slots, 64 to a line, a cluster is 256 slots ('|' starts one)
 *	     0|H111111111111111111111111111111111111111111111111111111111111111
 *	    64 1111111111111111111111111111111111111111111111111111111111111111
 *	   128 11111111111111111111111.........................................
 *	   192 ................................................................
 *	*
 *	 16320 ................................................................
 *	slots 16384  used 151  free 16232  bad 0  clusters in use 1 of 64  free runs 1, ...
 *	clusters free 63 (the allocator's free list), current 0
 *
 * One character per slot: '.' free, '1'-'9' its use count, '+' more, 'X'
 * bad, 'H' the header (slot 0). Each line starts with the number of its
 * first slot; '|' after it marks a line that starts a cluster. A run of
 * entirely free lines is shown as one line and a '*' (as hexdump does);
 * -v shows every line. The last line is the allocator's view: how many
 * clusters are on its free list and which one allocations come from.
 */
#include <ulib.h>

#define PER_LINE 64

struct area {
	char name[32];
	unsigned long slots, cluster, free_clusters, current;
	const char *map; /* "slots" characters, PER_LINE to a line */
};

/* The whole of /proc/swapmap, NUL-terminated, in a malloc'd buffer; NULL on error. */
static char *read_swapmap(void)
{
	size_t size = 8192, len = 0;
	char *buf = malloc(size);
	int fd = open("/proc/swapmap", O_RDONLY);
	ssize_t n;

	if (!buf || fd < 0) {
		free(buf);
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	while ((n = read(fd, buf + len, size - 1 - len)) > 0) {
		len += n;
		if (len + 1 == size) {
			char *bigger = realloc(buf, size * 2);
			if (!bigger) {
				n = -1;
				break;
			}
			buf = bigger;
			size *= 2;
		}
	}
	close(fd);
	if (n < 0) {
		free(buf);
		return NULL;
	}
	buf[len] = 0;
	return buf;
}

/* Find area @name in @text ("NAME SLOTS CLUSTER free_clusters=N current=C" then its map). */
static bool find_area(const char *text, const char *name, struct area *a)
{
	const char *p = text, *end_of_text = text + strlen(text);

	while (*p) {
		const char *line = p, *eol = strchr(line, '\n'), *space = strchr(line, ' ');
		char *end;

		if (!eol || !space || space > eol)
			return false; /* not a header line: the file is malformed */
		a->slots = (unsigned long)strtol(space + 1, &end, 10);
		a->cluster = (unsigned long)strtol(end, &end, 10);
		if (strncmp(end, " free_clusters=", 15))
			return false;
		a->free_clusters = (unsigned long)strtol(end + 15, &end, 10);
		if (strncmp(end, " current=", 9))
			return false;
		a->current = (unsigned long)strtol(end + 9, &end, 10);
		if (end != eol || !a->slots || !a->cluster)
			return false;
		/* the map: lines of PER_LINE characters (the last may be shorter) */
		a->map = eol + 1;
		p = a->map + a->slots + DIV_ROUND_UP(a->slots, PER_LINE);
		if (p > end_of_text || p[-1] != '\n')
			return false;
		if ((size_t)(space - line) == strlen(name) && !strncmp(line, name, space - line)) {
			strlcpy(a->name, name, sizeof(a->name));
			return true;
		}
	}
	return false;
}

static char slot_char(const struct area *a, unsigned long slot)
{
	return a->map[slot + slot / PER_LINE];
}

static bool all_free(const struct area *a, unsigned long start, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		if (slot_char(a, start + i) != '.')
			return false;
	return true;
}

static void print_map(const struct area *a, bool verbose)
{
	bool squeezing = false;

	for (unsigned long start = 0; start < a->slots; start += PER_LINE) {
		unsigned long n = min(a->slots - start, (unsigned long)PER_LINE);
		bool free_line = all_free(a, start, n);

		if (!verbose && free_line && start >= PER_LINE && start + n < a->slots &&
		    all_free(a, start - PER_LINE, PER_LINE)) {
			if (!squeezing)
				printf("*\n");
			squeezing = true;
			continue;
		}
		squeezing = false;
		printf("%6lu%c%.*s\n", start, start % a->cluster == 0 ? '|' : ' ', (int)n,
		       a->map + start + start / PER_LINE);
	}
}

static void print_summary(const struct area *a)
{
	unsigned long used = 0, nfree = 0, bad = 0, clusters = 0, runs = 0, run = 0, largest = 0;
	bool cluster_used = false;

	for (unsigned long slot = 0; slot < a->slots; slot++) {
		char c = slot_char(a, slot);

		if (slot % a->cluster == 0)
			cluster_used = false;
		if (c == '.') {
			nfree++;
			if (run++ == 0)
				runs++;
			largest = max(largest, run);
			continue;
		}
		run = 0;
		if (c == 'X')
			bad++;
		else if (c != 'H') {
			used++;
			if (!cluster_used)
				clusters++;
			cluster_used = true;
		}
	}
	printf("slots %lu  used %lu  free %lu  bad %lu  clusters in use %lu of %lu  "
	       "free runs %lu, largest %lu\n",
	       a->slots, used, nfree, bad, clusters, DIV_ROUND_UP(a->slots, a->cluster), runs,
	       largest);
	printf("clusters free %lu (the allocator's free list), current %lu\n", a->free_clusters,
	       a->current);
}

int main(int argc, char **argv)
{
	bool verbose = argc == 3 && !strcmp(argv[1], "-v");
	const char *name = argv[argc - 1];
	struct area a;
	char *text;

	if (argc != 2 && !verbose) {
		dprintf(STDERR_FILENO, "usage: swapmap [-v] DEV (hda1 or /dev/hda1)\n");
		return 2;
	}
	if (!strncmp(name, "/dev/", 5))
		name += 5;
	text = read_swapmap();
	if (!text) {
		perror("swapmap: /proc/swapmap");
		return 1;
	}
	if (!find_area(text, name, &a)) {
		dprintf(STDERR_FILENO, "swapmap: %s is not an active swap area (see /proc/swaps)\n",
			name);
		return 1;
	}
	printf("%s: %lu slots, %d to a line, a cluster is %lu slots ('|' starts one)\n", a.name,
	       a.slots, PER_LINE, a.cluster);
	print_map(&a, verbose);
	print_summary(&a);
	free(text);
	return 0;
}
