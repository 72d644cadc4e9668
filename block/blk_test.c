/*
 * Self-tests of the block layer.
 *
 *   blk       on a RAM test disk (block/testing.c), in every "test" boot:
 *             merging, plugging, bounds, the bio-by-bio retry of a failed
 *             merged request, the request pool, claims, statistics
 *   blk_disk  KTEST_EXPLICIT, on the harness's disks (hda scratch, hdb
 *             made by `scripts/mkdisk parts`): the same paths through the
 *             ATA driver. Missing disks fail the tests.
 */
#include <block/testing.h>
#include <fs/file.h>
#include <kernel/ktest.h>
#include <kernel/sched.h>
#include <kernel/time.h>
#include <mm/gfp.h>
#include <mm/page.h>
#include <lib/string.h>
#include <uapi/errno.h>

/* A test disk of 1000 sectors, 64 backed, and a buffer of 8 pages; false on failure. */
static bool setup(struct ktest *t, struct test_disk *td, u8 **buf)
{
	if (!KT_EXPECT_EQ(t, test_disk_create(td, "tst", 1000, 64), 0))
		return false;
	*buf = (u8 *)__get_free_pages(GFP_KERNEL | __GFP_ZERO, 3);
	if (KT_EXPECT(t, *buf))
		return true;
	test_disk_destroy(td);
	return false;
}

static void teardown(struct test_disk *td, u8 *buf)
{
	free_pages((unsigned long)buf, 3);
	test_disk_destroy(td);
}

static void expect_cmd(struct ktest *t, const struct test_disk_cmd *c, sector_t sector,
		       unsigned int nr, int dir, int nr_bios, int error)
{
	KT_EXPECT_EQ(t, c->sector, sector);
	KT_EXPECT_EQ(t, c->nr_sectors, nr);
	KT_EXPECT_EQ(t, c->dir, dir);
	KT_EXPECT_EQ(t, c->nr_bios, nr_bios);
	KT_EXPECT_EQ(t, c->error, error);
}

/* Bios 8-15, 16-23 then 0-7 under a plug: two back merges and a front merge, one command. */
static void test_back_and_front_merge(struct ktest *t)
{
	struct test_disk td;
	struct test_bio tb[3];
	struct blk_plug plug;
	u8 *buf;

	if (!setup(t, &td, &buf))
		return;
	blk_start_plug(&plug, &td.disk.part0);
	test_bio_submit(&tb[0], WRITE, &td.disk.part0, 8, buf, 8);
	test_bio_submit(&tb[1], WRITE, &td.disk.part0, 16, buf, 8);
	test_bio_submit(&tb[2], WRITE, &td.disk.part0, 0, buf, 8);
	KT_EXPECT_EQ(t, td.nr_log, 0); /* held back by the plug */
	blk_finish_plug(&plug);
	test_bio_wait_all(tb, 3);
	KT_ASSERT_EQ(t, td.nr_log, 1);
	expect_cmd(t, &td.log[0], 0, 24, WRITE, 3, 0);
	KT_EXPECT_EQ(t, td.disk.stats.merges[WRITE], 2);
	KT_EXPECT_EQ(t, td.disk.stats.ios[WRITE], 1);
	KT_EXPECT_EQ(t, td.disk.stats.sectors[WRITE], 24);
	teardown(&td, buf);
}

/* No merge across a gap, across directions, or past max_sectors. */
static void test_merge_limits(struct ktest *t)
{
	struct test_disk td;
	struct test_bio tb[6];
	struct blk_plug plug;
	u8 *buf;

	if (!setup(t, &td, &buf))
		return;
	blk_queue_max_sectors(td.disk.queue, 16);
	blk_start_plug(&plug, &td.disk.part0);
	test_bio_submit(&tb[0], WRITE, &td.disk.part0, 0, buf, 8);
	test_bio_submit(&tb[1], WRITE, &td.disk.part0, 9, buf, 8);  /* gap of one sector */
	test_bio_submit(&tb[2], READ, &td.disk.part0, 8, buf, 1);   /* fills it, other direction */
	test_bio_submit(&tb[3], WRITE, &td.disk.part0, 17, buf, 8); /* joins 9: 16 sectors */
	test_bio_submit(&tb[4], WRITE, &td.disk.part0, 25, buf, 8); /* would make 24 > 16 */
	test_bio_submit(&tb[5], WRITE, &td.disk.part0, 33, buf, 8); /* joins 25 */
	blk_finish_plug(&plug);
	test_bio_wait_all(tb, 6);
	KT_ASSERT_EQ(t, td.nr_log, 4);
	expect_cmd(t, &td.log[0], 0, 8, WRITE, 1, 0);
	expect_cmd(t, &td.log[1], 9, 16, WRITE, 2, 0);
	expect_cmd(t, &td.log[2], 8, 1, READ, 1, 0);
	expect_cmd(t, &td.log[3], 25, 16, WRITE, 2, 0);
	teardown(&td, buf);
}

