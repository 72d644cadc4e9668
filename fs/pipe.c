/*
 * Pipes (Linux's fs/pipe.c; Mauerer ch. 8's file operations): pipe(2)
 * gives two open files, a read end and a write end, that share a ring
 * buffer of one page. A read waits while the ring is empty and a writer
 * is left, and returns 0 (end of file) once none is; a write waits while
 * the ring is full and a reader is left, and with no reader gets SIGPIPE
 * and -EPIPE. A write of at most PIPE_BUF bytes goes in whole, never
 * mixed with another writer's bytes: it waits until the ring has room
 * for all of it.
 *
 * The copies to and from user memory may sleep: the user's page may be
 * swapped out, and the fault reads it back. So the ring is guarded by a
 * sleeping lock (pipe->busy) rather than by interrupts being off; it is
 * never held while waiting for data or room, only across the copies.
 * Every change (data, room, the lock, an end closing) wakes pipe->wait,
 * where readers, writers and lock waiters all sleep; each rechecks.
 *
 * A pipe opened with O_NONBLOCK (pipe2) answers -EAGAIN instead of
 * waiting. Also here: dup(2) and dup2(2), which programs use to put a
 * pipe's ends on their standard input and output.
 */
#include <fs/file.h>
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <kernel/uaccess.h>
#include <kernel/wait.h>
#include <mm/gfp.h>
#include <mm/slab.h>
#include <uapi/abi.h>
#include <uapi/errno.h>
#include <uapi/signal.h>

#define PIPE_SIZE PAGE_SIZE
#define PIPE_BUF  PAGE_SIZE	/* Linux's: writes up to this size are atomic */

struct pipe {
	char *buf;
	unsigned long head, tail;	/* bytes ever written and read: head - tail are in */
	int readers, writers;		/* open files of each end */
	bool busy;			/* a reader or writer is copying */
	wait_queue_head_t wait;
};

static unsigned long pipe_used(const struct pipe *p)
{
	return p->head - p->tail;
}

/* Take the pipe's lock; 0, or -EINTR if a signal came first. */
static int pipe_lock(struct pipe *p)
{
	int r = wait_event_interruptible(p->wait, !p->busy);

	if (!r)
		p->busy = true;
	return r;
}

static void pipe_unlock(struct pipe *p)
{
	p->busy = false;
	wake_up(&p->wait);
}

/* Wait, unlocked, for @cond; then lock again. 0 or -EINTR (unlocked then). */
#define pipe_wait_locked(p, cond)                                                        \
	({                                                                               \
		int __r;                                                                 \
		pipe_unlock(p);                                                          \
		__r = wait_event_interruptible((p)->wait, cond);                         \
		__r ? __r : pipe_lock(p);                                                \
	})

static long pipe_read(struct file *f, char *ubuf, long n)
{
	struct pipe *p = f->private;
	long done = 0;
	int r;

	if (n <= 0)
		return 0;
	if ((r = pipe_lock(p)))
		return r;
	while (!pipe_used(p)) {
		if (!p->writers) {
			pipe_unlock(p);
			return 0;	/* end of file */
		}
		if (f->flags & O_NONBLOCK) {
			pipe_unlock(p);
			return -EAGAIN;
		}
		if ((r = pipe_wait_locked(p, pipe_used(p) || !p->writers)))
			return r;
	}
	while (done < n && pipe_used(p)) {
		unsigned long off = p->tail % PIPE_SIZE;
		unsigned long chunk = min(min((unsigned long)(n - done), pipe_used(p)), PIPE_SIZE - off);
		unsigned long left = copy_to_user(ubuf + done, p->buf + off, chunk);
		p->tail += chunk - left;
		done += (long)(chunk - left);
		if (left)
			break;
	}
	pipe_unlock(p);
	return done ? done : -EFAULT;
}

static long pipe_write(struct file *f, const char *ubuf, long n)
{
	struct pipe *p = f->private;
	long done = 0;
	int r;

	if (n <= 0)
		return 0;
	if ((r = pipe_lock(p)))
		return r;
	while (done < n) {
		/*
		 * A small write waits for room for all of it, so that it goes in
		 * under the lock in one piece (two copies where the ring wraps);
		 * a large one takes any room.
		 */
		unsigned long want = n <= PIPE_BUF ? (unsigned long)(n - done) : 1, off, chunk, left;
		if (!p->readers) {
			send_signal(current, SIGPIPE);
			r = -EPIPE;
			break;
		}
		if (PIPE_SIZE - pipe_used(p) < want) {
			if (f->flags & O_NONBLOCK) {
				r = -EAGAIN;
				break;
			}
			if ((r = pipe_wait_locked(p, PIPE_SIZE - pipe_used(p) >= want || !p->readers)))
				return done ? done : r;
			continue;
		}
		off = p->head % PIPE_SIZE;
		chunk = min(min((unsigned long)(n - done), PIPE_SIZE - pipe_used(p)), PIPE_SIZE - off);
		left = copy_from_user(p->buf + off, ubuf + done, chunk);
		p->head += chunk - left;
		done += (long)(chunk - left);
		wake_up(&p->wait);	/* readers */
		if (left) {
			r = -EFAULT;
			break;
		}
	}
	pipe_unlock(p);
	return done ? done : r;
}

