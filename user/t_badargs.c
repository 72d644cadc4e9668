/*
 * t_badargs: bad pointers, lengths, flags and paths given to the memory,
 * swap and mount calls must fail with the errno Linux gives (checked on
 * Linux 6.x i386 semantics, the order of its checks included) and change
 * nothing: no area turned on, no mapping moved, no byte of user memory
 * written. Only the raw Linux system-call ABI is used (syscall()), so what
 * is checked is what any Linux program would see.
 *
 * Run with hda a swap area (not active), hdb an ext2 image of the test
 * tree (scripts/mkext2 disk) and hdc an ext2 image of broken swap files
 * (tests/qa-mkbadswap). One line per check; "t_badargs: ok" at the
 * end when every check held.
 */
#include <utest.h>

#define KADDR	 0xC0000000UL
#define UNMAPPED 0x1000UL

#define MADV_RANDOM	1
#define MADV_SEQUENTIAL 2
#define MADV_WILLNEED	3
#define SWAP_FLAG_DISCARD 0x10000

static int failures, checks;

static void expect_err(const char *call, long r, int err, const char *err_name)
{
	int e = errno;

	checks++;
	if (r == -1 && e == err) {
		printf("t_badargs: %s -> %s\n", call, err_name);
		return;
	}
	failures++;
	printf("t_badargs: FAILED %s returned %ld (errno %d, %s), expected -1 with %s\n", call, r,
	       e, strerror(e), err_name);
}

static void expect_ok(const char *call, long r, long want)
{
	checks++;
	if (r == want) {
		printf("t_badargs: %s -> %ld\n", call, r);
		return;
	}
	failures++;
	printf("t_badargs: FAILED %s returned %ld (errno %d, %s), expected %ld\n", call, r, errno,
	       strerror(errno), want);
}

static void expect(bool ok, const char *what)
{
	checks++;
	if (!ok)
		failures++;
	printf("t_badargs: %s%s\n", ok ? "" : "FAILED ", what);
}

/* Raw calls: the libc-lite wrappers could check or convert arguments. */
#define SC(nr, ...) syscall(nr, __VA_ARGS__, 0, 0, 0, 0, 0, 0)
#define EXPECT_ERR(err, nr, ...) (errno = 0, expect_err(#nr "(" #__VA_ARGS__ ")", \
						SC(nr, __VA_ARGS__), err, #err))
#define EXPECT_OK(want, nr, ...) (errno = 0, expect_ok(#nr "(" #__VA_ARGS__ ")", \
					       SC(nr, __VA_ARGS__), (long)(want)))

static char *map(unsigned long len)
{
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		fail("mmap %lu: %s", len, strerror(errno));
	return p;
}

/* A string whose NUL would lie on the unmapped page after it. */
static const char *straddling_string(void)
{
	char *p = map(2 * PAGE_SIZE);

	/* PROT_NONE, not unmapped: a later mmap must not fill the hole. */
	if (mmap(p + PAGE_SIZE, PAGE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1,
		 0) != p + PAGE_SIZE)
		fail("mmap PROT_NONE: %s", strerror(errno));
	memset(p, 'a', PAGE_SIZE);
	p[0] = '/';
	return p + PAGE_SIZE - 8;
}

static char *long_path(void)
{
	char *p = map(2 * PAGE_SIZE);

	for (int i = 0; i < PAGE_SIZE + 10; i++)
		p[i] = (i % 8) ? 'x' : '/';
	return p;
}

static int swap_areas(void)
{
	char buf[1024];
	int n = -1;

	if (read_file("/proc/swaps", buf, sizeof(buf)) < 0)
		fail("/proc/swaps: %s", strerror(errno));
	for (char *s = buf; (s = strchr(s, '\n')); s++)
		n++;
	return n;
}

