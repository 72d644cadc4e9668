/*
 * execve: replace the caller's program with a static ELF32 executable
 * from a boot module (Mauerer §2.4.3 and §4.2). PT_LOAD segments
 * become private file mappings of the module that are paged in on demand
 * (mm/memory.c copies each page from the module when first touched); the
 * stack is built the way Linux's ELF loader builds it:
 *
 *   esp -> argc, argv[0..argc-1], NULL, envp[...], NULL,
 *          auxv (Linux's: AT_PHDR, AT_ENTRY, AT_RANDOM, ... AT_NULL),
 *          then AT_RANDOM's 16 bytes and the strings, near 0xC0000000.
 *
 * C libraries read the auxiliary vector before main: glibc seeds its stack
 * guard from AT_RANDOM's bytes (a NULL there crashes it), glibc and musl
 * find their TLS template through AT_PHDR.
 *
 * Errors before the point of no return (the switch to the new address
 * space) leave the caller untouched; after it, only a failure to build the
 * stack (out of memory) can happen, and it kills the process, as in Linux.
 */
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <kernel/bootinfo.h>
#include <kernel/elf.h>
#include <kernel/printk.h>
#include <kernel/uaccess.h>
#include <arch/x86/segment.h>
#include <arch/x86/cpu.h>
#include <kernel/time.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <fs/file.h>
#include <lib/string.h>
#include <uapi/errno.h>
#include <uapi/signal.h>

#define MAX_ARG_STRLEN	PAGE_SIZE
#define MAX_ARGS	64
#define ARGS_BYTES	(2 * PAGE_SIZE - 1024)	/* struct exec_args is two pages */

struct exec_args {
	int argc, envc, nptrs;
	size_t used;
	char *ptrs[2 * MAX_ARGS];	/* argv then envp, pointing into buf */
	char buf[ARGS_BYTES];
};

/* Append one string; @user says whether @s is a user pointer. */
static int add_string(struct exec_args *a, const char *s, bool user)
{
	long n;

	if (a->nptrs >= 2 * MAX_ARGS)
		return -E2BIG;
	if (user) {
		n = strncpy_from_user(a->buf + a->used, s, ARGS_BYTES - a->used);
		if (n == -ENAMETOOLONG)
			return -E2BIG;
		if (n < 0)
			return (int)n;
	} else {
		n = (long)strlen(s);
		if (a->used + n + 1 > ARGS_BYTES)
			return -E2BIG;
		memcpy(a->buf + a->used, s, n + 1);
	}
	a->ptrs[a->nptrs++] = a->buf + a->used;
	a->used += n + 1;
	return 0;
}

/* Copy a NULL-terminated array of strings; returns how many, or -errno. */
static int add_strings(struct exec_args *a, char *const *v, bool user)
{
	int n = 0;

	for (; v; n++) {
		char *s;
		if (user) {
			if (copy_from_user(&s, v + n, sizeof(s)))
				return -EFAULT;
		} else {
			s = v[n];
		}
		if (!s)
			break;
		int r = add_string(a, s, user);
		if (r < 0)
			return r;
	}
	return n;
}

static int collect_args(struct exec_args *a, char *const *argv, char *const *envp, bool user)
{
	int r;

	a->argc = a->envc = a->nptrs = 0;
	a->used = 0;
	r = add_strings(a, argv, user);
	if (r < 0)
		return r;
	a->argc = r;
	r = add_strings(a, envp, user);
	if (r < 0)
		return r;
	a->envc = r;
	return 0;
}

/* The module a path names: "/mod/NAME" or a bare "NAME". */
static const struct boot_module *lookup_program(const char *path)
{
	if (!strncmp(path, "/mod/", 5))
		return find_boot_module(path + 5);
	if (!strchr(path, '/'))
		return find_boot_module(path);
	return NULL;
}

static int check_elf(const struct boot_module *m, const struct elf32_ehdr **out)
{
	size_t size = m->end - m->start;
	const struct elf32_ehdr *eh = __va(m->start);

	if (size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, 4) ||
	    eh->e_ident[4] != ELFCLASS32 || eh->e_ident[5] != ELFDATA2LSB ||
	    eh->e_type != ET_EXEC || eh->e_machine != EM_386 ||
	    eh->e_phentsize != sizeof(struct elf32_phdr) || eh->e_phnum == 0 ||
	    eh->e_phnum > 16 || eh->e_phoff > size ||
	    size - eh->e_phoff < eh->e_phnum * sizeof(struct elf32_phdr))
		return -ENOEXEC;
	*out = eh;
	return 0;
}

