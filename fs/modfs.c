/*
 * modfs, mounted on /mod: the multiboot modules as read-only files. Each
 * module's bytes stay where the boot loader put them (mm/init.c never
 * hands that memory out); reads copy straight from the direct map.
 */
#include <fs/fs.h>
#include <fs/libfs.h>
#include <kernel/bootinfo.h>
#include <mm/page.h>
#include <uapi/errno.h>

static long mod_read(struct file *f, char *ubuf, long n)
{
	const struct boot_module *m = f->f_inode->i_private;

	return read_from_buffer(f, ubuf, n, __va(m->start), f->size);
}

static const char *mod_name(long index, char *buf, size_t len)
{
	return index < boot_info.nr_modules ? boot_info.modules[index].name : NULL;
}

static unsigned char mod_type(long index)
{
	return DT_REG;
}

static const struct file_operations mod_file_ops = { .read = mod_read };

static int mod_read_entry(struct inode *inode, long index)
{
	const struct boot_module *m;

	if (index >= boot_info.nr_modules)
		return -ENOENT;
	m = &boot_info.modules[index];
	inode->i_mode = S_IFREG | 0555;
	inode->i_size = m->end - m->start;
	inode->i_private = (void *)m;
	inode->i_fop = &mod_file_ops;
	return 0;
}

static const struct flat_dir mod_dir = { mod_name, mod_type, mod_read_entry };

static int modfs_fill_super(struct super_block *sb)
{
	return flat_fill_super(sb, &mod_dir, MS_RDONLY);
}

static const struct file_system_type modfs_type = { .name = "modfs",
						    .fill_super = modfs_fill_super,
						    .boot_mount = "/mod" };
REGISTER_FILESYSTEM(modfs_type);
