/*
 * Request queues: from bios to requests to the driver (Mauerer §6.5,
 * Linux 2.6 block/ll_rw_blk.c with the noop elevator: FIFO order, merges
 * with any queued request). See include/block/blkdev.h for the model,
 * the plugging rules and the locking.
 *
 * Life of a request:
 *
 *   free_list --submit_bio--> queue_head --blk_fetch_request--> driver
 *       ^                         ^                               |
 *       |                         +---- requeue (bios remain) ----+
 *       +------------------ free (all bios done) -----------------+
 *
 * Requests come from a per-queue pool allocated at blk_init_queue(), so
 * the I/O path never allocates: swap-out runs when memory is shortest.
 */
#include <block/blkdev.h>
#include <kernel/printk.h>
#include <kernel/time.h>
#include <mm/slab.h>
#include <mm/page.h>
#include <lib/bitops.h>
#include <lib/string.h>
#include <uapi/errno.h>

static void blk_unplug_timeout(void *data);

struct request_queue *blk_init_queue(request_fn_proc *fn, void *queuedata, struct gendisk *disk)
{
	struct request_queue *q = kzalloc(sizeof(*q), GFP_KERNEL);

	if (!q)
		return NULL;
	q->pool = kzalloc(BLKDEV_MAX_RQ * sizeof(struct request), GFP_KERNEL);
	if (!q->pool) {
		kfree(q);
		return NULL;
	}
	spin_lock_init(&q->lock);
	INIT_LIST_HEAD(&q->queue_head);
	INIT_LIST_HEAD(&q->free_list);
	for (int i = 0; i < BLKDEV_MAX_RQ; i++) {
		q->pool[i].q = q;
		list_add_tail(&q->pool[i].queuelist, &q->free_list);
	}
	init_waitqueue_head(&q->wait_free);
	init_timer(&q->unplug_timer, blk_unplug_timeout, q);
	q->request_fn = fn;
	q->queuedata = queuedata;
	q->disk = disk;
	q->max_sectors = BLK_DEF_MAX_SECTORS;
	disk->queue = q;
	return q;
}

void blk_cleanup_queue(struct request_queue *q)
{
	int free = 0;
	struct request *rq;

	list_for_each_entry(rq, &q->free_list, queuelist)
		free++;
	BUG_ON(free != BLKDEV_MAX_RQ || q->plug_count);
	del_timer(&q->unplug_timer);
	q->disk->queue = NULL;
	kfree(q->pool);
	kfree(q);
}

void blk_queue_max_sectors(struct request_queue *q, unsigned int max_sectors)
{
	BUG_ON(!max_sectors);
	q->max_sectors = max_sectors;
}

void blk_run_queue(struct request_queue *q)
{
	q->request_fn(q);
}

/* The first sector of @bio on the whole disk. */
static sector_t bio_disk_sector(const struct bio *bio)
{
	return bio->bi_bdev->start_sect + bio->bi_sector;
}

/* Sum up the vecs into bi_size; -EINVAL if one is not whole sectors. */
static int bio_count_bytes(struct bio *bio)
{
	bio->bi_size = 0;
	for (int i = 0; i < bio->bi_vcnt; i++) {
		const struct bio_vec *bv = &bio->bi_io_vec[i];
		if (!bv->bv_page || !bv->bv_len || bv->bv_len % SECTOR_SIZE)
			return -EINVAL;
		bio->bi_size += bv->bv_len;
	}
	return 0;
}

/*
 * Is @bio acceptable for @q? Everything is checked here, before a request
 * exists, so a bad bio never reaches the hardware.
 */