static int map_segment(struct mm_struct *mm, const struct boot_module *m,
		       const struct elf32_phdr *ph)
{
	unsigned long start = ALIGN_DOWN(ph->p_vaddr, PAGE_SIZE);
	unsigned long end = PAGE_ALIGN(ph->p_vaddr + ph->p_memsz);
	unsigned long flags = VM_READ;
	struct vm_area_struct *vma;
	int r;

	if (ph->p_filesz > ph->p_memsz || ph->p_offset > m->end - m->start ||
	    ph->p_filesz > m->end - m->start - ph->p_offset || ph->p_vaddr < PAGE_SIZE ||
	    end > USER_STACK_TOP - USER_STACK_SIZE || end <= start ||
	    (ph->p_offset & ~PAGE_MASK) != (ph->p_vaddr & ~PAGE_MASK))
		return -ENOEXEC;
	if (ph->p_flags & PF_W)
		flags |= VM_WRITE;
	if (ph->p_flags & PF_X)
		flags |= VM_EXEC;
	r = insert_vma(mm, start, end, flags, &vma);
	if (r)
		return r == -EEXIST ? -ENOEXEC : r;
	vma->vm_file = m;
	vma->vm_file_start = ph->p_vaddr;
	vma->vm_file_end = ph->p_vaddr + ph->p_filesz;
	vma->vm_file_off = ph->p_offset;
	if (end > mm->brk)
		mm->start_brk = mm->brk = end;
	if (flags & VM_EXEC) {
		mm->start_code = start;
		mm->end_code = end;
	}
	return 0;
}

static struct mm_struct *load_elf(const struct boot_module *m, const struct elf32_ehdr *eh,
				  int *err)
{
	const struct elf32_phdr *ph = (const void *)((const char *)eh + eh->e_phoff);
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *stack;

	*err = -ENOMEM;
	if (!mm)
		return NULL;
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		*err = map_segment(mm, m, &ph[i]);
		if (*err)
			goto fail;
	}
	*err = -ENOEXEC;
	if (!mm->brk || eh->e_entry < mm->start_code || eh->e_entry >= mm->end_code)
		goto fail;
	*err = insert_vma(mm, USER_STACK_TOP - USER_STACK_SIZE, USER_STACK_TOP,
			  VM_READ | VM_WRITE | VM_GROWSDOWN | VM_STACK, &stack);
	if (*err)
		goto fail;
	mm->start_stack = USER_STACK_TOP;
	return mm;
fail:
	mmput(mm);
	return NULL;
}

/* Where the program headers are in the new program's memory, or 0 (AT_PHDR). */
static u32 phdr_address(const struct elf32_ehdr *eh)
{
	const struct elf32_phdr *ph = (const void *)((const char *)eh + eh->e_phoff);

	for (int i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_LOAD && ph[i].p_offset <= eh->e_phoff &&
		    eh->e_phoff - ph[i].p_offset < ph[i].p_filesz)
			return ph[i].p_vaddr + (eh->e_phoff - ph[i].p_offset);
	return 0;
}

