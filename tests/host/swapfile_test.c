/*
 * Host tests for the swap entry encoding (<mm/swap.h>) and the swap slot
 * allocator (mm/swapfile.c):
 *
 *  - the PTE encoding round trip, for every type and many offsets;
 *  - scan_swap_map's clusters: the current one's free slots in order, then
 *    the free clusters, then the partly used ones, slot by slot;
 *  - get_swap_page's priorities and round-robin among equal priorities;
 *  - counts and totals through alloc, duplicate, free, saturation, bad
 *    slots, swapoff (successful and failed), entry validation;
 *  - random operations against the reference model in swap_model.c.
 *
 * Every test starts from no swap at all (swap_reset) and swaps its areas
 * off at the end, so a failing test does not disturb the next.
 */
#include "check.h"
#include "swap_model.h"
#include <mm/swap.h>
#include <mm/swap_header.h>
#include <mm/swapfile.h>
#include <uapi/errno.h>

extern int host_quiet_printk;

static unsigned short *maps[MAX_SWAPFILES];

/* Swap off area @type completely, whatever state a test left it in. */
static void area_off(int type)
{
	struct swap_info_struct *si = &swap_info[type];

	if (si->flags & SWP_WRITEOK)
		swap_area_disable(si);
	for (unsigned long off = 1; si->swap_map && off < si->max; off++) {
		unsigned short count = si->swap_map[off];

		if (count == SWAP_MAP_MAX)
			swap_reset_overflow(swp_entry(type, off));
		for (count = count == SWAP_MAP_MAX ? 1 : count; count && count != SWAP_MAP_BAD;
		     count--)
			swap_free(swp_entry(type, off));
	}
	free(swap_area_free(si));
	maps[type] = NULL;
}

static void swap_reset(void)
{
	for (int type = 0; type < MAX_SWAPFILES; type++)
		if (swap_info[type].flags)
			area_off(type);
}

/* Swap on an area of @max slots (header included) at @prio; returns its type. */
static int area_on(unsigned long max, int prio)
{
	int type = swap_area_alloc("test");

	if (type < 0)
		return type;
	maps[type] = malloc(swap_area_map_bytes(max));
	swap_area_setup(&swap_info[type], maps[type], max);
	swap_area_enable(&swap_info[type], prio);
	return type;
}

/* A swap_header_info with bad page list @bad, as the parser would return it. */
static struct swap_header_info badpage_header(unsigned long max, const u32 *bad, unsigned int n,
					      u8 *le)
{
	struct swap_header_info hdr = {.nr_badpages = n, .badpages = le, .max = max};

	for (unsigned int i = 0; i < n; i++)
		for (int b = 0; b < 4; b++)
			le[4 * i + b] = (u8)(bad[i] >> (8 * b));
	return hdr;
}

/* ---- the PTE encoding ----------------------------------------------------- */

static bool pte_round_trips(unsigned int type, unsigned long offset)
{
	swp_entry_t e = swp_entry(type, offset);
	pte_t pte = swp_entry_to_pte(e);

	return pte != 0 && !(pte & (_PAGE_PRESENT | _PAGE_DIRTY | _PAGE_PSE)) &&
	       swp_type(e) == type && swp_offset(e) == offset && pte_to_swp_entry(pte).val == e.val;
}

TEST(pte_encoding_round_trips)
{
	/* Every type with the low offsets and a stride through the rest... */
	for (unsigned int type = 0; type < MAX_SWAPFILES; type++) {
		for (unsigned long off = 1; off <= 65536; off++)
			CHECK(pte_round_trips(type, off));
		for (unsigned long off = 65537; off <= SWP_MAX_OFFSET; off += 4099)
			CHECK(pte_round_trips(type, off));
		CHECK(pte_round_trips(type, SWP_MAX_OFFSET));
	}
	/* ...and every offset for the first and the last type. */
	for (unsigned long off = 1; off <= SWP_MAX_OFFSET; off++) {
		CHECK(pte_round_trips(0, off));
		CHECK(pte_round_trips(MAX_SWAPFILES - 1, off));
	}
	CHECK_EQ(swp_entry_to_pte(swp_entry(0, 1)), 0x100);
	CHECK_EQ(swp_entry_to_pte(swp_entry(31, 1)), 0x13e);
}

