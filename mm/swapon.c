/*
 * Activating and deactivating swap areas (Gorman §12.5 "Activating a Swap
 * Area", §12.6 "Deactivating a Swap Area"; Mauerer §18.3 "Managing Swap Areas"). Linux keeps
 * this in mm/swapfile.c; here the slot allocator core (mm/swapfile.c)
 * builds on the host too, so the parts that need the block layer, the page
 * tables and the scheduler live in this file.
 *
 * swapon: look up the block device, claim it, read and validate the mkswap
 * header, build swap_map, and insert the area into swap_list by priority.
 * swapoff: stop allocating from the area, bring every page back
 * (try_to_unuse), free swap_map, release the device.
 *
 * Locking: swapon/swapoff run in process context under swapon_mutex (a
 * flag: the kernel is not preemptible, but both sleep on disk reads);
 * swap_lock inside the core protects swap_map and swap_list.
 */
#include <mm/swapon.h>
#include <mm/swapfile.h>
#include <mm/swap_extent.h>
#include <mm/swap_header.h>
#include <mm/swap_state.h>
#include <mm/pagemap.h>
#include <mm/rmap.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include <mm/gfp.h>
#include <mm/vmstat.h>
#include <mm/slab.h>
#include <block/blkdev.h>
#include <fs/fs.h>
#include <kernel/sched.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>
#include <arch/x86/paging.h>
#include <lib/vsnprintf.h>
#include <lib/string.h>
#include <uapi/abi.h>
#include <uapi/errno.h>
#include <uapi/signal.h>

#define SECTORS_PER_PAGE (PAGE_SIZE / 512)

static bool swapon_busy;
static DECLARE_WAIT_QUEUE_HEAD(swapon_wait);

static void swapon_lock(void)
{
	wait_event(swapon_wait, !swapon_busy);
	swapon_busy = true;
}

static void swapon_unlock(void)
{
	swapon_busy = false;
	wake_up(&swapon_wait);
}

/* "/dev/hda1" or "/mnt/swapfile": how messages and /proc/swaps name an area. */
static void area_path(const struct swap_info_struct *si, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s", si->swap_file ? "" : "/dev/", si->name);
}

/*
 * What swapon works on: a block device, or a regular file of a mounted
 * file system (then @bdev is the file system's device and the file's
 * blocks are found with bmap). The device is claimed, or the file's inode
 * held and marked I_SWAPFILE (which keeps its file system mounted), from
 * get_swap_source() until the area is gone.
 */
struct swap_source {
	struct block_device *bdev;
	struct inode *file;
	char name[64];		/* "hda1" or the file's path, see swap_info_struct.name */
	char path[72];		/* "/dev/hda1" or the file's path, for messages */
	unsigned long pages;	/* of the device or the file */
};

static int source_of_device(struct inode *inode, struct swap_source *src)
{
	src->bdev = inode->i_private;
	strlcpy(src->name, src->bdev->name, sizeof(src->name));
	snprintf(src->path, sizeof(src->path), "/dev/%s", src->name);
	src->pages = src->bdev->nr_sects / SECTORS_PER_PAGE;
	if (bdev_claim(src->bdev, (void *)swap_info)) {
		printk(KERN_ERR "swapon: %s: device busy (already a swap area, or mounted)\n",
		       src->path);
		return -EBUSY;
	}
	return 0;
}

static int source_of_file(struct inode *inode, const char *path, struct swap_source *src)
{
	if (inode->i_state & I_SWAPFILE) {
		printk(KERN_ERR "swapon: %s: already a swap area\n", path);
		return -EBUSY;
	}
	if (!inode->i_op || !inode->i_op->bmap || !inode->i_sb->s_bdev) {
		printk(KERN_ERR "swapon: %s: its file system cannot map swap pages\n", path);
		return -EINVAL;
	}
	src->bdev = inode->i_sb->s_bdev;
	src->file = igrab(inode);
	inode->i_state |= I_SWAPFILE;
	strlcpy(src->name, path, sizeof(src->name));
	strlcpy(src->path, path, sizeof(src->path));
	src->pages = (unsigned long)(inode->i_size >> PAGE_SHIFT);
	return 0;
}

