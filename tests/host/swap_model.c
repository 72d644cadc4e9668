/*
 * Reference model of the swap slot allocator: see swap_model.h. Each
 * operation is applied to the real allocator and to plain arrays of
 * expected counts; swap_model_check() then compares the two.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mm/swap_header.h>
#include <mm/swapfile.h>
#include <uapi/errno.h>
#include "swap_model.h"

extern int host_quiet_printk;

static char failure[256];

#define FAIL(...) (snprintf(failure, sizeof(failure), __VA_ARGS__), (const char *)failure)

static bool slot_used(unsigned short count)
{
	return count && count != SWAP_MAP_BAD;
}

static struct swap_info_struct *area_si(const struct swap_model_area *a)
{
	return &swap_info[a->type];
}

/* Swap on area @a the way sys_swapon (mm/swapfile.c) does: alloc, setup, bad pages, enable. */
static const char *swapon(struct swap_model_area *a)
{
	u8 le[4 * MAX_SWAP_BADPAGES];
	struct swap_header_info hdr = {.nr_badpages = a->nr_bad, .badpages = le, .max = a->max};
	int type = swap_area_alloc("model");

	if (type < 0)
		return FAIL("swap_area_alloc: %d", type);
	if (a->type >= 0 && type != a->type)
		return FAIL("swap_area_alloc gave type %d, not the free %d", type, a->type);
	a->type = type;
	for (unsigned int i = 0; i < a->nr_bad; i++)
		for (int b = 0; b < 4; b++)
			le[4 * i + b] = (u8)(a->bad[i] >> (8 * b));
	swap_area_setup(area_si(a), a->map, a->max);
	swap_area_apply_badpages(area_si(a), &hdr);
	swap_area_enable(area_si(a), a->prio);
	a->enabled = true;

	memset(a->expect, 0, a->max * sizeof(*a->expect));
	a->expect[0] = SWAP_MAP_BAD;
	for (unsigned int i = 0; i < a->nr_bad; i++)
		if (a->bad[i] < a->max)
			a->expect[a->bad[i]] = SWAP_MAP_BAD;
	return NULL;
}

/* Drop every reference to area @a's slots, as swapoff's try_to_unuse does. */
static void drain(struct swap_model_area *a)
{
	for (unsigned long off = 1; off < a->max; off++) {
		swp_entry_t e = swp_entry(a->type, off);

		if (!slot_used(a->expect[off]))
			continue;
		if (a->expect[off] == SWAP_MAP_MAX) {
			swap_reset_overflow(e);
			a->expect[off] = 1;
		}
		while (a->expect[off]) {
			swap_free(e);
			a->expect[off]--;
		}
	}
}

/* Disable (if needed), drain and free area @a: a complete swapoff. */
static const char *swapoff(struct swap_model_area *a)
{
	if (a->enabled)
		swap_area_disable(area_si(a));
	a->enabled = false;
	drain(a);
	if (area_si(a)->inuse_pages)
		return FAIL("area %d: %lu slots in use after draining", a->type,
			    area_si(a)->inuse_pages);
	if (swap_area_free(area_si(a)) != a->map)
		return FAIL("area %d: swap_area_free returned another map", a->type);
	return NULL;
}

const char *swap_model_init(struct swap_model *m, int nr, const unsigned long *max, const int *prio,
			    const u32 *const *bad, const unsigned int *nr_bad)
{
	memset(m, 0, sizeof(*m));
	for (int i = 0; i < nr; i++) {
		struct swap_model_area *a = &m->area[i];
		const char *why;

		a->type = -1;
		a->prio = prio[i];
		a->max = max[i];
		a->nr_bad = nr_bad[i];
		a->map = malloc(swap_area_map_bytes(a->max));
		a->expect = malloc(a->max * sizeof(*a->expect));
		a->bad = malloc((a->nr_bad + 1) * sizeof(*a->bad));
		if (!a->map || !a->expect || !a->bad)
			return FAIL("out of memory");
		if (a->nr_bad)
			memcpy(a->bad, bad[i], a->nr_bad * sizeof(*a->bad));
		m->nr_areas = i + 1;
		why = swapon(a);
		if (why)
			return why;
	}
	return swap_model_check(m);
}

