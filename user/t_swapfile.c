/*
 * t_swapfile [DEV]: swap to a file on an ext2 file system, the way any
 * Linux program would: raw system calls by number (mount 21, swapon 87,
 * swapoff 115, umount2 52), nothing of this kernel's own. DEV (default
 * /dev/hda) holds the image scripts/mkext2 swapfile makes: a fragmented
 * /swapfile and a /sparse-swapfile with holes.
 *
 *  1. mount DEV on /mnt; swapon refuses the sparse file (EINVAL), a missing
 *     one (ENOENT), a directory and a file with no swap header (EINVAL);
 *  2. swapon /mnt/swapfile; /proc/swaps lists it as a file, /proc/swapextents
 *     shows its fragments; a second swapon is EBUSY, umount is EBUSY;
 *  3. two processes each write 3/4 of RAM, check every word, check again;
 *  4. this process pages half of RAM out, swapoff brings it back, and every
 *     word is checked again; then umount works.
 *
 * The host then checks the image: e2fsck clean, nothing but the swap
 * file's data blocks changed (tests/check_swapfile_image.py).
 */
#include <fillcheck.h>

#define NR_MOUNT   21
#define NR_SWAPON  87
#define NR_SWAPOFF 115
#define NR_UMOUNT2 52

static long sys(long nr, const void *a, const void *b, const void *c)
{
	return syscall(nr, (long)a, (long)b, (long)c, 0L, 0L, 0L);
}

static void expect_errno(long r, int err, const char *what)
{
	if (r != -1 || errno != err)
		fail("%s: got %ld (%s), expected %s", what, r, r == -1 ? strerror(errno) : "success",
		     strerror(err));
	printf("%s: %s: %s\n", test_name(), what, strerror(err));
}

static void expect_ok(long r, const char *what)
{
	if (r < 0)
		fail("%s: %s", what, strerror(errno));
	printf("%s: %s\n", test_name(), what);
}

static void check_proc_files(void)
{
	char buf[8192], *line;
	long extents;

	if (read_file("/proc/swaps", buf, sizeof(buf)) < 0 ||
	    !(line = strstr(buf, "/mnt/swapfile ")) || !strstr(line, "file"))
		fail("/proc/swaps does not list /mnt/swapfile as a file:\n%s", buf);
	if (read_file("/proc/swapextents", buf, sizeof(buf)) < 0 ||
	    !(line = strstr(buf, "/mnt/swapfile ")))
		fail("/proc/swapextents does not list /mnt/swapfile");
	extents = strtol(line + strlen("/mnt/swapfile "), NULL, 10);
	if (extents < 2)
		fail("/mnt/swapfile has %ld extents: the file was meant to be fragmented", extents);
	printf("%s: /proc/swaps lists /mnt/swapfile as a file, %ld extents\n", test_name(), extents);
}

/* The kernel's consistency check (mm/vmcheck.c) finds the page tables, caches and swap maps agree. */
static void check_vm(void)
{
	char buf[256];

	if (read_file("/proc/vmcheck", buf, sizeof(buf)) < 0 || strncmp(buf, "clean\n", 6))
		fail("/proc/vmcheck: %s", buf);
}

/* Write @pages pages, check them twice; exits with the test's status. */
static void worker(size_t pages, u32 seed)
{
	u32 *area = map_pages(pages);

	for (size_t p = 0; p < pages; p++)
		fill_page(page_at(area, p), p, seed);
	for (int round = 0; round < 2; round++)
		for (size_t p = 0; p < pages; p++)
			check_page(page_at(area, p), p, seed);
	exit(0);
}

static void workload(size_t ram)
{
	long out0 = vmstat("pswpout"), in0 = vmstat("pswpin");
	pid_t a = xfork(), b;

	if (!a)
		worker(ram * 3 / 4, 0xa0000000u);
	b = xfork();
	if (!b)
		worker(ram * 3 / 4, 0xb0000000u);
	expect_exit(a, 0);
	expect_exit(b, 0);
	printf("%s: 2 x %zu pages verified twice; pswpout=%ld pswpin=%ld\n", test_name(),
	       ram * 3 / 4, vmstat("pswpout") - out0, vmstat("pswpin") - in0);
	check_vm();
	if (vmstat("pswpout") - out0 < (long)ram / 2 || vmstat("pswpin") - in0 < (long)ram / 2)
		fail("too little swapping for 1.5 x RAM");
}

/* Page half of RAM out to the file, swapoff, and check it all came back. */
static void swapoff_brings_pages_back(size_t ram)
{
	size_t pages = ram / 2;
	u32 *area = map_pages(pages);

	for (size_t p = 0; p < pages; p++)
		fill_page(page_at(area, p), p, 0xc0000000u);
	if (madvise(area, pages * PAGE_SIZE, MADV_PAGEOUT) < 0)
		fail("madvise(MADV_PAGEOUT): %s", strerror(errno));
	check_vm();
	expect_ok(sys(NR_SWAPOFF, "/mnt/swapfile", NULL, NULL), "swapoff /mnt/swapfile");
	for (size_t p = 0; p < pages; p++)
		check_page(page_at(area, p), p, 0xc0000000u);
	printf("%s: %zu pages paged out, brought back by swapoff, verified\n", test_name(), pages);
	munmap(area, pages * PAGE_SIZE);
}

int main(int argc, char **argv)
{
	const char *dev = argc > 1 ? argv[1] : "/dev/hda";
	size_t ram = ram_pages();

	expect_ok(sys(NR_MOUNT, dev, "/mnt", "ext2"), "mount");
	expect_errno(sys(NR_SWAPON, "/mnt/sparse-swapfile", 0, NULL), EINVAL, "swapon of a sparse file");
	expect_errno(sys(NR_SWAPON, "/mnt/nosuch", 0, NULL), ENOENT, "swapon of a missing file");
	expect_errno(sys(NR_SWAPON, "/mnt/dir", 0, NULL), EINVAL, "swapon of a directory");
	expect_errno(sys(NR_SWAPON, "/mnt/hello.txt", 0, NULL), EINVAL, "swapon of a file without a header");
	expect_errno(sys(NR_SWAPOFF, "/mnt/swapfile", NULL, NULL), EINVAL, "swapoff of a file not swapped on");
	expect_ok(sys(NR_SWAPON, "/mnt/swapfile", 0, NULL), "swapon /mnt/swapfile");
	expect_errno(sys(NR_SWAPON, "/mnt/./swapfile", 0, NULL), EBUSY, "swapon twice");
	expect_errno(sys(NR_UMOUNT2, "/mnt", 0, NULL), EBUSY, "umount while the swap file is active");
	check_proc_files();
	workload(ram);
	swapoff_brings_pages_back(ram);
	expect_errno(sys(NR_SWAPOFF, "/mnt/swapfile", NULL, NULL), EINVAL, "swapoff twice");
	expect_ok(sys(NR_UMOUNT2, "/mnt", 0, NULL), "umount /mnt");
	pass();
}
