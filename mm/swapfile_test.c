/*
 * Self-tests of swapon/swapoff (mm/swapfile.c) against real mkswap
 * headers. The harness attaches scripts/mkswapdisk's image as hdb: a type-82 primary (hdb1) and
 * logical partitions hdb5..hdb15 holding good and corrupted headers (the
 * table is in scripts/mkswapdisk). Every rejection must print one line
 * naming the device and the reason, and change nothing.
 */
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <mm/swapfile.h>
#include <mm/swap_header.h>
#include <mm/gfp.h>
#include <block/blkdev.h>
#include <uapi/errno.h>
#include <uapi/abi.h>
#include <lib/vsnprintf.h>

static char log[1024];

static int swapon_logged(const char *dev, int flags)
{
	int r;

	printk_capture_start(log, sizeof(log));
	r = do_swapon(dev, flags);
	printk_capture_stop();
	return r;
}

static struct swap_info_struct *area(const char *name)
{
	for (int t = 0; t < MAX_SWAPFILES; t++)
		if ((swap_info[t].flags & SWP_USED) && !strcmp(swap_info[t].name, name))
			return &swap_info[t];
	return NULL;
}

static void test_partition_type_82(struct ktest *t)
{
	long total = total_swap_pages, free = nr_swap_pages;
	struct block_device *b = bdev_lookup("hdb1");
	struct swap_info_struct *si;

	KT_ASSERT(t, b != NULL);
	KT_EXPECT_EQ(t, b->part_type, 0x82);
	KT_ASSERT_EQ(t, swapon_logged("hdb1", 0), 0);
	si = area("hdb1");
	KT_ASSERT(t, si);
	KT_EXPECT_EQ(t, si->pages, 255);	/* 256 pages less the header */
	KT_EXPECT_EQ(t, swap_slot_count(swp_entry(si - swap_info, 0)), SWAP_MAP_BAD);
	KT_EXPECT(t, si->prio < 0);
	KT_EXPECT_EQ(t, total_swap_pages, total + 255);
	KT_EXPECT(t, strstr(log, "Adding 1020k swap on /dev/hdb1.  Priority:-") != NULL);
	KT_EXPECT_EQ(t, do_swapoff("hdb1"), 0);
	KT_EXPECT_EQ(t, total_swap_pages, total);
	KT_EXPECT_EQ(t, nr_swap_pages, free);
	KT_EXPECT(t, area("hdb1") == NULL);
	KT_EXPECT(t, b->holder == NULL);
}

static void test_label_and_uuid(struct ktest *t)
{
	static const u8 uuid[16] = { 0x0b, 0x9d, 0x4e, 0x6c, 0x1f, 0x00, 0x4a, 0x6e,
				     0x9d, 0x0c, 0x5e, 0x2f, 0x7a, 0x1b, 0x3c, 0x4d };
	struct swap_header_info hdr;
	const char *reason;
	void *page = (void *)__get_free_page(GFP_KERNEL);

	KT_ASSERT(t, page);
	KT_EXPECT_EQ(t, swapon_logged("hdb6", 0), 0);
	KT_EXPECT(t, strstr(log, "label:testlabel") != NULL);
	KT_EXPECT_EQ(t, do_swapoff("hdb6"), 0);
	KT_ASSERT_EQ(t, bdev_read_sync(bdev_lookup("hdb7"), 0, page, 8), 0);
	KT_ASSERT_EQ(t, swap_header_parse(page, 256, &hdr, &reason), 0);
	KT_EXPECT(t, !memcmp(hdr.uuid, uuid, 16));
	KT_EXPECT_EQ(t, swapon_logged("hdb7", 0), 0);
	KT_EXPECT_EQ(t, do_swapoff("hdb7"), 0);
	free_page((unsigned long)page);
}

static void test_bad_pages_from_header(struct ktest *t)
{
	struct swap_info_struct *si;

	KT_ASSERT_EQ(t, swapon_logged("hdb15", 0), 0);
	si = area("hdb15");
	KT_ASSERT(t, si);
	KT_EXPECT_EQ(t, swap_slot_count(swp_entry(si - swap_info, 3)), SWAP_MAP_BAD);
	KT_EXPECT_EQ(t, swap_slot_count(swp_entry(si - swap_info, 5)), SWAP_MAP_BAD);
	KT_EXPECT_EQ(t, swap_slot_count(swp_entry(si - swap_info, 4)), 0);
	KT_EXPECT_EQ(t, si->pages, 253);
	KT_EXPECT_EQ(t, do_swapoff("hdb15"), 0);
}