/*
 * Look up @name, a device name ("hda1") or a path, into @p; @canon
 * (PATH_MAX bytes) gets its canonical path. @who names the caller in the
 * one line printed when the lookup fails.
 */
static int lookup_swap_path(const char *name, struct path *p, char *canon, const char *who)
{
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	int r;

	if (!path)
		return -ENOMEM;
	snprintf(path, PATH_MAX, "%s%s", name[0] == '/' ? "" : "/dev/", name);
	r = kern_path(path, LOOKUP_FOLLOW, p, canon);
	if (r)
		printk(KERN_ERR "%s: %s: %s\n", who, path,
		       r != -ENOENT	 ? "cannot be looked up"
		       : name[0] == '/' ? "no such file or directory"
					: "no such device");
	kfree(path);
	return r;
}

/* @name: "hda1" (a device) or a path; resolve it and take hold of it. */
static int get_swap_source(const char *name, struct swap_source *src)
{
	char *canon = kmalloc(PATH_MAX, GFP_KERNEL);
	struct path p;
	int r = canon ? lookup_swap_path(name, &p, canon, "swapon") : -ENOMEM;

	memset(src, 0, sizeof(*src));
	if (!r) {
		if (S_ISBLK(p.inode->i_mode)) {
			r = source_of_device(p.inode, src);
		} else if (S_ISREG(p.inode->i_mode)) {
			r = source_of_file(p.inode, canon, src);
		} else {
			printk(KERN_ERR "swapon: %s: not a block device or a regular file\n", canon);
			r = -EINVAL;
		}
		path_put(&p);
	}
	kfree(canon);
	return r;
}

static void put_swap_source(struct swap_source *src)
{
	if (src->file) {
		src->file->i_state &= ~I_SWAPFILE;
		iput(src->file);
	} else {
		bdev_release(src->bdev);
	}
}

static unsigned int blkbits_of(const struct inode *file)
{
	return order_base_2(file->i_sb->s_blocksize);
}

/* Read page @index of the swap file @file into @page, block by block (holes read as 0). */
static int read_file_page(struct inode *file, unsigned long index, u8 *page)
{
	unsigned int blkbits = blkbits_of(file), per_page = 1U << (PAGE_SHIFT - blkbits);

	for (unsigned int i = 0; i < per_page; i++) {
		u32 phys;
		int r = file->i_op->bmap(file, (u64)index * per_page + i, &phys);
		if (!r && !phys)
			memset(page + (i << blkbits), 0, 1U << blkbits);
		else if (!r)
			r = bdev_read_sync(file->i_sb->s_bdev, (sector_t)phys << (blkbits - 9),
					   page + (i << blkbits), 1U << (blkbits - 9));
		if (r)
			return r;
	}
	return 0;
}

/* Read the header page of @src into @page and validate it. */
static int read_header(struct swap_source *src, void *page, struct swap_header_info *hdr)
{
	const char *reason;
	int r = src->file ? read_file_page(src->file, 0, page)
			  : bdev_read_sync(src->bdev, 0, page, SECTORS_PER_PAGE);

	if (r) {
		printk(KERN_ERR "swapon: %s: cannot read the swap header (error %d)\n", src->path, r);
		return r;
	}
	if (swap_header_parse(page, src->pages, hdr, &reason)) {
		printk(KERN_ERR "swapon: %s: %s\n", src->path, reason);
		return -EINVAL;
	}
	return 0;
}

/* swap_map for @max slots, from the page allocator (it can be large). */
static unsigned short *alloc_swap_map(unsigned long max, unsigned int *order)
{
	*order = order_base_2(DIV_ROUND_UP(max * sizeof(unsigned short), PAGE_SIZE));
	if (*order >= MAX_ORDER)
		return NULL;
	return (unsigned short *)__get_free_pages(GFP_KERNEL | __GFP_ZERO, *order);
}