/* Without a plug an idle device gets the request at once; while it is busy, bios merge. */
static void test_unplugged_dispatch(struct ktest *t)
{
	struct test_disk td;
	struct test_bio tb[3];
	u8 *buf;

	if (!setup(t, &td, &buf))
		return;
	test_bio_submit(&tb[0], READ, &td.disk.part0, 0, buf, 8);
	KT_EXPECT(t, tb[0].done);
	td.stopped = true; /* the device is "busy": requests wait in the queue */
	test_bio_submit(&tb[1], READ, &td.disk.part0, 8, buf, 8);
	test_bio_submit(&tb[2], READ, &td.disk.part0, 16, buf, 8);
	KT_EXPECT(t, !tb[1].done);
	test_disk_start(&td);
	test_bio_wait_all(tb, 3);
	KT_ASSERT_EQ(t, td.nr_log, 2);
	expect_cmd(t, &td.log[1], 8, 16, READ, 2, 0);
	teardown(&td, buf);
}

/* Out-of-range bios fail with -EINVAL before any command; partitions add their offset. */
static void test_bounds_and_partition_offset(struct ktest *t)
{
	struct test_disk td;
	struct block_device part;
	struct test_bio tb;
	u8 *buf;

	if (!setup(t, &td, &buf))
		return;
	bdev_init(&part, &td.disk, "tst1", 40, 16, 0x82, 1);
	KT_EXPECT_EQ(t, bdev_read_sync(&td.disk.part0, 999, buf, 2), -EINVAL);
	KT_EXPECT_EQ(t, bdev_read_sync(&td.disk.part0, 1000, buf, 1), -EINVAL);
	KT_EXPECT_EQ(t, bdev_read_sync(&part, 15, buf, 2), -EINVAL);
	test_bio_submit(&tb, READ, &td.disk.part0, 0, buf, BLK_DEF_MAX_SECTORS + 1);
	test_bio_wait_all(&tb, 1);
	KT_EXPECT_EQ(t, tb.error, -EINVAL); /* larger than the queue's max_sectors */
	KT_EXPECT_EQ(t, td.nr_log, 0);
	memset(buf, 0x5A, SECTOR_SIZE);
	KT_EXPECT_EQ(t, bdev_write_sync(&part, 3, buf, 1), 0);
	KT_ASSERT_EQ(t, td.nr_log, 1);
	expect_cmd(t, &td.log[0], 43, 1, WRITE, 1, 0);
	KT_EXPECT_EQ(t, td.data[43 * SECTOR_SIZE + 7], 0x5A);
	teardown(&td, buf);
}

/*
 * A merged request over a bad sector fails, is retried bio by bio, and
 * only the bio covering the bad sector fails.
 */
static void test_merged_error_fails_only_bad_bio(struct ktest *t)
{
	struct test_disk td;
	struct test_bio tb[4];
	struct blk_plug plug;
	u8 *buf;

	if (!setup(t, &td, &buf))
		return;
	td.bad_sector = 20;
	blk_start_plug(&plug, &td.disk.part0);
	for (int i = 0; i < 4; i++)
		test_bio_submit(&tb[i], READ, &td.disk.part0, i * 8, buf + i * 4096, 8);
	blk_finish_plug(&plug);
	test_bio_wait_all(tb, 4);
	KT_EXPECT_EQ(t, tb[0].error, 0);
	KT_EXPECT_EQ(t, tb[1].error, 0);
	KT_EXPECT_EQ(t, tb[2].error, -EIO);
	KT_EXPECT_EQ(t, tb[3].error, 0);
	KT_ASSERT_EQ(t, td.nr_log, 5);
	expect_cmd(t, &td.log[0], 0, 32, READ, 4, -EIO);
	for (int i = 0; i < 4; i++)
		expect_cmd(t, &td.log[1 + i], i * 8, 8, READ, 1, i == 2 ? -EIO : 0);
	KT_EXPECT_EQ(t, td.disk.stats.errors, 2);
	/* The queue works normally afterwards. */
	KT_EXPECT_EQ(t, bdev_read_sync(&td.disk.part0, 0, buf, 16), 0);
	teardown(&td, buf);
}

