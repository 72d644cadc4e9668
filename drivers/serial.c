/*
 * 16550 UART on COM1 (I/O 0x3F8, IRQ 4): 115200 8N1, polled output.
 * Output is polled because printk must work in any context, including
 * panic with interrupts off; input raises IRQ 4 once the shell wants it.
 */
#include <drivers/console.h>
#include <arch/x86/io.h>

#define COM1 0x3F8
#define UART_DATA 0
#define UART_IER 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20

void serial_init(void)
{
	outb(COM1 + UART_IER, 0x00);
	outb(COM1 + UART_LCR, 0x80);	/* DLAB: set the divisor */
	outb(COM1 + UART_DATA, 0x01);	/* 115200 baud */
	outb(COM1 + UART_IER, 0x00);
	outb(COM1 + UART_LCR, 0x03);	/* 8 bits, no parity, one stop bit */
	outb(COM1 + UART_FCR, 0xC7);	/* FIFO on, cleared, 14-byte threshold */
	outb(COM1 + UART_MCR, 0x0B);	/* DTR, RTS, OUT2 (routes the IRQ) */
}

void serial_enable_rx_irq(void)
{
	outb(COM1 + UART_IER, 0x01);
}

static void serial_putc(char c)
{
	int spins = 100000;

	while (!(inb(COM1 + UART_LSR) & LSR_THR_EMPTY) && --spins)
		;
	outb(COM1 + UART_DATA, (u8)c);
}

void serial_write(const char *s, size_t n)
{
	for (; n; n--, s++) {
		if (*s == '\n')
			serial_putc('\r');
		serial_putc(*s);
	}
}

int serial_getc(void)
{
	if (!(inb(COM1 + UART_LSR) & LSR_DATA_READY))
		return -1;
	return inb(COM1 + UART_DATA);
}
