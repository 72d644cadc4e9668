/*
 * Inodes in use (Linux 2.6's fs/inode.c, without the cache of unused
 * inodes): iget() finds or reads the inode of a number, iput() frees it
 * with its last user. Each superblock keeps its live inodes on s_inodes,
 * so there is one struct inode per file in use (two opens of a file share
 * it, which swapon relies on to see the file is already a swap area) and
 * umount can tell whether a file system is busy.
 *
 * Locking: none needed beyond the kernel's non-preemption; the one sleep,
 * s_op->read_inode, happens with the new inode on s_inodes marked I_NEW,
 * and a second iget() of it waits on inode_wait until it is filled.
 */
#include <fs/fs.h>
#include <kernel/sched.h>
#include <kernel/wait.h>
#include <kernel/bug.h>
#include <mm/slab.h>
#include <uapi/errno.h>

static DECLARE_WAIT_QUEUE_HEAD(inode_wait);

static struct inode *find_inode(struct super_block *sb, unsigned long ino)
{
	struct inode *inode;

	list_for_each_entry(inode, &sb->s_inodes, i_sb_list)
		if (inode->i_ino == ino && !(inode->i_state & I_BAD))
			return inode;
	return NULL;
}

static void free_inode(struct super_block *sb, struct inode *inode)
{
	if (sb->s_op->destroy_inode)
		sb->s_op->destroy_inode(inode);
	else
		kfree(inode);
}

/* Read a new inode for @ino; on failure it is marked I_BAD for any waiter. */
static int read_new_inode(struct super_block *sb, unsigned long ino, struct inode **out)
{
	struct inode *inode = sb->s_op->alloc_inode ? sb->s_op->alloc_inode(sb)
						    : kzalloc(sizeof(*inode), GFP_KERNEL);
	int r;

	if (!inode)
		return -ENOMEM;
	if (find_inode(sb, ino)) {	/* someone read it while we allocated */
		free_inode(sb, inode);
		return -EAGAIN;
	}
	inode->i_sb = sb;
	inode->i_ino = ino;
	inode->i_count = 1;
	inode->i_state = I_NEW;
	list_add(&inode->i_sb_list, &sb->s_inodes);
	r = sb->s_op->read_inode(inode);
	inode->i_state &= ~I_NEW;
	wake_up(&inode_wait);
	if (r) {
		inode->i_state |= I_BAD;
		iput(inode);
		return r;
	}
	*out = inode;
	return 0;
}

int iget(struct super_block *sb, unsigned long ino, struct inode **out)
{
	for (;;) {
		struct inode *inode = find_inode(sb, ino);
		int r;
		if (!inode) {
			r = read_new_inode(sb, ino, out);
			if (r == -EAGAIN)
				continue;
			return r;
		}
		inode->i_count++;
		wait_event(inode_wait, !(inode->i_state & I_NEW));
		if (!(inode->i_state & I_BAD)) {
			*out = inode;
			return 0;
		}
		iput(inode);	/* its reader failed: try reading it ourselves */
	}
}

void iput(struct inode *inode)
{
	if (!inode)
		return;
	BUG_ON(inode->i_count <= 0);
	if (--inode->i_count == 0) {
		list_del(&inode->i_sb_list);
		free_inode(inode->i_sb, inode);
	}
}