static int file_bmap(void *file, u64 block, u32 *phys)
{
	struct inode *inode = file;

	return inode->i_op->bmap(inode, block, phys);
}

/*
 * Build @si's extents (mm/swap_extent.c): one for a device, the file's
 * usable pages for a file, which may make the area shorter than @hdr says
 * (*@max). *@span: the disk pages the area is spread over.
 */
static int map_area(struct swap_info_struct *si, struct swap_source *src,
		    const struct swap_header_info *hdr, unsigned long *max, unsigned long *span)
{
	int r;

	*max = hdr->max;
	if (!src->file) {
		*span = hdr->pages;
		return add_swap_extent(si, 0, hdr->max, 0);
	}
	r = setup_swap_extents(si, blkbits_of(src->file),
			       (u64)src->file->i_size >> blkbits_of(src->file), hdr->max, file_bmap,
			       src->file, max, span);
	if (r == -EINVAL)
		printk(KERN_ERR "swapon: %s: swapfile has holes\n", src->path);
	else if (r >= 0 && *max < 2) {
		printk(KERN_ERR "swapon: %s: no page of the file is usable\n", src->path);
		destroy_swap_extents(si);
		r = -EINVAL;
	}
	return r;
}

static int activate(struct swap_source *src, int flags, const struct swap_header_info *hdr)
{
	struct swap_header_info mapped = *hdr;
	struct swap_info_struct *si;
	unsigned long span;
	unsigned short *map;
	unsigned int order;
	int type, prio, r;

	map = alloc_swap_map(hdr->max, &order);
	if (!map) {
		printk(KERN_ERR "swapon: %s: no memory for swap_map of %lu slots\n", src->path,
		       hdr->max);
		return -ENOMEM;
	}
	type = swap_area_alloc(src->name);
	if (type < 0) {
		printk(KERN_ERR "swapon: %s: all %d swap areas are in use\n", src->path,
		       MAX_SWAPFILES);
		free_pages((unsigned long)map, order);
		return type;
	}
	si = &swap_info[type];
	si->bdev = src->bdev;
	si->swap_file = src->file;
	r = map_area(si, src, hdr, &mapped.max, &span);
	if (r < 0) {
		swap_area_free(si);
		free_pages((unsigned long)map, order);
		return r;
	}
	swap_area_setup(si, map, mapped.max);
	swap_area_apply_badpages(si, &mapped);
	prio = (flags & SWAP_FLAG_PREFER) ? (flags & SWAP_FLAG_PRIO_MASK)
					  : swap_next_default_prio();
	swap_area_enable(si, prio);
	printk(KERN_INFO "Adding %luk swap on %s.  Priority:%d extents:%d across:%luk%s%s\n",
	       si->pages * (PAGE_SIZE / 1024), src->path, prio,
	       si->nr_extents, span * (PAGE_SIZE / 1024), hdr->label[0] ? " label:" : "",
	       hdr->label);
	return 0;
}

int do_swapon(const char *name, int flags)
{
	struct swap_source src;
	struct swap_header_info hdr;
	void *page;
	int r;

	if (flags & ~(SWAP_FLAG_PREFER | SWAP_FLAG_PRIO_MASK))
		return -EINVAL;
	swapon_lock();
	r = get_swap_source(name, &src);
	if (r)
		goto out;
	page = (void *)__get_free_page(GFP_KERNEL);
	r = page ? read_header(&src, page, &hdr) : -ENOMEM;
	if (!r)
		r = activate(&src, flags, &hdr);
	free_page((unsigned long)page);
	if (r)
		put_swap_source(&src);
out:
	swapon_unlock();
	return r;
}

/* ---- bringing pages back: try_to_unuse ------------------------------- */

/*
 * @page (locked, not under writeback) holds the last reference to its slot
 * of an area being swapped off: take it out of the swap cache. Its only
 * copy is in memory now, so it is dirty, unless its read failed (then it
 * is only freed).
 */
