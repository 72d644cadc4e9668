/*
 * Reading the Multiboot v1 information (spec 0.6.96 §3.3). The structure
 * and everything it points to live in memory the loader chose (often low
 * memory the page allocator will hand out), so we copy what we need.
 *
 * A module's string is its name. GRUB's "module /boot/sh sh" and QEMU's
 * -initrd "path NAME" both give a string whose last word is the name; a
 * string of one word is a path and the name is its last component.
 */
#include <kernel/bootinfo.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <mm/page.h>

#define MBI_MEM (1 << 0)
#define MBI_CMDLINE (1 << 2)
#define MBI_MODS (1 << 3)
#define MBI_MMAP (1 << 6)

struct multiboot_info {
	u32 flags, mem_lower, mem_upper, boot_device, cmdline, mods_count, mods_addr;
	u32 syms[4];
	u32 mmap_length, mmap_addr;
} __attribute__((packed));

struct multiboot_mod {
	u32 start, end, string, reserved;
} __attribute__((packed));

struct multiboot_mmap {
	u32 size;
	u64 addr, len;
	u32 type;
} __attribute__((packed));

struct boot_info boot_info;

static void module_name(const char *s, char *out)
{
	const char *end = s + strlen(s), *word;

	while (end > s && end[-1] == ' ')
		end--;
	word = end;
	while (word > s && word[-1] != ' ')
		word--;
	if (word == s) {	/* one word: a path */
		const char *slash = word;
		for (const char *p = word; p < end; p++)
			if (*p == '/')
				slash = p + 1;
		word = slash;
	}
	size_t n = (size_t)(end - word) < MODULE_NAME_MAX - 1 ? (size_t)(end - word)
							      : MODULE_NAME_MAX - 1;
	memcpy(out, word, n);
	out[n] = 0;
}

static void parse_modules(const struct multiboot_info *mbi)
{
	const struct multiboot_mod *mods = __va(mbi->mods_addr);

	for (u32 i = 0; i < mbi->mods_count && i < MAX_BOOT_MODULES; i++) {
		struct boot_module *m = &boot_info.modules[boot_info.nr_modules];
		module_name(mods[i].string ? (const char *)__va(mods[i].string) : "", m->name);
		m->start = mods[i].start;
		m->end = mods[i].end;
		/* Only the first of a name can be opened: mm/init.c frees the others. */
		if (find_boot_module(m->name)) {
			printk(KERN_WARNING "multiboot: a second module named %s is ignored\n",
			       m->name);
			continue;
		}
		boot_info.nr_modules++;
	}
	if (mbi->mods_count > MAX_BOOT_MODULES)
		printk(KERN_WARNING "multiboot: %u modules, only the first %d are used\n",
		       mbi->mods_count, MAX_BOOT_MODULES);
}

static void add_range(u64 start, u64 end, u32 type)
{
	if (boot_info.nr_ranges == MAX_MEM_RANGES)
		return;
	boot_info.ranges[boot_info.nr_ranges++] = (struct mem_range){ start, end, type };
	if (type == 1)
		boot_info.total_ram += end - start;
}

static void parse_mmap(const struct multiboot_info *mbi)
{
	u32 off = 0;

	if (!(mbi->flags & MBI_MMAP)) {
		/* No map: mem_lower/mem_upper only (KiB below 1 MiB / above 1 MiB). */
		add_range(0, (u64)mbi->mem_lower << 10, 1);
		add_range(1 << 20, (1 << 20) + ((u64)mbi->mem_upper << 10), 1);
		return;
	}
	while (off < mbi->mmap_length) {
		const struct multiboot_mmap *e = __va(mbi->mmap_addr + off);
		add_range(e->addr, e->addr + e->len, e->type);
		off += e->size + 4;
	}
}

bool multiboot_parse(u32 magic, u32 mbi_phys, char *cmdline, size_t cmdline_size)
{
	const struct multiboot_info *mbi = __va(mbi_phys);

	if (magic != MULTIBOOT_LOADER_MAGIC)
		return false;
	cmdline[0] = 0;
	if (mbi->flags & MBI_CMDLINE)
		strlcpy(cmdline, __va(mbi->cmdline), cmdline_size);
	if (mbi->flags & MBI_MODS)
		parse_modules(mbi);
	parse_mmap(mbi);
	return true;
}

const struct boot_module *find_boot_module(const char *name)
{
	for (int i = 0; i < boot_info.nr_modules; i++)
		if (!strcmp(boot_info.modules[i].name, name))
			return &boot_info.modules[i];
	return NULL;
}