/* The @arg-th allocated slot over all areas (modulo their number), if any. */
static bool nth_used(struct swap_model *m, unsigned int arg, struct swap_model_area **area,
		     unsigned long *offset)
{
	unsigned long n = 0;

	for (int i = 0; i < m->nr_areas; i++)
		for (unsigned long off = 1; off < m->area[i].max; off++)
			n += slot_used(m->area[i].expect[off]);
	if (!n)
		return false;
	n = arg % n;
	for (int i = 0; i < m->nr_areas; i++) {
		for (unsigned long off = 1; off < m->area[i].max; off++) {
			if (slot_used(m->area[i].expect[off]) && n-- == 0) {
				*area = &m->area[i];
				*offset = off;
				return true;
			}
		}
	}
	return false;
}

static bool has_free_slot(const struct swap_model_area *a)
{
	for (unsigned long off = 1; off < a->max; off++)
		if (!a->expect[off])
			return true;
	return false;
}

static struct swap_model_area *area_of_type(struct swap_model *m, int type)
{
	for (int i = 0; i < m->nr_areas; i++)
		if (m->area[i].type == type)
			return &m->area[i];
	return NULL;
}

/*
 * The allocator's choice of cluster for slot @off of area @a, which had
 * current cluster @curr and @nr_free free clusters before: a slot outside
 * the current cluster comes from a free cluster whenever there was one.
 */
static const char *check_cluster_choice(const struct swap_model_area *a, unsigned long off,
					unsigned long curr, unsigned long nr_free)
{
	const struct swap_info_struct *si = area_si(a);
	unsigned long idx = off / SWAPFILE_CLUSTER;

	if (idx == curr)
		return NULL;
	if (idx != si->curr_cluster)
		return FAIL("area %d: slot %lu is not in the current cluster %lu", a->type, off,
			    si->curr_cluster);
	if (nr_free && si->cluster_info[idx].count != 1)
		return FAIL("area %d: slot %lu from a partly used cluster while %lu were free",
			    a->type, off, nr_free);
	return NULL;
}

static const char *step_alloc(struct swap_model *m)
{
	unsigned long curr[SWAP_MODEL_MAX_AREAS], nr_free[SWAP_MODEL_MAX_AREAS];
	const struct swap_model_area *best = NULL;
	struct swap_model_area *a;
	unsigned long off;
	swp_entry_t e;

	for (int i = 0; i < m->nr_areas; i++) {
		curr[i] = area_si(&m->area[i])->curr_cluster;
		nr_free[i] = area_si(&m->area[i])->nr_free_clusters;
	}
	e = get_swap_page();
	off = swp_offset(e);

	for (int i = 0; i < m->nr_areas; i++) {
		a = &m->area[i];
		if (a->enabled && has_free_slot(a) && (!best || a->prio > best->prio))
			best = a;
	}
	if (!e.val)
		return best ? FAIL("out of swap, but area %d has free slots", best->type) : NULL;
	a = area_of_type(m, swp_type(e));
	if (!a || !a->enabled)
		return FAIL("entry %08lx from an area that is not enabled", e.val);
	if (!best || a->prio != best->prio)
		return FAIL("entry from area %d (prio %d) while area %d (prio %d) has free slots",
			    a->type, a->prio, best ? best->type : -1, best ? best->prio : 0);
	if (off == 0 || off >= a->max || a->expect[off])
		return FAIL("entry %08lx: slot not free (count %u)", e.val,
			    off < a->max ? a->expect[off] : 0);
	a->expect[off] = 1;
	return check_cluster_choice(a, off, curr[a - m->area], nr_free[a - m->area]);
}

