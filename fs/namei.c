/*
 * Path lookup (Mauerer §8.4, on finding inodes; Linux 2.6's fs/namei.c
 * link_path_walk, follow_dotdot, follow_mount). A path is walked one
 * component at a time from the root (there is no working directory, so a
 * relative path starts there too):
 *
 *   ""  "."  repeated "/"   stay where we are
 *   ".."                    go to the parent; at the root of a mounted file
 *                           system first step back to the directory it
 *                           covers, and at "/" stay at "/"
 *   a name                  the directory's i_op->lookup; if the result is
 *                           covered by a mount, its root instead; if it is a
 *                           symbolic link (and not the last component, or
 *                           LOOKUP_FOLLOW), walk its target from here or
 *                           from "/", at most MAXSYMLINKS links per lookup
 *
 * Errors are Linux's: -ENOENT for a missing component or an empty path,
 * -ENOTDIR when a component before a '/' is not a directory ("/dev/hda/"
 * and "/dev/hda/x" both), -ENAMETOOLONG for a component longer than
 * NAME_MAX (a path longer than PATH_MAX is refused when it is copied in),
 * -ELOOP after too many links.
 *
 * The walk can also record the canonical path of where it goes (mount
 * uses it for /proc/mounts): each step appends or removes one component,
 * so the result has no ".", "..", links or doubled slashes.
 *
 * Locking: none; the walk holds a reference to the inode it stands on, so
 * the file system under it cannot be unmounted, and sleeps only in lookup
 * and readlink.
 */
#include <fs/fs.h>
#include <kernel/uaccess.h>
#include <mm/slab.h>
#include <lib/string.h>
#include <uapi/errno.h>

#define MAX_NESTED_LINKS 8	/* as Linux: bounds the recursion on the kernel stack */

struct nameidata {
	struct path path;	/* where the walk stands: a directory until the end */
	unsigned int flags;
	int links;		/* symbolic links followed so far */
	int depth;		/* links being followed inside links */
	char *canon;		/* PATH_MAX bytes, or NULL */
	size_t canon_len;
};

void path_put(struct path *path)
{
	iput(path->inode);
	path->inode = NULL;
}

static void path_set(struct nameidata *nd, struct vfsmount *mnt, struct inode *inode)
{
	iput(nd->path.inode);
	nd->path.mnt = mnt;
	nd->path.inode = inode;
}

/* ---- the canonical path ---- */

static int canon_push(struct nameidata *nd, const char *name, size_t len)
{
	if (!nd->canon)
		return 0;
	if (nd->canon_len + 1 + len >= PATH_MAX)
		return -ENAMETOOLONG;
	nd->canon[nd->canon_len++] = '/';
	memcpy(nd->canon + nd->canon_len, name, len);
	nd->canon_len += len;
	nd->canon[nd->canon_len] = 0;
	return 0;
}

static void canon_pop(struct nameidata *nd)
{
	if (!nd->canon)
		return;
	while (nd->canon_len > 0 && nd->canon[--nd->canon_len] != '/')
		;
	nd->canon[nd->canon_len] = 0;
}

static void walk_from_root(struct nameidata *nd)
{
	path_set(nd, root_mnt, igrab(root_mnt->mnt_sb->s_root));
	if (nd->canon)
		nd->canon[nd->canon_len = 0] = 0;
}

/* ---- mount points ---- */

/* If @path is covered by mounts, move it to the root of the topmost one. */
static void follow_mount(struct path *path)
{
	struct vfsmount *m;

	while ((m = lookup_mnt(path))) {
		iput(path->inode);
		path->mnt = m;
		path->inode = igrab(m->mnt_sb->s_root);
	}
}

static bool is_mount_root(const struct path *path)
{
	return path->inode == path->mnt->mnt_sb->s_root;
}

static int follow_dotdot(struct nameidata *nd)
{
	struct inode *parent;
	int r;

	while (is_mount_root(&nd->path)) {
		struct vfsmount *m = nd->path.mnt;
		if (!m->mnt_parent)
			return 0;	/* "/..": still "/" */
		path_set(nd, m->mnt_parent, igrab(m->mnt_mountpoint));
	}
	r = nd->path.inode->i_op->lookup(nd->path.inode, "..", 2, &parent);
	if (r)
		return r;
	path_set(nd, nd->path.mnt, parent);
	follow_mount(&nd->path);
	canon_pop(nd);
	return 0;
}

/* ---- the walk ---- */

static int link_path_walk(const char *name, struct nameidata *nd);