/* A plugger that never finishes does not stall the queue: the unplug timer dispatches. */
static void test_unplug_timer(struct ktest *t)
{
	struct test_disk td;
	struct test_bio tb;
	struct blk_plug plug;
	u8 *buf;

	if (!setup(t, &td, &buf))
		return;
	blk_start_plug(&plug, &td.disk.part0);
	test_bio_submit(&tb, WRITE, &td.disk.part0, 0, buf, 1);
	KT_EXPECT(t, !tb.done);
	schedule_timeout_uninterruptible(BLK_UNPLUG_TICKS + 2);
	KT_EXPECT(t, tb.done);
	test_bio_wait_all(&tb, 1);
	blk_finish_plug(&plug);
	teardown(&td, buf);
}

/*
 * A request queued while no plug was active must not wait for a plug that
 * someone starts later: the plugger may sleep (say, in reclaim, waiting
 * for that very request to be written), and no bio of its own would arm
 * the unplug timer. The timer must run whenever a plug holds requests back.
 */
static void test_plug_holds_earlier_request(struct ktest *t)
{
	struct test_disk td;
	struct test_bio tb;
	struct blk_plug plug;
	u8 *buf;

	if (!setup(t, &td, &buf))
		return;
	td.stopped = true;	/* busy with an earlier command */
	test_bio_submit(&tb, WRITE, &td.disk.part0, 0, buf, 1);
	blk_start_plug(&plug, &td.disk.part0);
	test_disk_start(&td);	/* the device is free, but a plug is active */
	schedule_timeout_uninterruptible(BLK_UNPLUG_TICKS + 2);
	KT_EXPECT(t, tb.done);
	blk_finish_plug(&plug);
	test_bio_wait_all(&tb, 1);
	teardown(&td, buf);
}

/* More bios than requests under a plug: the pool running dry dispatches, nothing hangs. */
static void test_request_pool_exhaustion(struct ktest *t)
{
	enum { N = BLKDEV_MAX_RQ + 8 };
	static struct test_bio tb[N];
	struct test_disk td;
	struct blk_plug plug;
	u8 *buf;

	if (!setup(t, &td, &buf))
		return;
	blk_start_plug(&plug, &td.disk.part0);
	for (int i = 0; i < N; i++) /* every other sector: nothing merges */
		test_bio_submit(&tb[i], READ, &td.disk.part0, i * 2, buf, 1);
	blk_finish_plug(&plug);
	test_bio_wait_all(tb, N);
	KT_EXPECT_EQ(t, td.nr_log, N);
	for (int i = 0; i < N; i++)
		KT_EXPECT_EQ(t, tb[i].error, 0);
	teardown(&td, buf);
}

/* Data written with bdev_write_sync across pages comes back with bdev_read_sync. */
static void test_sync_roundtrip(struct ktest *t)
{
	struct test_disk td;
	u8 *buf;

	if (!setup(t, &td, &buf))
		return;
	/* 30 sectors from an unaligned address: the vec runs across four pages. */
	for (int i = 0; i < 200 + 30 * SECTOR_SIZE; i++)
		buf[i] = (u8)(i * 7 + i / SECTOR_SIZE);
	KT_EXPECT_EQ(t, bdev_write_sync(&td.disk.part0, 3, buf + 200, 30), 0);
	KT_EXPECT_EQ(t, memcmp(td.data + 3 * SECTOR_SIZE, buf + 200, 30 * SECTOR_SIZE), 0);
	memset(buf + 16000, 0, 30 * SECTOR_SIZE);
	KT_EXPECT_EQ(t, bdev_read_sync(&td.disk.part0, 3, buf + 16000, 30), 0);
	KT_EXPECT_EQ(t, memcmp(buf + 16000, buf + 200, 30 * SECTOR_SIZE), 0);
	KT_EXPECT_EQ(t, blkdev_issue_flush(&td.disk.part0), 0);
	KT_ASSERT_EQ(t, td.nr_log, 3);
	KT_EXPECT_EQ(t, td.log[2].nr_sectors, 0);
	KT_EXPECT_EQ(t, td.disk.stats.ios[WRITE], 1); /* a flush is no write command */
	teardown(&td, buf);
}

