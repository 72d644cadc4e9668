/*
 * demo: a mixed workload that makes the kernel swap and recover, for
 * `make run` and `make demo-plot`. A monitor prints one vmstat-style line
 * per second while three phases run, each checking its own results:
 *
 *   1. hog      a child grows its memory to twice the RAM, touching and
 *               then verifying every page;
 *   2. cow      a parent fills half the RAM, three children share it
 *               copy-on-write, each rewrites a tenth and checks it all;
 *   3. sort     two children each sort a quarter of the RAM's worth of
 *               numbers with a merge sort (plus as much scratch space)
 *               and verify the order and the checksum.
 *
 * Sizes follow the machine (sysinfo), capped by the swap space.
 */
#include <utest.h>

#define MIB (1024UL * 1024)

static unsigned long ram, swap;

static unsigned long vmstat(const char *name)
{
	long v = proc_field("/proc/vmstat", name);

	return v < 0 ? 0 : (unsigned long)v;
}

/*
 * The monitor: one line a second until killed, for scripts/plot (its
 * memory.png): memory in KiB from /proc/meminfo, the rates over the second
 * from /proc/vmstat (kswapd: its balance runs, pageoutrun).
 *
 *	demo: t=12s free=612k active=9120k inactive=17316k swapcache=1044k
 *	      swpd=30104k si=310 so=982 majflt=41 kswapd=6	(one line)
 */
static void monitor(void)
{
	unsigned long in = vmstat("pswpin"), out = vmstat("pswpout"), maj = vmstat("pgmajfault");
	unsigned long runs = vmstat("pageoutrun");
	char mem[2048];

	for (int t = 1;; t++) {
		sleep(1);
		unsigned long in2 = vmstat("pswpin"), out2 = vmstat("pswpout");
		unsigned long maj2 = vmstat("pgmajfault"), runs2 = vmstat("pageoutrun");

		read_file("/proc/meminfo", mem, sizeof(mem));
		printf("demo: t=%ds free=%ldk active=%ldk inactive=%ldk swapcache=%ldk swpd=%ldk "
		       "si=%lu so=%lu majflt=%lu kswapd=%lu\n", t, text_field(mem, "MemFree"),
		       text_field(mem, "Active"), text_field(mem, "Inactive"),
		       text_field(mem, "SwapCached"),
		       text_field(mem, "SwapTotal") - text_field(mem, "SwapFree"), in2 - in, out2 - out,
		       maj2 - maj, runs2 - runs);
		in = in2, out = out2, maj = maj2, runs = runs2;
	}
}

static unsigned long *map(unsigned long bytes)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		fail("mmap %lu MiB: %s", bytes / MIB, strerror(errno));
	return p;
}

/* Reap @n children (any of them, the monitor never exits); each must exit 0. */
static void reap_children(int n, const char *phase)
{
	for (int c = 0; c < n; c++) {
		int status;
		pid_t pid = waitpid(-1, &status, 0);
		if (pid < 0)
			fail("%s: waitpid: %s", phase, strerror(errno));
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			fail("%s: child %d ended with status %#x", phase, pid, status);
	}
}

static void hog_phase(void)
{
	unsigned long step = 4 * MIB, total = min(2 * ram, ram + swap / 2) / step * step;
	unsigned long *p = map(total);

	printf("demo: hog: growing to %lu MiB\n", total / MIB);
	for (unsigned long off = 0; off < total; off += step)
		for (unsigned long i = off / sizeof(*p); i < (off + step) / sizeof(*p); i += 512)
			p[i] = i ^ 0xdeadbeef;
	for (unsigned long i = 0; i < total / sizeof(*p); i += 512)
		if (p[i] != (i ^ 0xdeadbeef))
			fail("hog: word %lu lost", i);
	printf("demo: hog: %lu MiB verified\n", total / MIB);
}

static void cow_phase(void)
{
	unsigned long bytes = ram / 2;
	unsigned long *p = map(bytes), words = bytes / sizeof(*p);

	for (unsigned long i = 0; i < words; i += 256)
		p[i] = i * 3;
	for (int c = 0; c < 3; c++) {
		if (xfork() == 0) {
			/* Child c rewrites every third sampled word of the first tenth. */
			for (unsigned long i = 0; i < words / 10; i += 256)
				if ((i / 256) % 3 == (unsigned long)c)
					p[i] = ~i;
			for (unsigned long i = 0; i < words; i += 256) {
				bool mine = i < words / 10 && (i / 256) % 3 == (unsigned long)c;
				if (p[i] != (mine ? ~i : i * 3))
					fail("cow child %d: word %lu", c, i);
			}
			_exit(0);
		}
	}
	reap_children(3, "cow");
	for (unsigned long i = 0; i < words; i += 256)
		if (p[i] != i * 3)
			fail("cow parent: word %lu changed", i);
	printf("demo: cow: 3 children shared %lu MiB, parent's copy intact\n", bytes / MIB);
	munmap(p, bytes);
}

static void merge_sort(unsigned int *a, unsigned int *tmp, unsigned long n)
{
	for (unsigned long width = 1; width < n; width *= 2) {
		for (unsigned long lo = 0; lo < n; lo += 2 * width) {
			unsigned long mid = min(lo + width, n), hi = min(lo + 2 * width, n);
			unsigned long i = lo, j = mid, k = lo;
			while (i < mid && j < hi)
				tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
			while (i < mid)
				tmp[k++] = a[i++];
			while (j < hi)
				tmp[k++] = a[j++];
		}
		memcpy(a, tmp, n * sizeof(*a));
	}
}

static void sort_one(int id)
{
	unsigned long n = ram / 4 / sizeof(unsigned int), sum = 0, sum2 = 0;
	unsigned int *a = (unsigned int *)map(n * 4), *tmp = (unsigned int *)map(n * 4);
	unsigned int x = 12345 + id;

	for (unsigned long i = 0; i < n; i++) {
		x = x * 1103515245 + 12345;
		a[i] = x;
		sum += x;
	}
	merge_sort(a, tmp, n);
	for (unsigned long i = 0; i < n; i++) {
		if (i && a[i - 1] > a[i])
			fail("sort %d: out of order at %lu", id, i);
		sum2 += a[i];
	}
	if (sum != sum2)
		fail("sort %d: checksum changed", id);
	_exit(0);
}

static void sort_phase(void)
{
	for (int c = 0; c < 2; c++)
		if (xfork() == 0)
			sort_one(c);
	reap_children(2, "sort");
	printf("demo: sort: 2 sorts of %lu MiB (and as much scratch) verified\n", ram / 4 / MIB);
}

int main(void)
{
	struct sysinfo si;
	pid_t mon, hog;

	if (sysinfo(&si) < 0)
		fail("sysinfo: %s", strerror(errno));
	ram = si.totalram * si.mem_unit;
	swap = si.totalswap * si.mem_unit;
	printf("demo: %lu MiB RAM, %lu MiB swap\n", ram / MIB, swap / MIB);
	if (!swap)
		printf("demo: no swap area: boot with swap=hda1 to see swapping\n");
	mon = xfork();
	if (mon == 0)
		monitor();
	hog = xfork();
	if (hog == 0) {
		hog_phase();
		_exit(0);
	}
	expect_exit(hog, 0);
	cow_phase();
	sort_phase();
	sleep(1);
	kill(mon, SIGTERM);
	waitpid(mon, NULL, 0);
	printf("demo: done, everything verified\n");
	return 0;
}
