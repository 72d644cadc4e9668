/*
 * PCI configuration space through mechanism #1 (PCI 2.1 §3.2.2.3.2): the
 * address of a configuration dword goes to port 0xCF8 (bit 31 enable,
 * bus, device, function, register), the dword itself is read or written
 * at 0xCFC. Narrower accesses use the matching bytes of 0xCFC-0xCFF.
 *
 * The scan is the usual depth-first walk: every slot of a bus, every
 * function of a multi-function device (header type bit 7), and the
 * secondary bus of each PCI-to-PCI bridge. QEMU's "pc" machine has one
 * bus: host bridge 00:00.0, PIIX3 ISA bridge 00:01.0, its IDE function
 * 00:01.1, then the display and network cards.
 *
 * Locking: each access is two port operations that must not be split, so
 * they run with interrupts off.
 */
#include <drivers/pci.h>
#include <arch/x86/io.h>
#include <arch/x86/irqflags.h>

#define PCI_CONFIG_ADDRESS 0xCF8
#define PCI_CONFIG_DATA	   0xCFC
#define PCI_MAX_BUS_DEPTH  8 /* bridges behind bridges: enough for any real machine */

static u32 config_address(const struct pci_dev *dev, u8 offset)
{
	return 1U << 31 | (u32)dev->bus << 16 | (u32)dev->slot << 11 | (u32)dev->func << 8 |
	       (offset & 0xFC);
}

u32 pci_read_config32(const struct pci_dev *dev, u8 offset)
{
	unsigned long flags = local_irq_save();
	u32 v;

	outl(PCI_CONFIG_ADDRESS, config_address(dev, offset));
	v = inl(PCI_CONFIG_DATA);
	local_irq_restore(flags);
	return v;
}

u16 pci_read_config16(const struct pci_dev *dev, u8 offset)
{
	return (u16)(pci_read_config32(dev, offset) >> ((offset & 2) * 8));
}

u8 pci_read_config8(const struct pci_dev *dev, u8 offset)
{
	return (u8)(pci_read_config32(dev, offset) >> ((offset & 3) * 8));
}

void pci_write_config16(const struct pci_dev *dev, u8 offset, u16 value)
{
	unsigned long flags = local_irq_save();

	outl(PCI_CONFIG_ADDRESS, config_address(dev, offset));
	outw(PCI_CONFIG_DATA + (offset & 2), value);
	local_irq_restore(flags);
}

/* Read @dev's identity; false if no function answers at its address. */
static bool pci_probe(struct pci_dev *dev)
{
	u32 class;

	dev->vendor = pci_read_config16(dev, PCI_VENDOR_ID);
	if (dev->vendor == 0xFFFF)
		return false;
	dev->device = pci_read_config16(dev, PCI_DEVICE_ID);
	class = pci_read_config32(dev, 0x08);
	dev->class = class >> 24;
	dev->subclass = class >> 16;
	dev->prog_if = class >> 8;
	return true;
}

struct pci_search {
	u8 class, subclass;
	int index; /* matches still to skip */
	struct pci_dev *found;
};

static bool scan_bus(u8 bus, int depth, struct pci_search *s);

/* Look at one function: a match, or a bridge to scan behind. */
static bool scan_function(struct pci_dev *dev, int depth, struct pci_search *s)
{
	if (dev->class == s->class && dev->subclass == s->subclass && s->index-- == 0) {
		*s->found = *dev;
		return true;
	}
	if (dev->class == PCI_CLASS_BRIDGE && dev->subclass == PCI_SUBCLASS_PCI &&
	    depth < PCI_MAX_BUS_DEPTH) {
		u8 secondary = pci_read_config8(dev, PCI_SECONDARY_BUS);
		if (secondary && scan_bus(secondary, depth + 1, s))
			return true;
	}
	return false;
}

static bool scan_bus(u8 bus, int depth, struct pci_search *s)
{
	for (u8 slot = 0; slot < 32; slot++) {
		struct pci_dev dev = { .bus = bus, .slot = slot, .func = 0 };
		int funcs;

		if (!pci_probe(&dev))
			continue;
		funcs = pci_read_config8(&dev, PCI_HEADER_TYPE) & 0x80 ? 8 : 1;
		for (u8 func = 0; func < funcs; func++) {
			dev.func = func;
			if ((func == 0 || pci_probe(&dev)) && scan_function(&dev, depth, s))
				return true;
		}
	}
	return false;
}

bool pci_find_class(u8 class, u8 subclass, int index, struct pci_dev *dev)
{
	struct pci_search s = { .class = class, .subclass = subclass, .index = index,
				.found = dev };

	return scan_bus(0, 0, &s);
}

u16 pci_bar_io(const struct pci_dev *dev, int bar)
{
	u32 v = pci_read_config32(dev, PCI_BASE_ADDRESS_0 + bar * 4);

	return (v & 1) ? (u16)(v & 0xFFFC) : 0;
}

void pci_enable_bus_master(const struct pci_dev *dev)
{
	u16 cmd = pci_read_config16(dev, PCI_COMMAND);

	pci_write_config16(dev, PCI_COMMAND, cmd | PCI_COMMAND_IO | PCI_COMMAND_MASTER);
}