TEST(pte_encoding_rejects_non_swap_ptes)
{
	CHECK_BUG(swp_entry_to_pte(swp_entry(3, 0)));
	CHECK_BUG(swp_entry_to_pte(swp_entry(3, SWP_MAX_OFFSET + 1)));
	CHECK_BUG(pte_to_swp_entry(0));
	CHECK_BUG(pte_to_swp_entry(0x1000 | _PAGE_PRESENT));
	CHECK_BUG(swp_entry(MAX_SWAPFILES, 1));
}

/* ---- scan_swap_map ---------------------------------------------------------- */

/* Allocate @n slots and check they are @first, @first + 1, ... of area @type. */
static bool alloc_run(int type, unsigned long first, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		swp_entry_t e = get_swap_page();

		if (swp_type(e) != type || swp_offset(e) != first + i) {
			printf("# alloc %lu: got %u/%lu, expected %d/%lu\n", i, swp_type(e),
			       swp_offset(e), type, first + i);
			return false;
		}
	}
	return true;
}

TEST(scan_hands_out_slots_cluster_by_cluster)
{
	int t;
	struct swap_info_struct *si;

	swap_reset();
	t = area_on(1025, 0); /* clusters 0-3 and a last one of slot 1024 alone */
	si = &swap_info[t];
	CHECK_EQ(si->nr_clusters, 5);
	CHECK_EQ(si->nr_free_clusters, 4);
	CHECK_EQ(si->curr_cluster, 0);
	/* Cluster 0 (after the header), then the free clusters 1 and 2 in order. */
	CHECK(alloc_run(t, 1, 600));
	CHECK_EQ(si->stats.clusters, 2);
	CHECK_EQ(si->stats.fallbacks, 0);
	CHECK_EQ(si->curr_cluster, 2);
	CHECK_EQ(si->cluster_next, 601);
	CHECK_EQ(si->nr_free_clusters, 2);
	CHECK_EQ(si->cluster_info[0].count, SWAPFILE_CLUSTER);
	CHECK_EQ(si->cluster_info[0].flags, 0);
	CHECK_EQ(si->cluster_info[2].count, 600 - 511);
	CHECK_EQ(si->cluster_info[2].flags, CLUSTER_FLAG_CURRENT);
	CHECK_EQ(si->inuse_pages, 600);
	CHECK_EQ(nr_swap_pages, 1024 - 600);
	CHECK_EQ(total_swap_pages, 1024);

	/* A slot freed behind the scan makes cluster 0 partly used; the scan goes on. */
	swap_free(swp_entry(t, 50));
	CHECK_EQ(si->cluster_info[0].flags, CLUSTER_FLAG_NONFULL);
	CHECK(alloc_run(t, 601, 168));
	CHECK(alloc_run(t, 769, 256));
	CHECK_EQ(si->stats.clusters, 4);
	CHECK_EQ(si->nr_free_clusters, 0);
	/* No free cluster left: the partly used one. */
	CHECK(alloc_run(t, 50, 1));
	CHECK_EQ(si->stats.fallbacks, 1);
	CHECK_EQ(si->curr_cluster, 0);
	CHECK_EQ(get_swap_page().val, 0);
	area_off(t);
}

TEST(scan_prefers_free_clusters_to_holes)
{
	int t;
	struct swap_info_struct *si;

	swap_reset();
	t = area_on(2000, 0); /* clusters 0-6 and 7 of 208 slots */
	si = &swap_info[t];
	CHECK(alloc_run(t, 1, 3 * SWAPFILE_CLUSTER - 1));
	/* A lone hole at 10 and 256 free slots 300..555 across clusters 1 and 2. */
	swap_free(swp_entry(t, 10));
	for (unsigned long off = 300; off < 300 + SWAPFILE_CLUSTER; off++)
		swap_free(swp_entry(t, off));
	CHECK_EQ(si->nr_free_clusters, 5);
	/* Every free cluster first, in order: slots 768..1999. */
	CHECK(alloc_run(t, 3 * SWAPFILE_CLUSTER, 2000 - 3 * SWAPFILE_CLUSTER));
	CHECK_EQ(si->stats.clusters, 7);
	CHECK_EQ(si->stats.fallbacks, 0);
	/* Then the partly used clusters in the order they got free slots: 0, 1, 2. */
	CHECK(alloc_run(t, 10, 1));
	CHECK(alloc_run(t, 300, 2 * SWAPFILE_CLUSTER - 300));
	CHECK(alloc_run(t, 2 * SWAPFILE_CLUSTER, 300 + SWAPFILE_CLUSTER - 2 * SWAPFILE_CLUSTER));
	CHECK_EQ(si->stats.fallbacks, 3);
	CHECK_EQ(get_swap_page().val, 0);

	/* A cluster freed entirely is a free cluster again, taken before holes. */
	swap_free(swp_entry(t, 5));
	for (unsigned long off = 4 * SWAPFILE_CLUSTER; off < 5 * SWAPFILE_CLUSTER; off++)
		swap_free(swp_entry(t, off));
	CHECK_EQ(si->nr_free_clusters, 1);
	CHECK_EQ(si->cluster_info[4].flags, CLUSTER_FLAG_FREE);
	CHECK(alloc_run(t, 4 * SWAPFILE_CLUSTER, SWAPFILE_CLUSTER));
	CHECK(alloc_run(t, 5, 1));
	area_off(t);
}

