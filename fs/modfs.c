/*
 * /mod: the multiboot modules as read-only files. Each module's bytes stay
 * where the boot loader put them (mm/init.c never hands that memory out);
 * reads copy straight from the direct map.
 */
#include <fs/file.h>
#include <kernel/bootinfo.h>
#include <mm/page.h>
#include <uapi/abi.h>
#include <uapi/errno.h>

static long mod_read(struct file *f, char *ubuf, long n)
{
	const struct boot_module *m = f->private;

	return read_from_buffer(f, ubuf, n, __va(m->start), f->size);
}

static const char *mod_entry(long index, char *buf, size_t len)
{
	return index < boot_info.nr_modules ? boot_info.modules[index].name : NULL;
}

static long mod_getdents(struct file *f, void *udirp, long count)
{
	return dir_getdents(f, udirp, count, mod_entry);
}

static const struct file_operations mod_file_ops = { .read = mod_read };
static const struct file_operations mod_dir_ops = { .getdents = mod_getdents };

static int mod_open(const char *rest, int flags, struct file *f)
{
	const struct boot_module *m;

	if (!*rest) {
		f->f_op = &mod_dir_ops;
		return 0;
	}
	m = find_boot_module(rest);
	if (!m)
		return -ENOENT;
	if ((flags & 3) != O_RDONLY)
		return -EROFS;
	f->f_op = &mod_file_ops;
	f->private = (void *)m;
	f->size = m->end - m->start;
	return 0;
}

static const struct fs_dir mod_dir = { "mod", mod_open, mod_entry };
REGISTER_FS_DIR(mod_dir);
