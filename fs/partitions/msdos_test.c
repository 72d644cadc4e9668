/*
 * Self-tests of the MBR parser.
 *
 *   msdos       tables crafted on a RAM test disk (block/testing.c), in
 *               every "test" boot: primaries, the EBR chain and its
 *               numbering, entries beyond the disk, EBR loops, no table
 *   msdos_disk  KTEST_EXPLICIT: the partitions registered at boot for hdb,
 *               an image made by sfdisk (`scripts/mkdisk parts`)
 */
#include <fs/partitions.h>
#include <block/testing.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <mm/slab.h>
#include <lib/string.h>
#include <lib/vsnprintf.h>
#include <uapi/errno.h>

static void set_entry(u8 *sector, int i, u8 type, u32 start, u32 size)
{
	u8 *e = sector + 446 + 16 * i;

	e[4] = type;
	memcpy(e + 8, &start, 4);
	memcpy(e + 12, &size, 4);
	sector[510] = 0x55;
	sector[511] = 0xAA;
}

/* The table sector @n of the test disk, for set_entry. */
static u8 *table(struct test_disk *td, sector_t n)
{
	return td->data + n * SECTOR_SIZE;
}

/* Parse @td's table into a fresh @state; returns msdos_partition's result. */
static int parse(struct test_disk *td, struct parsed_partitions *state)
{
	memset(state, 0, sizeof(*state));
	state->bdev = &td->disk.part0;
	snprintf(state->line, sizeof(state->line), "%s:", td->disk.disk_name);
	return msdos_partition(state);
}

static void expect_part(struct ktest *t, const struct parsed_partitions *s, int n, sector_t from,
			sector_t size, u8 type)
{
	if (!KT_EXPECT_EQ(t, s->parts[n].from, from) | !KT_EXPECT_EQ(t, s->parts[n].size, size) |
	    !KT_EXPECT_EQ(t, s->parts[n].type, type))
		printk("    # (partition %d)\n", n);
}

static bool setup(struct ktest *t, struct test_disk *td, struct parsed_partitions **state)
{
	if (!KT_EXPECT_EQ(t, test_disk_create(td, "tst", 1000, 64), 0))
		return false;
	*state = kmalloc(sizeof(**state), GFP_KERNEL);
	if (KT_EXPECT(t, *state))
		return true;
	test_disk_destroy(td);
	return false;
}

static void teardown(struct test_disk *td, struct parsed_partitions *state)
{
	kfree(state);
	test_disk_destroy(td);
}

/*
 * Two primaries, an extended partition at 10 with two logical ones:
 * EBR at 10 -> hda5 at 10+290, link +20 -> EBR at 30 -> hda6 at 30+470.
 */
static void test_primaries_and_logicals(struct ktest *t)
{
	struct parsed_partitions *s;
	struct test_disk td;

	if (!setup(t, &td, &s))
		return;
	set_entry(table(&td, 0), 0, 0x83, 100, 100);
	set_entry(table(&td, 0), 1, 0x82, 200, 50);
	set_entry(table(&td, 0), 2, 0x05, 10, 790);
	set_entry(table(&td, 10), 0, 0x83, 290, 100);
	set_entry(table(&td, 10), 1, 0x05, 20, 200);
	set_entry(table(&td, 30), 0, 0x82, 470, 100);
	KT_EXPECT_EQ(t, parse(&td, s), 1);
	expect_part(t, s, 1, 100, 100, 0x83);
	expect_part(t, s, 2, 200, 50, 0x82);
	expect_part(t, s, 3, 10, 2, 0x05); /* the extended partition: 2 sectors, as Linux */
	expect_part(t, s, 4, 0, 0, 0);
	expect_part(t, s, 5, 300, 100, 0x83);
	expect_part(t, s, 6, 500, 100, 0x82);
	expect_part(t, s, 7, 0, 0, 0);
	KT_EXPECT_STREQ(t, s->line, "tst: tst1 tst2 tst3 < tst5 tst6 >");
	teardown(&td, s);
}