TEST(scan_falls_back_to_partly_used_clusters)
{
	int t;
	struct swap_info_struct *si;

	swap_reset();
	t = area_on(300, 0);
	si = &swap_info[t];
	/* Cluster 0, then cluster 1 of 44 slots, free. */
	CHECK(alloc_run(t, 1, 299));
	CHECK_EQ(si->stats.clusters, 1);
	CHECK_EQ(si->stats.fallbacks, 0);
	CHECK_EQ(get_swap_page().val, 0);

	swap_free(swp_entry(t, 200));
	swap_free(swp_entry(t, 100));
	swap_free(swp_entry(t, 150));
	CHECK_EQ(si->cluster_info[0].count, SWAPFILE_CLUSTER - 3);
	/* One fallback into cluster 0, then on through its later holes. */
	CHECK(alloc_run(t, 100, 1));
	CHECK_EQ(si->stats.fallbacks, 1);
	CHECK(alloc_run(t, 150, 1));
	CHECK(alloc_run(t, 200, 1));
	CHECK_EQ(si->stats.fallbacks, 1);
	CHECK_EQ(get_swap_page().val, 0);
	/* A hole behind the scan of the current cluster: the same cluster, again. */
	swap_free(swp_entry(t, 7));
	CHECK(alloc_run(t, 7, 1));
	CHECK_EQ(si->stats.fallbacks, 2);
	area_off(t);
}

TEST(scan_never_hands_out_slot_0_or_bad_slots)
{
	static const u32 bad[] = {1, 2, 3, 10, 49, 3};
	u8 le[sizeof(bad)];
	struct swap_header_info hdr = badpage_header(50, bad, ARRAY_SIZE(bad), le);
	unsigned short *map = malloc(swap_area_map_bytes(50));
	bool seen[50] = {false};
	int t;

	swap_reset();
	t = swap_area_alloc("bad");
	swap_area_setup(&swap_info[t], map, 50);
	swap_area_apply_badpages(&swap_info[t], &hdr);
	/* 49 slots after the header, 5 distinct bad ones. */
	CHECK_EQ(swap_info[t].pages, 44);
	swap_area_enable(&swap_info[t], 0);
	CHECK_EQ(nr_swap_pages, 44);
	for (int i = 0; i < 44; i++) {
		swp_entry_t e = get_swap_page();

		CHECK(e.val && swp_offset(e) < 50 && !seen[swp_offset(e)]);
		CHECK(map[swp_offset(e)] == 1);
		seen[swp_offset(e)] = true;
	}
	for (int i = 0; i < (int)ARRAY_SIZE(bad); i++)
		CHECK(!seen[bad[i]]);
	CHECK(!seen[0]);
	CHECK_EQ(get_swap_page().val, 0);
	CHECK_EQ(nr_swap_pages, 0);
	swap_area_disable(&swap_info[t]);
	for (unsigned long off = 1; off < 50; off++)
		if (seen[off])
			swap_free(swp_entry(t, off));
	CHECK(swap_area_free(&swap_info[t]) == map);
	free(map);
}

/* ---- get_swap_page: priorities ---------------------------------------------- */

/* The types of the next @n allocations, as a string of digits. */
static const char *alloc_types(int n)
{
	static char s[64];

	for (int i = 0; i < n; i++) {
		swp_entry_t e = get_swap_page();

		s[i] = e.val ? (char)('0' + swp_type(e)) : '-';
	}
	s[n] = '\0';
	return s;
}