static int bio_check(struct bio *bio, struct request_queue *q)
{
	struct block_device *bdev = bio->bi_bdev;
	const char *dir = bio_data_dir(bio) ? "write" : "read";
	unsigned int nr;

	if (bio_count_bytes(bio)) {
		printk(KERN_ERR "%s: bio at sector %lu rejected: a vec is not whole sectors\n",
		       bdev->name, bio->bi_sector);
		return -EINVAL;
	}
	nr = bio_sectors(bio);
	if (bio->bi_rw & BIO_FLUSH)
		return (bio->bi_rw & WRITE) && !nr ? 0 : -EINVAL;
	if (!nr || nr > q->max_sectors) {
		printk(KERN_ERR "%s: %s of %u sectors at sector %lu rejected: the limit is 1..%u\n",
		       bdev->name, dir, nr, bio->bi_sector, q->max_sectors);
		return -EINVAL;
	}
	if (bio->bi_sector >= bdev->nr_sects || nr > bdev->nr_sects - bio->bi_sector) {
		printk(KERN_ERR "%s: %s beyond end of device: sector %lu + %u > %lu sectors\n",
		       bdev->name, dir, bio->bi_sector, nr, bdev->nr_sects);
		return -EINVAL;
	}
	return 0;
}

/* Can @bio join @rq? Same direction, plain data, within the size limit. */
static bool rq_mergeable(const struct request *rq, const struct bio *bio, unsigned int max)
{
	return !(rq->cmd_flags & (REQ_FLUSH | REQ_NOMERGE)) &&
	       rq_data_dir(rq) == bio_data_dir(bio) && rq->nr_sectors + bio_sectors(bio) <= max;
}

/*
 * Merge @bio into a queued request that it continues (back merge) or
 * precedes (front merge). Queued requests are not started, so their
 * extent can still grow. Called with q->lock held.
 */
static bool bio_attempt_merge(struct request_queue *q, struct bio *bio)
{
	sector_t sector = bio_disk_sector(bio);
	unsigned int nr = bio_sectors(bio);
	struct request *rq;

	list_for_each_entry(rq, &q->queue_head, queuelist) {
		if (!rq_mergeable(rq, bio, q->max_sectors))
			continue;
		if (rq->sector + rq->nr_sectors == sector) {
			rq->biotail->bi_next = bio;
			rq->biotail = bio;
		} else if (sector + nr == rq->sector) {
			bio->bi_next = rq->bio;
			rq->bio = bio;
			rq->sector = sector;
		} else {
			continue;
		}
		rq->nr_sectors += nr;
		q->disk->stats.merges[bio_data_dir(bio)]++;
		return true;
	}
	return false;
}

/*
 * Take a request from @q's pool; called and returns with q->lock held
 * (*flags). When the pool is empty, the queued requests are dispatched
 * despite any plug, and the caller sleeps until one is freed if it may
 * (@can_sleep: process context). In early boot the driver polls, so the
 * dispatch itself frees requests. Returns NULL only when the pool is
 * still empty and the caller may not sleep.
 */
static struct request *get_request(struct request_queue *q, unsigned long *flags, bool can_sleep)
{
	struct request *rq;

	while (list_empty(&q->free_list)) {
		q->plug_expired = true;
		spin_unlock_irqrestore(&q->lock, *flags);
		blk_run_queue(q);
		if (can_sleep)
			wait_event(q->wait_free, !list_empty(&q->free_list));
		*flags = spin_lock_irqsave(&q->lock);
		if (!can_sleep && list_empty(&q->free_list))
			return NULL;
	}
	rq = list_first_entry(&q->free_list, struct request, queuelist);
	list_del_init(&rq->queuelist);
	return rq;
}

static void init_request_from_bio(struct request *rq, struct bio *bio)
{
	rq->cmd_flags = 0;
	if (bio_data_dir(bio))
		rq->cmd_flags |= REQ_WRITE;
	if (bio->bi_rw & BIO_FLUSH)
		rq->cmd_flags |= REQ_FLUSH;
	rq->sector = bio_disk_sector(bio);
	rq->nr_sectors = bio_sectors(bio);
	rq->bio = rq->biotail = bio;
}

