/*
 * Helpers for the self-tests of the block layer, the partition code and
 * the block drivers (block/testing.c):
 *
 *   struct test_bio   an asynchronous bio whose completion is recorded,
 *                     so a test can submit a batch and check each result
 *   struct test_disk  a small RAM disk with its own queue, not registered
 *                     anywhere: requests complete inside request_fn (like
 *                     the ATA driver in early boot), every command is
 *                     logged, and one sector can be made to fail
 */
#ifndef BLOCK_TESTING_H
#define BLOCK_TESTING_H

#include <block/blkdev.h>

struct test_bio {
	struct bio *bio;
	int error;
	volatile bool done;
};

/*
 * Submit @count sectors of @buf (direct map) at @sector of @bdev as one
 * bio; its result lands in @tb. Returns 0 or -ENOMEM.
 */
int test_bio_submit(struct test_bio *tb, int rw, struct block_device *bdev, sector_t sector,
		    void *buf, unsigned int count);

/* Wait for the @n bios of @tb to complete, then free them. */
void test_bio_wait_all(struct test_bio *tb, int n);

#define TEST_DISK_LOG 48

struct test_disk_cmd {
	sector_t sector;
	unsigned int nr_sectors;
	int dir;     /* READ or WRITE; FLUSH commands have nr_sectors 0 */
	int nr_bios; /* bios the command carried */
	int error;
};

/**
 * struct test_disk - a RAM disk for tests
 * @disk:	  its gendisk (disk.part0 is the whole-disk bdev)
 * @data:	  the first @data_sectors sectors; the rest read as zeros and
 *		  writes to them are dropped, so a large disk costs little
 * @bad_sector:	  a command touching it fails with -EIO (~0UL: none)
 * @stopped:	  request_fn does nothing (requests pile up in the queue)
 * @busy:	  request_fn is running (a bi_end_io may re-enter it)
 * @log, @nr_log: the commands served, oldest first
 */
struct test_disk {
	struct gendisk disk;
	u8 *data;
	sector_t data_sectors;
	sector_t bad_sector;
	bool stopped;
	bool busy;
	struct test_disk_cmd log[TEST_DISK_LOG];
	int nr_log;
};

/* A disk of @capacity sectors named @name, @data_sectors (at most 64) of them backed. */
int test_disk_create(struct test_disk *td, const char *name, sector_t capacity,
		     sector_t data_sectors);
void test_disk_destroy(struct test_disk *td);
/* Clear @stopped and serve what is queued. */
void test_disk_start(struct test_disk *td);

#endif
