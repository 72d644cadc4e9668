/*
 * Control registers, TLB maintenance, the time-stamp counter and halting.
 */
#ifndef ARCH_X86_CPU_H
#define ARCH_X86_CPU_H

#include <lib/types.h>

static inline u32 read_cr0(void)
{
	u32 v;
	__asm__ __volatile__("mov %%cr0, %0" : "=r"(v));
	return v;
}

static inline u32 read_cr2(void)
{
	u32 v;
	__asm__ __volatile__("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline u32 read_cr3(void)
{
	u32 v;
	__asm__ __volatile__("mov %%cr3, %0" : "=r"(v));
	return v;
}

static inline void write_cr3(u32 v)
{
	__asm__ __volatile__("mov %0, %%cr3" ::"r"(v) : "memory");
}

static inline u32 read_cr4(void)
{
	u32 v;
	__asm__ __volatile__("mov %%cr4, %0" : "=r"(v));
	return v;
}

static inline void write_cr0(u32 v)
{
	__asm__ __volatile__("mov %0, %%cr0" ::"r"(v) : "memory");
}

static inline void write_cr4(u32 v)
{
	__asm__ __volatile__("mov %0, %%cr4" ::"r"(v) : "memory");
}

/* Flush the TLB entry of one page of the current address space. */
static inline void invlpg(unsigned long addr)
{
	__asm__ __volatile__("invlpg (%0)" ::"r"(addr) : "memory");
}

/* Flush the non-global TLB entries (all user mappings). */
static inline void flush_tlb_all_user(void)
{
	write_cr3(read_cr3());
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;
	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

static inline void cpu_relax(void)
{
	__asm__ __volatile__("pause" ::: "memory");
}

static inline void halt(void)
{
	__asm__ __volatile__("hlt" ::: "memory");
}

/* Enable interrupts and halt in one step: no wake-up can slip in between. */
static inline void safe_halt(void)
{
	__asm__ __volatile__("sti; hlt" ::: "memory");
}

static inline u32 read_ebp(void)
{
	u32 v;
	__asm__ __volatile__("mov %%ebp, %0" : "=r"(v));
	return v;
}

#endif