static const struct {
	const char *dev;
	const char *reason;
} rejected[] = {
	{ "hdb8", "not a swap area: no SWAPSPACE2 signature" },
	{ "hdb9", "old swap format v0 (SWAP-SPACE) is not supported" },
	{ "hdb10", "byte-swapped swap header" },
	{ "hdb11", "bad page list longer than the header can hold" },
	{ "hdb12", "bad page number outside 1..last_page" },
	{ "hdb13", "swap area is larger than the device" },
	{ "hdb14", "swap area too small: fewer than 10 usable pages" },
};

static void test_corrupt_headers_rejected(struct ktest *t)
{
	for (size_t i = 0; i < ARRAY_SIZE(rejected); i++) {
		long total = total_swap_pages;
		char want[128];

		KT_EXPECT_EQ(t, swapon_logged(rejected[i].dev, 0), -EINVAL);
		snprintf(want, sizeof(want), "swapon: /dev/%s: %s", rejected[i].dev,
			 rejected[i].reason);
		if (!KT_EXPECT(t, strstr(log, want) != NULL))
			printk("    # for %s the log was: %s", rejected[i].dev, log);
		KT_EXPECT_EQ(t, total_swap_pages, total);
		KT_EXPECT(t, area(rejected[i].dev) == NULL);
		KT_EXPECT(t, bdev_lookup(rejected[i].dev)->holder == NULL);
	}
}

static void test_busy_missing_and_full(struct ktest *t)
{
	int fake[MAX_SWAPFILES], n = 0;

	KT_ASSERT_EQ(t, swapon_logged("hdb5", 0), 0);
	KT_EXPECT_EQ(t, swapon_logged("hdb5", 0), -EBUSY);
	KT_EXPECT_EQ(t, swapon_logged("hdz9", 0), -ENOENT);
	KT_EXPECT(t, strstr(log, "/dev/hdz9: no such device") != NULL);
	KT_EXPECT_EQ(t, do_swapoff("hdb6"), -EINVAL);	/* not active */
	/* Take every free swap_info entry, then swapon has nowhere to go. */
	while (n < MAX_SWAPFILES && (fake[n] = swap_area_alloc("fake")) >= 0)
		n++;
	KT_EXPECT_EQ(t, swapon_logged("hdb6", 0), -EPERM);
	KT_EXPECT(t, strstr(log, "all 32 swap areas are in use") != NULL);
	KT_EXPECT(t, bdev_lookup("hdb6")->holder == NULL);
	while (n > 0)
		swap_area_free(&swap_info[fake[--n]]);
	KT_EXPECT_EQ(t, do_swapoff("hdb5"), 0);
}

static void test_priorities(struct ktest *t)
{
	KT_ASSERT_EQ(t, swapon_logged("hdb5", SWAP_FLAG_PREFER | 7), 0);
	KT_ASSERT_EQ(t, swapon_logged("hdb6", 0), 0);
	KT_EXPECT_EQ(t, area("hdb5")->prio, 7);
	KT_EXPECT(t, area("hdb6")->prio < 0);
	/* The preferred area hands out the next slot. */
	swp_entry_t e = get_swap_page();
	KT_EXPECT_EQ(t, swp_type(e), (unsigned int)(area("hdb5") - swap_info));
	swap_free(e);
	KT_EXPECT_EQ(t, do_swapoff("hdb5"), 0);
	KT_EXPECT_EQ(t, do_swapoff("hdb6"), 0);
}

KTEST_SUITE_FLAGS(swap_headers, KTEST_EXPLICIT, KTEST_CASE(test_partition_type_82),
		  KTEST_CASE(test_label_and_uuid), KTEST_CASE(test_bad_pages_from_header),
		  KTEST_CASE(test_corrupt_headers_rejected), KTEST_CASE(test_busy_missing_and_full),
		  KTEST_CASE(test_priorities));
