/*
 * Self-tests of the ATA driver against disks the harness attaches
 * (tests/suites.py); all KTEST_EXPLICIT, and a missing disk fails them.
 *
 *   ata        hda: `mkdisk scratch` 8 MiB, hdb: `mkdisk parts`, hdc: a
 *              200 GiB sparse file (real LBA48 addresses past 2^28)
 *   ata_fault  hdd: 4 MiB through QEMU blkdebug (tests/data/ata-fault.rules):
 *              reads of sector 1000 and writes of sector 2000 fail
 *
 * Both suites run twice: in a default boot, where requests go by DMA, and
 * with "ata=pio" (tests/suites_ata.py). The generic cases use whatever
 * mode the boot chose; the dma_ cases switch DMA on for themselves.
 *
 * Data checks use a pattern that depends on the sector number, so a write
 * that lands on the wrong sector is caught by reading back the right one.
 */
#include "ata.h"
#include <block/testing.h>
#include <arch/x86/traps.h>
#include <arch/x86/io.h>
#include <kernel/ktest.h>
#include <kernel/params.h>
#include <kernel/time.h>
#include <kernel/printk.h>
#include <mm/gfp.h>
#include <mm/page.h>
#include <lib/string.h>
#include <uapi/errno.h>

#define BUF_ORDER 8 /* 1 MiB: two buffers of 256 sectors and more */

static struct ata_device *need_dev(struct ktest *t, const char *name)
{
	struct ata_device *dev = ata_lookup(name);

	if (!dev)
		ktest_fail(t, __FILE__, __LINE__, "no ATA disk %s: the harness attaches it", name);
	return dev;
}

/* Did this boot ask for PIO? */
static bool boot_pio(void)
{
	return strstr(boot_cmdline, "ata=pio") != NULL;
}

static u8 *alloc_buf(struct ktest *t)
{
	u8 *buf = (u8 *)__get_free_pages(GFP_KERNEL, BUF_ORDER);

	KT_EXPECT(t, buf);
	return buf;
}

static void free_buf(u8 *buf)
{
	free_pages((unsigned long)buf, BUF_ORDER);
}

static void fill(u8 *buf, sector_t sector, unsigned int count, u8 seed)
{
	for (unsigned int s = 0; s < count; s++)
		for (unsigned int i = 0; i < SECTOR_SIZE; i++)
			buf[s * SECTOR_SIZE + i] = (u8)((sector + s) * 31 + i * 7 + seed);
}

/* Write a pattern to @count sectors at @sector of @bdev, read it back, compare. */
static bool roundtrip(struct ktest *t, struct block_device *bdev, sector_t sector,
		      unsigned int count, u8 seed, u8 *buf)
{
	u8 *back = buf + count * SECTOR_SIZE;

	fill(buf, sector, count, seed);
	memset(back, 0xEE, count * SECTOR_SIZE);
	if (!KT_EXPECT_EQ(t, bdev_write_sync(bdev, sector, buf, count), 0) |
	    !KT_EXPECT_EQ(t, bdev_read_sync(bdev, sector, back, count), 0) |
	    !KT_EXPECT_EQ(t, memcmp(buf, back, count * SECTOR_SIZE), 0)) {
		printk("    # (%s: %u sectors at %lu)\n", bdev->name, count, sector);
		return false;
	}
	return true;
}

/* First, last and scattered sectors; one sector and many; across the DRQ blocks. */
static void patterns(struct ktest *t, struct ata_device *dev, u8 seed, u8 *buf)
{
	struct block_device *bdev = &dev->disk.part0;
	sector_t last = dev->sectors - 1, x = 12345;

	roundtrip(t, bdev, 0, 1, seed, buf);
	roundtrip(t, bdev, 0, 37, seed, buf);
	roundtrip(t, bdev, last, 1, seed, buf);
	roundtrip(t, bdev, last + 1 - ATA_MAX_SECTORS, ATA_MAX_SECTORS, seed, buf);
	for (int i = 0; i < 6; i++) {
		x = x * 1103515245 + 12345;
		roundtrip(t, bdev, x % (dev->sectors - 64), i % 2 ? 1 : 1 + x % 64, seed, buf);
	}
}

