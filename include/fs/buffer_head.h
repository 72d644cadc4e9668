/*
 * The buffer cache: disk blocks of mounted file systems kept in memory
 * (Mauerer ch. 16 "Page and Buffer Cache"; Linux 2.4's fs/buffer.c in its
 * simplest shape: read-only, a list, no page cache behind it).
 *
 *	struct buffer_head *bh;
 *	int r = bread(bdev, block, 1024, &bh);      sleeps while the disk reads
 *	... bh->b_data[0 .. b_size-1] ...
 *	brelse(bh);
 *
 * A block read once stays cached while it is used and, unused, until the
 * cache is over its budget (a 64th of RAM), when the least recently used
 * unused blocks are freed. Only metadata and file data of mounted file
 * systems go through here; swap I/O never does.
 */
#ifndef FS_BUFFER_HEAD_H
#define FS_BUFFER_HEAD_H

#include <lib/list.h>
#include <lib/types.h>

struct block_device;

/**
 * struct buffer_head - one cached block
 * @b_bdev, @b_blocknr, @b_size: which block: number @b_blocknr of
 *		@b_size bytes on @b_bdev
 * @b_count:	users (bread without brelse); 0: on the LRU, may be freed
 * @b_locked:	being read from the disk; bread() of it waits
 * @b_error:	the read failed (the buffer leaves the cache with its last user)
 * @b_list:	on the list of all buffers, most recently used first
 */
struct buffer_head {
	struct block_device *b_bdev;
	u32 b_blocknr;
	unsigned int b_size;
	int b_count;
	bool b_locked;
	int b_error;
	char *b_data;
	struct list_head b_list;
};

/* Block @block (of @size bytes: 512..4096) of @bdev: 0 and *@out, or -EIO, -ENOMEM... */
int bread(struct block_device *bdev, u32 block, unsigned int size, struct buffer_head **out);
void brelse(struct buffer_head *bh);

/* Forget every cached block of @bdev (after umount; none may be in use). */
void invalidate_bdev(struct block_device *bdev);

/* Statistics for tests: bread calls and the disk reads they needed. */
extern unsigned long buffer_lookups, buffer_reads;

#endif
