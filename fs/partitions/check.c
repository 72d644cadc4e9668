/*
 * From a partition table to block devices (Linux 2.6
 * fs/partitions/check.c): run the parser, validate what it found, print
 * the one-line summary, register the partitions. Called by add_disk().
 */
#include <fs/partitions.h>
#include <kernel/printk.h>
#include <mm/slab.h>
#include <lib/string.h>
#include <lib/vsnprintf.h>
#include <uapi/errno.h>

void partition_line_add(struct parsed_partitions *state, const char *text)
{
	size_t len = strlen(state->line);

	strlcpy(state->line + len, text, sizeof(state->line) - len);
}

void put_partition(struct parsed_partitions *state, int n, u64 from, u64 size, u8 type)
{
	sector_t disk_size = state->bdev->nr_sects;
	char name[16];

	snprintf(name, sizeof(name), "%s%d", state->bdev->name, n);
	if (n <= 0 || n >= DISK_MAX_PARTS) {
		printk(KERN_WARNING "%s: partition number out of range 1..%d, skipped\n", name,
		       DISK_MAX_PARTS - 1);
		return;
	}
	if (from >= disk_size || size > disk_size - from) {
		printk(KERN_WARNING "%s: partition beyond end of disk (sector %llu + %llu > %lu), "
				    "skipped\n",
		       name, from, size, disk_size);
		return;
	}
	state->parts[n].from = from;
	state->parts[n].size = size;
	state->parts[n].type = type;
	partition_line_add(state, " ");
	partition_line_add(state, name);
}

int rescan_partitions(struct gendisk *disk)
{
	struct parsed_partitions *state = kzalloc(sizeof(*state), GFP_KERNEL);
	int found, registered = 0;

	if (!state)
		return -ENOMEM;
	state->bdev = &disk->part0;
	snprintf(state->line, sizeof(state->line), "%s:", disk->disk_name);
	found = msdos_partition(state);
	if (found < 0)
		partition_line_add(state, " unable to read partition table");
	else if (!found)
		partition_line_add(state, " unknown partition table");
	printk(KERN_INFO "%s\n", state->line);
	for (int n = 1; n < DISK_MAX_PARTS; n++) {
		if (state->parts[n].size &&
		    add_partition(disk, n, state->parts[n].from, state->parts[n].size,
				  state->parts[n].type))
			registered++;
	}
	kfree(state);
	return found < 0 ? found : registered;
}