/* Exclusive claims: one holder; a disk and its partitions exclude each other. */
static void test_claims(struct ktest *t)
{
	struct test_disk td;
	struct block_device p1, p2;
	int a, b;
	u8 *buf;

	if (!setup(t, &td, &buf))
		return;
	bdev_init(&p1, &td.disk, "tst1", 10, 100, 0x83, 1);
	bdev_init(&p2, &td.disk, "tst2", 200, 100, 0x82, 2);
	KT_EXPECT_EQ(t, bdev_claim(&p2, &a), 0);
	KT_EXPECT_EQ(t, bdev_claim(&p2, &b), -EBUSY);
	KT_EXPECT_EQ(t, bdev_claim(&p2, &a), -EBUSY);
	KT_EXPECT_EQ(t, bdev_claim(&td.disk.part0, &b), -EBUSY);
	KT_EXPECT_EQ(t, bdev_claim(&p1, &b), 0);
	bdev_release(&p1);
	bdev_release(&p2);
	KT_EXPECT_EQ(t, bdev_claim(&td.disk.part0, &b), 0);
	KT_EXPECT_EQ(t, bdev_claim(&p1, &a), -EBUSY);
	bdev_release(&td.disk.part0);
	KT_EXPECT_EQ(t, bdev_claim(&p1, &a), 0);
	bdev_release(&p1);
	teardown(&td, buf);
}

/* Write commands land in the histogram bucket of their size's power of two. */
static void test_write_histogram(struct ktest *t)
{
	struct test_disk td;
	const struct disk_stats *st = &td.disk.stats;
	u8 *buf;

	if (!setup(t, &td, &buf))
		return;
	bdev_write_sync(&td.disk.part0, 0, buf, 1);
	bdev_write_sync(&td.disk.part0, 0, buf, 8);
	bdev_write_sync(&td.disk.part0, 0, buf, 24);
	bdev_write_sync(&td.disk.part0, 0, buf, 64);
	KT_EXPECT_EQ(t, st->write_hist[0], 1);
	KT_EXPECT_EQ(t, st->write_hist[3], 1);
	KT_EXPECT_EQ(t, st->write_hist[4], 1);
	KT_EXPECT_EQ(t, st->write_hist[6], 1);
	KT_EXPECT_EQ(t, st->sectors[WRITE], 97);
	teardown(&td, buf);
}

KTEST_SUITE(blk, KTEST_CASE(test_back_and_front_merge), KTEST_CASE(test_merge_limits),
	    KTEST_CASE(test_unplugged_dispatch), KTEST_CASE(test_bounds_and_partition_offset),
	    KTEST_CASE(test_merged_error_fails_only_bad_bio), KTEST_CASE(test_unplug_timer),
	    KTEST_CASE(test_plug_holds_earlier_request),
	    KTEST_CASE(test_request_pool_exhaustion), KTEST_CASE(test_sync_roundtrip),
	    KTEST_CASE(test_claims), KTEST_CASE(test_write_histogram));

/* ---- blk_disk: through the ATA driver on the harness's disks ---- */

static struct block_device *need_bdev(struct ktest *t, const char *name)
{
	struct block_device *bdev = bdev_lookup(name);

	if (!bdev)
		ktest_fail(t, __FILE__, __LINE__, "no block device %s: the harness attaches it",
			   name);
	return bdev;
}

static void fill(u8 *buf, unsigned int bytes, u8 seed)
{
	for (unsigned int i = 0; i < bytes; i++)
		buf[i] = (u8)(seed + i * 13 + i / 511);
}

