/*
 * 16550 UARTs: COM1 (I/O 0x3F8, IRQ 4) is the console, COM2 (I/O 0x2F8)
 * carries the telemetry stream (kernel/telemetry.c) when asked for.
 * Both run at 115200 8N1 with the FIFO on.
 *
 * Console output is polled because printk must work in any context,
 * including panic with interrupts off; console input raises IRQ 4 once
 * the shell wants it. COM2 is output only: its writer fills the 16-byte
 * transmit FIFO after one look at the line status, instead of one look
 * per byte, since each port access is a trip into the emulator.
 */
#include <drivers/console.h>
#include <arch/x86/io.h>

#define COM1	       0x3F8
#define COM2	       0x2F8
#define UART_DATA      0
#define UART_IER       1
#define UART_FCR       2
#define UART_LCR       3
#define UART_MCR       4
#define UART_LSR       5
#define UART_SCR       7
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY  0x20
#define UART_FIFO_SIZE 16
#define THR_SPINS      100000 /* polls before giving up on a transmitter that never drains */

static void uart_init(u16 port)
{
	outb(port + UART_IER, 0x00);
	outb(port + UART_LCR, 0x80);  /* DLAB: set the divisor */
	outb(port + UART_DATA, 0x01); /* 115200 baud */
	outb(port + UART_IER, 0x00);
	outb(port + UART_LCR, 0x03); /* 8 bits, no parity, one stop bit */
	outb(port + UART_FCR, 0xC7); /* FIFO on, cleared, 14-byte threshold */
	outb(port + UART_MCR, 0x0B); /* DTR, RTS, OUT2 (routes the IRQ) */
}

/* Wait until the transmitter can take bytes; false if it never could. */
static bool uart_wait_thr(u16 port)
{
	int spins = THR_SPINS;

	while (!(inb(port + UART_LSR) & LSR_THR_EMPTY))
		if (!--spins)
			return false;
	return true;
}

void serial_init(void)
{
	uart_init(COM1);
}

void serial_enable_rx_irq(void)
{
	outb(COM1 + UART_IER, 0x01);
}

void serial_disable_rx_irq(void)
{
	outb(COM1 + UART_IER, 0x00);
}

static void serial_putc(char c)
{
	uart_wait_thr(COM1);
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

/*
 * A UART answers at COM2 if its scratch register keeps what is written to
 * it; with no device there the bus reads back 0xFF.
 */
bool serial2_probe(void)
{
	outb(COM2 + UART_SCR, 0x5A);
	if (inb(COM2 + UART_SCR) != 0x5A)
		return false;
	outb(COM2 + UART_SCR, 0xA5);
	if (inb(COM2 + UART_SCR) != 0xA5)
		return false;
	uart_init(COM2);
	return true;
}

/*
 * Write @n bytes to COM2 as they are (no CR added: it is a data channel),
 * a FIFO-full at a time. Returns the bytes written: fewer than @n only if
 * the transmitter stopped draining.
 */
size_t serial2_write(const char *s, size_t n)
{
	size_t done = 0;

	while (done < n) {
		size_t burst = n - done < UART_FIFO_SIZE ? n - done : UART_FIFO_SIZE;

		if (!uart_wait_thr(COM2))
			break;
		for (size_t i = 0; i < burst; i++)
			outb(COM2 + UART_DATA, (u8)s[done + i]);
		done += burst;
	}
	return done;
}
