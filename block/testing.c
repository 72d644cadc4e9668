/*
 * Self-test helpers for block I/O: recorded asynchronous bios and a RAM
 * disk with a command log and an injectable bad sector. See
 * include/block/testing.h.
 */
#include <block/testing.h>
#include <mm/gfp.h>
#include <mm/page.h>
#include <lib/string.h>
#include <uapi/errno.h>

#define TEST_DISK_MAX_DATA 64 /* sectors: an order-3 block */

static DECLARE_WAIT_QUEUE_HEAD(test_bio_wq);

static void test_bio_end_io(struct bio *bio, int error)
{
	struct test_bio *tb = bio->bi_private;

	tb->error = error;
	tb->done = true;
	wake_up(&test_bio_wq);
}

int test_bio_submit(struct test_bio *tb, int rw, struct block_device *bdev, sector_t sector,
		    void *buf, unsigned int count)
{
	tb->done = false;
	tb->error = 0;
	tb->bio = bio_alloc(GFP_KERNEL, 1);
	if (!tb->bio) {
		tb->error = -ENOMEM;
		tb->done = true;
		return -ENOMEM;
	}
	tb->bio->bi_bdev = bdev;
	tb->bio->bi_sector = sector;
	tb->bio->bi_end_io = test_bio_end_io;
	tb->bio->bi_private = tb;
	bio_add_page(tb->bio, virt_to_page(buf), count * SECTOR_SIZE,
		     (unsigned long)buf & ~PAGE_MASK);
	submit_bio(rw, tb->bio);
	return 0;
}

static bool all_done(const struct test_bio *tb, int n)
{
	for (int i = 0; i < n; i++)
		if (!tb[i].done)
			return false;
	return true;
}

void test_bio_wait_all(struct test_bio *tb, int n)
{
	wait_event(test_bio_wq, all_done(tb, n));
	for (int i = 0; i < n; i++) {
		bio_put(tb[i].bio);
		tb[i].bio = NULL;
	}
}

static int count_bios(const struct request *rq)
{
	int n = 0;

	if (rq->cmd_flags & REQ_NOMERGE)
		return 1;
	for (const struct bio *b = rq->bio; b; b = b->bi_next)
		n++;
	return n;
}

/* Copy one sector between the backing store and @p (beyond it: zeros, or dropped). */
static void copy_sector(struct test_disk *td, sector_t sector, void *p, int dir)
{
	u8 *store = td->data + sector * SECTOR_SIZE;

	if (sector >= td->data_sectors) {
		if (dir == READ)
			memset(p, 0, SECTOR_SIZE);
	} else if (dir == READ) {
		memcpy(p, store, SECTOR_SIZE);
	} else {
		memcpy(store, p, SECTOR_SIZE);
	}
}

/* Serve @rq's transfer and log it; returns its result. */
static int test_disk_transfer(struct test_disk *td, struct request *rq)
{
	struct test_disk_cmd cmd = { rq->sector, rq->nr_sectors, rq_data_dir(rq), count_bios(rq),
				     0 };

	if (rq->cmd_flags & REQ_FLUSH)
		cmd.nr_sectors = 0;
	else if (td->bad_sector >= rq->sector && td->bad_sector < rq->sector + rq->nr_sectors)
		cmd.error = -EIO;
	for (unsigned int i = 0; i < cmd.nr_sectors && !cmd.error; i++)
		copy_sector(td, rq->sector + i, blk_rq_next_sector(rq), cmd.dir);
	if (td->nr_log < TEST_DISK_LOG)
		td->log[td->nr_log++] = cmd;
	return cmd.error;
}

static void test_disk_request_fn(struct request_queue *q)
{
	struct test_disk *td = q->queuedata;
	struct request *rq;

	if (td->busy || td->stopped)
		return;
	td->busy = true;
	while ((rq = blk_fetch_request(q)))
		blk_end_request(rq, test_disk_transfer(td, rq));
	td->busy = false;
}

int test_disk_create(struct test_disk *td, const char *name, sector_t capacity,
		     sector_t data_sectors)
{
	memset(td, 0, sizeof(*td));
	if (data_sectors > TEST_DISK_MAX_DATA)
		return -EINVAL;
	td->data = (u8 *)__get_free_pages(GFP_KERNEL | __GFP_ZERO, 3);
	if (!td->data)
		return -ENOMEM;
	td->data_sectors = data_sectors;
	td->bad_sector = ~0UL;
	strlcpy(td->disk.disk_name, name, sizeof(td->disk.disk_name));
	td->disk.capacity = capacity;
	if (!blk_init_queue(test_disk_request_fn, td, &td->disk)) {
		free_pages((unsigned long)td->data, 3);
		return -ENOMEM;
	}
	bdev_init(&td->disk.part0, &td->disk, name, 0, capacity, 0, 0);
	return 0;
}

void test_disk_destroy(struct test_disk *td)
{
	blk_cleanup_queue(td->disk.queue);
	free_pages((unsigned long)td->data, 3);
}

void test_disk_start(struct test_disk *td)
{
	td->stopped = false;
	blk_run_queue(td->disk.queue);
}