/*
 * Walk the target of @link (found in nd's directory) in place of its name.
 * The whole target is walked, its last component followed too, whatever
 * the caller's flags say about the last component of the path.
 */
static int follow_link(struct nameidata *nd, struct inode *link)
{
	unsigned int flags = nd->flags;
	char *target;
	int r;

	if (++nd->links > MAXSYMLINKS || nd->depth >= MAX_NESTED_LINKS || !link->i_op->readlink)
		return -ELOOP;
	target = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!target)
		return -ENOMEM;
	r = link->i_op->readlink(link, target, PATH_MAX);
	if (r == 0)
		r = -ENOENT;	/* an empty link leads nowhere */
	if (r > 0 && target[0] == '/')
		walk_from_root(nd);
	if (r > 0) {
		nd->depth++;
		nd->flags = (flags & ~LOOKUP_PARENT) | LOOKUP_FOLLOW;
		r = link_path_walk(target, nd);
		nd->flags = flags;
		nd->depth--;
	}
	kfree(target);
	return r < 0 ? r : 0;
}

static bool is_dir(const struct inode *inode)
{
	return S_ISDIR(inode->i_mode);
}

/* Step from the directory nd stands on to its entry @name; @follow: through a link. */
static int walk_component(struct nameidata *nd, const char *name, size_t len, bool follow)
{
	struct path next;
	int r;

	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	if (len == 1 && name[0] == '.')
		return 0;
	if (len == 2 && name[0] == '.' && name[1] == '.')
		return follow_dotdot(nd);
	if (!nd->path.inode->i_op || !nd->path.inode->i_op->lookup)
		return -ENOTDIR;
	r = nd->path.inode->i_op->lookup(nd->path.inode, name, len, &next.inode);
	if (r)
		return r;
	next.mnt = nd->path.mnt;
	follow_mount(&next);
	if (S_ISLNK(next.inode->i_mode) && follow) {
		r = follow_link(nd, next.inode);
		iput(next.inode);
		return r;
	}
	path_set(nd, next.mnt, next.inode);
	return canon_push(nd, name, len);
}

/*
 * Walk @name from where nd stands. Every component but the last must be
 * a directory (links to directories are followed); the last is followed
 * if LOOKUP_FOLLOW or a '/' comes after it. With LOOKUP_PARENT the walk
 * stops before the last component.
 */
static int link_path_walk(const char *name, struct nameidata *nd)
{
	for (;;) {
		const char *end;
		size_t len;
		bool last, slash;
		int r;
		while (*name == '/')
			name++;
		if (!*name)
			return 0;
		if (!is_dir(nd->path.inode))
			return -ENOTDIR;
		for (end = name; *end && *end != '/'; end++)
			;
		len = end - name;
		slash = *end == '/';
		while (*end == '/')
			end++;
		last = !*end;
		if (last && (nd->flags & LOOKUP_PARENT))
			return len > NAME_MAX ? -ENAMETOOLONG : 0;
		r = walk_component(nd, name, len, !last || slash || (nd->flags & LOOKUP_FOLLOW));
		if (r)
			return r;
		if (last && slash && !is_dir(nd->path.inode))
			return -ENOTDIR;	/* "/dev/hda/" */
		name = end;
	}
}

int kern_path(const char *name, unsigned int flags, struct path *out, char *canon)
{
	struct nameidata nd = { .flags = flags, .canon = canon };
	int r;

	if (!*name)
		return -ENOENT;
	walk_from_root(&nd);
	r = link_path_walk(name, &nd);
	if (!r && (flags & LOOKUP_DIRECTORY) && !is_dir(nd.path.inode))
		r = -ENOTDIR;
	if (r) {
		path_put(&nd.path);
		return r;
	}
	if (canon && !canon[0])
		strlcpy(canon, "/", PATH_MAX);
	*out = nd.path;
	return 0;
}

int getname(const char *upath, char **out)
{
	char *name = kmalloc(PATH_MAX, GFP_KERNEL);
	long r;

	if (!name)
		return -ENOMEM;
	r = strncpy_from_user(name, upath, PATH_MAX);
	if (r < 0) {
		kfree(name);
		return (int)r;
	}
	*out = name;
	return 0;
}

void putname(char *name)
{
	kfree(name);
}

int user_path(const char *upath, unsigned int flags, struct path *out)
{
	char *name;
	int r = getname(upath, &name);

	if (r)
		return r;
	r = kern_path(name, flags, out, NULL);
	putname(name);
	return r;
}
