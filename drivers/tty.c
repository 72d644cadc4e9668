/*
 * The console terminal: bytes typed on the serial line (COM1, IRQ 4) or on
 * the PS/2 keyboard (IRQ 1) go through a small line discipline into a
 * buffer that read(0, ...) takes from, sleeping while it is empty.
 *
 * Its modes are Linux's termios (ioctl TCGETS/TCSETS):
 *  - canonical (ICANON, the default): lines are edited here — echo,
 *    backspace, Ctrl-U kills the line, Ctrl-D ends the line or the input —
 *    and a read returns one completed line. An escape sequence (an arrow
 *    key: ESC [ A) is kept in the line and echoed as ^[[A, as Linux does:
 *    keys typed ahead while a program runs reach the shell's line editor
 *    intact when it reads them.
 *  - non-canonical: every byte is readable at once, escape sequences
 *    included, echoed only with ECHO; a read waits for VMIN bytes, or at
 *    most VTIME tenths of a second for one when VMIN is 0. The shell uses
 *    it for its own line editor with history (user/sh.c).
 * In both, Ctrl-C sends SIGINT (with ISIG), a CR becomes a newline (with
 * ICRNL), Ctrl-T shows or hides the live VGA dashboard
 * (kernel/dashboard.c), like BSD's status key, and Ctrl-V asks for a VM
 * consistency check (mm/vmcheck.c).
 *
 * Flow control: when the buffer is full of input nobody has read yet, the
 * serial port's receive interrupt is turned off, so further bytes wait in
 * the UART (and QEMU holds the rest of a piped input) until a read makes
 * room; nothing typed ahead is lost. A canonical line longer than the
 * buffer is cut, as Linux cuts it.
 *
 * Locking: the buffer and the modes are changed from interrupt handlers,
 * so readers and ioctl take them with interrupts off.
 */
#include <fs/file.h>
#include <fs/devfs.h>
#include <drivers/console.h>
#include <kernel/sched.h>
#include <kernel/time.h>
#include <kernel/uaccess.h>
#include <kernel/printk.h>
#include <kernel/dashboard.h>
#include <mm/vmcheck.h>
#include <arch/x86/traps.h>
#include <arch/x86/irqflags.h>
#include <uapi/abi.h>
#include <uapi/errno.h>
#include <uapi/signal.h>

#define TTY_BUF 1024
#define CTRL(c) ((c) & 0x1f)
#define ESC 27

static struct {
	char buf[TTY_BUF];
	unsigned int head, tail;	/* readable input is [tail, line_start) */
	unsigned int line_start;	/* the line being edited is [line_start, head) */
	int eof;			/* Ctrl-D on an empty line: pending end of file */
	bool throttled;			/* serial receive interrupt off until a read */
	struct termios termios;
	wait_queue_head_t wait;
} tty = {
	.wait = WAIT_QUEUE_HEAD_INIT(tty.wait),
	.termios = {
		.c_iflag = ICRNL,
		.c_oflag = OPOST | ONLCR,	/* serial_write turns \n into \r\n */
		.c_cflag = 0000277,		/* B38400 | CS8 | CREAD, as Linux's console */
		.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK,
		.c_cc = { [VINTR] = CTRL('C'), [VERASE] = 127, [VKILL] = CTRL('U'),
			  [VEOF] = CTRL('D'), [VMIN] = 1 },
	},
};

static void echo(const char *s, size_t n)
{
	if (tty.termios.c_lflag & ECHO)
		console_write(s, n);
}

/*
 * Ctrl-C: SIGINT to every user process, as if all were the terminal's
 * foreground process group (there are no process groups). send_signal
 * spares init and those that ignore SIGINT: the interactive shell and the
 * jobs it started in the background.
 */
static void tty_interrupt(void)
{
	struct task_struct *t;

	console_write("^C\n", 3);
	list_for_each_entry(t, &task_list, tasks)
		if (!t->kthread)
			send_signal(t, SIGINT);
}

static bool buffer_full(void)
{
	return tty.head - tty.tail >= TTY_BUF - 1;
}

static void canonical_input(char c)
{
	if (c == CTRL('D')) {	/* end the line as it is, or EOF */
		if (tty.head == tty.line_start)
			tty.eof++;
		tty.line_start = tty.head;
		wake_up(&tty.wait);
	} else if (c == '\b' || c == 127) {
		if (tty.head != tty.line_start) {
			tty.head--;
			echo("\b \b", 3);
		}
	} else if (c == CTRL('U')) {
		while (tty.head != tty.line_start) {
			tty.head--;
			echo("\b \b", 3);
		}
	} else if (!buffer_full() && (c == '\n' || c == '\t' || c == ESC || (unsigned char)c >= ' ')) {
		tty.buf[tty.head++ % TTY_BUF] = c;
		echo(c == ESC ? "^[" : &c, c == ESC ? 2 : 1);	/* Linux's ECHOCTL */
		if (c == '\n') {
			tty.line_start = tty.head;
			wake_up(&tty.wait);
		}
	}
}

