/*
 * Partition tables (Linux 2.6 fs/partitions/): a parser reads a disk's
 * table into a struct parsed_partitions; rescan_partitions() prints the
 * result in Linux's one-line form ("hda: hda1 hda2 hda4 < hda5 hda6 >")
 * and registers each partition as a block device. Only the PC MBR format
 * (fs/partitions/msdos.c) exists here.
 *
 * Defined in fs/partitions/check.c and fs/partitions/msdos.c.
 */
#ifndef FS_PARTITIONS_H
#define FS_PARTITIONS_H

#include <block/genhd.h>

#define DISK_MAX_PARTS 16 /* partition numbers 1..15: 4 primary, up to 11 logical */

/**
 * struct parsed_partitions - what a parser found on one disk
 * @bdev:  the whole disk being read
 * @parts: parts[n] is partition n (n >= 1); size 0 means none
 * @line:  the boot message, built as partitions are found
 */
struct parsed_partitions {
	struct block_device *bdev;
	struct {
		sector_t from, size;
		u8 type;
	} parts[DISK_MAX_PARTS];
	char line[160];
};

/**
 * put_partition - record partition @n of @size sectors from sector @from
 *
 * A partition that does not fit on the disk is reported on the console
 * ("hda5: partition beyond end of disk ...") and left out.
 */
void put_partition(struct parsed_partitions *state, int n, u64 from, u64 size, u8 type);

/* Append @text to the boot message. */
void partition_line_add(struct parsed_partitions *state, const char *text);

/**
 * msdos_partition - read the MBR and the chain of EBRs of state->bdev
 *
 * Primaries are partitions 1-4, logical partitions are numbered from 5
 * in chain order, as in Linux. Returns 1 when an MBR was found, 0 when
 * the disk has none, or the error of the first sector read.
 */
int msdos_partition(struct parsed_partitions *state);

/**
 * rescan_partitions - read @disk's partition table and register its partitions
 *
 * Prints the one-line summary. Returns the number of partitions
 * registered, or a negative error if the table could not be read.
 */
int rescan_partitions(struct gendisk *disk);

#endif