static void test_identify_matches_images(struct ktest *t)
{
	struct ata_device *hda = need_dev(t, "hda"), *hdb = need_dev(t, "hdb");
	struct ata_device *hdc = need_dev(t, "hdc");

	if (!hda || !hdb || !hdc)
		return;
	KT_EXPECT_EQ(t, hda->sectors, 8 * 2048);
	KT_EXPECT_EQ(t, hdb->sectors, 16 * 2048);
	KT_EXPECT_EQ(t, hdc->sectors, 200UL * 1024 * 2048);
	KT_EXPECT_EQ(t, hda->disk.part0.nr_sects, hda->sectors);
	KT_EXPECT_STREQ(t, hda->model, "QEMU HARDDISK");
	KT_EXPECT(t, !strncmp(hda->serial, "QM000", 5));
	KT_EXPECT(t, strcmp(hda->serial, hdb->serial));
	KT_EXPECT(t, hda->lba48 && hdc->lba48);
	KT_EXPECT_EQ(t, hda->max_mult, 16);
	KT_EXPECT_EQ(t, hda->mult, 16);
	/* QEMU's PIIX3 does multiword DMA mode 2; "ata=pio" keeps the disks in PIO. */
	KT_EXPECT_EQ(t, hda->xfer_mode, ATA_XFER_MWDMA_0 + 2);
	KT_EXPECT_EQ(t, hda->use_dma, !boot_pio());
	KT_EXPECT_EQ(t, hda->disk.queue->max_sectors, ATA_MAX_SECTORS_LBA48);
	KT_EXPECT(t, hda->chan == hdb->chan && hdb->unit == 1 && hdc->chan != hda->chan);
}

/* The LBA28 commands, with READ/WRITE MULTIPLE and with READ/WRITE SECTORS. */
static void test_lba28_patterns(struct ktest *t)
{
	struct ata_device *hda = need_dev(t, "hda");
	unsigned long lba48;
	u8 *buf;

	if (!hda || !(buf = alloc_buf(t)))
		return;
	lba48 = hda->cmds_lba48;
	patterns(t, hda, 1, buf);
	KT_EXPECT_EQ(t, ata_set_multiple(hda, 0), 0);
	patterns(t, hda, 2, buf);
	KT_EXPECT_EQ(t, ata_set_multiple(hda, 16), 0);
	KT_EXPECT_EQ(t, blkdev_issue_flush(&hda->disk.part0), 0); /* FLUSH CACHE */
	KT_EXPECT_EQ(t, hda->cmds_lba48, lba48);
	free_buf(buf);
}

/* The same through the EXT commands, forced on a small disk. */
static void test_forced_lba48_patterns(struct ktest *t)
{
	struct ata_device *hda = need_dev(t, "hda");
	unsigned long lba28, lba48;
	u8 *buf;

	if (!hda || !(buf = alloc_buf(t)))
		return;
	lba28 = hda->cmds_lba28;
	lba48 = hda->cmds_lba48;
	hda->force_lba48 = true;
	patterns(t, hda, 3, buf);
	KT_EXPECT_EQ(t, ata_set_multiple(hda, 0), 0);
	patterns(t, hda, 4, buf);
	KT_EXPECT_EQ(t, ata_set_multiple(hda, 16), 0);
	KT_EXPECT_EQ(t, blkdev_issue_flush(&hda->disk.part0), 0); /* FLUSH CACHE EXT */
	hda->force_lba48 = false;
	KT_EXPECT_EQ(t, hda->cmds_lba28, lba28);
	KT_EXPECT(t, hda->cmds_lba48 > lba48);
	free_buf(buf);
}

/*
 * Real 48-bit addresses on the 200 GiB disk: across the LBA28 limit, at
 * the end, and an alias check: a sector past 2^28 and the sector 2^28
 * below it hold different data (a dropped high byte would merge them).
 */