/* Linux: -EBADF, the file is not open for that. */
static long read_of_write_end(struct file *f, char *ubuf, long n)
{
	return -EBADF;
}

static long write_of_read_end(struct file *f, const char *ubuf, long n)
{
	return -EBADF;
}

static void pipe_release(struct file *f, bool reader)
{
	struct pipe *p = f->private;

	if (reader)
		p->readers--;
	else
		p->writers--;
	wake_up(&p->wait);
	if (p->readers || p->writers)
		return;
	free_page((unsigned long)p->buf);
	kfree(p);
}

static void pipe_read_release(struct file *f)
{
	pipe_release(f, true);
}

static void pipe_write_release(struct file *f)
{
	pipe_release(f, false);
}

static const struct file_operations pipe_read_fops = {
	.read = pipe_read,
	.write = write_of_read_end,
	.release = pipe_read_release,
};

static const struct file_operations pipe_write_fops = {
	.read = read_of_write_end,
	.write = pipe_write,
	.release = pipe_write_release,
};

bool file_is_pipe(const struct file *f)
{
	return f->f_op == &pipe_read_fops || f->f_op == &pipe_write_fops;
}

/* The two ends of a new pipe, or -ENOMEM (nothing left allocated). */
static int create_pipe(struct file **rd, struct file **wr)
{
	struct pipe *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (p)
		p->buf = (char *)__get_free_page(GFP_KERNEL);
	*rd = file_alloc(&pipe_read_fops);
	*wr = file_alloc(&pipe_write_fops);
	if (!p || !p->buf || !*rd || !*wr) {
		if (p && p->buf)
			free_page((unsigned long)p->buf);
		kfree(p);
		kfree(*rd);
		kfree(*wr);
		return -ENOMEM;
	}
	init_waitqueue_head(&p->wait);
	p->readers = p->writers = 1;
	(*rd)->private = (*wr)->private = p;
	(*rd)->flags = O_RDONLY;
	(*wr)->flags = O_WRONLY;
	return 0;
}

/*
 * sys_pipe2 - Linux i386 331 (glibc's pipe() calls it): fds[0] reads what
 * fds[1] writes. @flags: O_NONBLOCK (EAGAIN instead of waiting),
 * O_CLOEXEC, O_DIRECT (accepted: every write of at most PIPE_BUF is a
 * packet already); others -EINVAL. -EMFILE, -ENOMEM, -EFAULT.
 */
long sys_pipe2(int *ufds, long flags)
{
	struct file *rd, *wr;
	int fds[2], r;

	if (flags & ~(O_NONBLOCK | O_CLOEXEC | O_DIRECT))
		return -EINVAL;
	if (!access_ok(ufds, sizeof(fds)))
		return -EFAULT;
	if ((r = create_pipe(&rd, &wr)))
		return r;
	rd->flags |= flags & O_NONBLOCK;
	wr->flags |= flags & O_NONBLOCK;
	fds[0] = fd_install(current, rd);
	fds[1] = fds[0] < 0 ? -EMFILE : fd_install(current, wr);
	if (fds[1] >= 0 && !copy_to_user(ufds, fds, sizeof(fds))) {
		set_close_on_exec(current, fds[0], flags & O_CLOEXEC);
		set_close_on_exec(current, fds[1], flags & O_CLOEXEC);
		return 0;
	}
	r = fds[1] >= 0 ? -EFAULT : -EMFILE;
	if (fds[0] >= 0)
		current->files[fds[0]] = NULL;
	if (fds[1] >= 0)
		current->files[fds[1]] = NULL;
	fput(rd);
	fput(wr);
	return r;
}

long sys_pipe(int *ufds)
{
	return sys_pipe2(ufds, 0);
}

/* sys_dup - Linux i386 41: the lowest free descriptor for the same open file. */
long sys_dup(long fd)
{
	struct file *f = fget((int)fd);
	int r;

	if (!f)
		return -EBADF;
	r = fd_install(current, f);
	if (r >= 0)
		f->count++;
	return r;
}

/* sys_dup2 - Linux i386 63: @newfd (closed first if open) for @oldfd's open file. */
long sys_dup2(long oldfd, long newfd)
{
	struct file *f = fget((int)oldfd);

	if (!f || newfd < 0 || newfd >= NR_OPEN)
		return -EBADF;
	if (newfd == oldfd)
		return newfd;
	f->count++;
	if (current->files[newfd])
		fput(current->files[newfd]);
	current->files[newfd] = f;
	set_close_on_exec(current, (int)newfd, false);
	return newfd;
}
