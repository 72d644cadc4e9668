/*
 * t_swap_eio: a page whose swap read fails, met first by the kernel's
 * own copy in a system call. Linux then fails the call with EFAULT and
 * sends no signal (a kernel-mode fault that cannot be served is fixed up,
 * not signalled); only the program's own touch of the page raises SIGBUS.
 * The rest of its memory is intact. Raw Linux system calls only.
 *
 * The harness attaches the swap disk through blkdebug so that every read
 * of slot 21 fails, and boots with swap=hda. Pages 1..21 are paged out
 * first (slots 1..21, in address order: page 21 gets the bad slot), then
 * page 0 and 22..31.
 */
#include <fillcheck.h>

#define PG    PAGE_SIZE
#define PAGES 32
#define BAD   21

static long sc(long nr, long a, long b, long c)
{
	return syscall(nr, a, b, c, 0, 0, 0);
}

int main(void)
{
	char *p = (char *)syscall(__NR_mmap2, 0, PAGES * PG, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fds[2];
	pid_t child;
	long r;

	if (p == MAP_FAILED)
		fail("mmap2: %s", strerror(errno));
	for (size_t i = 0; i < PAGES; i++)
		fill_page((u32 *)(p + i * PG), i, 0xe1000000);
	if (sc(__NR_madvise, (long)(p + PG), BAD * PG, MADV_PAGEOUT) ||
	    sc(__NR_madvise, (long)p, PAGES * PG, MADV_PAGEOUT))
		fail("MADV_PAGEOUT: %s", strerror(errno));
	if (sc(__NR_pipe, (long)fds, 0, 0))
		fail("pipe: %s", strerror(errno));
	errno = 0;
	r = sc(__NR_write, fds[1], (long)(p + BAD * PG), 64);
	if (r != -1 || errno != EFAULT)
		fail("write() from the page whose swap read fails returned %ld (%s), expected "
		     "EFAULT", r, strerror(errno));
	printf("t_swap_eio: write() from a page whose swap read failed -> EFAULT, no signal\n");
	errno = 0;
	sc(__NR_write, fds[1], (long)"0123456789", 10);
	r = sc(__NR_read, fds[0], (long)(p + BAD * PG), 10);
	if (r != -1 || errno != EFAULT)
		fail("read() into the lost page returned %ld (%s), expected EFAULT", r,
		     strerror(errno));
	printf("t_swap_eio: read() into the lost page -> EFAULT, no signal\n");
	for (size_t i = 0; i < PAGES; i++)
		if (i != BAD)
			check_page((u32 *)(p + i * PG), i, 0xe1000000);
	printf("t_swap_eio: the other %d pages came back intact\n", PAGES - 1);
	child = xfork();
	if (child == 0) {
		(void)*(volatile char *)(p + BAD * PG);
		_exit(0);
	}
	expect_signal(child, SIGBUS);
	printf("t_swap_eio: touching the lost page: SIGBUS\n");
	pass();
}