static void test_big_disk_lba48(struct ktest *t)
{
	struct ata_device *hdc = need_dev(t, "hdc");
	struct block_device *bdev;
	unsigned long lba28, lba48;
	u8 *buf;

	if (!hdc || !(buf = alloc_buf(t)))
		return;
	bdev = &hdc->disk.part0;
	lba28 = hdc->cmds_lba28;
	lba48 = hdc->cmds_lba48;
	roundtrip(t, bdev, ATA_LBA28_LIMIT - 4, 8, 5, buf);
	roundtrip(t, bdev, hdc->sectors - 1, 1, 5, buf);
	roundtrip(t, bdev, hdc->sectors - 100, 100, 5, buf);
	KT_EXPECT_EQ(t, hdc->cmds_lba28, lba28);
	KT_EXPECT_EQ(t, hdc->cmds_lba48 - lba48, 6);
	fill(buf, 100, 1, 6);
	KT_EXPECT_EQ(t, bdev_write_sync(bdev, 100, buf, 1), 0);
	fill(buf, (1UL << 28) + 100, 1, 7);
	KT_EXPECT_EQ(t, bdev_write_sync(bdev, (1UL << 28) + 100, buf, 1), 0);
	KT_EXPECT_EQ(t, bdev_read_sync(bdev, 100, buf + 4096, 1), 0);
	fill(buf, 100, 1, 6);
	KT_EXPECT_EQ(t, memcmp(buf, buf + 4096, SECTOR_SIZE), 0);
	KT_EXPECT(t, hdc->cmds_lba28 > lba28);
	KT_EXPECT_EQ(t, blkdev_issue_flush(bdev), 0); /* FLUSH CACHE EXT */
	free_buf(buf);
}

/* QEMU accepts at most 16 sectors per DRQ block: 32 is refused, cleanly. */
static void test_set_multiple_rejects_32(struct ktest *t)
{
	static char log[512];
	struct ata_device *hda = need_dev(t, "hda");
	u8 *buf;
	int r;

	if (!hda || !(buf = alloc_buf(t)))
		return;
	printk_capture_start(log, sizeof(log));
	r = ata_set_multiple(hda, 32);
	printk_capture_stop();
	KT_EXPECT_EQ(t, r, -EIO);
	KT_EXPECT_EQ(t, hda->mult, 16);
	KT_EXPECT(t, strstr(log, "hda: command error (SET MULTIPLE MODE): status 0x41 <DRDY ERR> "
				 "error 0x04 <ABRT>"));
	KT_EXPECT_EQ(t, ata_set_multiple(hda, 8), 0);
	roundtrip(t, &hda->disk.part0, 1000, 100, 8, buf);
	KT_EXPECT_EQ(t, ata_set_multiple(hda, 16), 0);
	free_buf(buf);
}

/*
 * A lost command times out, the channel is reset and the command retried;
 * after ATA_MAX_RETRIES retries the caller gets -ETIMEDOUT. A multiple
 * count other than the device's reset default (4) must survive the resets.
 */
static void test_timeout_reset_retry(struct ktest *t)
{
	struct ata_device *hda = need_dev(t, "hda");
	unsigned long timeouts, resets;
	unsigned int saved = ata_timeout_ms;
	bool dma;
	u8 *buf;

	if (!hda || !(buf = alloc_buf(t)))
		return;
	dma = hda->use_dma;
	ata_set_dma(hda, false);
	KT_EXPECT_EQ(t, ata_set_multiple(hda, 4), 0);
	ata_timeout_ms = 200;
	timeouts = hda->timeouts;
	resets = hda->chan->resets;
	hda->drop_cmds = 1;
	KT_EXPECT_EQ(t, bdev_read_sync(&hda->disk.part0, 50, buf, 16), 0);
	hda->drop_cmds = 1;
	KT_EXPECT_EQ(t, bdev_write_sync(&hda->disk.part0, 50, buf, 16), 0);
	KT_EXPECT_EQ(t, hda->timeouts - timeouts, 2);
	KT_EXPECT_EQ(t, hda->chan->resets - resets, 2);
	/* Recovery ran with interrupts on: the clock kept ticking during the reset. */
	KT_EXPECT(t, hda->chan->reset_ticks > 0);
	hda->drop_cmds = ATA_MAX_RETRIES + 1;
	KT_EXPECT_EQ(t, bdev_read_sync(&hda->disk.part0, 50, buf, 16), -ETIMEDOUT);
	KT_EXPECT_EQ(t, hda->drop_cmds, 0);
	ata_timeout_ms = saved;
	roundtrip(t, &hda->disk.part0, 3000, 64, 9, buf);
	KT_EXPECT_EQ(t, ata_set_multiple(hda, 16), 0);
	ata_set_dma(hda, dma);
	free_buf(buf);
}