/* swap_count() agrees with the model; a free slot is an invalid entry for it. */
static const char *check_count(swp_entry_t e, unsigned short expect)
{
	int quiet = host_quiet_printk, count;

	host_quiet_printk = 1;
	count = swap_count(e);
	host_quiet_printk = quiet;
	if (count != (expect ? expect : -EINVAL))
		return FAIL("swap_count(%08lx) = %d, expected %u", e.val, count, expect);
	return NULL;
}

static const char *step_on_used(struct swap_model *m, enum swap_model_op op, unsigned int arg)
{
	struct swap_model_area *a;
	unsigned long off;
	swp_entry_t e;
	int ret = 0;

	if (!nth_used(m, arg, &a, &off))
		return NULL;
	e = swp_entry(a->type, off);
	switch (op) {
	case SM_DUP:
		ret = swap_duplicate(e);
		if (a->expect[off] < SWAP_MAP_MAX)
			a->expect[off]++;
		break;
	case SM_FREE:
		swap_free(e);
		if (a->expect[off] < SWAP_MAP_MAX)
			a->expect[off]--;
		break;
	case SM_MARK_BAD:
		ret = swap_mark_bad(e);
		a->expect[off] = SWAP_MAP_BAD;
		break;
	default: /* SM_SATURATE */
		while (!ret && a->expect[off] < SWAP_MAP_MAX) {
			ret = swap_duplicate(e);
			a->expect[off]++;
		}
		break;
	}
	if (ret)
		return FAIL("op %d on entry %08lx returned %d", op, e.val, ret);
	return check_count(e, a->expect[off]);
}

/* An entry naming no allocated slot: no area, the header, past the end, or a free slot. */
static swp_entry_t invalid_entry(struct swap_model *m, unsigned int arg)
{
	struct swap_model_area *a = &m->area[arg % m->nr_areas];

	switch (arg / m->nr_areas % 4) {
	case 0:
		return swp_entry(MAX_SWAPFILES - 1 - arg % (MAX_SWAPFILES - m->nr_areas), 1);
	case 1:
		return swp_entry(a->type, 0);
	case 2:
		return swp_entry(a->type, a->max + arg % 1000);
	default:
		for (unsigned long off = 1 + arg % a->max; off < a->max; off++)
			if (!a->expect[off])
				return swp_entry(a->type, off);
		return swp_entry(a->type, 0);
	}
}

static const char *step_invalid(struct swap_model *m, unsigned int arg)
{
	swp_entry_t e = invalid_entry(m, arg);
	int quiet = host_quiet_printk;
	const char *why = NULL;

	host_quiet_printk = 1;
	swap_free(e);
	if (swap_duplicate(e) != -EINVAL || swap_count(e) != -EINVAL)
		why = FAIL("entry %08lx accepted", e.val);
	else if (swap_mark_bad(e) != -EINVAL)
		why = FAIL("swap_mark_bad accepted entry %08lx", e.val);
	host_quiet_printk = quiet;
	return why;
}

static const char *step_area(struct swap_model *m, enum swap_model_op op, unsigned int arg)
{
	struct swap_model_area *a = &m->area[arg % m->nr_areas];

	if (op == SM_SWAPOFF) {
		const char *why = swapoff(a);

		return why ? why : swapon(a);
	}
	if (a->enabled)
		swap_area_disable(area_si(a));
	else
		swap_area_enable(area_si(a), a->prio);
	a->enabled = !a->enabled;
	return NULL;
}

const char *swap_model_step(struct swap_model *m, enum swap_model_op op, unsigned int arg)
{
	const char *why;

	switch (op) {
	case SM_ALLOC:
		why = step_alloc(m);
		break;
	case SM_INVALID:
		why = step_invalid(m, arg);
		break;
	case SM_SWAPOFF:
	case SM_TOGGLE:
		why = step_area(m, op, arg);
		break;
	default:
		why = step_on_used(m, op, arg);
		break;
	}
	return why ? why : swap_model_check(m);
}