TEST(higher_priority_is_used_until_full)
{
	int lo, hi;

	swap_reset();
	lo = area_on(11, 1); /* type 0 */
	hi = area_on(11, 5); /* type 1 */
	CHECK_EQ(swap_list.head, hi);
	CHECK(!strcmp(alloc_types(22), "11111111110000000000--"));
	/* A slot freed on the better area is used next. */
	swap_free(swp_entry(hi, 4));
	swap_free(swp_entry(lo, 7));
	CHECK_EQ(swap_list.next, hi);
	CHECK_EQ(get_swap_page().val, swp_entry(hi, 4).val);
	CHECK_EQ(get_swap_page().val, swp_entry(lo, 7).val);
	swap_reset();
}

TEST(equal_priorities_take_turns)
{
	swap_reset();
	area_on(11, 3);	 /* 0 */
	area_on(11, 3);	 /* 1 */
	area_on(21, 3);	 /* 2 */
	area_on(101, 1); /* 3 */
	/* Round-robin over 0, 1, 2 until 0 and 1 fill up; then 2 alone; then 3. */
	CHECK(!strcmp(alloc_types(36), "012012012012012012012012012012222222"));
	CHECK(!strcmp(alloc_types(6), "222233"));
	swap_reset();
}

TEST(equal_priorities_take_turns_below_a_full_area)
{
	swap_reset();
	area_on(11, 9); /* 0 */
	area_on(11, 2); /* 1 */
	area_on(11, 2); /* 2 */
	CHECK(!strcmp(alloc_types(16), "0000000000121212"));
	swap_reset();
}

TEST(swap_list_orders_by_priority_fifo_among_equals)
{
	int order[4], n = 0;

	swap_reset();
	area_on(11, 1);
	area_on(11, 5);
	area_on(11, 3);
	area_on(11, 5);
	for (int i = swap_list.head; i >= 0; i = swap_info[i].next)
		order[n++] = i;
	CHECK_EQ(n, 4);
	CHECK(order[0] == 1 && order[1] == 3 && order[2] == 2 && order[3] == 0);
	swap_list_dump();
	swap_reset();
}

TEST(default_priorities_count_down)
{
	int a = swap_next_default_prio(), b = swap_next_default_prio();

	CHECK(a < 0);
	CHECK_EQ(b, a - 1);
	swap_reset();
	area_on(11, a);
	area_on(11, b);
	/* Different priorities: no round-robin, the first area fills first. */
	CHECK(!strcmp(alloc_types(12), "000000000011"));
	swap_reset();
}

TEST(out_of_swap_returns_entry_0)
{
	int t;

	swap_reset();
	CHECK_EQ(get_swap_page().val, 0);
	t = area_on(11, 0);
	swap_area_disable(&swap_info[t]);
	CHECK_EQ(get_swap_page().val, 0);
	swap_area_enable(&swap_info[t], 0);
	CHECK(!strcmp(alloc_types(11), "0000000000-"));
	CHECK_EQ(nr_swap_pages, 0);
	swap_reset();
}

/* ---- reference counts --------------------------------------------------------- */

TEST(counts_through_alloc_dup_free)
{
	struct swap_info_struct *si;
	swp_entry_t a, b;
	int t;

	swap_reset();
	t = area_on(100, 0);
	si = &swap_info[t];
	a = get_swap_page();
	b = get_swap_page();
	CHECK_EQ(swp_offset(b), 2);
	CHECK_EQ(swap_count(a), 1);
	CHECK_EQ(swap_duplicate(a), 0);
	CHECK_EQ(swap_duplicate(a), 0);
	CHECK_EQ(swap_count(a), 3);
	CHECK_EQ(si->inuse_pages, 2);
	CHECK_EQ(nr_swap_pages, 97);
	CHECK_EQ(si->cluster_info[0].count, 3); /* the header and two slots */

	swap_free(a);
	swap_free(a);
	CHECK_EQ(swap_count(a), 1);
	CHECK_EQ(nr_swap_pages, 97);
	swap_free(a);
	CHECK_EQ(si->swap_map[1], 0);
	CHECK_EQ(si->inuse_pages, 1);
	CHECK_EQ(nr_swap_pages, 98);
	CHECK_EQ(si->cluster_info[0].count, 2);
	CHECK_EQ(si->stats.freed, 1);
	CHECK_EQ(total_swap_pages, 99);

	/* A slot freed in a full area is found again. */
	while (get_swap_page().val)
		;
	CHECK_EQ(si->cluster_info[0].count, 100);
	swap_free(swp_entry(t, 60));
	CHECK_EQ(get_swap_page().val, swp_entry(t, 60).val);
	swap_area_dump(si);
	swap_reset();
}