/*
 * A reset must wait for the devices, not for the clock: QEMU finishes
 * SRST later, on its own thread, and until then ignores register writes
 * and reads an absent slave's status as 0 (not busy). With the absent
 * hdd selected, a reset that only polls the selected device's status
 * returns at once, before the reset is done. After a proper reset device
 * 0 is selected and ready, and hdc works.
 */
static void test_reset_waits_for_device0(struct ktest *t)
{
	struct ata_device *hdc = need_dev(t, "hdc");
	struct ata_channel *chan;
	u8 *buf;

	if (!hdc || !(buf = alloc_buf(t)))
		return;
	chan = hdc->chan;
	KT_EXPECT(t, !chan->dev[1].present);
	for (int i = 0; i < 20; i++) {
		outb(chan->base + ATA_REG_DEVICE, ATA_DEV_OBS | ATA_DEV_SLAVE);
		KT_EXPECT_EQ(t, ata_reset_channel(chan), 0);
		if (!KT_EXPECT_EQ(t, inb(chan->base + ATA_REG_DEVICE) & ATA_DEV_SLAVE, 0) |
		    !KT_EXPECT_EQ(t, inb(chan->ctrl) & (ATA_BSY | ATA_DRQ), 0))
			break;
	}
	roundtrip(t, &hdc->disk.part0, 12345, 16, 12, buf);
	free_buf(buf);
}

/*
 * Once interrupts are on, commands complete by interrupt: one per DRQ
 * block in PIO, one per command by DMA.
 */
static void test_interrupt_driven(struct ktest *t)
{
	struct ata_device *hda = need_dev(t, "hda");
	unsigned long irqs, dma_cmds;
	u8 *buf;

	if (!hda || !(buf = alloc_buf(t)))
		return;
	irqs = irq_count[IRQ_ATA0];
	dma_cmds = hda->cmds_dma;
	KT_EXPECT_EQ(t, bdev_read_sync(&hda->disk.part0, 0, buf, 64), 0);
	KT_EXPECT(t, hda->chan->irq_mode);
	KT_EXPECT_EQ(t, irq_count[IRQ_ATA0] - irqs, hda->use_dma ? 1 : 64 / 16);
	KT_EXPECT_EQ(t, hda->cmds_dma - dma_cmds, hda->use_dma ? 1 : 0);
	irqs = irq_count[IRQ_ATA0];
	KT_EXPECT_EQ(t, ata_set_multiple(hda, 16), 0); /* internal commands too */
	KT_EXPECT_EQ(t, irq_count[IRQ_ATA0] - irqs, 1);
	free_buf(buf);
}

/* Switch @dev to DMA for a test; returns the mode to restore. */
static bool dma_on(struct ktest *t, struct ata_device *dev)
{
	bool was = dev->use_dma;

	KT_EXPECT_EQ(t, ata_set_dma(dev, true), 0);
	return was;
}

