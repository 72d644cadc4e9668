/*
 * t_memreturn pgtables|forkstorm|small: memory the kernel takes for a
 * while comes back, seen through sysinfo(2) and /proc as a program sees it.
 *
 *   pgtables   a 1 GiB mapping touched once every 4 MiB needs 256 page
 *              tables (VmPTE); munmap of half of it frees half of them,
 *              of the rest all of them, and free memory is back where it
 *              was (within a few pages of slab reserve)
 *   forkstorm  40 children alive at once, sharing 512 pages of the
 *              parent's (reverse-map chains, page tables, task and mm
 *              structures), then killed: free memory comes back within a
 *              few pages, so the slab caches gave their empty pages back
 *   small      on a 4 MiB machine (mem=4M) the workload gets most of it:
 *              at least 2 MiB free when init starts
 *
 * Each prints what it measured, then "t_memreturn: ok".
 */
#include <utest.h>

#define SLACK_PAGES 16 /* slab reserves: at most a slab of free objects per cache */

static long free_pages(void)
{
	struct sysinfo si;

	if (sysinfo(&si) < 0)
		fail("sysinfo: %s", strerror(errno));
	return (long)((unsigned long long)si.freeram * (si.mem_unit ? si.mem_unit : 1) / PAGE_SIZE);
}

static long vm_pte_kb(void)
{
	long kb = proc_field("/proc/self/status", "VmPTE");

	if (kb < 0)
		fail("no VmPTE in /proc/self/status");
	return kb;
}

static void expect_back(const char *what, long before, long after)
{
	printf("t_memreturn: %s: free pages %ld before, %ld after\n", what, before, after);
	if (after < before - SLACK_PAGES)
		fail("%s: %ld pages not given back", what, before - after);
}

#define SPAN   (1UL << 30)
#define STRIDE (4UL << 20)

static void pgtables(void)
{
	long free0, pte0, pte1;
	char *p;

	free0 = free_pages();
	pte0 = vm_pte_kb();
	p = mmap(NULL, SPAN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		fail("mmap 1 GiB: %s", strerror(errno));
	for (unsigned long off = 0; off < SPAN; off += STRIDE)
		p[off] = (char)(off / STRIDE);
	pte1 = vm_pte_kb();
	printf("t_memreturn: VmPTE %ld kB, %ld kB with 1 GiB touched every 4 MiB\n", pte0, pte1);
	if (pte1 - pte0 < (long)(SPAN / STRIDE) * 4)
		fail("VmPTE grew by %ld kB only", pte1 - pte0);
	if (munmap(p, SPAN / 2) < 0)
		fail("munmap: %s", strerror(errno));
	printf("t_memreturn: VmPTE %ld kB after unmapping the lower half\n", vm_pte_kb());
	if (vm_pte_kb() > pte1 - (long)(SPAN / STRIDE / 2) * 4 + 4)
		fail("the lower half's page tables were kept");
	for (unsigned long off = SPAN / 2; off < SPAN; off += STRIDE)
		if (p[off] != (char)(off / STRIDE))
			fail("byte at +%lu MiB lost", off >> 20);
	if (munmap(p + SPAN / 2, SPAN / 2) < 0)
		fail("munmap: %s", strerror(errno));
	printf("t_memreturn: VmPTE %ld kB after unmapping all of it\n", vm_pte_kb());
	if (vm_pte_kb() > pte0 + 8) /* a table at either end may serve a neighbour */
		fail("page tables kept after munmap");
	expect_back("1 GiB mapping", free0, free_pages());
}

#define CHILDREN 40
#define SHARED	 512

static void fork_storm(void)
{
	pid_t pids[CHILDREN];
	char *shared;
	long free0;

	shared = mmap(NULL, SHARED * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		      -1, 0);
	if (shared == MAP_FAILED)
		fail("mmap: %s", strerror(errno));
	for (int i = 0; i < SHARED; i++)
		shared[i * PAGE_SIZE] = (char)i;
	/* A first child warms the caches, so their reserves exist before we count. */
	pids[0] = xfork();
	if (pids[0] == 0)
		_exit(0);
	expect_exit(pids[0], 0);
	free0 = free_pages();
	for (int i = 0; i < CHILDREN; i++) {
		pids[i] = xfork();
		if (pids[i] == 0)
			for (;;)
				sleep(100);
	}
	printf("t_memreturn: %d children share %d pages: %ld pages free\n", CHILDREN, SHARED,
	       free_pages());
	for (int i = 0; i < CHILDREN; i++) {
		kill(pids[i], SIGKILL);
		expect_signal(pids[i], SIGKILL);
	}
	expect_back("fork storm", free0, free_pages());
	munmap(shared, SHARED * PAGE_SIZE);
}

static void small_machine(void)
{
	struct sysinfo si;
	long free_kb;

	if (sysinfo(&si) < 0)
		fail("sysinfo: %s", strerror(errno));
	free_kb = free_pages() * (PAGE_SIZE / 1024);
	printf("t_memreturn: %lu kB of RAM for the kernel's allocator, %ld kB free at start\n",
	       (unsigned long)((unsigned long long)si.totalram * si.mem_unit / 1024), free_kb);
	if (free_kb < 2048)
		fail("only %ld kB free on a 4 MiB machine", free_kb);
}

int main(int argc, char **argv)
{
	if (argc != 2)
		fail("usage: t_memreturn pgtables|forkstorm|small");
	if (!strcmp(argv[1], "pgtables"))
		pgtables();
	else if (!strcmp(argv[1], "forkstorm"))
		fork_storm();
	else if (!strcmp(argv[1], "small"))
		small_machine();
	else
		fail("unknown mode %s", argv[1]);
	pass();
}
