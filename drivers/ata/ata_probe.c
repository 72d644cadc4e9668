/*
 * Finding the ATA disks at boot (ATA/ATAPI-6 §9.12 signatures, §8.15
 * IDENTIFY DEVICE, §8.38 SET MULTIPLE MODE): reset each channel, tell
 * ATA disks from ATAPI devices by the signature the reset leaves in the
 * LBA Mid/High registers, IDENTIFY the disks, choose their multiple count
 * and register them with the block layer, which reads their partition
 * tables.
 *
 * IDENTIFY words used (§8.15.x): 10-19 serial, 27-46 model (two ASCII
 * characters per word, first in the high byte), 47 bits 7:0 the largest
 * DRQ block for READ/WRITE MULTIPLE, 49 bit 9 LBA supported, 60-61
 * sectors reachable with LBA28, 83 bit 10 the 48-bit feature set, 100-103
 * sectors reachable with LBA48; the DMA words are read by ata_dma.c. Each
 * disk's line says whether its requests go by DMA or PIO, and why.
 *
 * Runs once, from kmain before interrupts are enabled: everything here
 * is polled. Every wait is for a condition with a generous deadline, so
 * a slow or loaded host makes the probe slower, never wrong (see the
 * top of ata_eh.c for the reset).
 */
#include "ata.h"
#include <drivers/ata.h>
#include <arch/x86/io.h>
#include <arch/x86/traps.h>
#include <kernel/printk.h>
#include <kernel/time.h>
#include <mm/slab.h>
#include <lib/string.h>
#include <lib/vsnprintf.h>
#include <uapi/errno.h>

struct ata_channel ata_channels[2] = {
	{ .name = "ide0", .base = 0x1F0, .ctrl = 0x3F6, .irq = IRQ_ATA0 },
	{ .name = "ide1", .base = 0x170, .ctrl = 0x376, .irq = IRQ_ATA1 },
};

enum ata_class { ATA_CLASS_NONE, ATA_CLASS_DISK, ATA_CLASS_ATAPI, ATA_CLASS_UNKNOWN };

struct ata_device *ata_lookup(const char *name)
{
	for (int c = 0; c < 2; c++)
		for (int u = 0; u < 2; u++)
			if (ata_channels[c].dev[u].present &&
			    !strcmp(ata_channels[c].dev[u].name, name))
				return &ata_channels[c].dev[u];
	return NULL;
}

/*
 * What is at @unit, judged right after a reset: ATAPI devices leave
 * 14 EB (PATA) or 69 96 (SATA) in LBA Mid/High and may keep status 0;
 * ATA disks leave 00 00 (or 3C C3); an empty position reads status 0
 * (QEMU) or FF (a floating bus). Device 0 has finished its reset; device
 * 1 may still be busy with its own, so it gets time. A position that
 * cannot be selected is empty if nothing drives the status (QEMU reads
 * an empty channel as all zeros), else unknown: it is never judged from
 * another device's registers.
 */
static enum ata_class classify(struct ata_channel *chan, int unit)
{
	bool selected = ata_select(chan, unit, 0);
	u8 mid, high, status = inb(chan->ctrl);

	if ((status & ATA_BSY) && status != 0xFF) {
		ata_wait_ready(chan, unit, ATA_RESET_TIMEOUT_MS, &status);
		selected = ata_select(chan, unit, 0);
	}
	if (!selected)
		return status == 0 || status == 0xFF ? ATA_CLASS_NONE : ATA_CLASS_UNKNOWN;
	mid = inb(chan->base + ATA_REG_LBAM);
	high = inb(chan->base + ATA_REG_LBAH);
	if ((mid == 0x14 && high == 0xEB) || (mid == 0x69 && high == 0x96))
		return ATA_CLASS_ATAPI;
	if (status == 0 || status == 0xFF)
		return ATA_CLASS_NONE;
	if ((mid == 0 && high == 0) || (mid == 0x3C && high == 0xC3))
		return ATA_CLASS_DISK;
	return ATA_CLASS_UNKNOWN;
}

/* Copy an IDENTIFY string of @words words from @id[@first], trimming the padding blanks. */
static void id_string(char *dst, const u16 *id, int first, int words)
{
	int n = 0;

	for (int w = first; w < first + words; w++) {
		dst[n++] = (char)(id[w] >> 8);
		dst[n++] = (char)id[w];
	}
	while (n > 0 && (dst[n - 1] == ' ' || dst[n - 1] == 0))
		n--;
	dst[n] = 0;
}

/* Capacity from IDENTIFY, capped to what sector_t holds. */
static sector_t id_capacity(struct ata_device *dev, const u16 *id)
{
	u64 n = id[60] | (u32)id[61] << 16;

	if (dev->lba48)
		n = id[100] | (u64)id[101] << 16 | (u64)id[102] << 32 | (u64)id[103] << 48;
	if (n > (sector_t)~0UL) {
		printk(KERN_WARNING "%s: %llu sectors, only the first %lu are used\n", dev->name, n,
		       (sector_t)~0UL);
		n = (sector_t)~0UL;
	}
	return n;
}

/* IDENTIFY @dev and take its geometry; -ENODEV if it is no LBA disk. */
static int identify(struct ata_device *dev, u16 *id)
{
	int r = ata_exec_internal(dev, ATA_CMD_IDENTIFY, 0, 0, id);

	if (r)
		return r;
	if (!(id[49] & (1 << 9))) {
		printk(KERN_WARNING "%s: ATA disk without LBA, skipped\n", dev->name);
		return -ENODEV;
	}
	id_string(dev->serial, id, 10, 10);
	id_string(dev->model, id, 27, 20);
	dev->lba48 = id[83] & (1 << 10);
	dev->sectors = id_capacity(dev, id);
	dev->max_mult = id[47] & 0xFF;
	return 0;
}

