/*
 * Global descriptor table and task-state segment. Flat 4 GiB segments for
 * kernel and user code/data (paging does all the protection); the TSS only
 * tells the CPU which kernel stack to use when ring 3 is interrupted.
 */
#include <arch/x86/segment.h>
#include <lib/string.h>

struct gdt_entry {
	u16 limit_low, base_low;
	u8 base_mid, access, gran, base_high;
} __attribute__((packed));

struct tss {
	u32 prev, esp0, ss0, esp1, ss1, esp2, ss2, cr3, eip, eflags;
	u32 eax, ecx, edx, ebx, esp, ebp, esi, edi;
	u32 es, cs, ss, ds, fs, gs, ldt;
	u16 trap, iomap_base;
} __attribute__((packed));

static struct gdt_entry gdt[GDT_ENTRIES];
static struct tss tss;

static void set_entry(int i, u32 base, u32 limit, u8 access, u8 gran)
{
	gdt[i].limit_low = limit & 0xFFFF;
	gdt[i].base_low = base & 0xFFFF;
	gdt[i].base_mid = (base >> 16) & 0xFF;
	gdt[i].access = access;
	gdt[i].gran = (u8)((gran & 0xF0) | ((limit >> 16) & 0x0F));
	gdt[i].base_high = (base >> 24) & 0xFF;
}

void tss_set_kernel_stack(u32 esp0)
{
	tss.esp0 = esp0;
}

void gdt_load_tls(const u64 tls[GDT_TLS_ENTRIES])
{
	memcpy(&gdt[GDT_TLS_MIN], tls, GDT_TLS_ENTRIES * sizeof(gdt[0]));
}

void gdt_init(void)
{
	struct {
		u16 limit;
		u32 base;
	} __attribute__((packed)) gdtr = { sizeof(gdt) - 1, (u32)gdt };

	set_entry(0, 0, 0, 0, 0);
	set_entry(GDT_KERNEL_CODE, 0, 0xFFFFF, 0x9A, 0xCF);
	set_entry(GDT_KERNEL_DATA, 0, 0xFFFFF, 0x92, 0xCF);
	set_entry(GDT_USER_CODE, 0, 0xFFFFF, 0xFA, 0xCF);
	set_entry(GDT_USER_DATA, 0, 0xFFFFF, 0xF2, 0xCF);
	memset(&tss, 0, sizeof(tss));
	tss.ss0 = KERNEL_DS;
	tss.iomap_base = sizeof(tss);	/* no I/O bitmap: ring 3 gets no ports */
	set_entry(GDT_TSS, (u32)&tss, sizeof(tss) - 1, 0x89, 0x00);

	__asm__ __volatile__("lgdt %0\n\t"
			     "ljmp %1, $1f\n"
			     "1:\n\t"
			     "mov %2, %%ax\n\t"
			     "mov %%ax, %%ds\n\t"
			     "mov %%ax, %%es\n\t"
			     "mov %%ax, %%fs\n\t"
			     "mov %%ax, %%gs\n\t"
			     "mov %%ax, %%ss\n\t"
			     "ltr %w3"
			     :
			     : "m"(gdtr), "i"(KERNEL_CS), "i"(KERNEL_DS), "r"(TSS_SEL)
			     : "eax", "memory");
}
