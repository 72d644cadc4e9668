/*
 * The ATA PIO driver (drivers/ata): both legacy IDE channels, master and
 * slave, disks named hda..hdd and registered as block devices with their
 * partitions. See drivers/ata/ata.h for the internals.
 *
 * Defined in drivers/ata/ata_probe.c.
 */
#ifndef DRIVERS_ATA_H
#define DRIVERS_ATA_H

/*
 * Probe the channels, print one line per device, register the disks and
 * their partitions (block devices and /dev entries). Call once from kmain
 * after the scheduler, the timer and the PIC are set up; it polls, so
 * interrupts may still be off.
 */
void ata_init(void);

#endif
