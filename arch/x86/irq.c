/*
 * The two 8259A PICs: remapped to vectors 32-47 so they do not collide with
 * CPU exceptions, all lines masked until a driver asks for one. Spurious
 * interrupts (IRQ 7/15 with no in-service bit) are counted and ignored.
 */
#include <arch/x86/traps.h>
#include <arch/x86/io.h>
#include <kernel/printk.h>

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xA0
#define PIC2_DATA 0xA1
#define PIC_EOI 0x20
#define PIC_READ_ISR 0x0B

static void (*irq_handlers[NR_IRQS])(struct pt_regs *regs);
unsigned long irq_count[NR_IRQS];
unsigned long irq_total;
static unsigned long spurious_irqs;

void pic_init(void)
{
	outb(PIC1_CMD, 0x11);	/* ICW1: init, expect ICW4 */
	outb(PIC2_CMD, 0x11);
	outb(PIC1_DATA, IRQ_BASE);	/* ICW2: vector offsets */
	outb(PIC2_DATA, IRQ_BASE + 8);
	outb(PIC1_DATA, 0x04);	/* ICW3: slave on IRQ2 */
	outb(PIC2_DATA, 0x02);
	outb(PIC1_DATA, 0x01);	/* ICW4: 8086 mode */
	outb(PIC2_DATA, 0x01);
	outb(PIC1_DATA, 0xFB);	/* everything masked but the cascade */
	outb(PIC2_DATA, 0xFF);
}

void enable_irq(int irq)
{
	u16 port = irq < 8 ? PIC1_DATA : PIC2_DATA;

	outb(port, inb(port) & ~(1 << (irq & 7)));
}

void request_irq(int irq, void (*handler)(struct pt_regs *regs))
{
	irq_handlers[irq] = handler;
	enable_irq(irq);
}

static bool spurious(int irq)
{
	if (irq != 7 && irq != 15)
		return false;
	outb(irq == 7 ? PIC1_CMD : PIC2_CMD, PIC_READ_ISR);
	if (inb(irq == 7 ? PIC1_CMD : PIC2_CMD) & 0x80)
		return false;
	if (irq == 15)
		outb(PIC1_CMD, PIC_EOI);	/* the master did see the cascade */
	spurious_irqs++;
	return true;
}

void do_irq(struct pt_regs *regs)
{
	int irq = (int)regs->vector - IRQ_BASE;

	if (spurious(irq))
		return;
	irq_count[irq]++;
	irq_total++;
	if (irq_handlers[irq])
		irq_handlers[irq](regs);
	if (irq >= 8)
		outb(PIC2_CMD, PIC_EOI);
	outb(PIC1_CMD, PIC_EOI);
}