/* Bring up the ATA disk at @dev and print its line; false if it is unusable. */
static bool probe_disk(struct ata_device *dev, u16 *id)
{
	char mode[24] = "single sector", xfer[48];

	int r = identify(dev, id);

	if (r) {
		printk(KERN_ERR "%s: IDENTIFY failed (error %d), disk skipped\n", dev->name, r);
		return false;
	}
	dev->present = true;
	if (dev->max_mult && ata_set_multiple(dev, dev->max_mult))
		printk(KERN_WARNING "%s: multiple mode refused, one sector per interrupt\n",
		       dev->name);
	if (dev->mult)
		snprintf(mode, sizeof(mode), "multiple %u", dev->mult);
	ata_dma_setup_device(dev, id, xfer, sizeof(xfer));
	printk(KERN_INFO "%s: ATA disk \"%s\", %lu sectors (%lu MiB), %s, %s, %s\n", dev->name,
	       dev->model, dev->sectors, dev->sectors >> 11, dev->lba48 ? "LBA48" : "LBA28", mode,
	       xfer);
	return true;
}

/* Name an ATAPI device (IDENTIFY PACKET DEVICE) and explain that it is left alone. */
static void skip_atapi(struct ata_device *dev, u16 *id)
{
	char model[41] = "";

	if (!ata_exec_internal(dev, ATA_CMD_IDENTIFY_PACKET, 0, 0, id))
		id_string(model, id, 27, 20);
	printk(KERN_INFO "%s: ATAPI device \"%s\" skipped: this driver has no ATAPI support\n",
	       dev->name, model);
}

static void ide0_intr(struct pt_regs *regs)
{
	ata_intr(&ata_channels[0]);
}

static void ide1_intr(struct pt_regs *regs)
{
	ata_intr(&ata_channels[1]);
}

/* Reset @chan, find what is on it and bring up its disks. Returns the number of disks. */
static int probe_channel(struct ata_channel *chan, u16 *id)
{
	enum ata_class classes[2];
	int disks = 0;

	if (inb(chan->ctrl) == 0xFF) { /* nobody drives the bus */
		printk(KERN_INFO "%s: nothing attached\n", chan->name);
		return 0;
	}
	if (ata_soft_reset(chan))
		return 0;
	classes[0] = classify(chan, 0);
	classes[1] = classify(chan, 1);
	if (classes[0] == ATA_CLASS_NONE && classes[1] == ATA_CLASS_NONE)
		printk(KERN_INFO "%s: nothing attached\n", chan->name);
	for (int unit = 0; unit < 2; unit++) {
		struct ata_device *dev = &chan->dev[unit];

		if (classes[unit] == ATA_CLASS_DISK)
			disks += probe_disk(dev, id);
		else if (classes[unit] == ATA_CLASS_ATAPI)
			skip_atapi(dev, id);
		else if (classes[unit] == ATA_CLASS_UNKNOWN)
			printk(KERN_WARNING "%s: unknown device signature, skipped\n", dev->name);
	}
	if (disks)
		request_irq(chan->irq, chan == &ata_channels[0] ? ide0_intr : ide1_intr);
	return disks;
}

/* Give @dev a request queue and register it (and its partitions) as a block device. */
static void register_disk(struct ata_device *dev)
{
	struct gendisk *disk = &dev->disk;

	strlcpy(disk->disk_name, dev->name, sizeof(disk->disk_name));
	disk->capacity = dev->sectors;
	if (!blk_init_queue(ata_request_fn, dev, disk)) {
		printk(KERN_ERR "%s: no memory for a request queue, disk not registered\n",
		       dev->name);
		return;
	}
	/* EXT commands carry up to 65536 sectors, DMA or PIO; merging stops at a swap cluster. */
	blk_queue_max_sectors(disk->queue, dev->lba48 ? ATA_MAX_SECTORS_LBA48 : ATA_MAX_SECTORS);
	add_disk(disk);
}

static void init_channel(struct ata_channel *chan, int index)
{
	init_timer(&chan->timer, ata_timeout, chan);
	init_waitqueue_head(&chan->idle_wait);
	for (int unit = 0; unit < 2; unit++) {
		struct ata_device *dev = &chan->dev[unit];

		dev->chan = chan;
		dev->unit = unit;
		dev->name[0] = 'h';
		dev->name[1] = 'd';
		dev->name[2] = (char)('a' + index * 2 + unit);
	}
}

void ata_init(void)
{
	u16 *id = kmalloc(SECTOR_SIZE, GFP_KERNEL);
	int disks[2];

	if (!id) {
		printk(KERN_ERR "ata: no memory to probe the disks\n");
		return;
	}
	for (int c = 0; c < 2; c++)
		init_channel(&ata_channels[c], c);
	ata_dma_init();
	for (int c = 0; c < 2; c++)
		disks[c] = probe_channel(&ata_channels[c], id);
	kfree(id);
	ata_eh_init();
	for (int c = 0; c < 2; c++)
		for (int unit = 0; unit < 2 && disks[c]; unit++)
			if (ata_channels[c].dev[unit].present)
				register_disk(&ata_channels[c].dev[unit]);
}