static void drop_from_dying_area(struct page *page)
{
	if (PageUptodate(page))
		SetPageDirty(page);
	delete_from_swap_cache(page, NULL);
}

/* Bring in the page for the swap PTE at @addr of @mm (if still there). */
static int unuse_one(struct mm_struct *mm, unsigned long addr, pte_t orig)
{
	swp_entry_t entry = pte_to_swp_entry(orig);
	struct pte_chain *pc = pte_chain_alloc(GFP_KERNEL);
	struct page *page;
	pte_t *ptep;
	int r = 0;

	swapin_readahead(entry);
	page = read_swap_cache_async(entry);
	if (!page || !pc) {
		if (page)
			put_page(page);
		pte_chain_free(pc);
		ptep = pte_offset(mm, addr);	/* no page: the slot may be free by now */
		return ptep && *ptep == orig ? -ENOMEM : 0;
	}
	lock_page(page);
	ptep = pte_offset(mm, addr);	/* we slept: look again */
	if (ptep && *ptep == orig && PageSwapCache(page) && page->private == entry.val) {
		if (!PageUptodate(page)) {
			swap_read_failed(page);	/* the owners get SIGBUS if they touch it */
		} else {
			r = swapin_pte(mm, addr, ptep, page, &pc);
			/*
			 * The last PTE holding the slot is gone: the page leaves
			 * the swap cache at once, so reclaim may move it to another
			 * area while we bring in the rest.
			 */
			if (!r && !PageWriteback(page) && swap_count(entry) == 1)
				drop_from_dying_area(page);
		}
	}
	unlock_page(page);
	put_page(page);
	pte_chain_free(pc);
	return r;
}

/* Does @pte hold a slot of area @type? (The poisoned PTE holds none.) */
static bool holds_area(pte_t pte, int type)
{
	return pte && !(pte & _PAGE_PRESENT) && !is_poisoned_pte(pte) &&
	       swp_type(pte_to_swp_entry(pte)) == (unsigned int)type;
}

/* Free memory below the zones' pages_min: time to stop bringing pages in. */
static bool memory_short(void)
{
	unsigned long min = 0;
	struct zone *zone;

	for_each_zone(zone)
		min += zone->pages_min;
	return nr_free_pages() < min;
}

struct unuse_walk {
	struct mm_struct *mm;
	int type;
};

static int unuse_pte_entry(pte_t *ptep, unsigned long addr, void *arg)
{
	struct unuse_walk *w = arg;
	int r;

	if (!holds_area(*ptep, w->type))
		return 0;
	r = unuse_one(w->mm, addr, *ptep);
	/*
	 * Memory is short. Reclaim makes room by moving pages to the other
	 * areas (the allocations in unuse_one wait for it); with no room
	 * there either, give up before nothing is left.
	 */
	if (!r && memory_short() && !swap_free_elsewhere(&swap_info[w->type]))
		r = -ENOMEM;
	cond_resched();
	return r;
}

/* Bring back every page of area @type that @mm holds. */
static int unuse_mm(struct mm_struct *mm, int type)
{
	static const struct mm_walk_ops unuse_ops = { unuse_pte_entry };
	struct unuse_walk w = { mm, type };
	int r;

	mm->mm_users++;	/* the walk sleeps; keep the mm alive */
	r = walk_page_range(mm, 0, USER_SPACE_END, &unuse_ops, &w);
	mmput(mm);
	return r;
}

static int area_pte_entry(pte_t *ptep, unsigned long addr, void *type)
{
	return holds_area(*ptep, *(int *)type);
}

/* An mm that still has PTEs holding slots of area @type, or NULL. */
static struct mm_struct *mm_using_area(int type)
{
	static const struct mm_walk_ops find_ops = { area_pte_entry };
	struct mm_struct *mm;

	list_for_each_entry(mm, &mm_list, mmlist)
		if (walk_page_range(mm, 0, USER_SPACE_END, &find_ops, &type))
			return mm;
	return NULL;
}

