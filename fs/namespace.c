/*
 * Mounting (Mauerer §8.4, on mounting and unmounting; Linux 2.6's
 * fs/namespace.c and fs/super.c): the list of mounts, mount(2) and
 * umount(2), the boot parameter mount=, and /proc/mounts.
 *
 * At boot vfs_init() mounts rootfs as "/" and each pseudo file system on
 * its directory (devfs on /dev, modfs on /mod, proc on /proc), then the
 * file systems named by mount=. Disk file systems (FS_REQUIRES_DEV) claim
 * their block device for as long as they are mounted, so a device cannot
 * be mounted twice or be a swap area and a file system at once.
 *
 * Every refusal prints one line saying why and returns Linux's errno:
 * -ENODEV unknown type, -ENOENT/-ENOTDIR bad target or source path,
 * -ENOTBLK a source that is not a block device, -EINVAL no file system
 * of that type on it (the file system's own line) or not a mount point,
 * -EBUSY a device in use, a directory already mounted on, or a file
 * system with files, directories or a swap file in use.
 *
 * Locking: mount and umount sleep (reading a superblock), so they are
 * serialized by namespace_lock(). Lookups read the mount list without a
 * lock: it changes only in code that does not sleep between its check
 * and its update, and a walk holds a reference to an inode of each mount
 * it stands on, which makes that mount busy.
 */
#include <fs/fs.h>
#include <fs/proc.h>
#include <block/genhd.h>
#include <kernel/panic.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>
#include <kernel/wait.h>
#include <mm/slab.h>
#include <lib/string.h>
#include <lib/vsnprintf.h>
#include <uapi/errno.h>

extern const struct file_system_type *const __filesystems_start[], *const __filesystems_end[];

static LIST_HEAD(mounts);
struct vfsmount *root_mnt;

static bool namespace_busy;
static DECLARE_WAIT_QUEUE_HEAD(namespace_wait);

static void namespace_lock(void)
{
	wait_event(namespace_wait, !namespace_busy);
	namespace_busy = true;
}

static void namespace_unlock(void)
{
	namespace_busy = false;
	wake_up(&namespace_wait);
}

static const struct file_system_type *get_fs_type(const char *name)
{
	for (const struct file_system_type *const *t = __filesystems_start; t < __filesystems_end;
	     t++)
		if (!strcmp((*t)->name, name))
			return *t;
	return NULL;
}

struct vfsmount *lookup_mnt(const struct path *path)
{
	struct vfsmount *m;

	list_for_each_entry(m, &mounts, mnt_list)
		if (m->mnt_parent == path->mnt && m->mnt_mountpoint == path->inode)
			return m;
	return NULL;
}

/* ---- superblocks ---- */

static int read_super(const struct file_system_type *type, struct block_device *bdev,
		      struct super_block **out)
{
	struct super_block *sb = kzalloc(sizeof(*sb), GFP_KERNEL);
	int r;

	if (!sb)
		return -ENOMEM;
	sb->s_type = type;
	sb->s_bdev = bdev;
	INIT_LIST_HEAD(&sb->s_inodes);
	strlcpy(sb->s_id, bdev ? bdev->name : type->name, sizeof(sb->s_id));
	r = type->fill_super(sb);
	if (r) {
		BUG_ON(!list_empty(&sb->s_inodes));
		kfree(sb);
		return r;
	}
	*out = sb;
	return 0;
}

/* Free @sb after its last inode, its root, is gone. */
static void kill_super(struct super_block *sb)
{
	iput(sb->s_root);
	BUG_ON(!list_empty(&sb->s_inodes));
	if (sb->s_op->put_super)
		sb->s_op->put_super(sb);
	kfree(sb);
}

/* Attach @sb at @mp (NULL: as the root), shown as @devname on @where. */
static int attach(struct super_block *sb, const struct path *mp, const char *devname,
		  const char *where)
{
	struct vfsmount *m = kzalloc(sizeof(*m) + strlen(where) + 1, GFP_KERNEL);

	if (!m)
		return -ENOMEM;
	m->mnt_sb = sb;
	m->mnt_parent = mp ? mp->mnt : NULL;
	m->mnt_mountpoint = mp ? igrab(mp->inode) : NULL;
	strlcpy(m->mnt_devname, devname, sizeof(m->mnt_devname));
	strlcpy(m->mnt_path, where, strlen(where) + 1);
	list_add_tail(&m->mnt_list, &mounts);
	if (!mp)
		root_mnt = m;
	return 0;
}

/* ---- mount ---- */

static const char *errname(int err)
{
	switch (err) {
	case -ENOENT: return "no such file or directory";
	case -ENOTDIR: return "not a directory";
	case -ENAMETOOLONG: return "name too long";
	case -ELOOP: return "too many symbolic links";
	case -ENOMEM: return "out of memory";
	}
	return "cannot be looked up";
}