/* Partitions beyond the disk are reported and skipped; logical numbers stay stable. */
static void test_beyond_end_skipped(struct ktest *t)
{
	static char log[512];
	struct parsed_partitions *s;
	struct test_disk td;

	if (!setup(t, &td, &s))
		return;
	set_entry(table(&td, 0), 0, 0x83, 900, 200); /* ends at 1100 > 1000 */
	set_entry(table(&td, 0), 1, 0x0F, 20, 980);
	set_entry(table(&td, 20), 0, 0x82, 5000, 10); /* hda5: beyond, skipped */
	set_entry(table(&td, 20), 1, 0x0F, 10, 100);
	set_entry(table(&td, 30), 0, 0x82, 10, 10); /* hda6: 40..49 */
	printk_capture_start(log, sizeof(log));
	KT_EXPECT_EQ(t, parse(&td, s), 1);
	printk_capture_stop();
	expect_part(t, s, 1, 0, 0, 0);
	expect_part(t, s, 5, 0, 0, 0);
	expect_part(t, s, 6, 40, 10, 0x82);
	KT_EXPECT(t, strstr(log, "tst1: partition beyond end of disk (sector 900 + 200 > 1000)"));
	KT_EXPECT(t, strstr(log, "tst5: partition beyond end of disk"));
	KT_EXPECT_STREQ(t, s->line, "tst: tst2 < tst6 >");
	teardown(&td, s);
}

/* An EBR that links to itself ends when the partition numbers run out. */
static void test_ebr_loop_ends(struct ktest *t)
{
	struct parsed_partitions *s;
	struct test_disk td;

	if (!setup(t, &td, &s))
		return;
	set_entry(table(&td, 0), 0, 0x05, 5, 900);
	set_entry(table(&td, 5), 0, 0x83, 1, 10);
	set_entry(table(&td, 5), 1, 0x05, 10, 100); /* -> EBR at 15 */
	set_entry(table(&td, 15), 0, 0x83, 1, 10);
	set_entry(table(&td, 15), 1, 0x05, 10, 100); /* -> EBR at 15 again */
	KT_EXPECT_EQ(t, parse(&td, s), 1);
	expect_part(t, s, 5, 6, 10, 0x83);
	expect_part(t, s, DISK_MAX_PARTS - 1, 16, 10, 0x83);
	KT_EXPECT(t, td.nr_log <= DISK_MAX_PARTS); /* sectors read: bounded */
	teardown(&td, s);
}

/* No signature: no table, no partitions; a read error is returned. */
static void test_no_table_and_read_error(struct ktest *t)
{
	struct parsed_partitions *s;
	struct test_disk td;

	if (!setup(t, &td, &s))
		return;
	KT_EXPECT_EQ(t, parse(&td, s), 0);
	for (int n = 1; n < DISK_MAX_PARTS; n++)
		KT_EXPECT_EQ(t, s->parts[n].size, 0);
	td.bad_sector = 0;
	KT_EXPECT_EQ(t, parse(&td, s), -EIO);
	teardown(&td, s);
}

KTEST_SUITE(msdos, KTEST_CASE(test_primaries_and_logicals), KTEST_CASE(test_beyond_end_skipped),
	    KTEST_CASE(test_ebr_loop_ends), KTEST_CASE(test_no_table_and_read_error));

/*
 * hdb is `scripts/mkdisk parts`; its sfdisk script, with the starts
 * sfdisk chooses for the logical ones (1 MiB aligned, after their EBR):
 *   start=2048 size=4096 type=83; start=6144 size=8192 type=82;
 *   start=14336 size=2048 type=c; start=16384 type=5 (to the end, 16384);
 *   size=4096 type=83 -> 18432; size=4096 type=82 -> 24576
 */
static void test_sfdisk_image(struct ktest *t)
{
	static const struct {
		const char *name;
		sector_t start, size;
		u8 type;
	} want[] = {
		{ "hdb1", 2048, 4096, 0x83 },  { "hdb2", 6144, 8192, 0x82 },
		{ "hdb3", 14336, 2048, 0x0C }, { "hdb4", 16384, 2, 0x05 },
		{ "hdb5", 18432, 4096, 0x83 }, { "hdb6", 24576, 4096, 0x82 },
	};
	struct block_device *hdb = bdev_lookup("hdb");

	if (!KT_EXPECT(t, hdb))
		return;
	KT_EXPECT_EQ(t, hdb->nr_sects, 32768);
	for (unsigned int i = 0; i < ARRAY_SIZE(want); i++) {
		struct block_device *b = bdev_lookup(want[i].name);
		if (!KT_EXPECT(t, b))
			continue;
		KT_EXPECT_EQ(t, b->start_sect, want[i].start);
		KT_EXPECT_EQ(t, b->nr_sects, want[i].size);
		KT_EXPECT_EQ(t, b->part_type, want[i].type);
		KT_EXPECT_EQ(t, b->partno, want[i].name[3] - '0');
		KT_EXPECT(t, b->disk == hdb->disk);
	}
	KT_EXPECT(t, !bdev_lookup("hdb7"));
	KT_EXPECT(t, bdev_lookup("hda") && !bdev_lookup("hda1")); /* scratch: no table */
}

KTEST_SUITE_FLAGS(msdos_disk, KTEST_EXPLICIT, KTEST_CASE(test_sfdisk_image));
