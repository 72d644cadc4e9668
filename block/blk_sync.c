/*
 * Synchronous block I/O for callers that want to wait: swapon reading a
 * swap header, the partition code, /dev reads, tests and benchmarks
 * (Linux's submit_bio_wait). One bio per max_sectors chunk, submitted
 * and waited for in turn.
 *
 * In process context the caller sleeps on a wait queue until bi_end_io
 * (run by the driver's interrupt handler) wakes it. In early boot, with
 * interrupts off, the driver polls, so the bio is already complete when
 * submit_bio() returns and wait_event() does not sleep.
 */
#include <block/blkdev.h>
#include <mm/page.h>
#include <uapi/errno.h>

struct sync_io {
	wait_queue_head_t wait;
	volatile bool done;
	int error;
};

static void sync_end_io(struct bio *bio, int error)
{
	struct sync_io *s = bio->bi_private;

	s->error = error;
	s->done = true;
	wake_up(&s->wait);
}

/* One bio for @count sectors at @buf (0 for a flush), submitted and waited for. */
static int submit_bio_wait(int rw, struct block_device *bdev, sector_t sector, void *buf,
			   unsigned int count)
{
	struct sync_io s = { .done = false };
	struct bio *bio = bio_alloc(GFP_NOIO, 1);

	if (!bio)
		return -ENOMEM;
	init_waitqueue_head(&s.wait);
	bio->bi_bdev = bdev;
	bio->bi_sector = sector;
	bio->bi_end_io = sync_end_io;
	bio->bi_private = &s;
	if (count)
		bio_add_page(bio, virt_to_page(buf), count * SECTOR_SIZE,
			     (unsigned long)buf & ~PAGE_MASK);
	submit_bio(rw, bio);
	/* With interrupts off nothing could ever wake us: the driver must have polled. */
	BUG_ON(irqs_disabled() && !s.done);
	wait_event(s.wait, s.done);
	bio_put(bio);
	return s.error;
}

static int bdev_rw_sync(int rw, struct block_device *bdev, sector_t sector, void *buf,
			unsigned int count)
{
	unsigned int max = bdev->disk->queue->max_sectors;

	while (count) {
		unsigned int n = min(count, max);
		int r = submit_bio_wait(rw, bdev, sector, buf, n);
		if (r)
			return r;
		sector += n;
		buf = (char *)buf + n * SECTOR_SIZE;
		count -= n;
	}
	return 0;
}

int bdev_read_sync(struct block_device *bdev, sector_t sector, void *buf, unsigned int count)
{
	return bdev_rw_sync(READ, bdev, sector, buf, count);
}

int bdev_write_sync(struct block_device *bdev, sector_t sector, const void *buf, unsigned int count)
{
	return bdev_rw_sync(WRITE, bdev, sector, (void *)buf, count);
}

int blkdev_issue_flush(struct block_device *bdev)
{
	return submit_bio_wait(WRITE | BIO_FLUSH, bdev, 0, NULL, 0);
}