/* Replace every swap PTE of area @type in every mm. */
static int unuse_all_mms(int type)
{
	struct mm_struct *mm;
	int r;

	while ((mm = mm_using_area(type)))
		if ((r = unuse_mm(mm, type)))
			return r;
	return 0;
}

/*
 * Once no page table holds a slot of @si, the slots still in use are
 * held by the swap cache alone: drop those pages from it. A slot no
 * longer counts its owners once saturated (SWAP_MAP_MAX); with every PTE
 * gone only the cache holds it, so its count becomes 1 first (such a slot
 * is read into the cache if it is not there). A slot that a PTE holds
 * again by now (a process was forked meanwhile) is left for the next
 * round of try_to_unuse.
 */
static void drop_cached_slots(struct swap_info_struct *si, int type)
{
	for (unsigned long i = 1; i < si->max; i++) {
		unsigned short c = si->swap_map[i];
		swp_entry_t entry = swp_entry(type, i);
		struct page *page;
		if (!c || c == SWAP_MAP_BAD)
			continue;
		page = c == SWAP_MAP_MAX ? read_swap_cache_async(entry) : lookup_swap_cache(entry);
		if (!page)
			continue;
		lock_page(page);
		wait_on_page_writeback(page);
		if (PageSwapCache(page) && page->private == entry.val) {
			swap_reset_overflow(entry);
			if (swap_count(entry) == 1)
				drop_from_dying_area(page);
		}
		unlock_page(page);
		put_page(page);
	}
}

/* Rounds of try_to_unuse in a row that may free nothing before it gives up. */
#define UNUSE_IDLE_ROUNDS 8

/* The first slot of @si still in use, for the message of a swapoff that gives up. */
static void report_busy_slot(struct swap_info_struct *si)
{
	char path[72];

	area_path(si, path, sizeof(path));
	for (unsigned long i = 1; i < si->max; i++)
		if (si->swap_map[i] && si->swap_map[i] != SWAP_MAP_BAD) {
			printk(KERN_ERR "swapoff: %s: slot %lu (count %u) is still in use, "
					"%lu slots in all\n", path, i, si->swap_map[i], si->inuse_pages);
			return;
		}
}

/*
 * try_to_unuse - bring every page of area @type back into memory (Gorman
 * §12.6). Each mm that holds swap PTEs of the area is drained in turn
 * (the list is searched again after each one, because the walk sleeps and
 * processes come and go), then the slots only the swap cache holds are
 * dropped from it. Meanwhile no new reference to the area appears
 * (reclaim keeps its pages mapped, see swap_writeok), but a fork may copy
 * a PTE the walk has not reached yet, so this goes round until the area
 * is empty, giving up only after rounds in a row that freed nothing.
 */
static int try_to_unuse(int type)
{
	struct swap_info_struct *si = &swap_info[type];
	int idle = 0, r;

	while (si->inuse_pages) {
		unsigned long before = si->inuse_pages;
		if ((r = unuse_all_mms(type)))
			return r;
		drop_cached_slots(si, type);
		if (si->inuse_pages < before) {
			idle = 0;
		} else if (++idle == UNUSE_IDLE_ROUNDS) {
			report_busy_slot(si);
			return -EBUSY;
		} else {
			schedule_timeout_uninterruptible(idle);	/* writes to end, exits to finish */
		}
	}
	return 0;
}

/* The area @name names (a device name or a path): its type, -ENOENT, or -EINVAL if not swap. */
static int find_area(const char *name)
{
	char *canon = kmalloc(PATH_MAX, GFP_KERNEL);
	struct path p;
	int r = canon ? lookup_swap_path(name, &p, canon, "swapoff") : -ENOMEM;

	kfree(canon);
	if (r)
		return r;
	r = -EINVAL;
	for (int type = 0; type < MAX_SWAPFILES && r < 0; type++) {
		const struct swap_info_struct *si = &swap_info[type];
		if (!(si->flags & SWP_USED))
			continue;
		if (si->swap_file ? si->swap_file == p.inode
				  : S_ISBLK(p.inode->i_mode) && si->bdev == p.inode->i_private)
			r = type;
	}
	path_put(&p);
	return r;
}

