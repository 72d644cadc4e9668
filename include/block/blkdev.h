/*
 * The block layer: request queues, merging, plugging and the driver
 * interface (Mauerer §6.5, on the request structure and request queues, Linux
 * 2.6's ll_rw_blk.c; the ATA/ATAPI spec sets the limits).
 *
 * submit_bio() turns a bio into a request on its disk's queue, or merges
 * it into a queued request for the adjacent sectors in the same direction
 * (back merge: the bio continues the request; front merge: it precedes
 * it), up to the queue's max_sectors, so contiguous swap slots go to the
 * disk as one multi-sector command. The driver takes one request at a
 * time with blk_fetch_request() and reports the result with
 * blk_end_request().
 *
 * Plugging holds dispatch back while a caller submits a batch:
 *
 *	struct blk_plug plug;
 *	blk_start_plug(&plug, bdev);
 *	... submit_bio() several times: adjacent bios merge ...
 *	blk_finish_plug(&plug);             the merged requests go out now
 *
 * An unplug timer (BLK_UNPLUG_TICKS) dispatches a plugged queue anyway,
 * so a plugger that sleeps (say, to allocate memory) cannot stall the
 * disk, and a full request pool dispatches at once. Without a plug, a
 * request is dispatched as soon as the device is idle.
 *
 * Locking: q->lock (irqsave) protects the queue list, the free requests
 * and the plug state; it is never held while calling the driver or a
 * bi_end_io, both of which may re-enter submit_bio(). A request the
 * driver has fetched belongs to the driver until blk_end_request().
 *
 * Defined in block/blk_core.c and block/blk_sync.c.
 */
#ifndef BLOCK_BLKDEV_H
#define BLOCK_BLKDEV_H

#include <block/bio.h>
#include <block/genhd.h>
#include <kernel/spinlock.h>
#include <kernel/timer.h>
#include <kernel/wait.h>

#define BLKDEV_MAX_RQ	    32 /* requests per queue, preallocated */
#define BLK_UNPLUG_TICKS    2  /* a plugged queue is dispatched anyway after this */
#define BLK_DEF_MAX_SECTORS 256

/* request->cmd_flags */
#define REQ_WRITE   (1U << 0) /* data direction: to the device */
#define REQ_FLUSH   (1U << 1) /* flush the write cache; no data */
#define REQ_STARTED (1U << 2) /* fetched by the driver */
#define REQ_NOMERGE (1U << 3) /* being retried bio by bio after an error */

struct request_queue;

/**
 * struct request - contiguous sectors in one direction, for one command
 * @queuelist: on the queue (or the free list)
 * @q:	       the queue it belongs to
 * @cmd_flags: REQ_*
 * @sector:    first sector of the transfer, on the whole disk
 * @nr_sectors: sectors in the transfer
 * @bio:       the bios, in sector order, chained by bi_next
 * @biotail:   the last bio
 * @cur_bio, @cur_vec, @cur_off: the driver's position in the data (blk_rq_next_sector)
 *
 * Normally the transfer is the whole request. A request marked
 * REQ_NOMERGE is being retried one bio at a time: its transfer (@sector,
 * @nr_sectors) is then just its first bio.
 */
struct request {
	struct list_head queuelist;
	struct request_queue *q;
	unsigned int cmd_flags;
	sector_t sector;
	unsigned int nr_sectors;
	struct bio *bio, *biotail;
	struct bio *cur_bio;
	unsigned int cur_vec, cur_off;
};

static inline int rq_data_dir(const struct request *rq)
{
	return (rq->cmd_flags & REQ_WRITE) ? WRITE : READ;
}

typedef void request_fn_proc(struct request_queue *q);

