/*
 * struct bio: one block I/O in flight, the unit the rest of the kernel
 * hands to the block layer (Mauerer §6.5, on submitting requests, the
 * Linux 2.6 shape). A bio names a device, a first sector relative to that
 * device, a direction, and a list of (page, offset, length) pieces of
 * memory; the block layer calls bi_end_io once when the whole bio is done.
 *
 *	bio = bio_alloc(GFP_NOIO, 1);
 *	bio->bi_bdev = bdev;  bio->bi_sector = slot * 8;
 *	bio_add_page(bio, page, PAGE_SIZE, 0);
 *	bio->bi_end_io = end_swap_bio_write;  bio->bi_private = page;
 *	submit_bio(WRITE, bio);            returns at once; bi_end_io runs later,
 *	                                   possibly in interrupt context
 *
 * A bio is owned by its submitter: the block layer never frees one; the
 * usual bi_end_io ends with bio_put().
 *
 * Defined in block/bio.c; submit_bio in block/blk_core.c.
 */
#ifndef BLOCK_BIO_H
#define BLOCK_BIO_H

#include <lib/types.h>
#include <mm/gfp.h>

/* Sector numbers. 32 bits address 2 TiB of 512-byte sectors. */
typedef unsigned long sector_t;

#define SECTOR_SHIFT 9
#define SECTOR_SIZE  (1U << SECTOR_SHIFT)

/* Directions and flags for submit_bio()'s @rw. */
#define READ	  0
#define WRITE	  1
#define BIO_FLUSH 2 /* with WRITE and no data: flush the device's write cache */

struct page;
struct bio;
struct block_device;

/* Completion callback: @error is 0, -EIO, -ETIMEDOUT, -EINVAL or -ENOMEM. */
typedef void bio_end_io_t(struct bio *bio, int error);

/*
 * A piece of memory: bv_len bytes from page_address(bv_page) + bv_offset.
 * The piece may run past the end of its page into the following ones
 * when they are contiguous in the direct map (any buffer from kmalloc or
 * a multi-page alloc_pages), so a driver can address it as one range.
 */
struct bio_vec {
	struct page *bv_page;
	unsigned int bv_len;	/* bytes, a multiple of SECTOR_SIZE */
	unsigned int bv_offset; /* from the start of the page, see below */
};

/**
 * struct bio - a block I/O
 * @bi_bdev:	 the device (a whole disk or a partition)
 * @bi_sector:	 first sector, relative to @bi_bdev
 * @bi_next:	 the next bio of the same request (block layer only)
 * @bi_rw:	 READ or WRITE, optionally | BIO_FLUSH (set by submit_bio)
 * @bi_vcnt:	 vecs in use
 * @bi_max_vecs: vecs allocated
 * @bi_size:	 bytes; submit_bio() recomputes it from the vecs, so callers
 *		 that fill bi_io_vec by hand need not set it
 * @bi_io_vec:	 the vecs (allocated with the bio)
 * @bi_end_io:	 called once when the I/O is done, or NULL
 * @bi_private:	 for the submitter
 * @bi_cmd_sectors: sectors of the device command that carried the bio, set
 *		 by the block layer before bi_end_io (0 if it never reached
 *		 the driver): how much merging achieved, for the trace events
 */
struct bio {
	struct block_device *bi_bdev;
	sector_t bi_sector;
	struct bio *bi_next;
	unsigned long bi_rw;
	unsigned short bi_vcnt;
	unsigned short bi_max_vecs;
	unsigned int bi_size;
	struct bio_vec *bi_io_vec;
	bio_end_io_t *bi_end_io;
	void *bi_private;
	unsigned int bi_cmd_sectors;
	struct bio_vec bi_inline_vecs[];
};

static inline unsigned int bio_sectors(const struct bio *bio)
{
	return bio->bi_size >> SECTOR_SHIFT;
}

static inline int bio_data_dir(const struct bio *bio)
{
	return bio->bi_rw & WRITE;
}

/* A bio with room for @nr_vecs vecs (at most BIO_MAX_VECS), zeroed; NULL if memory is short. */
struct bio *bio_alloc(gfp_t gfp, unsigned int nr_vecs);
#define BIO_MAX_VECS 128

/* Free a bio from bio_alloc(). */
void bio_put(struct bio *bio);

/**
 * bio_add_page - append @len bytes at @offset in @page to @bio
 *
 * Returns @len, or 0 when the bio has no free vec (the caller then
 * submits the bio and starts another, as in Linux) or @len is not whole
 * sectors. See struct bio_vec for pieces longer than a page.
 */
int bio_add_page(struct bio *bio, struct page *page, unsigned int len, unsigned int offset);

/**
 * submit_bio - start I/O on @bio
 * @rw: READ or WRITE (| BIO_FLUSH for an empty cache-flush bio)
 *
 * Never sleeps unless every request of the queue is in use, and then
 * only in process context. A bio that is invalid (beyond the end of its
 * device, larger than the queue's max_sectors, not whole sectors) is
 * completed at once with -EINVAL and a console message, before any
 * hardware is touched. Otherwise bi_end_io runs when the I/O is done,
 * possibly in interrupt context and possibly before submit_bio returns.
 */
void submit_bio(int rw, struct bio *bio);

/* Complete @bio with @error (block layer and drivers). */
void bio_endio(struct bio *bio, int error);

#endif
