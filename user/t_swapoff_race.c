/*
 * t_swapoff_race: a process changes its address space while swapoff is
 * bringing its pages back: it unmaps, maps over (MAP_FIXED), drops
 * (MADV_DONTNEED), protects (PROT_NONE, read-only), locks, reads and
 * forks children that write its swapped pages, one 64-page chunk at a
 * time, while swapoff's walk is in its page tables. swapoff must succeed,
 * and every chunk must end as the calls say: gone, zeros, or its data.
 * Raw Linux system calls only (mprotect 125, mlock 150, madvise 219,
 * swapoff 115, swapon 87).
 *
 * Run with swap=hda (a whole-disk area); ROUNDS rounds of swapoff and
 * swapon. The worker starts when its own VmSwap starts to fall: swapoff
 * is then walking its page tables.
 */
#include <fillcheck.h>

#define PG	 PAGE_SIZE
#define CHUNK	 64
#define NCHUNKS	 24
#define ROUNDS	 3
#define NR_mprotect 125

enum op { UNMAP, MAP_OVER, DONTNEED, PROTNONE, READONLY, LOCK, FORK_WRITE, LEAVE, NR_OPS };

static const char *const op_name[NR_OPS] = { "munmap", "MAP_FIXED", "MADV_DONTNEED",
					     "PROT_NONE", "read-only", "mlock",
					     "fork and write", "nothing" };

static long sc(long nr, long a, long b, long c, long d, long e, long f)
{
	long r = syscall(nr, a, b, c, d, e, f);

	if (r == -1)
		fail("system call %ld: %s", nr, strerror(errno));
	return r;
}

static char *chunk(char *base, int c)
{
	return base + (size_t)c * CHUNK * PG;
}

static long vmswap(pid_t pid)
{
	char path[32];

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	return proc_field(path, "VmSwap");
}

static void do_op(char *base, int c, u32 seed)
{
	char *p = chunk(base, c);
	size_t len = CHUNK * PG;
	pid_t child;

	switch (c % NR_OPS) {
	case UNMAP:
		sc(__NR_munmap, (long)p, len, 0, 0, 0, 0);
		break;
	case MAP_OVER:
		sc(__NR_mmap2, (long)p, len, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		break;
	case DONTNEED:
		sc(__NR_madvise, (long)p, len, MADV_DONTNEED, 0, 0, 0);
		break;
	case PROTNONE:
		sc(NR_mprotect, (long)p, len, PROT_NONE, 0, 0, 0);
		break;
	case READONLY:
		sc(NR_mprotect, (long)p, len, PROT_READ, 0, 0, 0);
		for (size_t i = 0; i < CHUNK; i += 3)
			check_page((u32 *)(p + i * PG), (size_t)c * CHUNK + i, seed);
		break;
	case LOCK:
		sc(__NR_mlock, (long)p, len, 0, 0, 0, 0);
		break;
	case FORK_WRITE:
		child = xfork();
		if (child == 0) {
			for (size_t i = 0; i < CHUNK; i++)
				fill_page((u32 *)(p + i * PG), (size_t)c * CHUNK + i, ~seed);
			for (size_t i = 0; i < CHUNK; i++)
				check_page((u32 *)(p + i * PG), (size_t)c * CHUNK + i, ~seed);
			_exit(0);
		}
		expect_exit(child, 0);
		break;
	}
}

static void verify(char *base, int c, u32 seed)
{
	char *p = chunk(base, c);

	switch (c % NR_OPS) {
	case UNMAP:
		return;
	case MAP_OVER:
	case DONTNEED:
		for (size_t i = 0; i < CHUNK * PG; i += sizeof(u32))
			if (*(u32 *)(p + i))
				fail("chunk %d (%s): word at %zu is %#x, not 0", c,
				     op_name[c % NR_OPS], i, *(u32 *)(p + i));
		return;
	case PROTNONE:
		expect_segv("read of a PROT_NONE chunk after swapoff", (uintptr_t)p + PG, false);
		sc(NR_mprotect, (long)p, CHUNK * PG, PROT_READ, 0, 0, 0);
		break;
	}
	for (size_t i = 0; i < CHUNK; i++)
		check_page((u32 *)(p + i * PG), (size_t)c * CHUNK + i, seed);
}

/* Fill, page out, wait for swapoff to reach us, change the chunks under it, check. */
static void worker(u32 seed)
{
	size_t pages = (size_t)NCHUNKS * CHUNK;
	char *base = (char *)sc(__NR_mmap2, 0, pages * PG, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long full;

	for (size_t i = 0; i < pages; i++)
		fill_page((u32 *)(base + i * PG), i, seed);
	sc(__NR_madvise, (long)base, pages * PG, MADV_PAGEOUT, 0, 0, 0);
	full = vmswap(getpid());
	printf("t_swapoff_race: worker %d: %ld kB in swap\n", getpid(), full);
	while (vmswap(getpid()) == full)
		usleep(2000);
	/* Chunks in an order that is not the walk's: 5, 10, 15, ... (mod NCHUNKS). */
	for (int k = 0; k < NCHUNKS; k++) {
		do_op(base, (k * 5) % NCHUNKS, seed);
		sched_yield();
	}
	printf("t_swapoff_race: worker %d: changes done, %ld kB still in swap\n", getpid(),
	       vmswap(getpid()));
	while (vmswap(getpid()) > 0)
		usleep(10000);
	for (int c = 0; c < NCHUNKS; c++)
		verify(base, c, seed);
	_exit(0);
}

int main(void)
{
	for (int round = 0; round < ROUNDS; round++) {
		u32 seed = 0x5a000000u + (u32)round * 0x10000u;
		pid_t w = xfork(), s;
		long full;
		int status;

		if (w == 0)
			worker(seed);
		while ((full = vmswap(w)) < NCHUNKS * CHUNK * 4)
			usleep(5000);
		s = xfork();
		if (s == 0)
			_exit(swapoff("/dev/hda") ? errno : 0);
		if (waitpid(s, &status, 0) != s || !WIFEXITED(status) || WEXITSTATUS(status))
			fail("round %d: swapoff: status %#x (%s)", round, status,
			     strerror(WEXITSTATUS(status)));
		expect_exit(w, 0);
		if (swapon("/dev/hda", 0))
			fail("swapon: %s", strerror(errno));
		printf("t_swapoff_race: round %d: swapoff under %d changes of the address space; "
		       "every chunk as expected\n", round, NCHUNKS);
	}
	pass();
}