TEST(counts_saturate_at_swap_map_max)
{
	swp_entry_t e;
	int t;

	swap_reset();
	t = area_on(20, 0);
	e = get_swap_page();
	for (int i = 1; i < SWAP_MAP_MAX; i++)
		CHECK_EQ(swap_duplicate(e), 0);
	CHECK_EQ(swap_count(e), SWAP_MAP_MAX);
	CHECK_EQ(swap_info[t].stats.saturated, 1);
	CHECK_EQ(swap_duplicate(e), 0);
	CHECK_EQ(swap_count(e), SWAP_MAP_MAX);
	/* No longer counted: freeing changes nothing until swapoff resets it. */
	swap_free(e);
	swap_free(e);
	CHECK_EQ(swap_count(e), SWAP_MAP_MAX);
	CHECK_EQ(swap_info[t].inuse_pages, 1);
	swap_area_disable(&swap_info[t]);
	swap_reset_overflow(e);
	CHECK_EQ(swap_count(e), 1);
	swap_free(e);
	CHECK_EQ(swap_info[t].inuse_pages, 0);
	CHECK_EQ(nr_swap_pages, 0);
	free(swap_area_free(&swap_info[t]));
}

TEST(mark_bad_retires_an_allocated_slot)
{
	struct swap_info_struct *si;
	swp_entry_t e;
	int t;

	swap_reset();
	t = area_on(11, 0);
	si = &swap_info[t];
	e = get_swap_page();
	CHECK_EQ(swap_duplicate(e), 0);
	CHECK_EQ(swap_mark_bad(e), 0);
	CHECK_EQ(swap_count(e), SWAP_MAP_BAD);
	CHECK_EQ(si->pages, 9);
	CHECK_EQ(si->inuse_pages, 0);
	CHECK_EQ(total_swap_pages, 9);
	CHECK_EQ(nr_swap_pages, 9);
	CHECK_EQ(si->stats.bad, 1);
	/* The owners' references go away without effect. */
	swap_free(e);
	swap_free(e);
	CHECK_EQ(swap_count(e), SWAP_MAP_BAD);
	CHECK_EQ(nr_swap_pages, 9);
	CHECK(!strcmp(alloc_types(10), "000000000-"));
	CHECK_EQ(swap_info[t].swap_map[1], SWAP_MAP_BAD);
	swap_reset();
}

TEST(bad_entries_are_refused)
{
	swp_entry_t e;
	int t;

	swap_reset();
	t = area_on(11, 0);
	e = get_swap_page();
	printf("# four error messages expected:\n");
	/* No area 7; the header slot; past the end; a free slot. */
	CHECK_EQ(swap_duplicate(swp_entry(7, 1)), -EINVAL);
	CHECK_EQ(swap_count(swp_entry(t, 0)), -EINVAL);
	CHECK_EQ(swap_mark_bad(swp_entry(t, 11)), -EINVAL);
	swap_free(swp_entry(t, 2));
	host_quiet_printk = 1;
	{
		unsigned long flags = spin_lock_irqsave(&swap_lock);

		CHECK(swap_info_get(e) == &swap_info[t]);
		CHECK(swap_info_get(swp_entry(t, 5)) == NULL);
		spin_unlock_irqrestore(&swap_lock, flags);
	}
	host_quiet_printk = 0;
	CHECK_EQ(swap_info[t].inuse_pages, 1);
	CHECK_EQ(nr_swap_pages, 9);
	CHECK_BUG(swap_info_get(e)); /* without swap_lock */
	swap_reset();
}

/* ---- area life cycle ---------------------------------------------------------- */