/* The block device @dev names ("/dev/hda1"), or -ENOENT, -ENOTBLK... */
static int lookup_bdev(const char *dev, struct block_device **out)
{
	struct path p;
	int r;

	if (!dev || !*dev) {
		printk(KERN_ERR "mount: no source device given\n");
		return -EINVAL;
	}
	r = kern_path(dev, LOOKUP_FOLLOW, &p, NULL);
	if (r) {
		printk(KERN_ERR "mount: %s: %s\n", dev, errname(r));
		return r;
	}
	if (!S_ISBLK(p.inode->i_mode)) {
		printk(KERN_ERR "mount: %s: not a block device\n", dev);
		r = -ENOTBLK;
	} else {
		*out = p.inode->i_private;
	}
	path_put(&p);
	return r;
}

static bool is_mount_root(const struct path *p)
{
	return p->inode == p->mnt->mnt_sb->s_root;
}

/* The mount point @dir as a directory path, with its canonical name in @canon. */
static int lookup_mountpoint(const char *dir, struct path *mp, char *canon)
{
	int r = kern_path(dir, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, mp, canon);

	if (r) {
		printk(KERN_ERR "mount: mount point %s: %s\n", dir, errname(r));
		return r;
	}
	if (is_mount_root(mp)) {
		printk(KERN_ERR "mount: %s is already a mount point\n", canon);
		path_put(mp);
		return -EBUSY;
	}
	return 0;
}

/* Mount a file system of @type from @bdev (NULL for a pseudo one) on @mp. */
static int mount_on(const struct file_system_type *type, struct block_device *bdev,
		    const char *dev, const struct path *mp, const char *where)
{
	struct super_block *sb;
	int r;

	if (bdev && bdev_claim(bdev, (void *)type)) {
		printk(KERN_ERR "mount: /dev/%s is busy (already mounted, or a swap area)\n",
		       bdev->name);
		return -EBUSY;
	}
	r = read_super(type, bdev, &sb);
	if (!r) {
		r = attach(sb, mp, dev, where);
		if (r)
			kill_super(sb);
	}
	if (r && bdev)
		bdev_release(bdev);
	if (!r && bdev)
		printk(KERN_INFO "%s: /dev/%s mounted on %s%s\n", type->name, bdev->name, where,
		       (sb->s_flags & MS_RDONLY) ? " (read-only)" : "");
	return r;
}

#define MS_IGNORED (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_SYNCHRONOUS | MS_MANDLOCK | \
		    MS_DIRSYNC | MS_NOATIME | MS_NODIRATIME | MS_SILENT | MS_RELATIME)

/* The file system type @name (NULL: none given), or NULL with the error in *@err. */
static const struct file_system_type *mount_type(const char *name, int *err)
{
	const struct file_system_type *type = name ? get_fs_type(name) : NULL;

	*err = 0;
	if (!name) {
		printk(KERN_ERR "mount: no file system type given\n");
		*err = -EINVAL;
	} else if (!type) {
		printk(KERN_ERR "mount: unknown file system type '%s'\n", name);
		*err = -ENODEV;
	}
	return type;
}

/*
 * Mount @dev (a path) of type @type_name (NULL if none was given) on @dir.
 * The checks come in Linux's order (path_mount, do_new_mount): the mount
 * point, the flags, the type, then the source.
 */
int do_mount(const char *dev, const char *dir, const char *type_name, unsigned long flags)
{
	const struct file_system_type *type = NULL;
	struct block_device *bdev = NULL;
	char *canon;
	struct path mp;
	int r;

	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	canon = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!canon)
		return -ENOMEM;
	namespace_lock();
	r = lookup_mountpoint(dir, &mp, canon);
	if (r)
		goto out;
	if (flags & ~MS_IGNORED) {
		printk(KERN_ERR "mount: flags %#lx not supported (remount, bind, move)\n",
		       flags & ~MS_IGNORED);
		r = -EINVAL;
	} else {
		type = mount_type(type_name, &r);
	}
	if (!r && (type->fs_flags & FS_REQUIRES_DEV))
		r = lookup_bdev(dev, &bdev);
	if (!r) {
		char devname[24];
		if (bdev)
			snprintf(devname, sizeof(devname), "/dev/%s", bdev->name);
		r = mount_on(type, bdev, bdev ? devname : type->name, &mp, canon);
	}
	path_put(&mp);
out:
	namespace_unlock();
	kfree(canon);
	return r;
}

/* ---- umount ---- */

/* Why @m cannot be unmounted (its root is held by @held extra references), or NULL. */
static const char *mount_busy(struct vfsmount *m, int held, char *buf, size_t len)
{
	struct super_block *sb = m->mnt_sb;
	struct vfsmount *c;
	struct inode *inode;
	int in_use = sb->s_root->i_count - 1 - held;

	list_for_each_entry(c, &mounts, mnt_list)
		if (c->mnt_parent == m)
			return "another file system is mounted on it";
	list_for_each_entry(inode, &sb->s_inodes, i_sb_list) {
		if (inode->i_state & I_SWAPFILE)
			return "a swap file on it is active (swapoff it first)";
		if (inode != sb->s_root)
			in_use++;
	}
	if (!in_use)
		return NULL;
	snprintf(buf, len, "%d open files or directories", in_use);
	return buf;
}

