/*
 * Bus-master IDE DMA (SFF-8038i; Intel 82371SB PIIX3 and 82371AB PIIX4
 * datasheets, "Bus Master IDE Operation"; ATA/ATAPI-6 §9.10 the DMA
 * protocol, §8.23/8.24 READ DMA (EXT), §8.45/8.46 WRITE DMA (EXT),
 * §8.36.10 SET FEATURES "set transfer mode").
 *
 * With PIO the CPU copies every word through the data port, one DRQ
 * block per interrupt. With DMA the IDE function of the PCI chipset
 * moves the data itself: the driver describes the memory in a table of
 * physical region descriptors (PRDs), points the controller at it, writes
 * READ DMA or WRITE DMA to the device and sets Start; the device and the
 * engine transfer every sector and the device interrupts once at the end.
 *
 * A request's memory is pages in the direct map; blk_rq_next_sector()
 * walks it sector by sector and consecutive physical sectors are merged
 * into one PRD, which must not cross a 64 KiB boundary (the engine's
 * address counter only carries through bit 15). One page of PRDs per
 * channel describes 512 regions, far more than a 2048-sector request of
 * pages needs; a request that does not fit goes by PIO.
 *
 * Finding the engine: the IDE function is PCI class 01:01; bit 7 of its
 * programming interface says it can master the bus, and BAR4 holds 16
 * I/O ports, 8 per channel. The channels must be in compatibility mode
 * (programming interface bits 0 and 2 clear) so that the legacy ports
 * and IRQs 14/15 are the ones this driver uses. The PCI command register
 * must allow bus mastering.
 *
 * Transfer modes: DMA needs IDENTIFY word 49 bit 8. Multiword DMA modes
 * are in word 63, Ultra DMA modes in word 88 (valid if word 53 bit 2).
 * The PIIX3 (QEMU's "pc" machine) does multiword DMA only, the PIIX4 up
 * to UDMA/33 (mode 2); other controllers get multiword DMA. The mode is
 * set in the device with SET FEATURES. The controller's timing registers
 * (IDETIM, UDMACTL) are left as the firmware set them: QEMU ignores them,
 * and on real hardware the BIOS programs them for the disks it found.
 *
 * DMA needs interrupt mode: the engine's Interrupt bit latches the
 * device's INTRQ, which nIEN silences, and only that bit says the device
 * really finished (a device that never got its command also looks idle).
 * Commands polled in early boot (the partition scan) therefore use PIO.
 *
 * Boot parameter "ata=pio" keeps every disk in PIO; "ata=dma" (the
 * default) uses DMA where the disk and the controller can.
 */
#include "ata.h"
#include <drivers/pci.h>
#include <arch/x86/io.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <mm/gfp.h>
#include <lib/string.h>
#include <lib/vsnprintf.h>
#include <uapi/errno.h>

static bool ata_dma_wanted = true;
static int udma_max = -1; /* the controller's best Ultra DMA mode, -1 for none */

static int set_ata_mode(const char *val)
{
	if (val && !strcmp(val, "pio"))
		ata_dma_wanted = false;
	else if (val && !strcmp(val, "dma"))
		ata_dma_wanted = true;
	else
		return -EINVAL;
	return 0;
}
__setup("ata", set_ata_mode);

/* Controllers whose Ultra DMA support we know; the rest get multiword DMA. */
static const struct {
	u16 vendor, device;
	const char *name;
	int udma_max;
} controllers[] = {
	{ 0x8086, 0x1230, "PIIX", -1 },
	{ 0x8086, 0x7010, "PIIX3", -1 },
	{ 0x8086, 0x7111, "PIIX4", 2 },
};

static const char *controller_name(const struct pci_dev *pdev)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(controllers); i++)
		if (controllers[i].vendor == pdev->vendor &&
		    controllers[i].device == pdev->device) {
			udma_max = controllers[i].udma_max;
			return controllers[i].name;
		}
	return "IDE controller";
}

/* Give @chan its bus-master registers and a PRD table; false if memory is short. */
static bool setup_channel(struct ata_channel *chan, u16 bmdma)
{
	/* One page: 4-byte aligned and within one 64 KiB block, as the engine requires. */
	struct ata_prd *prd = (struct ata_prd *)__get_free_pages(GFP_KERNEL, 0);

	if (!prd)
		return false;
	chan->prd = prd;
	chan->prd_phys = (u32)__pa(prd);
	chan->bmdma = bmdma;
	outb(bmdma + ATA_BM_CMD, 0);
	outb(bmdma + ATA_BM_STATUS, ATA_BM_INTR | ATA_BM_ERROR);
	return true;
}