/* Two adjacent bios under a plug become one write command on the disk. */
static void test_disk_plug_merges(struct ktest *t)
{
	struct block_device *hda = need_bdev(t, "hda");
	struct test_bio tb[2];
	struct blk_plug plug;
	unsigned long ios, merges;
	u8 *buf;

	if (!hda)
		return;
	buf = (u8 *)__get_free_pages(GFP_KERNEL, 3);
	KT_ASSERT(t, buf);
	fill(buf, 8192, 3);
	ios = hda->disk->stats.ios[WRITE];
	merges = hda->disk->stats.merges[WRITE];
	blk_start_plug(&plug, hda);
	test_bio_submit(&tb[0], WRITE, hda, 100, buf, 8);
	test_bio_submit(&tb[1], WRITE, hda, 108, buf + 4096, 8);
	blk_finish_plug(&plug);
	test_bio_wait_all(tb, 2);
	KT_EXPECT_EQ(t, tb[0].error, 0);
	KT_EXPECT_EQ(t, tb[1].error, 0);
	KT_EXPECT_EQ(t, hda->disk->stats.ios[WRITE] - ios, 1);
	KT_EXPECT_EQ(t, hda->disk->stats.merges[WRITE] - merges, 1);
	KT_EXPECT_EQ(t, bdev_read_sync(hda, 100, buf + 8192, 16), 0);
	KT_EXPECT_EQ(t, memcmp(buf, buf + 8192, 8192), 0);
	free_pages((unsigned long)buf, 3);
}

/* A partition's sector 0 is the disk's sector start_sect. */
static void test_disk_partition_offset(struct ktest *t)
{
	struct block_device *hdb = need_bdev(t, "hdb"), *hdb5 = need_bdev(t, "hdb5");
	u8 *buf;

	if (!hdb || !hdb5)
		return;
	buf = (u8 *)__get_free_pages(GFP_KERNEL, 1);
	KT_ASSERT(t, buf);
	fill(buf, 4096, 77);
	KT_EXPECT_EQ(t, bdev_write_sync(hdb5, 0, buf, 8), 0);
	KT_EXPECT_EQ(t, bdev_read_sync(hdb, hdb5->start_sect, buf + 4096, 8), 0);
	KT_EXPECT_EQ(t, memcmp(buf, buf + 4096, 4096), 0);
	free_pages((unsigned long)buf, 1);
}

/* Requests past the end of a disk or partition never reach the driver. */
static void test_disk_out_of_range(struct ktest *t)
{
	struct block_device *hda = need_bdev(t, "hda"), *hdb1 = need_bdev(t, "hdb1");
	unsigned long ios_a, ios_b;
	u8 *buf;

	if (!hda || !hdb1)
		return;
	buf = (u8 *)__get_free_page(GFP_KERNEL);
	KT_ASSERT(t, buf);
	ios_a = hda->disk->stats.ios[READ];
	ios_b = hdb1->disk->stats.ios[WRITE];
	KT_EXPECT_EQ(t, bdev_read_sync(hda, hda->nr_sects - 1, buf, 2), -EINVAL);
	KT_EXPECT_EQ(t, bdev_write_sync(hdb1, hdb1->nr_sects, buf, 1), -EINVAL);
	KT_EXPECT_EQ(t, hda->disk->stats.ios[READ], ios_a);
	KT_EXPECT_EQ(t, hdb1->disk->stats.ios[WRITE], ios_b);
	KT_EXPECT_EQ(t, bdev_read_sync(hda, hda->nr_sects - 1, buf, 1), 0);
	free_page((unsigned long)buf);
}

/* Every disk and partition has its /dev entry. */
static void test_disk_dev_entries(struct ktest *t)
{
	static const char *const names[] = { "/dev/hda",  "/dev/hdb",  "/dev/hdb1", "/dev/hdb2",
					     "/dev/hdb3", "/dev/hdb4", "/dev/hdb5", "/dev/hdb6" };
	struct file *f;

	for (unsigned int i = 0; i < ARRAY_SIZE(names); i++) {
		if (KT_EXPECT_EQ(t, vfs_open(names[i], 0, &f), 0))
			fput(f);
	}
}

KTEST_SUITE_FLAGS(blk_disk, KTEST_EXPLICIT, KTEST_CASE(test_disk_plug_merges),
		  KTEST_CASE(test_disk_partition_offset), KTEST_CASE(test_disk_out_of_range),
		  KTEST_CASE(test_disk_dev_entries));
