/*
 * Swap extents (Mauerer §18.3.1 "Data Structures" on extents, §18.5 on
 * map_swap_page; Linux 2.6's
 * mm/swapfile.c add_swap_extent, setup_swap_extents, map_swap_page).
 * The data structure is drawn in <mm/swap_extent.h>.
 *
 * Host-built core: tests/host/swap_extent_test.c checks the builder on
 * synthetic block maps and map_swap_page against a brute-force map.
 */
#include <mm/swap_extent.h>
#include <mm/swapfile.h>
#include <mm/slab.h>
#include <kernel/bug.h>
#include <uapi/errno.h>

static struct swap_extent *last_extent(struct swap_info_struct *si)
{
	if (list_empty(&si->extent_list))
		return NULL;
	return list_last_entry(&si->extent_list, struct swap_extent, list);
}

int add_swap_extent(struct swap_info_struct *si, unsigned long start_page,
		    unsigned long nr_pages, unsigned long start_block)
{
	struct swap_extent *se = last_extent(si);

	if (se) {
		BUG_ON(se->start_page + se->nr_pages != start_page);
		if (se->start_block + se->nr_pages == start_block) {
			se->nr_pages += nr_pages;	/* contiguous on the disk too */
			return 0;
		}
	}
	se = kmalloc(sizeof(*se), GFP_KERNEL);
	if (!se)
		return -ENOMEM;
	se->start_page = start_page;
	se->nr_pages = nr_pages;
	se->start_block = start_block;
	list_add_tail(&se->list, &si->extent_list);
	if (!si->curr_swap_extent)
		si->curr_swap_extent = se;
	si->nr_extents++;
	return 1;
}

/*
 * The disk page of the page-sized piece of the file starting at block
 * @probe: 1 and *@page when its blocks are contiguous and the first one is
 * page-aligned, 0 when not, or a negative errno (-EINVAL for a hole).
 */
static int probe_page(unsigned int blkbits, u64 probe, swap_bmap_fn bmap, void *ctx,
		      unsigned long *page)
{
	unsigned int per_page = 1U << (PAGE_SHIFT - blkbits);
	u32 first, block;
	int r = bmap(ctx, probe, &first);

	if (r)
		return r;
	if (!first)
		return -EINVAL;
	if (first & (per_page - 1))
		return 0;
	for (unsigned int i = 1; i < per_page; i++) {
		r = bmap(ctx, probe + i, &block);
		if (r)
			return r;
		if (!block)
			return -EINVAL;
		if (block != first + i)
			return 0;	/* a discontiguity */
	}
	*page = first >> (PAGE_SHIFT - blkbits);
	return 1;
}

int setup_swap_extents(struct swap_info_struct *si, unsigned int blkbits, u64 nr_blocks,
		       unsigned long max_pages, swap_bmap_fn bmap, void *ctx,
		       unsigned long *pages, unsigned long *span)
{
	unsigned int per_page = 1U << (PAGE_SHIFT - blkbits);
	unsigned long page_no = 0, lowest = ~0UL, highest = 0, disk_page = 0;
	u64 probe = 0;
	int r;

	BUG_ON(blkbits < 9 || blkbits > PAGE_SHIFT || !list_empty(&si->extent_list));
	while (probe + per_page <= nr_blocks && page_no < max_pages) {
		r = probe_page(blkbits, probe, bmap, ctx, &disk_page);
		if (r < 0)
			goto fail;
		if (r == 0) {
			probe++;	/* not usable: try the piece one block further */
			continue;
		}
		if (page_no) {	/* the header's slot is not data */
			lowest = min(lowest, disk_page);
			highest = max(highest, disk_page);
		}
		r = add_swap_extent(si, page_no, 1, disk_page);
		if (r < 0)
			goto fail;
		page_no++;
		probe += per_page;
	}
	*pages = page_no;
	*span = highest >= lowest ? highest - lowest + 1 : 0;
	return si->nr_extents;
fail:
	destroy_swap_extents(si);
	return r;
}

unsigned long map_swap_page(struct swap_info_struct *si, unsigned long offset)
{
	struct swap_extent *se = si->curr_swap_extent, *start = se;

	for (;;) {
		struct list_head *next;
		if (offset >= se->start_page && offset - se->start_page < se->nr_pages)
			return se->start_block + (offset - se->start_page);
		next = se->list.next;
		if (next == &si->extent_list)
			next = next->next;	/* the list is a ring: past the head */
		se = list_entry(next, struct swap_extent, list);
		si->curr_swap_extent = se;
		BUG_ON(se == start);	/* every slot of the area is in an extent */
	}
}

void destroy_swap_extents(struct swap_info_struct *si)
{
	while (!list_empty(&si->extent_list)) {
		struct swap_extent *se = list_first_entry(&si->extent_list, struct swap_extent, list);
		list_del(&se->list);
		kfree(se);
	}
	si->curr_swap_extent = NULL;
	si->nr_extents = 0;
}