static int umount_path(struct path *p, const char *dir)
{
	struct vfsmount *m = p->mnt;
	struct super_block *sb = m->mnt_sb;
	struct block_device *bdev = sb->s_bdev;
	const char *busy;
	char why[48];

	if (!is_mount_root(p)) {
		printk(KERN_ERR "umount: %s: not mounted\n", dir);
		return -EINVAL;
	}
	if (m == root_mnt) {
		printk(KERN_ERR "umount: /: the root file system cannot be unmounted\n");
		return -EBUSY;
	}
	busy = mount_busy(m, 1, why, sizeof(why));
	if (busy) {
		printk(KERN_ERR "umount: %s: busy: %s\n", m->mnt_path, busy);
		return -EBUSY;
	}
	list_del(&m->mnt_list);
	path_put(p);
	iput(m->mnt_mountpoint);
	kill_super(sb);
	if (bdev)
		bdev_release(bdev);
	kfree(m);
	return 0;
}

int do_umount(const char *dir, int flags)
{
	struct path p = { NULL, NULL };
	int r;

	if (flags & ~(MNT_FORCE | UMOUNT_NOFOLLOW)) {
		printk(KERN_ERR "umount: %s: flags %#x not supported (lazy or expiring unmount)\n",
		       dir, flags);
		return -EINVAL;
	}
	namespace_lock();
	r = kern_path(dir, (flags & UMOUNT_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &p, NULL);
	if (r)
		printk(KERN_ERR "umount: %s: %s\n", dir, errname(r));
	else
		r = umount_path(&p, dir);
	if (r && p.inode)
		path_put(&p);
	namespace_unlock();
	return r;
}

/* ---- system calls ---- */

/* A string argument of mount(2) (Linux's copy_mount_string): NULL stays NULL. */
static long copy_mount_string(const char *u, char **out)
{
	*out = NULL;
	return u ? getname(u, out) : 0;
}

/*
 * sys_mount - the arguments are copied in Linux's order (ksys_mount): the
 * type, the source, the options (unused here, but a pointer at nothing
 * readable is -EFAULT, as copy_mount_options says), then the mount point
 * is looked up by do_mount.
 */
long sys_mount(const char *udev, const char *udir, const char *utype, unsigned long flags,
	       const void *data)
{
	char *type, *dev = NULL, *dir = NULL, c;
	long r = copy_mount_string(utype, &type);

	if (!r)
		r = copy_mount_string(udev, &dev);
	if (!r && data && copy_from_user(&c, data, 1))
		r = -EFAULT;
	if (!r)
		r = getname(udir, &dir);
	if (!r)
		r = do_mount(dev ? dev : "", dir, type, flags);
	putname(type);
	putname(dev);
	putname(dir);
	return r;
}

long sys_umount2(const char *udir, long flags)
{
	char *dir;
	long r = getname(udir, &dir);

	if (r)
		return r;
	r = do_umount(dir, (int)flags);
	putname(dir);
	return r;
}

long sys_umount(const char *udir)
{
	return sys_umount2(udir, 0);
}

/* ---- boot: rootfs, the pseudo file systems, mount= ---- */

static char mount_param[128];

static int set_mount(const char *val)
{
	if (!val || !*val || !strchr(val, ':'))
		return -EINVAL;
	strlcpy(mount_param, val, sizeof(mount_param));
	return 0;
}
__setup("mount", set_mount);

/* mount=DEV:DIR[:TYPE][,DEV:DIR[:TYPE]...]; TYPE defaults to ext2. */
static void mount_from_cmdline(void)
{
	char *p = mount_param;

	while (*p) {
		char *comma = strchr(p, ','), *dir, *type;
		if (comma)
			*comma = 0;
		dir = strchr(p, ':');
		if (dir) {
			*dir++ = 0;
			type = strchr(dir, ':');
			if (type)
				*type++ = 0;
			do_mount(p, dir, type ? type : "ext2", 0);
		}
		if (!comma)
			break;
		p = comma + 1;
	}
}

void vfs_init(void)
{
	const struct file_system_type *rootfs = get_fs_type("rootfs");
	struct super_block *sb;

	if (!rootfs || read_super(rootfs, NULL, &sb) || attach(sb, NULL, "rootfs", "/"))
		panic("vfs: cannot mount the root file system");
	for (const struct file_system_type *const *t = __filesystems_start; t < __filesystems_end;
	     t++)
		if ((*t)->boot_mount && do_mount((*t)->name, (*t)->boot_mount, (*t)->name, 0))
			printk(KERN_ERR "vfs: %s not mounted on %s\n", (*t)->name,
			       (*t)->boot_mount);
	mount_from_cmdline();
}

static void show_mounts(struct seq_buf *s)
{
	struct vfsmount *m;

	list_for_each_entry(m, &mounts, mnt_list)
		seq_printf(s, "%s %s %s %s 0 0\n", m->mnt_devname, m->mnt_path,
			   m->mnt_sb->s_type->name, (m->mnt_sb->s_flags & MS_RDONLY) ? "ro" : "rw");
}
PROC_ENTRY(mounts, show_mounts);