/* Write by one mode, read back by the other, both ways: DMA moves the same bytes as PIO. */
static void cross_check(struct ktest *t, struct ata_device *dev, sector_t sector,
			unsigned int count, u8 *out, u8 *in)
{
	struct block_device *bdev = &dev->disk.part0;

	for (int dma_writes = 0; dma_writes < 2; dma_writes++) {
		fill(out, sector, count, (u8)(40 + dma_writes));
		memset(in, 0xEE, count * SECTOR_SIZE);
		ata_set_dma(dev, dma_writes);
		KT_EXPECT_EQ(t, bdev_write_sync(bdev, sector, out, count), 0);
		ata_set_dma(dev, !dma_writes);
		KT_EXPECT_EQ(t, bdev_read_sync(bdev, sector, in, count), 0);
		if (!KT_EXPECT_EQ(t, memcmp(out, in, count * SECTOR_SIZE), 0))
			printk("    # (%u sectors at %lu, written by %s)\n", count, sector,
			       dma_writes ? "DMA" : "PIO");
	}
}

/*
 * A buffer that crosses 64 KiB physical boundaries needs a PRD that ends
 * at each and another that starts there (a full 64 KiB region has count
 * 0); the data must land in order.
 */
static void test_dma_prd_64k_boundary(struct ktest *t)
{
	struct ata_device *hda = need_dev(t, "hda");
	struct ata_prd *prd;
	u8 *buf, *out;
	bool was;

	if (!hda || !(buf = alloc_buf(t)))
		return;
	was = dma_on(t, hda);
	/* The 1 MiB block is 1 MiB aligned: 64 KiB - 3 sectors in, a boundary is 3 sectors on. */
	out = buf + 65536 - 3 * SECTOR_SIZE;
	fill(out, 4000, 200, 30);
	KT_EXPECT_EQ(t, bdev_write_sync(&hda->disk.part0, 4000, out, 200), 0);
	prd = hda->chan->prd;
	KT_EXPECT_EQ(t, prd[0].addr, (u32)__pa(out));
	KT_EXPECT_EQ(t, prd[0].count, 3 * SECTOR_SIZE);
	KT_EXPECT_EQ(t, prd[0].flags, 0);
	KT_EXPECT_EQ(t, prd[1].addr, (u32)__pa(out) + 3 * SECTOR_SIZE);
	KT_EXPECT_EQ(t, prd[1].count, 0);
	KT_EXPECT_EQ(t, prd[1].flags, 0);
	KT_EXPECT_EQ(t, prd[2].addr, prd[1].addr + 65536);
	KT_EXPECT_EQ(t, prd[2].count, (200 - 3 - 128) * SECTOR_SIZE);
	KT_EXPECT_EQ(t, prd[2].flags, ATA_PRD_EOT);
	cross_check(t, hda, 4000, 200, out, buf + 512 * 1024);
	ata_set_dma(hda, was);
	free_buf(buf);
}

/*
 * Eight one-page bios on pages that are not adjacent, for consecutive
 * sectors under a plug: one merged request, one DMA command, one PRD
 * per page, and the data of each page where it belongs.
 */
static void test_dma_scattered_pages(struct ktest *t)
{
	struct ata_device *hda = need_dev(t, "hda");
	const struct disk_stats *st;
	unsigned long ios, dma_cmds;
	struct test_bio tb[8];
	struct blk_plug plug;
	u8 *buf;
	bool was;

	if (!hda || !(buf = alloc_buf(t)))
		return;
	st = &hda->disk.stats;
	was = dma_on(t, hda);
	ios = st->ios[WRITE];
	dma_cmds = hda->cmds_dma;
	blk_start_plug(&plug, &hda->disk.part0);
	for (int i = 0; i < 8; i++) {
		u8 *page = buf + (7 - i) * 2 * PAGE_SIZE; /* descending, every other page */
		fill(page, 5000 + i * 8, 8, 50);
		test_bio_submit(&tb[i], WRITE, &hda->disk.part0, 5000 + i * 8, page, 8);
	}
	blk_finish_plug(&plug);
	test_bio_wait_all(tb, 8);
	for (int i = 0; i < 8; i++) {
		KT_EXPECT_EQ(t, tb[i].error, 0);
		KT_EXPECT_EQ(t, hda->chan->prd[i].addr, (u32)__pa(buf + (7 - i) * 2 * PAGE_SIZE));
		KT_EXPECT_EQ(t, hda->chan->prd[i].count, PAGE_SIZE);
	}
	KT_EXPECT_EQ(t, hda->chan->prd[7].flags, ATA_PRD_EOT);
	KT_EXPECT_EQ(t, st->ios[WRITE] - ios, 1);
	KT_EXPECT_EQ(t, hda->cmds_dma - dma_cmds, 1);
	ata_set_dma(hda, false);
	KT_EXPECT_EQ(t, bdev_read_sync(&hda->disk.part0, 5000, buf + 512 * 1024, 64), 0);
	for (int i = 0; i < 8; i++)
		KT_EXPECT_EQ(t, memcmp(buf + (7 - i) * 2 * PAGE_SIZE, buf + 512 * 1024 + i * 4096, 4096),
			     0);
	ata_set_dma(hda, was);
	free_buf(buf);
}

