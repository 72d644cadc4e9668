/*
 * The buffer cache (see include/fs/buffer_head.h).
 *
 * One list holds every buffer, most recently used first. A lookup walks
 * it (a few hundred buffers at most); the budget is enforced by freeing
 * unused buffers from the tail.
 *
 * Locking: not preemptible, one CPU: list updates do not sleep and so are
 * atomic. The sleeps are kmalloc and the disk read. A buffer is put on the
 * list *before* its read, marked b_locked, so a second reader of the same
 * block finds it and waits on buffer_wait instead of reading it twice; a
 * failed read leaves the buffer marked b_error for everyone who waited.
 */
#include <fs/buffer_head.h>
#include <block/blkdev.h>
#include <kernel/bug.h>
#include <kernel/printk.h>
#include <kernel/wait.h>
#include <mm/mmzone.h>
#include <mm/slab.h>
#include <uapi/errno.h>

static LIST_HEAD(buffers);
static unsigned long cached_bytes;
static DECLARE_WAIT_QUEUE_HEAD(buffer_wait);
unsigned long buffer_lookups, buffer_reads;

static unsigned long budget(void)
{
	return max(totalram_pages * PAGE_SIZE / 64, 64UL * 1024);
}

static void free_buffer(struct buffer_head *bh)
{
	list_del(&bh->b_list);
	cached_bytes -= bh->b_size;
	kfree(bh->b_data);
	kfree(bh);
}

/* Free unused buffers from the least recently used end until under budget. */
static void shrink_buffers(void)
{
	struct list_head *p = buffers.prev;

	while (p != &buffers && cached_bytes > budget()) {
		struct buffer_head *bh = list_entry(p, struct buffer_head, b_list);
		p = p->prev;
		if (!bh->b_count)
			free_buffer(bh);
	}
}

static struct buffer_head *find_buffer(struct block_device *bdev, u32 block, unsigned int size)
{
	struct buffer_head *bh;

	list_for_each_entry(bh, &buffers, b_list)
		if (bh->b_bdev == bdev && bh->b_blocknr == block && bh->b_size == size &&
		    !bh->b_error)
			return bh;
	return NULL;
}

static struct buffer_head *alloc_buffer(unsigned int size)
{
	struct buffer_head *bh = kzalloc(sizeof(*bh), GFP_KERNEL);

	if (!bh)
		return NULL;
	bh->b_data = kmalloc(size, GFP_KERNEL);
	if (!bh->b_data) {
		kfree(bh);
		return NULL;
	}
	return bh;
}

/* Read a buffer that is not cached; NULL with *err, or a buffer holding a reference. */
static struct buffer_head *read_buffer(struct block_device *bdev, u32 block, unsigned int size,
				       int *err)
{
	struct buffer_head *bh = alloc_buffer(size);

	*err = -ENOMEM;
	if (!bh)
		return NULL;
	if (find_buffer(bdev, block, size)) {	/* read by someone while we allocated */
		kfree(bh->b_data);
		kfree(bh);
		*err = -EAGAIN;
		return NULL;
	}
	bh->b_bdev = bdev;
	bh->b_blocknr = block;
	bh->b_size = size;
	bh->b_count = 1;
	bh->b_locked = true;
	list_add(&bh->b_list, &buffers);
	cached_bytes += size;
	buffer_reads++;
	bh->b_error = bdev_read_sync(bdev, (sector_t)block * (size / SECTOR_SIZE), bh->b_data,
				     size / SECTOR_SIZE);
	bh->b_locked = false;
	wake_up(&buffer_wait);
	*err = bh->b_error;
	return bh;
}

int bread(struct block_device *bdev, u32 block, unsigned int size, struct buffer_head **out)
{
	struct buffer_head *bh;
	int err;

	BUG_ON(size < SECTOR_SIZE || size > PAGE_SIZE || size % SECTOR_SIZE);
	buffer_lookups++;
	for (;;) {
		bh = find_buffer(bdev, block, size);
		if (!bh) {
			bh = read_buffer(bdev, block, size, &err);
			if (err == -EAGAIN)
				continue;
			if (!bh)
				return err;
			break;
		}
		bh->b_count++;
		wait_event(buffer_wait, !bh->b_locked);
		err = bh->b_error;
		break;
	}
	if (err) {
		brelse(bh);
		return err;
	}
	list_move(&bh->b_list, &buffers);
	*out = bh;
	return 0;
}

void brelse(struct buffer_head *bh)
{
	BUG_ON(bh->b_count <= 0);
	if (--bh->b_count)
		return;
	if (bh->b_error)
		free_buffer(bh);
	else
		shrink_buffers();
}

void invalidate_bdev(struct block_device *bdev)
{
	struct buffer_head *bh, *next;

	list_for_each_entry_safe(bh, next, &buffers, b_list)
		if (bh->b_bdev == bdev) {
			WARN_ON(bh->b_count);
			if (!bh->b_count)
				free_buffer(bh);
		}
}
