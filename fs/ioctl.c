/*
 * ioctl(2): a request to the device behind a file descriptor (Linux's
 * fs/ioctl.c). Only devices with an ioctl operation answer, today the
 * console (its termios, drivers/tty.c); any other file gets ENOTTY, as a
 * regular file does in Linux for terminal requests.
 */
#include <fs/file.h>
#include <kernel/syscalls.h>
#include <uapi/errno.h>

long sys_ioctl(long fd, unsigned long cmd, unsigned long arg)
{
	struct file *f = fget((int)fd);

	if (!f)
		return -EBADF;
	if (!f->f_op->ioctl)
		return -ENOTTY;
	return f->f_op->ioctl(f, (unsigned int)cmd, arg);
}
