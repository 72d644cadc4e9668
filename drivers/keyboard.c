/*
 * PS/2 keyboard (IRQ 1), scancode set 1, US layout: enough to type shell
 * commands on the VGA console (make run's screen). Shift and Ctrl are
 * tracked; other modifiers and extended keys are ignored.
 */
#include <drivers/console.h>
#include <arch/x86/traps.h>
#include <arch/x86/io.h>

static const char keymap[128] = {
	0, 27, '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '=', '\b', '\t',
	'q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p', '[', ']', '\n', 0, 'a', 's',
	'd', 'f', 'g', 'h', 'j', 'k', 'l', ';', '\'', '`', 0, '\\', 'z', 'x', 'c', 'v',
	'b', 'n', 'm', ',', '.', '/', 0, '*', 0, ' ',
};
static const char keymap_shift[128] = {
	0, 27, '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '_', '+', '\b', '\t',
	'Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P', '{', '}', '\n', 0, 'A', 'S',
	'D', 'F', 'G', 'H', 'J', 'K', 'L', ':', '"', '~', 0, '|', 'Z', 'X', 'C', 'V',
	'B', 'N', 'M', '<', '>', '?', 0, '*', 0, ' ',
};

#define SC_LSHIFT 0x2A
#define SC_RSHIFT 0x36
#define SC_CTRL 0x1D
#define SC_RELEASE 0x80

static bool shift, ctrl;
static void (*input_handler)(char c);

void console_set_input_handler(void (*fn)(char c))
{
	input_handler = fn;
}

static void keyboard_interrupt(struct pt_regs *regs)
{
	u8 sc = inb(0x60);
	bool release = sc & SC_RELEASE;
	char c;

	sc &= ~SC_RELEASE;
	if (sc == SC_LSHIFT || sc == SC_RSHIFT) {
		shift = !release;
		return;
	}
	if (sc == SC_CTRL) {
		ctrl = !release;
		return;
	}
	if (release || !input_handler)
		return;
	c = shift ? keymap_shift[sc] : keymap[sc];
	if (ctrl && c >= 'a' && c <= 'z')
		c = (char)(c - 'a' + 1);
	if (c)
		input_handler(c);
}

void keyboard_init(void)
{
	while (inb(0x64) & 1)
		inb(0x60);	/* drain what the BIOS left */
	request_irq(IRQ_KEYBOARD, keyboard_interrupt);
}
