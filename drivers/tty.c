/*
 * The console terminal: bytes typed on the serial line (COM1, IRQ 4) or on
 * the PS/2 keyboard (IRQ 1) go through a small line discipline — echo,
 * backspace, Ctrl-U, Ctrl-C, Ctrl-D, and Ctrl-T, which shows or hides the
 * live VGA dashboard (kernel/dashboard.c) — into a buffer of completed lines
 * that read(0, ...) takes from, sleeping while it is empty.
 * Locking: the buffer is filled from interrupt handlers, so readers take
 * it with interrupts off.
 */
#include <fs/file.h>
#include <fs/devfs.h>
#include <drivers/console.h>
#include <kernel/sched.h>
#include <kernel/uaccess.h>
#include <kernel/printk.h>
#include <kernel/dashboard.h>
#include <mm/vmcheck.h>
#include <arch/x86/traps.h>
#include <arch/x86/irqflags.h>
#include <uapi/errno.h>
#include <uapi/signal.h>

#define TTY_BUF 1024

static struct {
	char buf[TTY_BUF];
	unsigned int head, tail;	/* completed input is [tail, line_start) */
	unsigned int line_start;	/* the line being edited is [line_start, head) */
	int eof;			/* Ctrl-D on an empty line: pending end of file */
	wait_queue_head_t wait;
} tty = { .wait = WAIT_QUEUE_HEAD_INIT(tty.wait) };

static void echo(const char *s, size_t n)
{
	console_write(s, n);
}

/* Ctrl-C: interrupt the newest user process that is not init. */
static void tty_interrupt(void)
{
	struct task_struct *t, *victim = NULL;

	list_for_each_entry(t, &task_list, tasks)
		if (!t->kthread && t->pid > 1 && t->state != TASK_ZOMBIE)
			victim = t;
	echo("^C\n", 3);
	if (victim)
		send_signal(victim, SIGINT);
}

static void tty_input(char c)
{
	if (c == '\r')
		c = '\n';
	if (c == 3) {
		tty_interrupt();
	} else if (c == 4) {	/* Ctrl-D: end the line as it is, or EOF */
		if (tty.head == tty.line_start)
			tty.eof++;
		tty.line_start = tty.head;
		wake_up(&tty.wait);
	} else if (c == '\b' || c == 127) {
		if (tty.head != tty.line_start) {
			tty.head--;
			echo("\b \b", 3);
		}
	} else if (c == 20) {	/* Ctrl-T: the dashboard, like BSD's status key */
		dashboard_toggle();
	} else if (c == 22) {	/* Ctrl-V: a VM consistency check (mm/vmcheck.c) */
		vmcheck_request();
	} else if (c == 21) {	/* Ctrl-U: kill the line */
		while (tty.head != tty.line_start) {
			tty.head--;
			echo("\b \b", 3);
		}
	} else if (tty.head - tty.tail < TTY_BUF - 1 && (c == '\n' || c >= ' ')) {
		tty.buf[tty.head++ % TTY_BUF] = c;
		echo(&c, 1);
		if (c == '\n') {
			tty.line_start = tty.head;
			wake_up(&tty.wait);
		}
	}
}

static bool input_ready(void)
{
	return tty.tail != tty.line_start || tty.eof;
}

static long console_read(struct file *f, char *ubuf, long n)
{
	long done = 0;
	int r = wait_event_interruptible(tty.wait, input_ready());

	if (r)
		return r;
	unsigned long flags = local_irq_save();
	if (tty.tail == tty.line_start && tty.eof) {
		tty.eof--;
		local_irq_restore(flags);
		return 0;
	}
	while (done < n && tty.tail != tty.line_start) {
		char c = tty.buf[tty.tail++ % TTY_BUF];
		local_irq_restore(flags);
		if (copy_to_user(ubuf + done, &c, 1))
			return done ? done : -EFAULT;
		done++;
		flags = local_irq_save();
		if (c == '\n')
			break;
	}
	local_irq_restore(flags);
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

static const struct file_operations console_ops = {
	.read = console_read,
	.write = console_fwrite,
};

struct file *console_file(void)
{
	return file_alloc(&console_ops);
}

static void serial_interrupt(struct pt_regs *regs)
{
	int c;

	while ((c = serial_getc()) >= 0)
		tty_input((char)c);
}

void keyboard_init(void);

void tty_init(void)
{
	console_set_input_handler(tty_input);
	keyboard_init();
	request_irq(IRQ_COM1, serial_interrupt);
	serial_enable_rx_irq();
	devfs_register("console", &console_ops, NULL);
}
