/*
 * A tiny read-only virtual file system: open files, per-task descriptor
 * tables, and a path namespace made of a few fixed directories, each
 * served by its own small file system:
 *
 *   /mod/NAME    the boot modules (programs, traces), read-only
 *   /dev/NAME    the console and the block devices (hda, hda1, ...)
 *   /proc/...    views of the kernel's state (fs/proc)
 *
 * File operations get user-space buffers and copy with copy_to_user.
 */
#ifndef FS_FILE_H
#define FS_FILE_H

#include <lib/types.h>

struct task_struct;
struct file;

struct file_operations {
	long (*read)(struct file *f, char *ubuf, long n);
	long (*write)(struct file *f, const char *ubuf, long n);
	/* Fill @udirp with struct linux_dirent records from f->pos on. */
	long (*getdents)(struct file *f, void *udirp, long count);
	void (*release)(struct file *f);
};

struct file {
	const struct file_operations *f_op;
	void *private;
	long pos;
	long size;		/* -1 when unknown (devices, generated files) */
	int count;		/* descriptors sharing this open file */
	int flags;
};

/* A directory of the namespace. */
struct fs_dir {
	const char *name;	/* "mod", "dev", "proc" */
	/* Open @rest (the path below the directory, "" for itself) into @f. */
	int (*open)(const char *rest, int flags, struct file *f);
	/* Name of entry @index, or NULL past the end (for getdents). */
	const char *(*entry)(long index, char *buf, size_t len);
};

#define REGISTER_FS_DIR(sym) \
	const struct fs_dir *const __fsdir_##sym __attribute__((used, section(".fs_dirs"))) = &sym

struct file *file_alloc(const struct file_operations *ops);
void fput(struct file *f);
/* Open @path into a new struct file; the caller installs it. */
int vfs_open(const char *path, int flags, struct file **out);
int fd_install(struct task_struct *t, struct file *f);
struct file *fget(int fd);
void dup_files(struct task_struct *child, struct task_struct *parent);
void close_all_files(struct task_struct *t);
/* Fill a getdents buffer from an entry() callback (directories of any fs). */
long dir_getdents(struct file *f, void *udirp, long count,
		  const char *(*entry)(long index, char *buf, size_t len));
/* Read from an in-memory byte range (modules, generated /proc text). */
long read_from_buffer(struct file *f, char *ubuf, long n, const void *data, long size);

/* The console as a file: fd 0, 1 and 2 of init. */
struct file *console_file(void);

#endif