/* Let go of what swapon took hold of: the device's claim, or the swap file. */
static void release_area(struct swap_info_struct *si)
{
	struct swap_source src = { .bdev = si->bdev, .file = si->swap_file };

	destroy_swap_extents(si);
	put_swap_source(&src);
}

/*
 * Can memory hold @si's pages in use? Linux's rule: RAM (here the free
 * pages above a reserve of 1/64 of it) plus the free slots of the other
 * areas, where reclaim can move pages meanwhile.
 */
static bool room_for(const struct swap_info_struct *si, unsigned long free_now)
{
	unsigned long reserve = totalram_pages / 64;
	unsigned long room = (free_now > reserve ? free_now - reserve : 0) + swap_free_elsewhere(si);

	return si->inuse_pages <= room;
}

int do_swapoff(const char *name)
{
	struct swap_info_struct *si;
	int type, prio, r;
	unsigned long free_now = nr_free_pages(), max;
	unsigned short *map;
	char path[72];

	swapon_lock();
	type = find_area(name);	/* Linux: -ENOENT no such file, -EINVAL not swap */
	if (type < 0) {
		swapon_unlock();
		return type;
	}
	si = &swap_info[type];
	area_path(si, path, sizeof(path));
	if (!room_for(si, free_now)) {
		printk(KERN_ERR "swapoff: %s: %lu pages in use, only %lu free pages and %lu free "
				"slots on other areas: not enough memory to bring them back\n",
		       path, si->inuse_pages, free_now, swap_free_elsewhere(si));
		swapon_unlock();
		return -ENOMEM;
	}
	prio = si->prio;
	swap_area_disable(si);
	r = try_to_unuse(type);
	if (r) {
		printk(KERN_ERR "swapoff: %s: %s; the area stays active\n", path,
		       r == -ENOMEM ? "out of memory" : "pages still in use");
		swap_area_enable(si, prio);
		swapon_unlock();
		return r;
	}
	max = si->max;
	release_area(si);
	map = swap_area_free(si);
	free_pages((unsigned long)map,
		   order_base_2(DIV_ROUND_UP(max * sizeof(unsigned short), PAGE_SIZE)));
	printk(KERN_INFO "swapoff: %s: all pages back in memory\n", path);
	swapon_unlock();
	return 0;
}

/* A user path for swapon/swapoff: relative paths start at "/" (there is no working directory). */
static long user_swap_path(const char *upath, char **out)
{
	char *path;
	long r = getname(upath, &path);

	if (r)
		return r;
	if (!path[0]) {
		putname(path);
		return -ENOENT;
	}
	if (path[0] != '/' && strlen(path) + 1 < PATH_MAX) {
		memmove(path + 1, path, strlen(path) + 1);
		path[0] = '/';	/* not a device name: "hda1" means /hda1 here */
	}
	*out = path;
	return 0;
}

long sys_swapon(const char *upath, long flags)
{
	char *path;
	long r = user_swap_path(upath, &path);

	if (!r) {
		r = do_swapon(path, (int)flags);
		putname(path);
	}
	return r;
}

long sys_swapoff(const char *upath)
{
	char *path;
	long r = user_swap_path(upath, &path);

	if (!r) {
		r = do_swapoff(path);
		putname(path);
	}
	return r;
}

/* ---- write errors ---------------------------------------------------- */

struct map_back {
	struct page *page;
	swp_entry_t entry;
	struct mm_struct *mm;
};

static int map_back_pte_entry(pte_t *ptep, unsigned long addr, void *arg)
{
	struct map_back *mb = arg;
	struct pte_chain *pc;
	int r;

	if (*ptep != swp_entry_to_pte(mb->entry))
		return 0;
	pc = pte_chain_alloc(GFP_ATOMIC);	/* we must not sleep here */
	r = swapin_pte(mb->mm, addr, ptep, mb->page, &pc);
	pte_chain_free(pc);
	return r;
}

