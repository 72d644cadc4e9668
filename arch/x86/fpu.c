/*
 * The floating-point registers (x87 and SSE) belong to each process, as on
 * Linux: a program holding a value in st(0) or xmm0 across a system call
 * or a timer tick must find it there afterwards, whatever other processes
 * computed meanwhile. C libraries use SSE in their string functions
 * (glibc picks them by CPUID), so SSE is turned on (CR4.OSFXSR) too.
 *
 * Switching is eager and simple: the context switch saves the outgoing
 * user task's registers (FXSAVE, or FNSAVE on a CPU without it) and loads
 * the incoming one's. Kernel threads do not have any: the kernel itself
 * never touches these registers (it is built without floating point).
 * fork copies the parent's live registers to the child; exec loads the
 * initial state captured at boot (control word 0x37f, MXCSR 0x1f80).
 */
#include <arch/x86/cpu.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <lib/string.h>

#define CR0_MP	   (1 << 1)	/* WAIT/FWAIT honour TS */
#define CR0_EM	   (1 << 2)	/* no FPU: trap every FPU instruction */
#define CR0_TS	   (1 << 3)
#define CR0_NE	   (1 << 5)	/* x87 errors as exception 16 (SIGFPE), not IRQ 13 */
#define CR4_OSFXSR (1 << 9)	/* FXSAVE/FXRSTOR and SSE instructions */
#define CR4_OSXMMEXCPT (1 << 10) /* SSE errors as exception 19 */
#define CPUID_FXSR (1 << 24)
#define CPUID_SSE  (1 << 25)

static bool have_fxsr;
static u8 init_state[FPU_STATE_SIZE] __attribute__((aligned(16)));

static u8 *state_of(struct task_struct *t)
{
	return (u8 *)(((unsigned long)t->fpu_state + 15) & ~15UL);
}

static void save(u8 *to)
{
	if (have_fxsr) {
		__asm__ __volatile__("fxsave %0" : "=m"(*(u8(*)[512])to));
	} else {
		/* FNSAVE also reinitialises the FPU: put the state back. */
		__asm__ __volatile__("fnsave %0\n\tfrstor %0" : "+m"(*(u8(*)[108])to));
	}
}

static void restore(const u8 *from)
{
	if (have_fxsr)
		__asm__ __volatile__("fxrstor %0" ::"m"(*(const u8(*)[512])from));
	else
		__asm__ __volatile__("frstor %0" ::"m"(*(const u8(*)[108])from));
}

void fpu_init(void)
{
	u32 a = 1, b, c = 0, d;

	__asm__ __volatile__("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	have_fxsr = d & CPUID_FXSR;
	write_cr0((read_cr0() & ~(CR0_EM | CR0_TS)) | CR0_MP | CR0_NE);
	if (have_fxsr)
		write_cr4(read_cr4() | CR4_OSFXSR | ((d & CPUID_SSE) ? CR4_OSXMMEXCPT : 0));
	__asm__ __volatile__("fninit");
	if (d & CPUID_SSE)
		__asm__ __volatile__("ldmxcsr %0" ::"m"((u32){ 0x1f80 }));
	save(init_state);
	printk(KERN_INFO "fpu: x87%s, saved per process with %s\n",
	       (d & CPUID_SSE) ? " and SSE" : "", have_fxsr ? "FXSAVE" : "FNSAVE");
}

void fpu_switch(struct task_struct *prev, struct task_struct *next)
{
	if (!prev->kthread)
		save(state_of(prev));
	if (!next->kthread)
		restore(state_of(next));
}

void fpu_fork(struct task_struct *child)
{
	save(state_of(child));
}

void fpu_exec(void)
{
	restore(init_state);
}
