/*
 * /proc/swaps: the active swap areas in Linux's format (what swapon -s
 * prints): path, type (partition or file), size and use in KiB, priority.
 * An area being swapped off is no longer listed, as in Linux.
 */
#include <fs/proc.h>
#include <mm/page.h>
#include <mm/swapfile.h>
#include <kernel/spinlock.h>

static void show_swaps(struct seq_buf *s)
{
	seq_printf(s, "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
	for (int type = 0; type < MAX_SWAPFILES; type++) {
		const struct swap_info_struct *si = &swap_info[type];
		unsigned long flags = spin_lock_irqsave(&swap_lock);
		bool on = si->flags & SWP_WRITEOK, file = si->swap_file;
		unsigned long size = si->pages * (PAGE_SIZE / 1024);
		unsigned long used = si->inuse_pages * (PAGE_SIZE / 1024);
		int prio = si->prio;
		char path[72];

		if (on)
			swap_area_path(si, path, sizeof(path));
		spin_unlock_irqrestore(&swap_lock, flags);
		if (on)
			seq_printf(s, "%-40s%s\t%lu\t\t%lu\t\t%d\n", path, file ? "file\t" : "partition",
				   size, used, prio);
	}
}
PROC_ENTRY(swaps, show_swaps);