void ata_dma_init(void)
{
	struct pci_dev pdev;
	u16 base;

	if (!pci_find_class(PCI_CLASS_STORAGE, PCI_SUBCLASS_IDE, 0, &pdev)) {
		printk(KERN_INFO "ata: no PCI IDE controller: PIO only\n");
		return;
	}
	base = pci_bar_io(&pdev, 4);
	if (!(pdev.prog_if & 0x80) || !base || (pdev.prog_if & 0x05)) {
		printk(KERN_INFO "ata: %s %02x:%02x.%u (%04x:%04x) %s: PIO only\n",
		       controller_name(&pdev), pdev.bus, pdev.slot, pdev.func, pdev.vendor,
		       pdev.device,
		       (pdev.prog_if & 0x05) ? "is in native mode" : "has no bus master");
		return;
	}
	pci_enable_bus_master(&pdev);
	for (int c = 0; c < 2; c++)
		if (!setup_channel(&ata_channels[c], base + 8 * c))
			printk(KERN_ERR "%s: no memory for a PRD table: PIO only\n",
			       ata_channels[c].name);
	printk(KERN_INFO "ata: %s %02x:%02x.%u (%04x:%04x), bus master at 0x%04x\n",
	       controller_name(&pdev), pdev.bus, pdev.slot, pdev.func, pdev.vendor, pdev.device,
	       base);
}

/* Highest bit set in @bits (below 8), or -1. */
static int best_mode(u16 bits, int limit)
{
	for (int m = limit; m >= 0; m--)
		if (bits & (1 << m))
			return m;
	return -1;
}

void ata_dma_setup_device(struct ata_device *dev, const u16 *id, char *why, size_t len)
{
	int udma = -1, mwdma;
	u8 mode;

	if (!dev->chan->bmdma) {
		snprintf(why, len, "PIO (no bus master)");
		return;
	}
	if (!(id[49] & (1 << 8))) {
		snprintf(why, len, "PIO (the disk has no DMA)");
		return;
	}
	if ((id[53] & (1 << 2)) && udma_max >= 0)
		udma = best_mode(id[88], udma_max);
	mwdma = best_mode(id[63], 2);
	if (udma < 0 && mwdma < 0) {
		snprintf(why, len, "PIO (no DMA mode in common)");
		return;
	}
	mode = udma >= 0 ? ATA_XFER_UDMA_0 + udma : ATA_XFER_MWDMA_0 + mwdma;
	if (ata_exec_internal(dev, ATA_CMD_SET_FEATURES, ATA_SETFEATURES_XFER, mode, NULL)) {
		snprintf(why, len, "PIO (the disk refused DMA mode 0x%02x)", mode);
		return;
	}
	dev->xfer_mode = mode;
	dev->use_dma = ata_dma_wanted;
	if (udma >= 0)
		snprintf(why, len, "%s UDMA%d", ata_dma_wanted ? "DMA" : "PIO (ata=pio), can", udma);
	else
		snprintf(why, len, "%s MWDMA%d", ata_dma_wanted ? "DMA" : "PIO (ata=pio), can", mwdma);
}

/* Add the sector at physical @phys to the table being built; false if it is full. */
static bool prd_add(struct ata_prd *prd, unsigned int *n, u32 phys)
{
	struct ata_prd *last = *n ? &prd[*n - 1] : NULL;
	u32 last_len = last ? (last->count ? last->count : 0x10000) : 0;

	/* Extend the last region if contiguous and not starting a new 64 KiB block. */
	if (last && last->addr + last_len == phys && (phys & 0xFFFF)) {
		last->count = (u16)(last_len + SECTOR_SIZE);
		return true;
	}
	if (*n == ATA_PRD_ENTRIES)
		return false;
	prd[*n].addr = phys;
	prd[*n].count = SECTOR_SIZE;
	prd[*n].flags = 0;
	(*n)++;
	return true;
}

int ata_dma_map(struct ata_channel *chan)
{
	struct ata_taskfile *tf = &chan->tf;
	unsigned int n = 0;

	if (!chan->bmdma || !tf->rq)
		return -EINVAL;
	blk_rq_rewind(tf->rq);
	for (unsigned int s = 0; s < tf->count; s++)
		if (!prd_add(chan->prd, &n, (u32)__pa(blk_rq_next_sector(tf->rq))))
			return -E2BIG;
	chan->prd[n - 1].flags = ATA_PRD_EOT;
	return 0;
}

void ata_dma_prepare(struct ata_channel *chan)
{
	u16 bm = chan->bmdma;

	outb(bm + ATA_BM_CMD, 0);
	outl(bm + ATA_BM_PRD, chan->prd_phys);
	outb(bm + ATA_BM_STATUS, ATA_BM_INTR | ATA_BM_ERROR);
	outb(bm + ATA_BM_CMD, chan->tf.dir == ATA_DATA_IN ? ATA_BM_CMD_TO_MEM : 0);
}

void ata_dma_start(struct ata_channel *chan)
{
	u16 bm = chan->bmdma;

	outb(bm + ATA_BM_CMD, inb(bm + ATA_BM_CMD) | ATA_BM_CMD_START);
}

u8 ata_dma_status(struct ata_channel *chan)
{
	return inb(chan->bmdma + ATA_BM_STATUS);
}

u8 ata_dma_stop(struct ata_channel *chan)
{
	u16 bm = chan->bmdma;
	u8 status = inb(bm + ATA_BM_STATUS); /* first: clearing Start clears Active */

	outb(bm + ATA_BM_CMD, inb(bm + ATA_BM_CMD) & ~ATA_BM_CMD_START);
	outb(bm + ATA_BM_STATUS, ATA_BM_INTR | ATA_BM_ERROR);
	return status;
}
