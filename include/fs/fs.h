/*
 * The virtual file system: inodes, superblocks, mounts and path lookup
 * (Mauerer ch. 8 "The Virtual Filesystem"; Linux 2.6's fs/inode.c,
 * fs/super.c, fs/namespace.c, fs/namei.c), cut down to what a read-mostly
 * kernel needs and with no dentry cache: a path is walked component by
 * component through each file system's lookup().
 *
 *   struct inode         a file, directory, link or device while it is in use,
 *                        shared by everyone using it (iget/iput, one per
 *                        (superblock, inode number) while alive)
 *   struct super_block   one mounted file system: its type, device, root
 *   struct vfsmount      where a superblock is attached: the directory it
 *                        covers (mnt_mountpoint) in the parent mount
 *   struct path          (mount, inode): a place in the namespace
 *
 * The namespace at boot: a read-only root file system (rootfs) holding
 * the empty directories /dev, /mnt, /mod and /proc, with devfs, modfs and
 * proc mounted on three of them; mount(2) attaches ext2 file systems on
 * any directory (/mnt is there for that).
 *
 * Lifetime: an inode lives while i_count > 0 (paths, open files, mounts
 * and swap files hold references) and is freed by the last iput(). A
 * superblock is busy while any of its inodes other than the root is alive
 * or the root has users besides its mount; umount(2) then fails with
 * -EBUSY.
 *
 * Locking: the kernel is not preemptible and runs on one CPU, so code
 * that does not sleep is atomic. Lookups sleep on disk reads while
 * holding references, never locks; a new inode is marked I_NEW while its
 * file system fills it, and iget() waits on it. mount and umount are
 * serialized by namespace_lock() (they sleep reading the superblock).
 *
 * vfs_open_path is defined in fs/file.c.
 */
#ifndef FS_FS_H
#define FS_FS_H

#include <fs/file.h>
#include <lib/list.h>
#include <lib/types.h>
#include <uapi/abi.h>

#define PATH_MAX    4096 /* bytes of a path, with its NUL (Linux's limit) */
#define NAME_MAX    255	 /* bytes of one component */
#define MAXSYMLINKS 40	 /* links followed in one lookup */

struct block_device;
struct super_block;
struct inode;

/* i_state */
#define I_NEW	   (1U << 0) /* being read by its file system; iget() waits */
#define I_BAD	   (1U << 1) /* reading failed; the inode goes away with its last user */
#define I_SWAPFILE (1U << 2) /* an active swap file: its blocks are mapped by swapon */

struct inode_operations {
	/* Look up @name (@len bytes, not "." or "..") in directory @dir; 0 and a
	 * reference in *@out, or -ENOENT, -EIO... ".." is looked up as a name too. */
	int (*lookup)(struct inode *dir, const char *name, size_t len, struct inode **out);
	/* The target of link @inode into @buf (@len bytes with the NUL); length or -errno. */
	int (*readlink)(struct inode *inode, char *buf, size_t len);
	/* The disk block (in s_blocksize units) holding file block @block; 0 for a hole. */
	int (*bmap)(struct inode *inode, u64 block, u32 *phys);
};

/**
 * struct inode - a file system object in use
 * @i_ino:   its number in its file system
 * @i_mode:  S_IFDIR, S_IFREG, S_IFLNK, S_IFBLK, S_IFCHR | permission bits
 * @i_size:  bytes
 * @i_count: references: paths, open files, mounts, swap files
 * @i_state: I_NEW, I_BAD, I_SWAPFILE
 * @i_private: the file system's (a device, a /proc entry, a block device)
 * @i_sb_list: on i_sb->s_inodes
 */
struct inode {
	unsigned long i_ino;
	unsigned int i_mode;
	long long i_size;
	int i_count;
	unsigned int i_state;
	struct super_block *i_sb;
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;
	void *i_private;
	struct list_head i_sb_list;
};

