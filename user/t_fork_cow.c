/*
 * t_fork_cow: fork shares memory copy-on-write, and every copy stays
 * private. The parent fills three areas (static bss, heap, stack; 400 KiB
 * in all) with a pattern, cut into four slices. Three children each check
 * they see the parent's data, write their own pattern into "their" slice
 * and check the result, then exit with a distinct code; meanwhile the
 * parent rewrites slice 3, which the children must not see. Afterwards the
 * parent's slices 0-2 must be untouched. Finally a child writes, forks a
 * grandchild that sees the child's data and writes over it, and the child's
 * data must survive that too.
 */
#include <utest.h>

#define NSLICES	     4
#define NCHILD	     3
#define STATIC_WORDS (128 * 1024 / 4)
#define HEAP_WORDS   (256 * 1024 / 4)
#define STACK_WORDS  (16 * 1024 / 4)

struct area {
	const char *name;
	u32 *words;
	size_t n;
};

static u32 static_words[STATIC_WORDS];
static struct area areas[3];

/* seeds[k] is the pattern slice k of every area should hold. */
typedef u32 seeds_t[NSLICES];

static u32 pattern(size_t i, u32 seed)
{
	return (u32)i * 2654435761u ^ seed;
}

static u32 seed_of(int who)
{
	return 0x01000193u * (who + 1);
}

static void fill_slice(int k, u32 seed)
{
	size_t a, i;

	for (a = 0; a < ARRAY_SIZE(areas); a++)
		for (i = k * areas[a].n / NSLICES; i < (k + 1) * areas[a].n / NSLICES; i++)
			areas[a].words[i] = pattern(i, seed);
}

/* Check every slice of every area; fail naming who saw what where. */
static void verify(const char *who, const seeds_t seeds)
{
	size_t a, i;

	for (a = 0; a < ARRAY_SIZE(areas); a++)
		for (i = 0; i < areas[a].n; i++) {
			u32 want = pattern(i, seeds[i * NSLICES / areas[a].n]);

			if (areas[a].words[i] != want)
				fail("%s: %s word %zu is %#x, expected %#x", who, areas[a].name, i,
				     areas[a].words[i], want);
		}
}

/* Who wrote a slice: each writer has its own seed. */
enum { PARENT, PARENT_AGAIN, MIDDLE, GRANDCHILD, CHILD0 };

/* Child i: see the parent's data as it was at fork, then make slice i its own. */
static __noreturn void child(int i)
{
	seeds_t seeds = { seed_of(PARENT), seed_of(PARENT), seed_of(PARENT), seed_of(PARENT) };
	char who[16];

	snprintf(who, sizeof(who), "child %d", i);
	verify(who, seeds);
	fill_slice(i, seed_of(CHILD0 + i));
	seeds[i] = seed_of(CHILD0 + i);
	verify(who, seeds);
	exit(10 + i);
}

/* A child forks a grandchild; each one's writes stay its own. */
static __noreturn void middle(const seeds_t inherited)
{
	seeds_t mine, grand;
	pid_t pid;

	memcpy(mine, inherited, sizeof(mine));
	fill_slice(0, mine[0] = seed_of(MIDDLE));
	pid = xfork();
	if (pid == 0) {
		verify("grandchild", mine);
		memcpy(grand, mine, sizeof(grand));
		fill_slice(1, grand[1] = seed_of(GRANDCHILD));
		verify("grandchild", grand);
		exit(30);
	}
	expect_exit(pid, 30);
	verify("child after its grandchild", mine);
	exit(20);
}

int main(void)
{
	u32 stack_words[STACK_WORDS];
	seeds_t seeds = { seed_of(PARENT), seed_of(PARENT), seed_of(PARENT), seed_of(PARENT) };
	pid_t pids[NCHILD];
	int i;

	areas[0] = (struct area){ "static", static_words, STATIC_WORDS };
	areas[1] = (struct area){ "heap", malloc(HEAP_WORDS * sizeof(u32)), HEAP_WORDS };
	areas[2] = (struct area){ "stack", stack_words, STACK_WORDS };
	if (!areas[1].words)
		fail("malloc of %zu KiB: %s", HEAP_WORDS * sizeof(u32) / 1024, strerror(errno));
	for (i = 0; i < NSLICES; i++)
		fill_slice(i, seeds[i]);

	for (i = 0; i < NCHILD; i++) {
		pids[i] = xfork();
		if (pids[i] == 0)
			child(i);
	}
	fill_slice(3, seeds[3] = seed_of(PARENT_AGAIN));
	for (i = 0; i < NCHILD; i++)
		expect_exit(pids[i], 10 + i);
	verify("parent after its children wrote", seeds);
	printf("t_fork_cow: %d children saw the parent's 400 KiB and wrote privately\n", NCHILD);

	pids[0] = xfork();
	if (pids[0] == 0)
		middle(seeds);
	expect_exit(pids[0], 20);
	verify("parent after the grandchild", seeds);
	printf("t_fork_cow: a child and its grandchild wrote privately\n");
	pass();
}
