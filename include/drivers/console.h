/*
 * The consoles printk writes to: the 16550 UART on COM1 (the log the test
 * harness reads) and the VGA text screen (what a person sees). The serial
 * port also carries keyboard input for the shell when run headless. COM2
 * is not a console: it carries the telemetry stream (kernel/telemetry.c).
 *
 * Defined in drivers/serial.c, drivers/vga.c, drivers/tty.c and
 * drivers/keyboard.c.
 */
#ifndef DRIVERS_CONSOLE_H
#define DRIVERS_CONSOLE_H

#include <lib/types.h>

void serial_init(void);
void serial_write(const char *s, size_t n);
/* Next byte received on COM1, or -1 when none is waiting. */
int serial_getc(void);
/* Route received bytes (serial and keyboard) to @fn, from interrupt context. */
void console_set_input_handler(void (*fn)(char c));
void serial_enable_rx_irq(void);
/* COM2, the telemetry channel: is a UART there (then set it up)? */
bool serial2_probe(void);
/* Raw bytes out of COM2; returns how many went (fewer if it stopped draining). */
size_t serial2_write(const char *s, size_t n);
/* Stop COM1's receive interrupt: bytes wait in the UART (tty flow control). */
void serial_disable_rx_irq(void);

/* The console terminal (drivers/tty.c) and the PS/2 keyboard feeding it (drivers/keyboard.c). */
void tty_init(void);
void keyboard_init(void);

void vga_init(void);
void vga_write(const char *s, size_t n);
/* Keep the top @rows rows for the dashboard; the console scrolls below. */
void vga_set_reserved_rows(int rows);
/* Write @s at (@row, @col) with attribute @attr, outside the scrolling area. */
void vga_put_at(int row, int col, const char *s, u8 attr);
/* Read back one row of text (for the dashboard's self-test). */
void vga_read_row(int row, char *buf, int len);

#define VGA_COLS 80
#define VGA_ROWS 25

#endif