/* A full swap cluster's worth, 2048 sectors, goes as one command (READ/WRITE DMA EXT). */
static void test_dma_one_command_per_cluster(struct ktest *t)
{
	struct ata_device *hda = need_dev(t, "hda");
	u8 *out = alloc_buf(t), *in = alloc_buf(t);
	unsigned long ios, lba48;
	bool was;

	if (!hda || !out || !in)
		goto out;
	was = dma_on(t, hda);
	ios = hda->disk.stats.ios[WRITE] + hda->disk.stats.ios[READ];
	lba48 = hda->cmds_lba48;
	cross_check(t, hda, 8192, ATA_MAX_SECTORS_LBA48, out, in);
	KT_EXPECT_EQ(t, hda->disk.stats.ios[WRITE] + hda->disk.stats.ios[READ] - ios, 4);
	KT_EXPECT_EQ(t, hda->cmds_lba48 - lba48, 4);
	ata_set_dma(hda, was);
out:
	if (out)
		free_buf(out);
	if (in)
		free_buf(in);
}

/*
 * A DMA command the device never got times out; recovery (in the ata_eh
 * thread, with the clock ticking) resets the channel and redoes it by
 * PIO. After ATA_DMA_MAX_FAILURES such failures the disk stays in PIO.
 */
static void test_dma_timeout_falls_back_to_pio(struct ktest *t)
{
	struct ata_device *hda = need_dev(t, "hda");
	unsigned long timeouts, resets, fallbacks;
	unsigned int saved = ata_timeout_ms, failures;
	u8 *buf;
	bool was;

	if (!hda || !(buf = alloc_buf(t)))
		return;
	was = dma_on(t, hda);
	failures = hda->dma_failures;
	ata_timeout_ms = 200;
	timeouts = hda->timeouts;
	resets = hda->chan->resets;
	fallbacks = hda->pio_fallbacks;
	fill(buf, 60, 16, 60);
	hda->drop_cmds = 1;
	KT_EXPECT_EQ(t, bdev_write_sync(&hda->disk.part0, 60, buf, 16), 0);
	hda->drop_cmds = 1;
	KT_EXPECT_EQ(t, bdev_read_sync(&hda->disk.part0, 60, buf + 8192, 16), 0);
	KT_EXPECT_EQ(t, memcmp(buf, buf + 8192, 16 * SECTOR_SIZE), 0);
	KT_EXPECT_EQ(t, hda->timeouts - timeouts, 2);
	KT_EXPECT_EQ(t, hda->chan->resets - resets, 2);
	KT_EXPECT_EQ(t, hda->pio_fallbacks - fallbacks, 2);
	KT_EXPECT(t, hda->chan->reset_ticks > 0);
	KT_EXPECT(t, hda->use_dma);
	hda->dma_failures = ATA_DMA_MAX_FAILURES - 1;
	hda->drop_cmds = 1;
	KT_EXPECT_EQ(t, bdev_read_sync(&hda->disk.part0, 60, buf + 8192, 16), 0);
	KT_EXPECT(t, !hda->use_dma);
	ata_timeout_ms = saved;
	hda->dma_failures = failures;
	ata_set_dma(hda, was);
	free_buf(buf);
}

