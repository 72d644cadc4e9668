/*
 * /proc/swapmap: every swap area's slot counts as text, one character per
 * slot, for the swapmap tool (user/swapmap.c) and for reading with cat.
 * There is no such file in Linux; it shows what Gorman §11.3 describes,
 * how the slot allocator hands out slots in runs of SWAPFILE_CLUSTER.
 *
 * For each area that swapon has set up (also while swapoff drains it):
 *
 *	NAME SLOTS CLUSTER free_clusters=N current=C
 *	H.....1111112+..X...	SLOTS characters, 64 to a line
 *
 * The alphabet: 'H' the header (slot 0), 'X' a bad slot (mkswap's list or
 * a write error), '.' free, '1'-'9' the use count (swap cache and PTEs),
 * '+' more than 9. CLUSTER is SWAPFILE_CLUSTER, so the tool marks the
 * clusters right when an exercise changes it. N is the number of clusters
 * on the allocator's free list (every slot free: where the next runs of
 * allocations go), C the cluster allocations come from now. A 64 MiB area is 16 KiB of text, more than the 8 KiB /proc
 * starts with; proc_generate() grows the buffer.
 *
 * Locking: an area's header line and each line of its map are copied
 * under swap_lock (swap_slot_counts), so the map of a busy area may change
 * between lines; /proc/swapextents is one snapshot under swap_lock.
 */
#include <fs/proc.h>
#include <mm/swapfile.h>
#include <mm/swap_extent.h>

#define SWAPMAP_LINE 64 /* slots per line */

/* The character for @slot whose use count is @count. */
static char swap_slot_char(unsigned long slot, unsigned short count)
{
	if (count & SWAP_MAP_BAD)
		return slot == 0 ? 'H' : 'X';
	if (count == 0)
		return '.';
	return count <= 9 ? (char)('0' + count) : '+';
}

static void show_swapmap(struct seq_buf *s)
{
	for (int type = 0; type < MAX_SWAPFILES; type++) {
		const struct swap_info_struct *si = &swap_info[type];
		unsigned long flags = spin_lock_irqsave(&swap_lock);
		unsigned long serial = si->serial, max = si->max, nr_free = si->nr_free_clusters;
		unsigned long curr = si->curr_cluster;

		spin_unlock_irqrestore(&swap_lock, flags);
		if (!(si->flags & SWP_USED) || !serial)
			continue;
		seq_printf(s, "%s %lu %d free_clusters=%lu current=%lu\n", si->name, max,
			   SWAPFILE_CLUSTER, nr_free, curr);
		for (unsigned long start = 0; start < max; start += SWAPMAP_LINE) {
			unsigned short counts[SWAPMAP_LINE];
			char line[SWAPMAP_LINE + 1];
			unsigned long n = swap_slot_counts(type, serial, start, counts, SWAPMAP_LINE);

			for (unsigned long i = 0; i < n; i++)
				line[i] = swap_slot_char(start + i, counts[i]);
			line[n] = 0;
			seq_printf(s, "%s\n", line);
		}
	}
}
PROC_ENTRY(swapmap, show_swapmap);

/*
 * /proc/swapextents: where each area's slots are on its device (see
 * <mm/swap_extent.h>). For each area: "NAME EXTENTS", then one line per
 * extent "START_PAGE NR_PAGES START_BLOCK": slots START_PAGE.. are the
 * disk pages START_BLOCK.. (in 4 KiB pages of the area's device). A
 * partition has one extent; a swap file one per fragment.
 */
static void show_swapextents(struct seq_buf *s)
{
	unsigned long flags = spin_lock_irqsave(&swap_lock);

	for (int type = 0; type < MAX_SWAPFILES; type++) {
		const struct swap_info_struct *si = &swap_info[type];
		const struct swap_extent *se;

		if (!(si->flags & SWP_USED) || !si->serial)
			continue;
		seq_printf(s, "%s %d\n", si->name, si->nr_extents);
		list_for_each_entry(se, &si->extent_list, list)
			seq_printf(s, "%lu %lu %lu\n", se->start_page, se->nr_pages, se->start_block);
	}
	spin_unlock_irqrestore(&swap_lock, flags);
}
PROC_ENTRY(swapextents, show_swapextents);
