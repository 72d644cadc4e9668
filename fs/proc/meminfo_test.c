/*
 * Self-tests of /proc/meminfo's swap-cache lines (fs/proc/meminfo.c), read
 * through the file's own show function as a program would see them.
 *
 *   Dirty   follows PG_dirty of the pages in the swap cache: up when
 *           add_to_swap gives a page a slot it has not written yet, down
 *           when reclaim writes it, up again when the page is redirtied
 *           (a failed write, a dirty PTE moved to the page), down when it
 *           leaves the cache
 *
 * Explicit: tests/suites_mm.py boots "test=meminfo" with a swap area on hda.
 */
#include <kernel/ktest.h>
#include <fs/proc.h>
#include <mm/mm.h>
#include <mm/test_mm.h>
#include <mm/lru.h>
#include <mm/rmap.h>
#include <mm/pagemap.h>
#include <mm/swap_state.h>
#include <mm/swapfile.h>
#include <mm/vmscan.h>
#include <arch/x86/irqflags.h>
#include <arch/x86/paging.h>
#include <lib/vsnprintf.h>

extern const struct proc_entry __proc_entries_start[], __proc_entries_end[];

/* The value of "@field:" in /proc/meminfo, in kB; -1 if missing. */
static long meminfo_kb(const char *field)
{
	static char text[2048];
	size_t n = strlen(field);
	struct seq_buf s;

	for (const struct proc_entry *e = __proc_entries_start; e < __proc_entries_end; e++) {
		if (strcmp(e->name, "meminfo"))
			continue;
		seq_buf_init(&s, text, sizeof(text));
		e->show(&s);
		for (const char *line = text; line && *line; line = strchr(line, '\n')) {
			line += *line == '\n';
			if (strncmp(line, field, n) || line[n] != ':')
				continue;
			line += n + 1;
			while (*line == ' ')
				line++;
			return (long)simple_strtoull(line, NULL, 10);
		}
	}
	return -1;
}

/*
 * Write @page (in the swap cache, dirty) as reclaim does and wait for the
 * write: it stays in the cache, clean and unmapped. Interrupts stay off
 * while shrink_list runs so the write is still in flight when it returns
 * and the page is kept, not freed.
 */
static bool write_back(struct page *page)
{
	struct scan_control sc = { .gfp_mask = GFP_KERNEL, .may_swap = true, .nr_to_reclaim = 1 };
	unsigned long flags;
	LIST_HEAD(list);

	lru_add_drain();
	page_referenced(page);
	ClearPageReferenced(page);
	if (isolate_lru_page(page, &list))
		return false;
	flags = local_irq_save();
	shrink_list(&list, &sc);
	local_irq_restore(flags);
	wait_on_page_writeback(page);
	putback_lru_pages(&list);
	return PageSwapCache(page) && !PageDirty(page);
}

static void test_dirty_counts_redirtied_swap_cache_pages(struct ktest *t)
{
	struct mm_struct *mm = test_mm_create(1);
	struct page *page;
	long dirty0;

	KT_ASSERT(t, mm);
	KT_ASSERT_EQ(t, do_swapon("hda", 0), 0);
	KT_ASSERT(t, test_mm_fill(mm, 1));
	page = pfn_to_page(test_mm_pte(mm, 0) >> PAGE_SHIFT);
	get_page(page); /* ours, across the unmap and the write */
	dirty0 = meminfo_kb("Dirty");
	KT_EXPECT(t, dirty0 >= 0);

	lock_page(page);
	KT_EXPECT(t, add_to_swap(page));
	unlock_page(page);
	KT_EXPECT_EQ(t, meminfo_kb("Dirty"), dirty0 + 4); /* a slot not written yet */

	KT_EXPECT(t, write_back(page));
	KT_EXPECT_EQ(t, meminfo_kb("Dirty"), dirty0);

	/* What a failed write (end_swap_bio_write) or unmap_one's dirty PTE does. */
	SetPageDirty(page);
	KT_EXPECT_EQ(t, meminfo_kb("Dirty"), dirty0 + 4);

	lock_page(page);
	ClearPageDirty(page);
	if (PageSwapCache(page) && !page_mapped(page))
		delete_from_swap_cache(page, NULL);
	unlock_page(page);
	KT_EXPECT_EQ(t, meminfo_kb("Dirty"), dirty0);
	put_page(page);
	mmput(mm);
	KT_EXPECT_EQ(t, do_swapoff("hda"), 0);
}

KTEST_SUITE_FLAGS(meminfo, KTEST_EXPLICIT,
		  KTEST_CASE(test_dirty_counts_redirtied_swap_cache_pages));