/* Cluster @idx of area @a: is it on the list (and only that one) its flags name? */
static bool on_list(const struct swap_info_struct *si, unsigned long idx)
{
	const struct swap_cluster_info *ci = &si->cluster_info[idx], *c;
	const struct list_head *head = ci->flags == CLUSTER_FLAG_FREE ? &si->free_clusters
				     : ci->flags == CLUSTER_FLAG_NONFULL ? &si->nonfull_clusters
									   : NULL;
	unsigned long seen = 0;

	if (!head)
		return list_empty(&ci->list);
	list_for_each_entry(c, head, list)
		seen += c == ci;
	return seen == 1;
}

/*
 * The clusters of area @a: each count is the number of slots that are not
 * free and the used bits say which ones, the flags say the list the count calls for (the current cluster:
 * none), the cluster is on that list, the lists hold nothing else, and
 * nr_free_clusters counts the free list.
 */
static const char *check_clusters(const struct swap_model_area *a)
{
	const struct swap_info_struct *si = area_si(a);
	unsigned long free_listed = 0, nonfull_listed = 0, nr_free = 0, nr_nonfull = 0;
	const struct swap_cluster_info *c;

	if (si->nr_clusters != (a->max + SWAPFILE_CLUSTER - 1) / SWAPFILE_CLUSTER)
		return FAIL("area %d: %lu clusters for %lu slots", a->type, si->nr_clusters, a->max);
	if (si->curr_cluster >= si->nr_clusters)
		return FAIL("area %d: current cluster %lu", a->type, si->curr_cluster);
	for (unsigned long idx = 0; idx < si->nr_clusters; idx++) {
		const struct swap_cluster_info *ci = &si->cluster_info[idx];
		unsigned long first = idx * SWAPFILE_CLUSTER, size = a->max - first, count = 0;
		unsigned short want;

		size = size < SWAPFILE_CLUSTER ? size : SWAPFILE_CLUSTER;
		for (unsigned long off = first; off < first + size; off++) {
			count += a->expect[off] != 0;
			if (test_bit(off - first, ci->used) != (a->expect[off] != 0))
				return FAIL("area %d slot %lu: used bit %d, count %u", a->type, off,
					    test_bit(off - first, ci->used), a->expect[off]);
		}
		want = idx == si->curr_cluster ? CLUSTER_FLAG_CURRENT
		       : count == 0		? CLUSTER_FLAG_FREE
		       : count < size		? CLUSTER_FLAG_NONFULL
						: 0;
		if (ci->count != count || ci->flags != want)
			return FAIL("area %d cluster %lu: count %u flags %u, expected %lu and %u",
				    a->type, idx, ci->count, ci->flags, count, want);
		if (!on_list(si, idx))
			return FAIL("area %d cluster %lu: not (only) on the list of flags %u", a->type,
				    idx, ci->flags);
		nr_free += want == CLUSTER_FLAG_FREE;
		nr_nonfull += want == CLUSTER_FLAG_NONFULL;
	}
	list_for_each_entry(c, &si->free_clusters, list)
		free_listed++;
	list_for_each_entry(c, &si->nonfull_clusters, list)
		nonfull_listed++;
	if (free_listed != nr_free || nonfull_listed != nr_nonfull || si->nr_free_clusters != nr_free)
		return FAIL("area %d: lists of %lu free (nr_free_clusters %lu) and %lu partly used "
			    "clusters, expected %lu and %lu",
			    a->type, free_listed, si->nr_free_clusters, nonfull_listed, nr_free,
			    nr_nonfull);
	return NULL;
}

