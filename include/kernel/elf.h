/*
 * The parts of the ELF32 format (System V ABI, i386 supplement) that
 * loading a static executable needs.
 */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include <lib/types.h>

#define ELFMAG		"\177ELF"
#define ELFCLASS32	1
#define ELFDATA2LSB	1
#define ET_EXEC		2
#define EM_386		3
#define PT_LOAD		1
#define PF_X		1
#define PF_W		2
#define PF_R		4
/* The auxiliary vector's keys (Linux's include/uapi/linux/auxvec.h) */
#define AT_NULL		0
#define AT_PHDR		3	/* the program headers in memory */
#define AT_PHENT	4
#define AT_PHNUM	5
#define AT_PAGESZ	6
#define AT_BASE		7	/* the interpreter's base: none */
#define AT_FLAGS	8
#define AT_ENTRY	9
#define AT_UID		11
#define AT_EUID		12
#define AT_GID		13
#define AT_EGID		14
#define AT_HWCAP	16	/* CPUID 1's EDX */
#define AT_CLKTCK	17
#define AT_SECURE	23
#define AT_RANDOM	25	/* 16 random bytes: libcs seed their stack guard from them */
#define AT_AUX_PAIRS	16	/* the pairs exec passes, AT_NULL included */

struct elf32_ehdr {
	u8 e_ident[16];
	u16 e_type, e_machine;
	u32 e_version, e_entry, e_phoff, e_shoff, e_flags;
	u16 e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf32_phdr {
	u32 p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags, p_align;
};

#endif
