/*
 * Disks and block devices (Mauerer §6.5, "Representation of Block
 * Devices"; Linux 2.6's gendisk / hd_struct / block_device, folded into
 * two structures):
 *
 *   struct gendisk       one per physical disk: its queue, capacity,
 *                        driver data and I/O statistics
 *   struct block_device  one per addressable range: the whole disk
 *                        (disk->part0, partno 0) and each partition
 *                        (hda1..hda4 primaries, hda5... logicals)
 *
 * A bio names a block_device and a sector relative to it; the block
 * layer adds start_sect and checks nr_sects, so a partition can never
 * reach outside itself.
 *
 * Locking: devices are registered at boot and never removed, so the list
 * of all block devices is read without locks. bdev_claim/bdev_release
 * run in process context and do not sleep, which on our non-preemptive
 * uniprocessor makes them atomic against each other.
 */
#ifndef BLOCK_GENHD_H
#define BLOCK_GENHD_H

#include <lib/list.h>
#include <block/bio.h>

#define BDEV_NAME_LEN 8

/* Write commands by size: bucket i counts commands of 2^i .. 2^(i+1)-1 sectors. */
#define DISK_HIST_BUCKETS 10

/**
 * struct disk_stats - what a disk's queue has done since boot
 * @ios:	 read and write commands handed to the driver ([READ], [WRITE]),
 *		 including retries of a failed merged request bio by bio
 * @sectors:	 sectors those commands carried
 * @merges:	 bios merged into an already queued request
 * @errors:	 commands that failed
 * @write_hist:	 write commands by size, see DISK_HIST_BUCKETS
 *
 * Mean sectors per write command = sectors[WRITE] / ios[WRITE].
 */
struct disk_stats {
	unsigned long ios[2];
	unsigned long sectors[2];
	unsigned long merges[2];
	unsigned long errors;
	unsigned long write_hist[DISK_HIST_BUCKETS];
};

struct request_queue;
struct gendisk;

/**
 * struct block_device - a whole disk or a partition of it
 * @name:	 "hda", "hda1"; also its /dev name
 * @disk:	 the disk it lives on
 * @start_sect:	 first sector on the disk (0 for the whole disk)
 * @nr_sects:	 size in sectors
 * @part_type:	 MBR partition type byte (0x82 Linux swap, 0x83 Linux...), 0 for a disk
 * @partno:	 0 for the whole disk, 1-4 primary, 5... logical
 * @holder:	 who claimed it exclusively (swapon), or NULL
 * @list:	 on the list of all block devices
 */
struct block_device {
	char name[BDEV_NAME_LEN];
	struct gendisk *disk;
	sector_t start_sect;
	sector_t nr_sects;
	u8 part_type;
	int partno;
	void *holder;
	struct list_head list;
};

/**
 * struct gendisk - a disk
 * @disk_name:	  "hda"
 * @capacity:	  sectors
 * @queue:	  its request queue
 * @part0:	  the whole-disk block device
 * @nr_claimed:	  partitions currently claimed (the whole disk cannot be claimed meanwhile)
 * @stats:	  I/O statistics, kept by the block layer
 */
struct gendisk {
	char disk_name[BDEV_NAME_LEN];
	sector_t capacity;
	struct request_queue *queue;
	struct block_device part0;
	int nr_claimed;
	struct disk_stats stats;
};

/* Fill in @bdev as a range of @disk (not registered anywhere: see add_disk/add_partition). */
void bdev_init(struct block_device *bdev, struct gendisk *disk, const char *name, sector_t start,
	       sector_t nr_sects, u8 type, int partno);

/**
 * add_disk - make @disk visible
 *
 * @disk needs disk_name, capacity and queue set. Registers the whole-disk
 * device (part0) in the list of block devices and in /dev, then reads the
 * partition table and registers the partitions. Returns 0 or -ENOSPC
 * (/dev is full). Process context or early boot.
 */
int add_disk(struct gendisk *disk);

/* Register partition @partno of @disk (from the partition table code). */
struct block_device *add_partition(struct gendisk *disk, int partno, sector_t start,
				   sector_t nr_sects, u8 type);

/* The block device called @name ("hda", "hda5"), or NULL. */
struct block_device *bdev_lookup(const char *name);

/* The device after @bdev in registration order (the first when NULL), or NULL. */
struct block_device *bdev_next(struct block_device *bdev);
#define for_each_bdev(b) for ((b) = bdev_next(NULL); (b); (b) = bdev_next(b))

/**
 * bdev_claim - claim @bdev for exclusive use by @holder
 *
 * Returns 0, or -EBUSY when it is claimed by someone else, when it is a
 * whole disk and one of its partitions is claimed, or when it is a
 * partition and its whole disk is claimed. Claiming again with the same
 * holder is an error too (-EBUSY): one claim, one release.
 */
int bdev_claim(struct block_device *bdev, void *holder);

/* Undo bdev_claim(). */
void bdev_release(struct block_device *bdev);

#endif