struct super_operations {
	/* A new inode for @sb (the fs may embed struct inode in a larger one). */
	struct inode *(*alloc_inode)(struct super_block *sb);
	void (*destroy_inode)(struct inode *inode);
	/* Fill the I_NEW @inode from i_ino: mode, size, operations. */
	int (*read_inode)(struct inode *inode);
	/* Unmounting: free s_fs_info. */
	void (*put_super)(struct super_block *sb);
};

#define MS_RDONLY 1 /* s_flags: nothing may be written */

struct super_block {
	const struct file_system_type *s_type;
	const struct super_operations *s_op;
	struct block_device *s_bdev;
	unsigned long s_blocksize;
	unsigned long s_flags;
	struct inode *s_root;
	struct list_head s_inodes;
	void *s_fs_info;
	char s_id[16];	/* the device name, or the type's for pseudo file systems */
};

#define FS_REQUIRES_DEV 1

struct file_system_type {
	const char *name;
	int fs_flags;
	/* Read the file system of sb->s_bdev (or make a pseudo one): set s_op,
	 * s_blocksize, s_root. Errors print one line naming the device. */
	int (*fill_super)(struct super_block *sb);
	const char *boot_mount;	/* pseudo file systems: the directory mounted at boot */
};

#define REGISTER_FILESYSTEM(sym)                                                                   \
	const struct file_system_type *const __fstype_##sym                                        \
		__attribute__((used, section(".filesystems"), aligned(4))) = &sym

struct vfsmount {
	struct vfsmount *mnt_parent;	/* NULL for the root */
	struct inode *mnt_mountpoint;	/* the directory covered, in mnt_parent */
	struct super_block *mnt_sb;
	char mnt_devname[24];		/* "/dev/hda1", or the type name */
	struct list_head mnt_list;
	char mnt_path[];		/* where: the canonical path of the mount point */
};

struct path {
	struct vfsmount *mnt;
	struct inode *inode;
};

/* ---- inodes (fs/inode.c) ---- */

/* The inode @ino of @sb, read by s_op->read_inode if not in use already. */
int iget(struct super_block *sb, unsigned long ino, struct inode **out);
void iput(struct inode *inode);
static inline struct inode *igrab(struct inode *inode)
{
	inode->i_count++;
	return inode;
}

/* ---- path lookup (fs/namei.c) ---- */

#define LOOKUP_FOLLOW	 1 /* follow a link in the last component */
#define LOOKUP_DIRECTORY 2 /* the result must be a directory */
#define LOOKUP_PARENT	 4 /* stop at the parent of the last component */

/*
 * kern_path - walk @name (absolute, or relative to the root: there is no
 * working directory) into @out, holding a reference. Returns 0, -ENOENT,
 * -ENOTDIR, -ENAMETOOLONG, -ELOOP or the file system's error. With
 * @canon (PATH_MAX bytes) the canonical path of the result is stored
 * there: no ".", "..", links or repeated slashes.
 */
int kern_path(const char *name, unsigned int flags, struct path *out, char *canon);
void path_put(struct path *path);

/* A user path copied in: kmalloc'd PATH_MAX buffer to putname(), or -EFAULT/-ENAMETOOLONG. */
int getname(const char *upath, char **out);
void putname(char *name);
/* getname + kern_path. */
int user_path(const char *upath, unsigned int flags, struct path *out);

/* ---- mounts (fs/namespace.c) ---- */

void vfs_init(void);
int do_mount(const char *dev, const char *dir, const char *type, unsigned long flags);
int do_umount(const char *dir, int flags);
/* The mount on @path's inode, if it is a mount point; else NULL. */
struct vfsmount *lookup_mnt(const struct path *path);
extern struct vfsmount *root_mnt;

/* Open the inode of @path into @f (after the access checks of vfs_open). */
int vfs_open_path(const struct path *path, int flags, struct file *f);

#endif
