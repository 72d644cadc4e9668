/*
 * The PC partition table (Linux 2.6 fs/partitions/msdos.c). Sector 0, the
 * MBR, ends with the signature 55 AA and holds four 16-byte entries at
 * offset 446:
 *
 *   +0 boot flag  +1 CHS start  +4 type  +5 CHS end  +8 start (LE32)  +12 sectors (LE32)
 *
 * An entry of type 05, 0F or 85 is an extended partition: a chain of
 * EBRs, each laid out like an MBR. In an EBR, entry 0 is one logical
 * partition (start relative to this EBR) and another entry of extended
 * type links to the next EBR (start relative to the extended partition).
 * Logical partitions are numbered from 5 in chain order; a number is
 * used even by an entry that turns out invalid, so names stay stable.
 * CHS fields are ignored: LBA only.
 */
#include <fs/partitions.h>
#include <block/blkdev.h>
#include <kernel/printk.h>
#include <mm/slab.h>
#include <uapi/errno.h>

#define MBR_TABLE_OFFSET 446
#define MBR_SIG_OFFSET	 510
#define FIRST_LOGICAL	 5

struct mbr_entry {
	u8 boot_ind;
	u8 chs_start[3];
	u8 type;
	u8 chs_end[3];
	u32 start_sect;
	u32 nr_sects;
} __packed;

static bool is_extended(u8 type)
{
	return type == 0x05 || type == 0x0F || type == 0x85;
}

static const struct mbr_entry *mbr_entries(const u8 *sector)
{
	return (const struct mbr_entry *)(sector + MBR_TABLE_OFFSET);
}

static bool mbr_signature(const u8 *sector)
{
	return sector[MBR_SIG_OFFSET] == 0x55 && sector[MBR_SIG_OFFSET + 1] == 0xAA;
}

/* Read the table sector at @sector into @buf; false (with a message) when it is unusable. */
static bool read_table(struct parsed_partitions *state, sector_t sector, u8 *buf)
{
	int r = bdev_read_sync(state->bdev, sector, buf, 1);

	if (r) {
		printk(KERN_WARNING "%s: cannot read the EBR at sector %lu (error %d)\n",
		       state->bdev->name, sector, r);
		return false;
	}
	if (!mbr_signature(buf)) {
		printk(KERN_WARNING "%s: no 55 AA signature in the EBR at sector %lu\n",
		       state->bdev->name, sector);
		return false;
	}
	return true;
}

/* The link to the next EBR in @ebr, or NULL at the end of the chain. */
static const struct mbr_entry *ebr_link(const u8 *ebr)
{
	const struct mbr_entry *e = mbr_entries(ebr);

	for (int i = 1; i < 4; i++)
		if (is_extended(e[i].type) && e[i].nr_sects)
			return &e[i];
	return NULL;
}

/*
 * Walk the EBR chain of the extended partition at @ext_start. The chain
 * is bounded by the partition numbers left, so a loop of EBRs pointing
 * at each other ends.
 */
static void parse_extended(struct parsed_partitions *state, sector_t ext_start, u8 *buf)
{
	u64 ebr = ext_start;
	int n = FIRST_LOGICAL;

	while (n < DISK_MAX_PARTS && read_table(state, ebr, buf)) {
		const struct mbr_entry *e = mbr_entries(buf), *link = ebr_link(buf);

		if (e[0].type && e[0].nr_sects && !is_extended(e[0].type))
			put_partition(state, n++, ebr + e[0].start_sect, e[0].nr_sects, e[0].type);
		if (!link || !link->start_sect)
			return;
		ebr = (u64)ext_start + link->start_sect;
		if (ebr >= state->bdev->nr_sects) {
			printk(KERN_WARNING "%s: EBR link to sector %llu beyond end of disk, "
					    "chain ends\n",
			       state->bdev->name, ebr);
			return;
		}
	}
	if (n == DISK_MAX_PARTS)
		printk(KERN_WARNING "%s: more than %d logical partitions, the rest ignored\n",
		       state->bdev->name, DISK_MAX_PARTS - FIRST_LOGICAL);
}

/*
 * Record the four primaries. The extended partition itself is registered
 * as 2 sectors only, as Linux does, so nobody can mkswap across the
 * logical partitions it contains. Returns the extended one's start, or 0.
 */
static sector_t parse_primaries(struct parsed_partitions *state, const u8 *mbr)
{
	const struct mbr_entry *e = mbr_entries(mbr);
	sector_t ext_start = 0;

	for (int i = 0; i < 4; i++) {
		if (!e[i].type || !e[i].nr_sects)
			continue;
		if (is_extended(e[i].type) && !ext_start) {
			put_partition(state, i + 1, e[i].start_sect, min(e[i].nr_sects, 2U),
				      e[i].type);
			ext_start = state->parts[i + 1].size ? e[i].start_sect : 0;
		} else {
			put_partition(state, i + 1, e[i].start_sect, e[i].nr_sects, e[i].type);
		}
	}
	return ext_start;
}

int msdos_partition(struct parsed_partitions *state)
{
	u8 *buf = kmalloc(SECTOR_SIZE, GFP_KERNEL);
	sector_t ext_start;
	int r;

	if (!buf)
		return -ENOMEM;
	r = bdev_read_sync(state->bdev, 0, buf, 1);
	if (r || !mbr_signature(buf)) {
		kfree(buf);
		return r;
	}
	ext_start = parse_primaries(state, buf);
	if (ext_start) {
		partition_line_add(state, " <");
		parse_extended(state, ext_start, buf);
		partition_line_add(state, " >");
	}
	kfree(buf);
	return 1;
}