/* Master and slave share a channel: concurrent I/O to both is served in turn, intact. */
static void test_master_and_slave_together(struct ktest *t)
{
	struct ata_device *hda = need_dev(t, "hda"), *hdb = need_dev(t, "hdb");
	struct test_bio tb[8];
	u8 *buf;

	if (!hda || !hdb || !(buf = alloc_buf(t)))
		return;
	for (int i = 0; i < 8; i++) {
		struct ata_device *dev = i % 2 ? hdb : hda;
		sector_t sector = 6000 + i * 64;
		fill(buf + i * 32768, sector, 64, (u8)i);
		test_bio_submit(&tb[i], WRITE, &dev->disk.part0, sector, buf + i * 32768, 64);
	}
	test_bio_wait_all(tb, 8);
	for (int i = 0; i < 8; i++) {
		struct ata_device *dev = i % 2 ? hdb : hda;
		KT_EXPECT_EQ(t, tb[i].error, 0);
		KT_EXPECT_EQ(
		    t, bdev_read_sync(&dev->disk.part0, 6000 + i * 64, buf + 8 * 32768, 64), 0);
		KT_EXPECT_EQ(t, memcmp(buf + i * 32768, buf + 8 * 32768, 32768), 0);
	}
	free_buf(buf);
}

KTEST_SUITE_FLAGS(ata, KTEST_EXPLICIT, KTEST_CASE(test_identify_matches_images),
		  KTEST_CASE(test_lba28_patterns), KTEST_CASE(test_forced_lba48_patterns),
		  KTEST_CASE(test_big_disk_lba48), KTEST_CASE(test_set_multiple_rejects_32),
		  KTEST_CASE(test_timeout_reset_retry), KTEST_CASE(test_reset_waits_for_device0),
		  KTEST_CASE(test_interrupt_driven), KTEST_CASE(test_dma_prd_64k_boundary),
		  KTEST_CASE(test_dma_scattered_pages), KTEST_CASE(test_dma_one_command_per_cluster),
		  KTEST_CASE(test_dma_timeout_falls_back_to_pio),
		  KTEST_CASE(test_master_and_slave_together));

/* ---- ata_fault: hdd through blkdebug, see tests/data/ata-fault.rules ---- */

#define BAD_READ  1000
#define BAD_WRITE 2000

/* Run @rw of one sector at @sector; expect @error and, if it fails, @message on the console. */
static void expect_single(struct ktest *t, struct block_device *bdev, int rw, sector_t sector,
			  int error, const char *message, u8 *buf)
{
	static char log[1024];
	int r;

	printk_capture_start(log, sizeof(log));
	r = rw == WRITE ? bdev_write_sync(bdev, sector, buf, 1)
			: bdev_read_sync(bdev, sector, buf, 1);
	printk_capture_stop();
	KT_EXPECT_EQ(t, r, error);
	if (message && !KT_EXPECT(t, strstr(log, message)))
		printk("    # console said: %s", log);
}

/*
 * The same errors in either mode: by DMA the failed command is reset and
 * redone by PIO, whose error is final, so the PIO messages appear in
 * both. The DMA recovery ran in the ata_eh thread: timer interrupts
 * arrived during its reset.
 */