/* Map @page (locked, in the swap cache as @entry) into every PTE that holds @entry. */
static int map_back_everywhere(struct page *page, swp_entry_t entry)
{
	static const struct mm_walk_ops map_back_ops = { map_back_pte_entry };
	struct map_back mb = { page, entry, NULL };
	int r;

	list_for_each_entry(mb.mm, &mm_list, mmlist)
		if ((r = walk_page_range(mb.mm, 0, USER_SPACE_END, &map_back_ops, &mb)))
			return r;
	return 0;
}

/*
 * A write of this swap-cache page failed (PG_error on an up-to-date page):
 * its slot cannot hold it. Every PTE that holds the entry gets the page
 * mapped back, and the page leaves the swap cache still dirty, which
 * retires the slot (see delete_from_swap_cache). The next reclaim pass
 * gives the page a fresh slot. The page is locked by the caller. A page
 * whose read failed never comes here: it must not be mapped.
 */
bool swap_retire_bad_slot(struct page *page)
{
	swp_entry_t entry = { .val = page->private };

	BUG_ON(!PageLocked(page) || !PageSwapCache(page) || !PageUptodate(page));
	if (PageWriteback(page) || map_back_everywhere(page, entry))
		return false;
	if (swap_count(entry) != 1)
		return false;
	delete_from_swap_cache(page, NULL);
	SetPageDirty(page);
	return true;
}

/* ---- /proc/swaps, sysinfo and swap= ------------------------------------ */

/**
 * si_swapinfo - swap totals for sysinfo(2), /proc/meminfo and the OOM report
 * @val: its totalswap and freeswap are set, in pages
 *
 * Like Linux's si_swapinfo: an area being swapped off has left both
 * totals, and each of its slots still in use brings nr_swap_pages one
 * further down until swapoff frees it; those slots count as used swap
 * (in the total, not free) so that free never exceeds total.
 */
void si_swapinfo(struct sysinfo *val)
{
	unsigned long flags = spin_lock_irqsave(&swap_lock);
	unsigned long draining = 0;

	for (int type = 0; type < MAX_SWAPFILES; type++)
		if ((swap_info[type].flags & SWP_USED) && !(swap_info[type].flags & SWP_WRITEOK))
			draining += swap_info[type].inuse_pages;
	val->freeswap = nr_swap_pages + draining;
	val->totalswap = total_swap_pages + draining;
	spin_unlock_irqrestore(&swap_lock, flags);
}


int swaps_format(char *buf, size_t len)
{
	int n = snprintf(buf, len, "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");

	for (int type = 0; type < MAX_SWAPFILES; type++) {
		struct swap_info_struct *si = &swap_info[type];
		char path[72];
		if (!(si->flags & SWP_WRITEOK))
			continue;
		area_path(si, path, sizeof(path));
		n += snprintf(buf + min((size_t)n, len), len - min((size_t)n, len),
			      "%-40s%s\t%lu\t\t%lu\t\t%d\n", path,
			      si->swap_file ? "file\t" : "partition",
			      si->pages * (PAGE_SIZE / 1024), si->inuse_pages * (PAGE_SIZE / 1024),
			      si->prio);
	}
	return n;
}

static char swap_param[128];

static int set_swap(const char *val)
{
	if (!val || !*val)
		return -EINVAL;
	strlcpy(swap_param, val, sizeof(swap_param));
	return 0;
}
__setup("swap", set_swap);

/* swap=DEV[:PRIO][,DEV[:PRIO]...], once the disks are known. */
void swap_setup_from_cmdline(void)
{
	char *p = swap_param;

	while (*p) {
		char *comma = strchr(p, ','), *colon;
		int flags = 0;
		if (comma)
			*comma = 0;
		colon = strchr(p, ':');
		if (colon) {
			*colon = 0;
			flags = SWAP_FLAG_PREFER | (simple_strtol(colon + 1, NULL, 10) &
						    SWAP_FLAG_PRIO_MASK);
		}
		do_swapon(p, flags);
		if (!comma)
			break;
		p = comma + 1;
	}
}