static void swap_calls(const char *straddle, const char *longp)
{
	EXPECT_ERR(EFAULT, __NR_swapon, 0, 0);
	EXPECT_ERR(EFAULT, __NR_swapon, KADDR, 0);
	EXPECT_ERR(EFAULT, __NR_swapon, UNMAPPED, 0);
	EXPECT_ERR(EFAULT, __NR_swapon, straddle, 0);
	EXPECT_ERR(ENAMETOOLONG, __NR_swapon, longp, 0);
	EXPECT_ERR(ENOENT, __NR_swapon, "", 0);
	EXPECT_ERR(ENOENT, __NR_swapon, "/nonexistent", 0);
	EXPECT_ERR(EINVAL, __NR_swapon, "/proc", 0);
	EXPECT_ERR(EINVAL, __NR_swapon, "/dev/hdb", 0);	/* ext2, no swap signature */
	EXPECT_ERR(EINVAL, __NR_swapon, "/dev/hda", 0x40000000);
	EXPECT_ERR(EFAULT, __NR_swapoff, 0);
	EXPECT_ERR(EFAULT, __NR_swapoff, KADDR);
	EXPECT_ERR(EFAULT, __NR_swapoff, straddle);
	EXPECT_ERR(ENAMETOOLONG, __NR_swapoff, longp);
	EXPECT_ERR(ENOENT, __NR_swapoff, "");
	EXPECT_ERR(ENOENT, __NR_swapoff, "/nonexistent");
	EXPECT_ERR(EINVAL, __NR_swapoff, "/dev/hda");	/* not active */
	EXPECT_ERR(EINVAL, __NR_swapoff, "/proc/meminfo");
	expect(swap_areas() == 0, "no swap area is active after the refused calls");
	/* The discard flags are valid (util-linux swapon --discard); a disk has nothing to discard. */
	EXPECT_OK(0, __NR_swapon, "/dev/hda", SWAP_FLAG_DISCARD);
	EXPECT_ERR(EBUSY, __NR_swapon, "/dev/hda", 0);
	EXPECT_ERR(EBUSY, __NR_swapon, "/dev/../dev/hda", 0);
	EXPECT_ERR(EBUSY, __NR_mount, "/dev/hda", "/mnt", "ext2", 0, 0);
	expect(swap_areas() == 1, "one swap area is active");
	EXPECT_OK(0, __NR_swapoff, "/dev/./hda");
	EXPECT_OK(0, __NR_swapon, "/dev/hda", SWAP_FLAG_PREFER | 32767);
	expect(proc_field("/proc/swaps", "/dev/hda") >= 0, "/proc/swaps lists /dev/hda");
	EXPECT_OK(0, __NR_swapoff, "/dev/hda");
}

/* Swapon of files on the mounted ext2 that are no swap areas. */
static void swap_files(void)
{
	EXPECT_ERR(EINVAL, __NR_swapon, "/mnt/hello.txt", 0);	/* 12 bytes */
	EXPECT_ERR(EINVAL, __NR_swapon, "/mnt/sparse.bin", 0);	/* holes, no header */
	EXPECT_ERR(EINVAL, __NR_swapon, "/mnt/double.bin", 0);	/* 5 MiB, no header */
	EXPECT_ERR(EINVAL, __NR_swapon, "/mnt/dir", 0);
	EXPECT_ERR(EINVAL, __NR_swapon, "/mnt/fastlink", 0);	/* -> hello.txt */
	EXPECT_ERR(ELOOP, __NR_swapon, "/mnt/loop1", 0);
	EXPECT_ERR(ENOTDIR, __NR_swapon, "/mnt/hello.txt/x", 0);
	EXPECT_ERR(EINVAL, __NR_swapoff, "/mnt/hello.txt");
	expect(swap_areas() == 0, "no swap area is active after the refused swap files");
}