static void raw_input(char c)
{
	if (buffer_full())
		return;
	tty.buf[tty.head++ % TTY_BUF] = c;
	tty.line_start = tty.head;
	echo(&c, 1);
	wake_up(&tty.wait);
}

/* One byte from the keyboard or the serial line, in interrupt context. */
static void tty_input(char c)
{
	if (c == '\r' && (tty.termios.c_iflag & ICRNL))
		c = '\n';
	if (c == CTRL('T'))
		dashboard_toggle();
	else if (c == CTRL('V'))
		vmcheck_request();	/* a VM consistency check (mm/vmcheck.c) */
	else if (c == CTRL('C') && (tty.termios.c_lflag & ISIG))
		tty_interrupt();
	else if (tty.termios.c_lflag & ICANON)
		canonical_input(c);
	else
		raw_input(c);
}

/* Drain the UART, or stop its interrupt while the buffer holds unread input. */
static void serial_interrupt(struct pt_regs *regs)
{
	int c;

	for (;;) {
		if (buffer_full() && tty.tail != tty.line_start) {
			serial_disable_rx_irq();
			tty.throttled = true;
			return;
		}
		c = serial_getc();
		if (c < 0)
			return;
		tty_input((char)c);
	}
}

/* After a read made room: take the bytes waiting in the UART again. */
static void unthrottle(void)
{
	unsigned long flags = local_irq_save();

	if (tty.throttled && !buffer_full()) {
		tty.throttled = false;
		serial_enable_rx_irq();
		serial_interrupt(NULL);
	}
	local_irq_restore(flags);
}

static unsigned int readable(void)
{
	return tty.line_start - tty.tail;
}

/* Wait as the mode says; 0 when there is something to return, or -EINTR. */
static int wait_for_input(long n)
{
	const struct termios *t = &tty.termios;
	unsigned int want;

	if (t->c_lflag & ICANON)
		return wait_event_interruptible(tty.wait, readable() || tty.eof);
	if (t->c_cc[VMIN] == 0) {
		if (t->c_cc[VTIME] == 0)
			return 0;
		return wait_event_interruptible_timeout(tty.wait, readable() > 0,
							t->c_cc[VTIME] * HZ / 10) < 0 ? -EINTR : 0;
	}
	want = min((unsigned int)t->c_cc[VMIN], (unsigned int)n);
	return wait_event_interruptible(tty.wait, readable() >= want);
}

static long console_read(struct file *f, char *ubuf, long n)
{
	bool canonical = tty.termios.c_lflag & ICANON;
	long done = 0;
	unsigned long flags;
	int r = n > 0 ? wait_for_input(n) : 0;

	if (r)
		return r;
	flags = local_irq_save();
	if (canonical && !readable() && tty.eof) {
		tty.eof--;
		local_irq_restore(flags);
		return 0;
	}
	while (done < n && readable()) {
		char c = tty.buf[tty.tail++ % TTY_BUF];
		local_irq_restore(flags);
		if (copy_to_user(ubuf + done, &c, 1)) {
			done = done ? done : -EFAULT;
			flags = local_irq_save();
			break;
		}
		done++;
		flags = local_irq_save();
		if (canonical && c == '\n')
			break;
	}
	local_irq_restore(flags);
	unthrottle();
	return done;
}

static long console_fwrite(struct file *f, const char *ubuf, long n)
{
	char chunk[128];
	long done = 0;

	while (done < n) {
		long k = min(n - done, (long)sizeof(chunk));
		if (copy_from_user(chunk, ubuf + done, k))
			return done ? done : -EFAULT;
		console_write(chunk, k);
		done += k;
	}
	return done;
}

/* TCSETS*: a line being edited becomes readable when line editing stops. */
static void set_termios(const struct termios *t, bool flush)
{
	unsigned long flags = local_irq_save();

	if (flush) {
		tty.tail = tty.line_start = tty.head;
		tty.eof = 0;
	}
	if (!(t->c_lflag & ICANON))
		tty.line_start = tty.head;
	tty.termios = *t;
	local_irq_restore(flags);
	wake_up(&tty.wait);	/* a reader may now have enough, or another mode */
	unthrottle();
}

static long console_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct termios t;

	switch (cmd) {
	case TCGETS:
		return copy_to_user((void *)arg, &tty.termios, sizeof(t)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:	/* output is written synchronously: nothing to drain */
	case TCSETSF:
		if (copy_from_user(&t, (const void *)arg, sizeof(t)))
			return -EFAULT;
		set_termios(&t, cmd == TCSETSF);
		return 0;
	default:
		return -ENOTTY;
	}
}

static const struct file_operations console_ops = {
	.read = console_read,
	.write = console_fwrite,
	.ioctl = console_ioctl,
};

struct file *console_file(void)
{
	return file_alloc(&console_ops);
}

void tty_init(void)
{
	console_set_input_handler(tty_input);
	keyboard_init();
	request_irq(IRQ_COM1, serial_interrupt);
	serial_enable_rx_irq();
	devfs_register("console", &console_ops, NULL);
}