TEST(swapoff_drains_and_failed_swapoff_restores)
{
	struct swap_info_struct *si;
	swp_entry_t e[10];
	int t, u;

	swap_reset();
	t = area_on(101, 5);
	u = area_on(51, 5);
	si = &swap_info[t];
	for (int i = 0; i < 10; i++)
		e[i] = get_swap_page();
	CHECK_EQ(swap_list.next, t);
	CHECK_EQ(nr_swap_pages, 140);

	/* Disable: all of t's pages leave both totals; its in-use slots stay valid. */
	swap_area_disable(si);
	CHECK_EQ(total_swap_pages, 50);
	CHECK_EQ(nr_swap_pages, 50 - 5 - 5);
	CHECK_EQ(swap_list.head, u);
	CHECK_EQ(swap_list.next, u);
	CHECK_EQ(swp_type(get_swap_page()), u);
	swap_free(e[0]); /* t's first slot: must not make t swap_list.next */
	CHECK_EQ(swap_list.next, u);

	/* A failed swapoff enables the area again. */
	swap_area_enable(si, si->prio);
	CHECK_EQ(total_swap_pages, 150);
	CHECK_EQ(nr_swap_pages, 150 - 4 - 6);

	swap_area_disable(si);
	CHECK_BUG(swap_area_free(si)); /* slots still in use */
	spin_lock_init(&swap_lock);    /* the BUG left it held */
	for (int i = 1; i < 10; i++)
		if (swp_type(e[i]) == t)
			swap_free(e[i]);
	CHECK_EQ(si->inuse_pages, 0);
	CHECK_EQ(nr_swap_pages, 50 - 6);
	CHECK(swap_area_free(si) == maps[t]);
	free(maps[t]);
	maps[t] = NULL;
	CHECK_EQ(swap_area_alloc("again"), t);
	free(swap_area_free(si));
	swap_reset();
	CHECK_EQ(nr_swap_pages, 0);
	CHECK_EQ(total_swap_pages, 0);
	CHECK_EQ(swap_list.head, -1);
	CHECK_EQ(swap_list.next, -1);
}

TEST(freeing_on_a_disabled_area_keeps_swap_list_next)
{
	swp_entry_t e;
	int hi, lo;

	swap_reset();
	hi = area_on(11, 9);
	lo = area_on(11, 1);
	e = get_swap_page();
	CHECK_EQ(swp_type(e), hi);
	swap_area_disable(&swap_info[hi]);
	CHECK_EQ(swap_list.next, lo);
	/* hi ranks higher, but it is off swap_list: next must stay on it. */
	swap_free(e);
	CHECK_EQ(swap_list.next, lo);
	CHECK_EQ(swp_type(get_swap_page()), lo);
	swap_reset();
}

TEST(at_most_max_swapfiles_areas)
{
	swap_reset();
	for (int i = 0; i < MAX_SWAPFILES; i++)
		CHECK_EQ(area_on(11, 0), i);
	CHECK_EQ(swap_area_alloc("one too many"), -EPERM);
	CHECK_EQ(total_swap_pages, 10 * MAX_SWAPFILES);
	swap_reset();
}

/* ---- against the model ---------------------------------------------------------- */

static unsigned int rnd_state;

static unsigned int rnd(void)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return rnd_state >> 8;
}

/* The operation mix, in percent. */
static const unsigned int weight[SM_NR_OPS] = {
    [SM_ALLOC] = 45,   /* a little more than frees: the areas fill up slowly */
    [SM_FREE] = 40,    /* and run full now and then */
    [SM_DUP] = 8,      /* fork */
    [SM_INVALID] = 2,  /* callers' bugs */
    [SM_MARK_BAD] = 2, /* write errors */
    [SM_TOGGLE] = 1,   /* swapoff started, or failed */
    [SM_SWAPOFF] = 1,  /* a whole swapoff and swapon */
    [SM_SATURATE] = 1, /* 32767 references */
};

static enum swap_model_op random_op(void)
{
	unsigned int r = rnd() % 100;
	int op = 0;

	while (r >= weight[op])
		r -= weight[op++];
	return op;
}

/* Random operations on three areas, the third of a priority that depends on @seed. */
static const char *random_run(unsigned int seed, int steps)
{
	static const unsigned long max[] = {700, 300, 520};
	static const u32 bad0[] = {5, 6, 400}, bad2[] = {519};
	static const u32 *const bad[] = {bad0, NULL, bad2};
	static const unsigned int nr_bad[] = {3, 0, 1};
	int prio[] = {2, 2, (int)(seed % 3) + 1};
	struct swap_model m;
	const char *why;

	rnd_state = seed;
	why = swap_model_init(&m, 3, max, prio, bad, nr_bad);
	for (int i = 0; i < steps && !why; i++) {
		enum swap_model_op op = random_op();

		why = swap_model_step(&m, op, rnd());
	}
	return why ? why : swap_model_destroy(&m);
}

TEST(random_operations_match_the_model)
{
	swap_reset();
	host_quiet_printk = 1;
	for (unsigned int seed = 1; seed <= 12; seed++) {
		const char *why = random_run(seed, 6000);

		if (why) {
			host_quiet_printk = 0;
			printf("# seed %u: %s\n", seed, why);
			CHECK(!why);
		}
	}
	host_quiet_printk = 0;
}