static void mount_calls(const char *straddle, const char *longp)
{
	char type[48];

	memset(type, 'e', sizeof(type) - 1);
	type[sizeof(type) - 1] = 0;
	EXPECT_ERR(EFAULT, __NR_mount, "/dev/hdb", KADDR, "ext2", 0, 0);
	EXPECT_ERR(EFAULT, __NR_mount, "/dev/hdb", 0, "ext2", 0, 0);
	EXPECT_ERR(EFAULT, __NR_mount, "/dev/hdb", straddle, "ext2", 0, 0);
	EXPECT_ERR(EFAULT, __NR_mount, KADDR, "/mnt", "ext2", 0, 0);
	EXPECT_ERR(EFAULT, __NR_mount, straddle, "/mnt", "ext2", 0, 0);
	EXPECT_ERR(EFAULT, __NR_mount, "/dev/hdb", "/mnt", KADDR, 0, 0);
	EXPECT_ERR(EFAULT, __NR_mount, "/dev/hdb", "/mnt", UNMAPPED, 0, 0);
	EXPECT_ERR(EFAULT, __NR_mount, "/dev/hdb", "/mnt", "ext2", 0, KADDR);
	EXPECT_ERR(ENAMETOOLONG, __NR_mount, "/dev/hdb", longp, "ext2", 0, 0);
	EXPECT_ERR(EINVAL, __NR_mount, "/dev/hdb", "/mnt", 0, 0, 0);
	EXPECT_ERR(EINVAL, __NR_mount, 0, "/mnt", "ext2", 0, 0);
	EXPECT_ERR(EINVAL, __NR_mount, "", "/mnt", "ext2", 0, 0);
	EXPECT_ERR(ENODEV, __NR_mount, "/dev/hdb", "/mnt", type, 0, 0);
	/* Linux looks the mount point up before it looks at the type. */
	EXPECT_ERR(ENOENT, __NR_mount, "/dev/hdb", "/nonexistent", "nosuchfs", 0, 0);
	EXPECT_ERR(ENOENT, __NR_mount, "/dev/hdb", "/nonexistent", 0, 0, 0);
	EXPECT_ERR(ENOTBLK, __NR_mount, "/proc/meminfo", "/mnt", "ext2", 0, 0);
	EXPECT_ERR(EINVAL, __NR_mount, "/dev/hda", "/mnt", "ext2", 0, 0);	/* a swap area */
	EXPECT_ERR(EFAULT, __NR_umount, 0);
	EXPECT_ERR(EFAULT, __NR_umount, KADDR);
	EXPECT_ERR(EFAULT, __NR_umount2, straddle, 0);
	EXPECT_ERR(ENAMETOOLONG, __NR_umount, longp);
	EXPECT_ERR(ENOENT, __NR_umount, "");
	EXPECT_ERR(EINVAL, __NR_umount2, "/mnt", 0x100);
	EXPECT_ERR(EINVAL, __NR_umount, "/mnt");	/* not mounted */
	expect(proc_field("/proc/mounts", "/dev/hdb") < 0, "nothing was mounted by the refused calls");
	EXPECT_OK(0, __NR_mount, "/dev/hdb", "/mnt", "ext2", MS_RDONLY, "");
	EXPECT_ERR(EBUSY, __NR_mount, "/dev/hdb", "/mnt", "ext2", MS_RDONLY, 0);
	EXPECT_ERR(EBUSY, __NR_swapon, "/dev/hdb", 0);
	swap_files();
	EXPECT_OK(0, __NR_umount, "/mnt");
}