static void test_errors_reported(struct ktest *t)
{
	struct ata_device *hdd = need_dev(t, "hdd");
	unsigned long fallbacks;
	u8 *buf;

	if (!hdd || !(buf = alloc_buf(t)))
		return;
	fallbacks = hdd->pio_fallbacks;
	expect_single(t, &hdd->disk.part0, READ, BAD_READ, -EIO,
		      "hdd: read error at LBA 1000 (READ MULTIPLE): status 0x41 <DRDY ERR> "
		      "error 0x04 <ABRT>",
		      buf);
	expect_single(t, &hdd->disk.part0, WRITE, BAD_WRITE, -EIO,
		      "hdd: write error at LBA 2000 (WRITE MULTIPLE): status 0x41 <DRDY ERR> "
		      "error 0x04 <ABRT>",
		      buf);
	expect_single(t, &hdd->disk.part0, READ, BAD_READ - 1, 0, NULL, buf);
	expect_single(t, &hdd->disk.part0, READ, BAD_READ + 1, 0, NULL, buf);
	expect_single(t, &hdd->disk.part0, WRITE, BAD_READ, 0, NULL, buf); /* writes are fine */
	expect_single(t, &hdd->disk.part0, READ, BAD_WRITE, 0, NULL, buf); /* reads are fine */
	KT_EXPECT_EQ(t, hdd->pio_fallbacks - fallbacks, hdd->use_dma ? 2 : 0);
	if (hdd->use_dma)
		KT_EXPECT(t, hdd->chan->reset_ticks > 0);
	KT_EXPECT_EQ(t, hdd->use_dma, !boot_pio()); /* device errors do not end DMA */
	free_buf(buf);
}

/*
 * Four adjacent 8-sector bios under a plug: one merged command that fails,
 * then the bios one by one; only the bio over the bad sector fails.
 */
static void merged_around(struct ktest *t, struct ata_device *dev, int rw, sector_t bad, u8 *buf)
{
	struct block_device *bdev = &dev->disk.part0;
	const struct disk_stats *st = &dev->disk.stats;
	sector_t first = bad - 12; /* the bad sector is in the second bio */
	unsigned long ios = st->ios[rw], errors = st->errors;
	struct test_bio tb[4];
	struct blk_plug plug;

	fill(buf, first, 32, 10);
	blk_start_plug(&plug, bdev);
	for (int i = 0; i < 4; i++)
		test_bio_submit(&tb[i], rw, bdev, first + i * 8,
				buf + i * 4096 + 65536 * (rw == READ), 8);
	blk_finish_plug(&plug);
	test_bio_wait_all(tb, 4);
	for (int i = 0; i < 4; i++)
		KT_EXPECT_EQ(t, tb[i].error, i == 1 ? -EIO : 0);
	KT_EXPECT_EQ(t, st->ios[rw] - ios, 1 + 4);
	KT_EXPECT_EQ(t, st->errors - errors, 2);
	if (rw == READ) {
		KT_EXPECT_EQ(t, memcmp(buf, buf + 65536, 4096), 0);
		KT_EXPECT_EQ(t, memcmp(buf + 8192, buf + 65536 + 8192, 8192), 0);
	}
}

static void test_merged_request_fails_only_bad_bio(struct ktest *t)
{
	struct ata_device *hdd = need_dev(t, "hdd");
	u8 *buf;

	if (!hdd || !(buf = alloc_buf(t)))
		return;
	fill(buf, BAD_READ - 12, 32, 10);
	KT_EXPECT_EQ(t, bdev_write_sync(&hdd->disk.part0, BAD_READ - 12, buf, 32), 0);
	merged_around(t, hdd, READ, BAD_READ, buf);
	merged_around(t, hdd, WRITE, BAD_WRITE, buf);
	/* Later requests, multi-sector and across the DRQ blocks, succeed. */
	roundtrip(t, &hdd->disk.part0, 3000, 200, 11, buf);
	KT_EXPECT_EQ(t, bdev_read_sync(&hdd->disk.part0, BAD_WRITE - 40, buf, 80), 0);
	free_buf(buf);
}

/* The CD-ROM QEMU puts at hdc is recognised as ATAPI and left alone. */
static void test_atapi_skipped(struct ktest *t)
{
	KT_EXPECT(t, !ata_lookup("hdc"));
	KT_EXPECT(t, !bdev_lookup("hdc"));
	KT_EXPECT(t, !ata_lookup("hda") && !ata_lookup("hdb"));
}

KTEST_SUITE_FLAGS(ata_fault, KTEST_EXPLICIT, KTEST_CASE(test_errors_reported),
		  KTEST_CASE(test_merged_request_fails_only_bad_bio),
		  KTEST_CASE(test_atapi_skipped));