void submit_bio(int rw, struct bio *bio)
{
	struct request_queue *q = bio->bi_bdev->disk->queue;
	bool can_sleep = !irqs_disabled();
	unsigned long flags;
	struct request *rq;
	int err;

	bio->bi_rw = rw;
	bio->bi_next = NULL;
	err = bio_check(bio, q);
	if (err) {
		bio_endio(bio, err);
		return;
	}
	flags = spin_lock_irqsave(&q->lock);
	if ((rw & BIO_FLUSH) || !bio_attempt_merge(q, bio)) {
		rq = get_request(q, &flags, can_sleep);
		if (!rq) {
			spin_unlock_irqrestore(&q->lock, flags);
			printk(KERN_ERR "%s: no free request for sector %lu in atomic context\n",
			       bio->bi_bdev->name, bio->bi_sector);
			bio_endio(bio, -ENOMEM);
			return;
		}
		init_request_from_bio(rq, bio);
		list_add_tail(&rq->queuelist, &q->queue_head);
		if (q->plug_count && !timer_pending(&q->unplug_timer))
			mod_timer(&q->unplug_timer, jiffies + BLK_UNPLUG_TICKS);
	}
	spin_unlock_irqrestore(&q->lock, flags);
	blk_run_queue(q);
}

/* Count a command the driver is about to issue. Called with q->lock held. */
static void blk_account(struct request_queue *q, const struct request *rq)
{
	struct disk_stats *st = &q->disk->stats;
	int dir = rq_data_dir(rq);

	if (rq->cmd_flags & REQ_FLUSH)
		return;
	st->ios[dir]++;
	st->sectors[dir] += rq->nr_sectors;
	if (dir == WRITE)
		st->write_hist[min(__fls(rq->nr_sectors), DISK_HIST_BUCKETS - 1)]++;
}

/* May @q dispatch @rq? A plug holds back new requests, not a retry under way. */
static bool may_dispatch(const struct request_queue *q, const struct request *rq)
{
	return !q->plug_count || q->plug_expired || (rq->cmd_flags & REQ_NOMERGE);
}

struct request *blk_fetch_request(struct request_queue *q)
{
	unsigned long flags = spin_lock_irqsave(&q->lock);
	struct request *rq = NULL;

	if (!list_empty(&q->queue_head)) {
		rq = list_first_entry(&q->queue_head, struct request, queuelist);
		if (may_dispatch(q, rq)) {
			list_del_init(&rq->queuelist);
			rq->cmd_flags |= REQ_STARTED;
			blk_account(q, rq);
			blk_rq_rewind(rq);
		} else {
			/*
			 * Held back by a plug. The request may predate the plug
			 * (queued while the device was busy), so no bio of the
			 * plugger armed the timer, and the plugger may sleep
			 * waiting for this very request: arm it here.
			 */
			if (!timer_pending(&q->unplug_timer))
				mod_timer(&q->unplug_timer, jiffies + BLK_UNPLUG_TICKS);
			rq = NULL;
		}
	}
	spin_unlock_irqrestore(&q->lock, flags);
	return rq;
}

/* Put @rq back at the head of its queue, its transfer the first bio if retrying bio by bio. */
static void requeue_request(struct request *rq)
{
	struct request_queue *q = rq->q;
	unsigned long flags = spin_lock_irqsave(&q->lock);

	rq->cmd_flags &= ~REQ_STARTED;
	if (rq->cmd_flags & REQ_NOMERGE) {
		rq->sector = bio_disk_sector(rq->bio);
		rq->nr_sectors = bio_sectors(rq->bio);
	}
	list_add(&rq->queuelist, &q->queue_head);
	spin_unlock_irqrestore(&q->lock, flags);
}

static void free_request(struct request *rq)
{
	struct request_queue *q = rq->q;
	unsigned long flags = spin_lock_irqsave(&q->lock);

	rq->cmd_flags = 0;
	rq->bio = rq->biotail = rq->cur_bio = NULL;
	list_add(&rq->queuelist, &q->free_list);
	spin_unlock_irqrestore(&q->lock, flags);
	wake_up(&q->wait_free);
}

