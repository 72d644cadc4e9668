/*
 * PCI configuration space (PCI Local Bus Specification 2.1 §6; the
 * configuration mechanism #1 ports of §3.2.2.3.2): just what a driver
 * needs to find its controller, learn its I/O ports and let it master
 * the bus. No resource allocation: the firmware (SeaBIOS under QEMU)
 * has assigned the BARs already.
 *
 *	struct pci_dev ide;
 *	if (pci_find_class(PCI_CLASS_STORAGE, PCI_SUBCLASS_IDE, 0, &ide)) {
 *		u16 bmdma = pci_bar_io(&ide, 4);
 *		pci_enable_bus_master(&ide);
 *	}
 */
#ifndef DRIVERS_PCI_H
#define DRIVERS_PCI_H

#include <lib/types.h>

/* Configuration header offsets (type 0). */
#define PCI_VENDOR_ID	   0x00
#define PCI_DEVICE_ID	   0x02
#define PCI_COMMAND	   0x04
#define PCI_CLASS_PROG	   0x09 /* programming interface */
#define PCI_CLASS_DEVICE   0x0A /* subclass, then class in the high byte */
#define PCI_HEADER_TYPE	   0x0E
#define PCI_BASE_ADDRESS_0 0x10
#define PCI_SECONDARY_BUS  0x19 /* type 1 (bridge) header */

#define PCI_COMMAND_IO	   0x1 /* respond to I/O space accesses */
#define PCI_COMMAND_MASTER 0x4 /* may master the bus (DMA) */

#define PCI_CLASS_STORAGE  0x01
#define PCI_SUBCLASS_IDE   0x01
#define PCI_CLASS_BRIDGE   0x06
#define PCI_SUBCLASS_PCI   0x04

/**
 * struct pci_dev - one function found on the bus
 * @bus, @slot, @func: its address
 * @vendor, @device:   identity
 * @class, @subclass, @prog_if: what it is and how it is programmed
 */
struct pci_dev {
	u8 bus, slot, func;
	u16 vendor, device;
	u8 class, subclass, prog_if;
};

u8 pci_read_config8(const struct pci_dev *dev, u8 offset);
u16 pci_read_config16(const struct pci_dev *dev, u8 offset);
u32 pci_read_config32(const struct pci_dev *dev, u8 offset);
void pci_write_config16(const struct pci_dev *dev, u8 offset, u16 value);

/**
 * pci_find_class - the @index'th function (0 = first) of @class/@subclass
 *
 * Scans bus 0 and, through PCI-to-PCI bridges, the buses behind it.
 * Fills *@dev and returns true, or returns false if there is none.
 */
bool pci_find_class(u8 class, u8 subclass, int index, struct pci_dev *dev);

/* The I/O port base of BAR @bar, or 0 if it is unset or a memory BAR. */
u16 pci_bar_io(const struct pci_dev *dev, int bar);

/* Let @dev decode its I/O ports and master the bus. */
void pci_enable_bus_master(const struct pci_dev *dev);

#endif
