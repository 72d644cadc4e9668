/*
 * Open files and per-task descriptor tables. The namespace they are opened
 * from is in <fs/fs.h>:
 *
 *   /mod/NAME    the boot modules (programs, traces), read-only (fs/modfs.c)
 *   /dev/NAME    the console and the block devices (hda, hda1, ...) (fs/devfs.c)
 *   /proc/...    views of the kernel's state (fs/proc)
 *   /mnt         empty, for mount(2); ext2 file systems (fs/ext2)
 *
 * File operations get user-space buffers and copy with copy_to_user.
 *
 * console_file is defined in drivers/tty.c, file_is_pipe in fs/pipe.c.
 */
#ifndef FS_FILE_H
#define FS_FILE_H

#include <lib/types.h>

struct task_struct;
struct file;
struct inode;

struct file_operations {
	/* Called by open(2) with f->f_op = inode->i_fop; may replace f->f_op. */
	int (*open)(struct inode *inode, struct file *f);
	long (*read)(struct file *f, char *ubuf, long n);
	long (*write)(struct file *f, const char *ubuf, long n);
	/* Fill @udirp with struct linux_dirent records from f->pos on. */
	long (*getdents)(struct file *f, void *udirp, long count);
	/* A device's own request (the console's termios); -ENOTTY when absent. */
	long (*ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	void (*release)(struct file *f);
};

struct file {
	const struct file_operations *f_op;
	struct inode *f_inode;	/* a reference; NULL for the console */
	void *private;
	long pos;
	long size;		/* -1 when unknown (devices, generated files) */
	int count;		/* descriptors sharing this open file */
	int flags;
};

struct file *file_alloc(const struct file_operations *ops);
void fput(struct file *f);
/* Open @path into a new struct file; the caller installs it. */
int vfs_open(const char *path, int flags, struct file **out);
int fd_install(struct task_struct *t, struct file *f);
struct file *fget(int fd);
/* O_CLOEXEC: whether @t's descriptor @fd closes when it execs; exec's part. */
void set_close_on_exec(struct task_struct *t, int fd, bool on);
void close_on_exec_files(struct task_struct *t);
/* Is @f an end of a pipe (fs/pipe.c)? */
bool file_is_pipe(const struct file *f);
void dup_files(struct task_struct *child, struct task_struct *parent);
void close_all_files(struct task_struct *t);
/*
 * Fill a getdents buffer from an entry() callback (the directories of the
 * pseudo file systems): entry @index's name, its inode number in *ino and
 * its DT_ type in *type, or NULL past the end.
 */
typedef const char *(*dir_entry_fn)(struct file *f, long index, char *buf, size_t len,
				    unsigned long *ino, unsigned char *type);
long dir_getdents(struct file *f, void *udirp, long count, dir_entry_fn entry);
/* Append one linux_dirent to a getdents buffer; 0, or -EINVAL when it does not fit. */
long put_dirent(void *udirp, long count, long *done, const char *name, size_t len,
		unsigned long ino, long next_off, unsigned char type);
/* Read from an in-memory byte range (modules, generated /proc text). */
long read_from_buffer(struct file *f, char *ubuf, long n, const void *data, long size);

/* The console as a file: fd 0, 1 and 2 of init. */
struct file *console_file(void);

#endif
