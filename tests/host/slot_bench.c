/*
 * slot-bench: what one get_swap_page call costs, in instructions counted by
 * callgrind, as an area fills up (make bench; tests/run-bench slot).
 *
 * One area of SLOTS slots is filled to 10, 50, 90 and 99 % in turn, with
 * random frees interleaved (one free for every two allocations), so the
 * used slots are scattered the way a long-running system leaves them. At
 * each level ROUNDS rounds of "free a random 1 %, allocate 1 %" follow,
 * and every allocation of those rounds is measured alone: callgrind
 * collects only inside get_swap_page (--toggle-collect) and the program
 * dumps its counters after each call (CALLGRIND_DUMP_STATS), reads the
 * dump's summary and deletes it. So the mean per level and the costliest
 * single call are both exact instruction counts, the same on every run.
 * The fill itself is not instrumented.
 *
 *   valgrind --tool=callgrind --instr-atstart=no --collect-atstart=no \
 *	--toggle-collect=get_swap_page --callgrind-out-file=OUT build/host/slot-bench OUT
 *
 * prints
 *
 *   slot-bench: slots=1048576 insn10=M insn50=M insn90=M insn99=M worst=W growth=G
 *   slot-bench-worst: worst10=W worst50=W worst90=W worst99=W calls=N
 *
 * (M: mean instructions per call at that level; W: the costliest call;
 * G: insn99 / insn10). Built from mm/swapfile.c unchanged, like the host
 * tests, but optimized (-O2) and without sanitizers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <valgrind/callgrind.h>
#include <mm/swapfile.h>

#define SLOTS  1048576UL
#define ROUNDS 3

static const unsigned int levels[] = {10, 50, 90, 99};

static unsigned long used[SLOTS]; /* the allocated offsets, in no order */
static unsigned long nr_used;
static unsigned long long rnd_state = 1;

static unsigned long rnd(unsigned long n)
{
	rnd_state = rnd_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned long)(rnd_state >> 33) % n;
}

static void die(const char *why)
{
	fprintf(stderr, "slot-bench: %s\n", why);
	exit(1);
}

static void alloc_one(void)
{
	swp_entry_t e = get_swap_page();

	if (!e.val)
		die("get_swap_page found no free slot in an area that has some");
	used[nr_used++] = swp_offset(e);
}

static void free_random(void)
{
	unsigned long i = rnd(nr_used);

	swap_free(swp_entry(0, used[i]));
	used[i] = used[--nr_used];
}

/* Fill to @target slots in use: two allocations for every random free. */
static void fill_to(unsigned long target)
{
	while (nr_used < target) {
		alloc_one();
		if (nr_used < target)
			alloc_one();
		if (nr_used > 1 && nr_used < target)
			free_random();
	}
}

/* The instructions of the last callgrind dump, @out.@n, which is then deleted. */
static unsigned long long dumped_cost(const char *out, unsigned long n)
{
	char path[4096], line[256];
	unsigned long long cost = 0;
	bool found = false;
	FILE *f;

	snprintf(path, sizeof(path), "%s.%lu", out, n);
	f = fopen(path, "r");
	if (!f)
		die("no callgrind dump file: is this running under callgrind with "
		    "--callgrind-out-file set to the argument?");
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "summary: %llu", &cost) == 1 || sscanf(line, "totals: %llu", &cost) == 1)
			found = true;
	fclose(f);
	unlink(path);
	if (!found)
		die("a callgrind dump without a summary line");
	return cost;
}

int main(int argc, char **argv)
{
	unsigned long long sum[4] = {0}, worst[4] = {0}, all_worst = 0;
	unsigned long calls[4] = {0}, dumps = 0, type;
	void *map;

	if (argc != 2 || !RUNNING_ON_VALGRIND) {
		fprintf(stderr, "usage: valgrind --tool=callgrind --instr-atstart=no "
				"--collect-atstart=no --toggle-collect=get_swap_page "
				"--callgrind-out-file=OUT slot-bench OUT\n");
		return 2;
	}
	map = malloc(swap_area_map_bytes(SLOTS));
	type = swap_area_alloc("bench");
	if (!map || type != 0)
		die("no memory or no area");
	swap_area_setup(&swap_info[type], map, SLOTS);
	swap_area_enable(&swap_info[type], 0);

	for (int l = 0; l < 4; l++) {
		fill_to(SLOTS * levels[l] / 100);
		for (int r = 0; r < ROUNDS; r++) {
			unsigned long n = SLOTS / 100;

			for (unsigned long i = 0; i < n; i++)
				free_random();
			CALLGRIND_START_INSTRUMENTATION;
			for (unsigned long i = 0; i < n; i++) {
				unsigned long long cost;

				alloc_one();
				CALLGRIND_DUMP_STATS;
				cost = dumped_cost(argv[1], ++dumps);
				sum[l] += cost;
				calls[l]++;
				if (cost > worst[l])
					worst[l] = cost;
			}
			CALLGRIND_STOP_INSTRUMENTATION;
		}
		if (worst[l] > all_worst)
			all_worst = worst[l];
	}
	printf("slot-bench: slots=%lu insn10=%llu insn50=%llu insn90=%llu insn99=%llu worst=%llu "
	       "growth=%.2f\n",
	       SLOTS, sum[0] / calls[0], sum[1] / calls[1], sum[2] / calls[2], sum[3] / calls[3],
	       all_worst, (double)(sum[3] / calls[3]) / (double)(sum[0] / calls[0]));
	printf("slot-bench-worst: worst10=%llu worst50=%llu worst90=%llu worst99=%llu calls=%lu\n",
	       worst[0], worst[1], worst[2], worst[3], calls[0] + calls[1] + calls[2] + calls[3]);
	return 0;
}