/*
 * Detach the bios @rq's transfer covered: the first one when retrying bio
 * by bio, else all. Returns them as a chain.
 */
static struct bio *detach_done_bios(struct request *rq)
{
	struct bio *done = rq->bio;

	if (rq->cmd_flags & REQ_NOMERGE) {
		rq->bio = done->bi_next;
		done->bi_next = NULL;
	} else {
		rq->bio = NULL;
	}
	return done;
}

void blk_end_request(struct request *rq, int error)
{
	struct request_queue *q = rq->q;
	unsigned int cmd_sectors = rq->nr_sectors;
	unsigned long flags;
	struct bio *bio, *next;

	BUG_ON(!(rq->cmd_flags & REQ_STARTED));
	if (error) {
		flags = spin_lock_irqsave(&q->lock);
		q->disk->stats.errors++;
		spin_unlock_irqrestore(&q->lock, flags);
	}
	if (error && !(rq->cmd_flags & REQ_NOMERGE) && rq->bio != rq->biotail) {
		printk(KERN_ERR "%s: retrying the failed request for sectors %lu-%lu bio by bio\n",
		       q->disk->disk_name, rq->sector, rq->sector + rq->nr_sectors - 1);
		rq->cmd_flags |= REQ_NOMERGE;
		requeue_request(rq);
		return;
	}
	bio = detach_done_bios(rq);
	if (rq->bio)
		requeue_request(rq);
	else
		free_request(rq);
	/* Last: a bi_end_io may free its bio or submit more I/O. */
	for (; bio; bio = next) {
		next = bio->bi_next;
		bio->bi_next = NULL;
		bio->bi_cmd_sectors = cmd_sectors;
		bio_endio(bio, error);
	}
}

void blk_rq_rewind(struct request *rq)
{
	rq->cur_bio = rq->bio;
	rq->cur_vec = 0;
	rq->cur_off = 0;
}

void *blk_rq_next_sector(struct request *rq)
{
	struct bio_vec *bv;
	char *p;

	BUG_ON(!rq->cur_bio);
	bv = &rq->cur_bio->bi_io_vec[rq->cur_vec];
	p = (char *)page_address(bv->bv_page) + bv->bv_offset + rq->cur_off;
	rq->cur_off += SECTOR_SIZE;
	if (rq->cur_off == bv->bv_len) {
		rq->cur_off = 0;
		if (++rq->cur_vec == rq->cur_bio->bi_vcnt) {
			rq->cur_vec = 0;
			rq->cur_bio = rq->cur_bio->bi_next;
		}
	}
	return p;
}

void blk_start_plug(struct blk_plug *plug, struct block_device *bdev)
{
	struct request_queue *q = bdev->disk->queue;
	unsigned long flags = spin_lock_irqsave(&q->lock);

	if (q->plug_count++ == 0)
		q->plug_expired = false;
	spin_unlock_irqrestore(&q->lock, flags);
	plug->q = q;
}

void blk_finish_plug(struct blk_plug *plug)
{
	struct request_queue *q = plug->q;
	unsigned long flags = spin_lock_irqsave(&q->lock);

	BUG_ON(!q->plug_count);
	if (--q->plug_count == 0) {
		q->plug_expired = false;
		del_timer(&q->unplug_timer);
	}
	spin_unlock_irqrestore(&q->lock, flags);
	blk_run_queue(q);
}

/* Timer: a plug has held requests back for BLK_UNPLUG_TICKS; send them now. */
static void blk_unplug_timeout(void *data)
{
	struct request_queue *q = data;
	unsigned long flags = spin_lock_irqsave(&q->lock);

	if (q->plug_count)
		q->plug_expired = true;
	spin_unlock_irqrestore(&q->lock, flags);
	blk_run_queue(q);
}