/**
 * struct request_queue - a disk's pending requests
 * @lock:	  see the top of this file
 * @queue_head:	  requests not yet fetched by the driver, oldest first
 * @free_list:	  unused requests of @pool
 * @wait_free:	  tasks waiting for a free request
 * @request_fn:	  the driver's "there is work" hook: called from any
 *		  context without q->lock; starts the next request if the
 *		  device is idle
 * @queuedata:	  the driver's
 * @disk:	  the disk served
 * @max_sectors:  limit: sectors per request (merging stops there)
 * @plug_count:	  active plugs (blk_start_plug nests)
 * @plug_expired: the unplug timer fired or the pool ran dry: dispatch
 *		  despite the plug until the last plug is finished
 * @unplug_timer: see BLK_UNPLUG_TICKS
 * @pool:	  the BLKDEV_MAX_RQ requests
 */
struct request_queue {
	spinlock_t lock;
	struct list_head queue_head;
	struct list_head free_list;
	wait_queue_head_t wait_free;
	request_fn_proc *request_fn;
	void *queuedata;
	struct gendisk *disk;
	unsigned int max_sectors;
	unsigned int plug_count;
	bool plug_expired;
	struct timer_list unplug_timer;
	struct request *pool;
};

/**
 * blk_init_queue - a new queue served by @fn, for @disk
 *
 * Preallocates the queue's requests, so I/O never allocates memory on
 * the way to the disk (swap-out must work when memory is short).
 * Returns NULL if memory is short. Sets disk->queue.
 */
struct request_queue *blk_init_queue(request_fn_proc *fn, void *queuedata, struct gendisk *disk);

/* Free @q; every request must be back in its pool. */
void blk_cleanup_queue(struct request_queue *q);

/* Set the largest request, in sectors (a queue limit of the device). */
void blk_queue_max_sectors(struct request_queue *q, unsigned int max_sectors);

/* Call the driver if there may be work for it (after blk_finish_plug, a requeue...). */
void blk_run_queue(struct request_queue *q);

/**
 * blk_fetch_request - the next request for the driver, or NULL
 *
 * NULL when the queue is empty or plugged. The request is taken off the
 * queue, marked REQ_STARTED, its data cursor rewound, and counted in the
 * disk's statistics. Any context.
 */
struct request *blk_fetch_request(struct request_queue *q);

/**
 * blk_end_request - the driver finished the transfer of @rq with @error
 *
 * Completes the bios the transfer covered (calling their bi_end_io) and
 * frees the request, or requeues it at the head when bios remain. A
 * failed merged request is not failed as a whole: its bios are retried
 * one by one (REQ_NOMERGE), as Linux does, so only the bio covering the
 * bad sector fails. Any context; the caller then asks its queue for the
 * next request.
 */
void blk_end_request(struct request *rq, int error);

/* Put the data cursor back at the start of @rq's transfer (a driver retrying it). */
void blk_rq_rewind(struct request *rq);

/* The kernel address of the next SECTOR_SIZE bytes of @rq's transfer; advances the cursor. */
void *blk_rq_next_sector(struct request *rq);

/* Plugging, see the top of this file. */
struct blk_plug {
	struct request_queue *q;
};
void blk_start_plug(struct blk_plug *plug, struct block_device *bdev);
void blk_finish_plug(struct blk_plug *plug);

/**
 * bdev_read_sync - read @count sectors at @sector of @bdev into @buf and wait
 * @buf: in the direct map (kmalloc'd, or page_address of a page)
 *
 * Returns 0, -EINVAL (out of range), -EIO (the device reported an error),
 * -ETIMEDOUT (it stopped answering) or -ENOMEM. Sleeps in process
 * context; in early boot (interrupts off) the driver polls instead.
 */
int bdev_read_sync(struct block_device *bdev, sector_t sector, void *buf, unsigned int count);

/* Like bdev_read_sync, in the other direction. */
int bdev_write_sync(struct block_device *bdev, sector_t sector, const void *buf,
		    unsigned int count);

/* Flush @bdev's disk write cache and wait; 0 or an error as bdev_read_sync. */
int blkdev_issue_flush(struct block_device *bdev);

#endif