static void mmap_calls(void)
{
	char *p;

	EXPECT_ERR(ENOMEM, __NR_mmap2, KADDR, PAGE_SIZE, PROT_READ,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	EXPECT_ERR(ENOMEM, __NR_mmap2, KADDR - PAGE_SIZE, 2 * PAGE_SIZE, PROT_READ,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	EXPECT_ERR(ENOMEM, __NR_mmap2, 0xFFFFF000, 2 * PAGE_SIZE, PROT_READ,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	EXPECT_ERR(EINVAL, __NR_mmap2, 0x40000123, PAGE_SIZE, PROT_READ,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	EXPECT_ERR(EINVAL, __NR_mmap2, 0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT_ERR(ENOMEM, __NR_mmap2, 0, 0xFFFFF001, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT_ERR(ENOMEM, __NR_mmap2, 0, KADDR, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT_ERR(EINVAL, __NR_mmap2, 0, PAGE_SIZE, PROT_READ, MAP_ANONYMOUS, -1, 0);
	EXPECT_ERR(EBADF, __NR_mmap2, 0, PAGE_SIZE, PROT_READ, MAP_PRIVATE, -1, 0);
	EXPECT_ERR(EBADF, __NR_mmap2, 0, PAGE_SIZE, PROT_READ, MAP_PRIVATE, 77, 0);
	/* Without MAP_FIXED the address is a hint: an unaligned one is no error. */
	errno = 0;
	p = (char *)SC(__NR_mmap2, 0x40000123, PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	expect(p != MAP_FAILED && !((uintptr_t)p & (PAGE_SIZE - 1)),
	       "mmap with an unaligned hint and no MAP_FIXED maps a page");
	if (p != MAP_FAILED) {
		p[0] = 1;
		munmap(p, PAGE_SIZE);
	}
	p = map(2 * PAGE_SIZE);
	EXPECT_ERR(EINVAL, __NR_munmap, KADDR, PAGE_SIZE);
	EXPECT_ERR(EINVAL, __NR_munmap, 0xBFFFF000, 2 * PAGE_SIZE);
	EXPECT_ERR(EINVAL, __NR_munmap, p + 1, PAGE_SIZE);
	EXPECT_ERR(EINVAL, __NR_munmap, p, 0);
	EXPECT_ERR(EINVAL, __NR_munmap, p, -PAGE_SIZE);
	EXPECT_OK(0, __NR_munmap, 0x30000000, PAGE_SIZE);	/* nothing there: fine */
	p[0] = 7;
	expect(p[0] == 7, "the mapping is intact after the refused munmaps");
	munmap(p, 2 * PAGE_SIZE);
}

/* brk never grows over another mapping (Linux: find_vma_intersection). */
static void brk_calls(void)
{
	unsigned long start = SC(__NR_brk, 0), cur, top;
	char *fixed;

	/* A heap of one page first: brk grows it in place from then on. */
	cur = (start + PAGE_SIZE) & ~(PAGE_SIZE - 1UL);
	if ((unsigned long)SC(__NR_brk, cur) != cur)
		fail("brk %#lx: %s", cur, strerror(errno));
	((char *)cur)[-1] = 1;
	top = cur + 16 * PAGE_SIZE;
	EXPECT_OK(cur, __NR_brk, KADDR);
	EXPECT_OK(cur, __NR_brk, 0xFFFFFFFF);
	EXPECT_OK(cur, __NR_brk, 1);	/* below the start of the heap */
	fixed = (char *)SC(__NR_mmap2, top, PAGE_SIZE, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if (fixed != (char *)top)
		fail("mmap MAP_FIXED at %#lx: %s", top, strerror(errno));
	fixed[0] = 42;
	/* Past the fixed page: the heap would swallow it. */
	EXPECT_OK(cur, __NR_brk, top + 64 * PAGE_SIZE);
	/* Into it. */
	EXPECT_OK(cur, __NR_brk, top + 1);
	expect(fixed[0] == 42, "the mapping above the heap kept its data");
	EXPECT_OK(0, __NR_munmap, fixed, PAGE_SIZE);
	EXPECT_OK(top + 64 * PAGE_SIZE, __NR_brk, top + 64 * PAGE_SIZE);
	((char *)top)[0] = 1;
	EXPECT_OK(start, __NR_brk, start);
}

static void lock_and_advice(void)
{
	char *p = map(4 * PAGE_SIZE);

	EXPECT_ERR(ENOMEM, __NR_mlock, KADDR, PAGE_SIZE);
	EXPECT_ERR(ENOMEM, __NR_munlock, KADDR, PAGE_SIZE);
	EXPECT_ERR(ENOMEM, __NR_mlock, UNMAPPED, PAGE_SIZE);
	EXPECT_ERR(EINVAL, __NR_mlock, p, -2 * PAGE_SIZE);
	EXPECT_OK(0, __NR_mlock, p, 0);
	EXPECT_OK(0, __NR_mlock, p + 5, PAGE_SIZE);	/* unaligned start: rounded */
	EXPECT_OK(0, __NR_munlock, p, 4 * PAGE_SIZE);
	EXPECT_ERR(ENOMEM, __NR_madvise, KADDR, PAGE_SIZE, MADV_DONTNEED);
	EXPECT_ERR(EINVAL, __NR_madvise, p, PAGE_SIZE, 999);
	EXPECT_ERR(EINVAL, __NR_madvise, p, PAGE_SIZE, -1);
	p[0] = 9;
	EXPECT_OK(0, __NR_madvise, p, 4 * PAGE_SIZE, MADV_NORMAL);
	EXPECT_OK(0, __NR_madvise, p, 4 * PAGE_SIZE, MADV_RANDOM);
	EXPECT_OK(0, __NR_madvise, p, 4 * PAGE_SIZE, MADV_SEQUENTIAL);
	EXPECT_OK(0, __NR_madvise, p, 4 * PAGE_SIZE, MADV_WILLNEED);
	expect(p[0] == 9, "the hints kept the data");
	munmap(p, 4 * PAGE_SIZE);
}

/*
 * MADV_WILLNEED on paged-out memory starts one read per page (Linux's
 * force_swapin_readahead); the faults that follow find the pages in the
 * swap cache and read nothing more. pswpin counts reads as they are sent.
 */
static void willneed_reads(void)
{
	enum { N = 16 };
	char *p = map(N * PAGE_SIZE);
	long in0, in1, in2;
	bool same = true;

	if (swapon("/dev/hda", 0))
		fail("swapon /dev/hda: %s", strerror(errno));
	for (int i = 0; i < N * PAGE_SIZE; i += 256)
		p[i] = (char)(i / 256 * 7 + 3);
	EXPECT_OK(0, __NR_madvise, p, N * PAGE_SIZE, MADV_PAGEOUT);
	in0 = proc_field("/proc/vmstat", "pswpin");
	EXPECT_OK(0, __NR_madvise, p, N * PAGE_SIZE, MADV_WILLNEED);
	in1 = proc_field("/proc/vmstat", "pswpin");
	for (int i = 0; i < N * PAGE_SIZE; i += 256)
		same &= p[i] == (char)(i / 256 * 7 + 3);
	in2 = proc_field("/proc/vmstat", "pswpin");
	expect(in1 - in0 == N, "MADV_WILLNEED read each paged-out page once");
	expect(same && in2 == in1, "the pages were there, with their data, without another read");
	munmap(p, N * PAGE_SIZE);
	if (swapoff("/dev/hda"))
		fail("swapoff /dev/hda: %s", strerror(errno));
}

/* Swap files with broken headers or sizes (tests/qa-mkbadswap): refused, nothing kept. */
static void broken_swap_files(void)
{
	static const char *const refused[] = { "tiny", "headeronly", "truncated", "nosignature",
					       "oldsignature", "badversion", "manybad", "badpage0",
					       "hugelast" };
	char path[64];

	EXPECT_OK(0, __NR_mount, "/dev/hdc", "/mnt", "ext2", MS_RDONLY, 0);
	for (unsigned int i = 0; i < ARRAY_SIZE(refused); i++) {
		snprintf(path, sizeof(path), "/mnt/%s", refused[i]);
		errno = 0;
		expect_err(path, swapon(path, 0), EINVAL, "EINVAL");
	}
	expect(swap_areas() == 0, "no broken swap file became an area");
	EXPECT_OK(0, __NR_swapon, "/mnt/goodlink", 0);
	EXPECT_ERR(EBUSY, __NR_swapon, "/mnt/good", 0);
	EXPECT_ERR(EBUSY, __NR_umount, "/mnt");
	EXPECT_OK(0, __NR_swapoff, "/mnt/good");
	EXPECT_OK(0, __NR_swapon, "/mnt/unaligned", 0);
	EXPECT_OK(0, __NR_swapoff, "/mnt/unaligned");
	expect(swap_areas() == 0, "the good files are off again");
	EXPECT_OK(0, __NR_umount, "/mnt");
}

/* A copy to user memory the process may not write fails and writes nothing. */
int main(void);

static void read_write_calls(void)
{
	int fd = open("/proc/meminfo", O_RDONLY), dir = open("/proc", O_RDONLY | O_DIRECTORY);
	char *ro = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *none = mmap(NULL, PAGE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char buf[64];

	if (fd < 0 || dir < 0 || ro == MAP_FAILED || none == MAP_FAILED)
		fail("setup: %s", strerror(errno));
	EXPECT_ERR(EFAULT, __NR_read, fd, ro, 16);
	EXPECT_ERR(EFAULT, __NR_read, fd, none, 16);
	EXPECT_ERR(EFAULT, __NR_read, fd, (char *)main, 16);	/* program text */
	EXPECT_ERR(EFAULT, __NR_write, 1, none, 16);
	EXPECT_ERR(EFAULT, __NR_open, straddling_string(), O_RDONLY);
	EXPECT_ERR(EFAULT, __NR_open, 0, O_RDONLY);
	EXPECT_ERR(EINVAL, __NR_getdents, dir, buf, 0);
	EXPECT_ERR(EINVAL, __NR_getdents, dir, buf, 5);
	EXPECT_ERR(EFAULT, __NR_getdents, dir, ro, 64);
	EXPECT_ERR(EFAULT, __NR_getdents, dir, KADDR, 64);
	EXPECT_ERR(ENOTDIR, __NR_getdents, fd, buf, sizeof(buf));
	EXPECT_ERR(EBADF, __NR_getdents, 99, buf, sizeof(buf));
	expect(ro[0] == 0 && ro[PAGE_SIZE - 1] == 0, "the read-only page is still zero");
	close(fd);
	close(dir);
	EXPECT_ERR(EBADF, __NR_read, fd, buf, 1);
}

int main(void)
{
	const char *straddle = straddling_string(), *longp = long_path();

	swap_calls(straddle, longp);
	mount_calls(straddle, longp);
	mmap_calls();
	brk_calls();
	lock_and_advice();
	willneed_reads();
	broken_swap_files();
	read_write_calls();
	printf("t_badargs: %d checks, %d failed\n", checks, failures);
	if (failures)
		fail("%d of %d checks failed", failures, checks);
	pass();
}
