/*
 * Registering disks and partitions as block devices, finding them by
 * name, claiming them exclusively, and reading them through /dev
 * (Mauerer §6.5, on adding disks and partitions to the
 * System"; Linux 2.6 block/genhd.c and fs/block_dev.c's bd_claim).
 *
 * add_disk() reads the partition table through fs/partitions, as Linux
 * 2.6's add_disk() calls fs/partitions/check.c: the one place where the
 * block layer calls up into fs/, because a disk is not usable until its
 * partitions are known.
 *
 * Locking: see include/block/genhd.h (registration only at boot).
 */
#include <block/blkdev.h>
#include <fs/devfs.h>
#include <fs/partitions.h>
#include <kernel/printk.h>
#include <kernel/uaccess.h>
#include <mm/slab.h>
#include <lib/string.h>
#include <lib/vsnprintf.h>
#include <uapi/errno.h>

static LIST_HEAD(all_bdevs);
static const struct file_operations bdev_file_ops;

void bdev_init(struct block_device *bdev, struct gendisk *disk, const char *name, sector_t start,
	       sector_t nr_sects, u8 type, int partno)
{
	memset(bdev, 0, sizeof(*bdev));
	strlcpy(bdev->name, name, sizeof(bdev->name));
	bdev->disk = disk;
	bdev->start_sect = start;
	bdev->nr_sects = nr_sects;
	bdev->part_type = type;
	bdev->partno = partno;
	INIT_LIST_HEAD(&bdev->list);
}

/* Add @bdev to the list and to /dev; it stays usable by name even if /dev is full. */
static int register_bdev(struct block_device *bdev)
{
	int r;

	list_add_tail(&bdev->list, &all_bdevs);
	r = devfs_register(bdev->name, &bdev_file_ops, bdev);
	if (r)
		printk(KERN_WARNING "%s: no /dev entry (error %d: table full)\n", bdev->name, r);
	return r;
}

int add_disk(struct gendisk *disk)
{
	int r;

	bdev_init(&disk->part0, disk, disk->disk_name, 0, disk->capacity, 0, 0);
	r = register_bdev(&disk->part0);
	rescan_partitions(disk);
	return r;
}

struct block_device *add_partition(struct gendisk *disk, int partno, sector_t start,
				   sector_t nr_sects, u8 type)
{
	struct block_device *bdev = kmalloc(sizeof(*bdev), GFP_KERNEL);
	char name[BDEV_NAME_LEN];

	if (!bdev) {
		printk(KERN_ERR "%s: no memory for partition %d\n", disk->disk_name, partno);
		return NULL;
	}
	snprintf(name, sizeof(name), "%s%d", disk->disk_name, partno);
	bdev_init(bdev, disk, name, start, nr_sects, type, partno);
	register_bdev(bdev);
	return bdev;
}

struct block_device *bdev_lookup(const char *name)
{
	struct block_device *bdev;

	list_for_each_entry(bdev, &all_bdevs, list)
		if (!strcmp(bdev->name, name))
			return bdev;
	return NULL;
}

struct block_device *bdev_next(struct block_device *bdev)
{
	struct list_head *next = bdev ? bdev->list.next : all_bdevs.next;

	return next == &all_bdevs ? NULL : list_entry(next, struct block_device, list);
}

int bdev_claim(struct block_device *bdev, void *holder)
{
	struct gendisk *disk = bdev->disk;

	BUG_ON(!holder);
	if (bdev->holder)
		return -EBUSY;
	if (bdev->partno ? disk->part0.holder != NULL : disk->nr_claimed > 0)
		return -EBUSY;
	bdev->holder = holder;
	if (bdev->partno)
		disk->nr_claimed++;
	return 0;
}

void bdev_release(struct block_device *bdev)
{
	BUG_ON(!bdev->holder);
	bdev->holder = NULL;
	if (bdev->partno)
		bdev->disk->nr_claimed--;
}

/* Copy bytes [pos, pos + n) of @bdev to user memory, through a one-page bounce buffer. */
static long bdev_copy_out(struct block_device *bdev, char *ubuf, long pos, long n, char *page)
{
	long done = 0;

	while (done < n) {
		sector_t sector = (pos + done) / SECTOR_SIZE;
		unsigned int off = (pos + done) % SECTOR_SIZE;
		unsigned int count =
		    min((sector_t)(PAGE_SIZE / SECTOR_SIZE), bdev->nr_sects - sector);
		long chunk = min(n - done, (long)(count * SECTOR_SIZE - off));
		int r = bdev_read_sync(bdev, sector, page, count);

		if (r)
			return done ? done : r;
		if (copy_to_user(ubuf + done, page + off, chunk))
			return done ? done : -EFAULT;
		done += chunk;
	}
	return done;
}

/* read(2) on /dev/hdXN: the raw sectors, from the file position on. */
static long bdev_read(struct file *f, char *ubuf, long n)
{
	struct block_device *bdev = f->private;
	u64 size = (u64)bdev->nr_sects * SECTOR_SIZE;
	char *page;
	long r;

	if (n <= 0 || f->pos < 0 || (u64)f->pos >= size)
		return 0;
	if ((u64)n > size - f->pos)
		n = (long)(size - f->pos);
	page = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	r = bdev_copy_out(bdev, ubuf, f->pos, n, page);
	kfree(page);
	if (r > 0)
		f->pos += r;
	return r;
}

static const struct file_operations bdev_file_ops = { .read = bdev_read };