static u32 cpuid1_edx(void)
{
	u32 a = 1, b, c = 0, d;

	__asm__ __volatile__("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	return d;
}

/* 16 bytes for AT_RANDOM: the TSC stirred by xorshift (no entropy pool here). */
static void random_bytes(u32 out[4])
{
	static u32 x = 2463534242u;

	x ^= (u32)rdtsc();
	for (int i = 0; i < 4; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		out[i] = x;
	}
}

/* Append the auxiliary vector to @table at *@k; @random: where AT_RANDOM's bytes lie. */
static void add_auxv(u32 *table, int *k, const struct elf32_ehdr *eh, unsigned long random)
{
	const u32 aux[][2] = {
		{ AT_PHDR, phdr_address(eh) }, { AT_PHENT, sizeof(struct elf32_phdr) },
		{ AT_PHNUM, eh->e_phnum },     { AT_PAGESZ, PAGE_SIZE },
		{ AT_BASE, 0 },		       { AT_FLAGS, 0 },
		{ AT_ENTRY, eh->e_entry },     { AT_UID, 0 },
		{ AT_EUID, 0 },		       { AT_GID, 0 },
		{ AT_EGID, 0 },		       { AT_HWCAP, cpuid1_edx() },
		{ AT_CLKTCK, HZ },	       { AT_SECURE, 0 },
		{ AT_RANDOM, random },	       { AT_NULL, 0 },
	};

	BUILD_BUG_ON(ARRAY_SIZE(aux) != AT_AUX_PAIRS);
	for (unsigned int i = 0; i < ARRAY_SIZE(aux); i++) {
		table[(*k)++] = aux[i][0];
		table[(*k)++] = aux[i][1];
	}
}

/* Build argc/argv/envp/auxv on the (now current) user stack; returns esp or 0. */
static unsigned long build_stack(const struct exec_args *a, const struct elf32_ehdr *eh)
{
	int n = a->argc + a->envc;
	u32 table[2 * MAX_ARGS + 3 + 2 * AT_AUX_PAIRS], rnd[4];
	unsigned long strings = USER_STACK_TOP - PAGE_ALIGN(a->used) - PAGE_SIZE;
	unsigned long random = strings - sizeof(rnd);
	unsigned long sp = random - (n + 3 + 2 * AT_AUX_PAIRS) * sizeof(u32);
	int k = 0;

	sp &= ~15UL;
	table[k++] = a->argc;
	for (int i = 0; i < a->argc; i++)
		table[k++] = strings + (a->ptrs[i] - a->buf);
	table[k++] = 0;		/* end of argv */
	for (int i = a->argc; i < n; i++)
		table[k++] = strings + (a->ptrs[i] - a->buf);
	table[k++] = 0;		/* end of envp */
	add_auxv(table, &k, eh, random);
	random_bytes(rnd);
	if (copy_to_user((void *)strings, a->buf, a->used) ||
	    copy_to_user((void *)random, rnd, sizeof(rnd)) ||
	    copy_to_user((void *)sp, table, k * sizeof(u32)))
		return 0;
	return sp;
}

static void start_regs(struct pt_regs *regs, unsigned long entry, unsigned long sp)
{
	memset(regs, 0, sizeof(*regs));
	regs->eip = entry;
	regs->esp = sp;
	regs->cs = USER_CS;
	regs->ss = regs->ds = regs->es = regs->fs = regs->gs = USER_DS;
	regs->eflags = 0x202;	/* IF set */
}

static int do_execve(const char *path, struct exec_args *a)
{
	const struct boot_module *m = lookup_program(path);
	const struct elf32_ehdr *eh;
	struct mm_struct *mm, *old = current->mm;
	unsigned long sp;
	int err;

	if (!m)
		return -ENOENT;
	err = check_elf(m, &eh);
	if (err)
		return err;
	mm = load_elf(m, eh, &err);
	if (!mm)
		return err;
	/* Point of no return: the old program is gone. */
	mm->owner = current;
	mm->rss_limit = old ? old->rss_limit : ~0UL;
	current->mm = mm;
	switch_mm(mm);
	if (old) {
		old->owner = NULL;	/* a swapoff holding it must not kill the new program */
		mmput(old);
	}
	current->kthread = false;
	memset(current->tls, 0, sizeof(current->tls));	/* a new program sets up its own TLS */
	gdt_load_tls(current->tls);
	fpu_exec();
	close_on_exec_files(current);
	strlcpy(current->comm, m->name, sizeof(current->comm));
	sp = build_stack(a, eh);
	if (!sp) {
		printk(KERN_ERR "execve: out of memory building the stack of %s[%d]\n",
		       current->comm, current->pid);
		force_sig(SIGKILL, current);
		return 0;
	}
	start_regs(task_pt_regs(current), eh->e_entry, sp);
	return 0;
}

static struct exec_args *alloc_args(void)
{
	BUILD_BUG_ON(sizeof(struct exec_args) > 2 * PAGE_SIZE);
	return (struct exec_args *)__get_free_pages(GFP_KERNEL, 1);
}

static void free_args(struct exec_args *a)
{
	free_pages((unsigned long)a, 1);
}

long sys_execve(const char *upath, char *const *uargv, char *const *uenvp)
{
	struct exec_args *a = alloc_args();
	char path[256];
	long r;

	if (!a)
		return -ENOMEM;
	r = strncpy_from_user(path, upath, sizeof(path));
	if (r >= 0)
		r = collect_args(a, uargv, uenvp, true);
	if (r >= 0)
		r = do_execve(path, a);
	free_args(a);
	return r;
}

void start_user_mode(struct pt_regs *regs) __attribute__((noreturn));

int kernel_execve(const char *name, char *const argv[], char *const envp[])
{
	struct exec_args *a = alloc_args();
	int r;

	if (!a)
		return -ENOMEM;
	r = collect_args(a, argv, envp, false);
	if (!r)
		r = do_execve(name, a);
	free_args(a);
	if (r)
		return r;
	start_user_mode(task_pt_regs(current));
}