/* One area: counts, inuse_pages, pages, clusters, flags. Adds to the totals. */
static const char *check_area(const struct swap_model_area *a, long *nr, long *total)
{
	const struct swap_info_struct *si = area_si(a);
	unsigned long pages = 0, inuse = 0;
	const char *why;

	if (si->flags != (a->enabled ? SWP_USED | SWP_WRITEOK : SWP_USED))
		return FAIL("area %d: flags %#x", a->type, si->flags);
	if (si->swap_map != a->map || si->max != a->max || a->expect[0] != SWAP_MAP_BAD)
		return FAIL("area %d: map or max changed", a->type);
	for (unsigned long off = 0; off < a->max; off++) {
		if (a->map[off] != a->expect[off])
			return FAIL("area %d slot %lu: count %u, expected %u", a->type, off,
				    a->map[off], a->expect[off]);
		if (a->expect[off] == SWAP_MAP_BAD)
			continue;
		pages++;
		inuse += a->expect[off] != 0;
	}
	if (si->pages != pages || si->inuse_pages != inuse)
		return FAIL("area %d: pages %lu inuse %lu, expected %lu and %lu", a->type,
			    si->pages, si->inuse_pages, pages, inuse);
	why = check_clusters(a);
	if (why)
		return why;
	*total += a->enabled ? pages : 0;
	*nr += (a->enabled ? pages : 0) - inuse;
	return NULL;
}

/* swap_list: exactly the enabled areas, by descending priority; next on it. */
static const char *check_swap_list(const struct swap_model *m)
{
	int nr_enabled = 0, listed = 0, prev = -1;
	bool next_listed = false;

	for (int i = 0; i < m->nr_areas; i++)
		nr_enabled += m->area[i].enabled;
	for (int i = swap_list.head; i >= 0; prev = i, i = swap_info[i].next) {
		if (++listed > MAX_SWAPFILES || !(swap_info[i].flags & SWP_WRITEOK))
			return FAIL("swap_list: area %d should not be listed (or a loop)", i);
		if (prev >= 0 && swap_info[prev].prio < swap_info[i].prio)
			return FAIL("swap_list: prio %d before %d", swap_info[prev].prio,
				    swap_info[i].prio);
		next_listed |= i == swap_list.next;
	}
	if (listed != nr_enabled)
		return FAIL("swap_list: %d areas, %d enabled", listed, nr_enabled);
	if (listed ? !next_listed : swap_list.next != -1)
		return FAIL("swap_list.next %d is not on swap_list", swap_list.next);
	return NULL;
}

/* No area ranks above swap_list.next while it has a free slot. */
static const char *check_next_is_best(const struct swap_model *m)
{
	if (swap_list.next < 0)
		return NULL;
	for (int i = 0; i < m->nr_areas; i++) {
		const struct swap_model_area *a = &m->area[i];

		if (a->enabled && a->prio > swap_info[swap_list.next].prio && has_free_slot(a))
			return FAIL("swap_list.next %d passes over area %d with free slots",
				    swap_list.next, a->type);
	}
	return NULL;
}

const char *swap_model_check(const struct swap_model *m)
{
	long nr = 0, total = 0;
	const char *why;
	int used = 0;

	for (int i = 0; i < m->nr_areas; i++) {
		why = check_area(&m->area[i], &nr, &total);
		if (why)
			return why;
	}
	for (int t = 0; t < MAX_SWAPFILES; t++)
		used += swap_info[t].flags != 0;
	if (used != m->nr_areas)
		return FAIL("%d swap_info entries in use, the model has %d", used, m->nr_areas);
	if (nr_swap_pages != nr || total_swap_pages != total)
		return FAIL("nr_swap_pages %ld total_swap_pages %ld, expected %ld and %ld",
			    nr_swap_pages, total_swap_pages, nr, total);
	why = check_swap_list(m);
	return why ? why : check_next_is_best(m);
}

const char *swap_model_destroy(struct swap_model *m)
{
	const char *why = NULL;

	for (int i = 0; i < m->nr_areas && !why; i++)
		why = swapoff(&m->area[i]);
	for (int i = 0; i < m->nr_areas; i++) {
		free(m->area[i].map);
		free(m->area[i].expect);
		free(m->area[i].bad);
	}
	if (!why && (nr_swap_pages || total_swap_pages || swap_list.head != -1))
		why = FAIL("after swapoff: nr_swap_pages %ld total_swap_pages %ld head %d",
			   nr_swap_pages, total_swap_pages, swap_list.head);
	m->nr_areas = 0;
	return why;
}
