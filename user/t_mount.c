/*
 * t_mount: mount(2), umount(2), reading ext2 and path lookup, as a Linux
 * program sees them, with nothing but system calls. The disks are made by
 * scripts/mkext2: hda a whole-disk ext2 of the test tree (1 KiB blocks),
 * hdb an MBR disk with the tree again on hdb1 (4 KiB blocks) and a swap
 * area on hdb2.
 *
 *   t_mount          every check below, in order
 *   t_mount walk DEV...  mount each (possibly corrupt) DEV on /mnt, read
 *                    every file and directory, umount: errors are fine,
 *                    a panic, a hang or a busy umount (a leaked
 *                    reference) are not
 */
#include <utest.h>

#define NAME_MAX 255
#define PATH_MAX 4096

static void expect_errno(long r, int err, const char *what)
{
	if (r != -1 || errno != err)
		fail("%s: got %ld (%s), expected %s", what, r, r == -1 ? strerror(errno) : "no error",
		     strerror(err));
	printf("t_mount: %s: %s\n", what, strerror(err));
}

static void expect_ok(long r, const char *what)
{
	if (r < 0)
		fail("%s: %s", what, strerror(errno));
}

static int xopen(const char *path, int flags)
{
	int fd = open(path, flags);

	if (fd < 0)
		fail("open %s: %s", path, strerror(errno));
	return fd;
}

/* The test pattern: byte i of a file is byte i % 4 of (i / 4) * 2654435761. */
static unsigned char pattern(long i)
{
	return (unsigned char)(((unsigned int)(i / 4) * 2654435761u) >> (8 * (i % 4)));
}

/* Read @path whole into a malloc'd buffer; its size in *@size. */
static unsigned char *slurp(const char *path, long *size)
{
	int fd = xopen(path, O_RDONLY);
	long cap = 1 << 16, n = 0, r;
	unsigned char *buf = malloc(cap);

	while ((r = read(fd, buf + n, cap - n)) > 0) {
		n += r;
		if (n == cap)
			buf = realloc(buf, cap *= 2);
	}
	if (r < 0)
		fail("read %s: %s", path, strerror(errno));
	close(fd);
	*size = n;
	return buf;
}

static void check_text(const char *path, const char *want)
{
	long size;
	unsigned char *got = slurp(path, &size);

	if (size != (long)strlen(want) || memcmp(got, want, size))
		fail("%s: read %ld bytes, not \"%s\"", path, size, want);
	free(got);
}

/* @path holds @size bytes of the pattern, except holes in [hole_from, hole_to) read as zeros. */
static void check_pattern(const char *path, long size, long hole_from, long hole_to)
{
	long got_size;
	unsigned char *got = slurp(path, &got_size);

	if (got_size != size)
		fail("%s: %ld bytes, expected %ld", path, got_size, size);
	for (long i = 0; i < size; i++) {
		unsigned char want = i >= hole_from && i < hole_to ? 0 : pattern(i);
		if (got[i] != want)
			fail("%s: byte %ld is %#x, expected %#x", path, i, got[i], want);
	}
	free(got);
	printf("t_mount: %s: %ld bytes verified\n", path, size);
}

/* Count the entries of @path with getdents buffers of @bufsize; 1 if @name is among them. */
static int count_entries(const char *path, int bufsize, const char *name, int *found)
{
	char buf[4096];
	int fd = xopen(path, O_RDONLY | O_DIRECTORY), n = 0, r;

	*found = 0;
	while ((r = getdents(fd, (struct linux_dirent *)buf, bufsize)) > 0)
		for (int off = 0; off < r;) {
			struct linux_dirent *d = (struct linux_dirent *)(buf + off);
			n++;
			*found |= name && !strcmp(d->d_name, name);
			off += d->d_reclen;
		}
	if (r < 0)
		fail("getdents %s: %s", path, strerror(errno));
	close(fd);
	return n;
}

static void check_mnt_empty(void)
{
	int found;

	if (count_entries("/mnt", 4096, NULL, &found) != 0)
		fail("/mnt is not empty");
}

static void errors_before_mounting(void)
{
	expect_errno(mount("/dev/hda", "/nonexistent", "ext2", 0, NULL), ENOENT, "missing target");
	expect_errno(mount("/dev/hda", "/proc/meminfo", "ext2", 0, NULL), ENOTDIR,
		     "target not a directory");
	expect_errno(mount("/dev/hda", "/mnt", "nosuchfs", 0, NULL), ENODEV, "unknown type");
	expect_errno(mount("/dev/nosuch", "/mnt", "ext2", 0, NULL), ENOENT, "missing source");
	expect_errno(mount("/proc/meminfo", "/mnt", "ext2", 0, NULL), ENOTBLK,
		     "source not a block device");
	expect_errno(mount("/dev/hdb2", "/mnt", "ext2", 0, NULL), EINVAL, "swap area is not ext2");
	expect_errno(mount("/dev/hdb", "/mnt", "ext2", 0, NULL), EINVAL, "MBR disk is not ext2");
	expect_errno(mount("/dev/hda", "/mnt", "ext2", MS_REMOUNT, NULL), EINVAL, "remount");
	expect_errno(umount("/mnt"), EINVAL, "umount of a directory not mounted on");
	expect_errno(umount2("/", 0), EBUSY, "umount of /");
	expect_errno(umount2("/mnt", MNT_DETACH), EINVAL, "lazy umount");
	check_mnt_empty();
}

static void check_contents(void)
{
	int found, n;

	check_text("/mnt/hello.txt", "hello, ext2\n");
	check_text("/mnt/dir/sub/deep.txt", "deep\n");
	check_pattern("/mnt/direct.bin", 5000, 0, 0);
	check_pattern("/mnt/indirect.bin", 300 * 1024, 0, 0);
	check_pattern("/mnt/double.bin", 5 * 1024 * 1024 + 123, 0, 0);
	check_pattern("/mnt/sparse.bin", 3 * 1024 * 1024 + 9000, 10, 3 * 1024 * 1024);
	n = count_entries("/mnt/many", 4096, "file-149", &found);
	if (n != 152 || !found)
		fail("/mnt/many: %d entries (want 150 files, . and ..), file-149 %sfound", n,
		     found ? "" : "not ");
	n = count_entries("/mnt/many", 40, "file-077", &found); /* one entry per call */
	if (n != 152 || !found)
		fail("/mnt/many with a 40-byte buffer: %d entries", n);
	{
		char small[8];
		int fd = xopen("/mnt/many", O_RDONLY);
		expect_errno(getdents(fd, (struct linux_dirent *)small, sizeof(small)), EINVAL,
			     "getdents buffer smaller than an entry");
		close(fd);
	}
	printf("t_mount: /mnt/many: 152 entries\n");
}

static void check_seek(void)
{
	int fd = xopen("/mnt/indirect.bin", O_RDONLY);
	unsigned char b[4];

	if (lseek(fd, 0, SEEK_END) != 300 * 1024)
		fail("lseek SEEK_END: not the size");
	if (lseek(fd, 200000, SEEK_SET) != 200000 || read(fd, b, 4) != 4 || b[0] != pattern(200000) ||
	    b[3] != pattern(200003))
		fail("read at 200000 after lseek");
	lseek(fd, 0, SEEK_END);
	if (read(fd, b, 4) != 0)
		fail("read at the end is not 0");
	close(fd);
}

static void check_read_only(void)
{
	int fd = xopen("/mnt/hello.txt", O_RDONLY);

	expect_errno(write(fd, "x", 1), EBADF, "write to a file opened read-only");
	close(fd);
	expect_errno(open("/mnt/hello.txt", O_WRONLY), EROFS, "open for writing");
	expect_errno(open("/mnt/hello.txt", O_RDWR), EROFS, "open for reading and writing");
	expect_errno(open("/mnt/hello.txt", O_RDONLY | O_TRUNC), EROFS, "open with O_TRUNC");
	expect_errno(open("/mnt/new.txt", O_WRONLY | O_CREAT), EROFS, "create a file");
	expect_errno(open("/mnt/hello.txt", O_WRONLY | O_CREAT | O_EXCL), EEXIST,
		     "O_EXCL on an existing file");
	expect_errno(open("/mnt/nosuchdir/new.txt", O_WRONLY | O_CREAT), ENOENT,
		     "create in a missing directory");
	expect_errno(open("/mnt/dir", O_WRONLY), EISDIR, "open a directory for writing");
	expect_errno(creat("/mnt/new.txt", 0644), EROFS, "creat");
	expect_errno(mkdir("/mnt/newdir", 0755), EROFS, "mkdir");
	expect_errno(mkdir("/mnt/dir", 0755), EEXIST, "mkdir of an existing directory");
	expect_errno(rmdir("/mnt/dir/sub"), EROFS, "rmdir");
	expect_errno(unlink("/mnt/hello.txt"), EROFS, "unlink");
	expect_errno(unlink("/mnt/nosuch"), ENOENT, "unlink of a missing file");
	expect_errno(rename("/mnt/hello.txt", "/mnt/bye.txt"), EROFS, "rename");
	fd = xopen("/mnt/dir", O_RDONLY);
	expect_errno(read(fd, (char[4]){ 0 }, 4), EISDIR, "read of a directory");
	close(fd);
}

/* "/mnt/" + @reps copies of "./" + @tail */
static char *long_path(int reps, const char *tail)
{
	char *p = malloc(5 + 2 * reps + strlen(tail) + 1);

	memcpy(p, "/mnt/", 5);
	for (int i = 0; i < reps; i++)
		memcpy(p + 5 + 2 * i, "./", 2);
	memcpy(p + 5 + 2 * reps, tail, strlen(tail) + 1);
	return p;
}

static void check_path_lookup(void)
{
	char name[NAME_MAX + 2];
	char *p;
	int fd;

	check_text("/mnt/dir/sub/../../hello.txt", "hello, ext2\n");
	check_text("/../../mnt/./dir/../hello.txt", "hello, ext2\n");
	check_text("//mnt///dir//sub/.//deep.txt", "deep\n");
	check_text("mnt/hello.txt", "hello, ext2\n"); /* relative: from the root */
	close(xopen("/mnt/../mod/t_mount", O_RDONLY));	/* ".." out of a mount */
	close(xopen("/mnt/dir/sub/../../../proc/meminfo", O_RDONLY));
	expect_errno(open("/mnt/hello.txt/", O_RDONLY), ENOTDIR, "trailing slash on a file");
	expect_errno(open("/mnt/hello.txt/x", O_RDONLY), ENOTDIR, "a file as a directory");
	expect_errno(open("/dev/hda/", O_RDONLY), ENOTDIR, "/dev/hda/");
	expect_errno(open("/mnt/hello.txt", O_RDONLY | O_DIRECTORY), ENOTDIR, "O_DIRECTORY on a file");
	expect_errno(open("/mnt/nosuch", O_RDONLY), ENOENT, "missing file");
	expect_errno(open("/mnt/nosuch/x", O_RDONLY), ENOENT, "missing directory");
	expect_errno(open("", O_RDONLY), ENOENT, "empty path");
	memset(name, 'a', NAME_MAX + 1);
	name[NAME_MAX + 1] = 0;
	expect_errno(open(name, O_RDONLY), ENAMETOOLONG, "a 256-byte component");
	name[NAME_MAX] = 0;
	expect_errno(open(name, O_RDONLY), ENOENT, "a 255-byte component");
	p = long_path(2040, "/hello.txt");
	if (strlen(p) != PATH_MAX - 1)
		fail("long path of %d bytes", (int)strlen(p));
	check_text(p, "hello, ext2\n");
	free(p);
	p = long_path(2040, "//hello.txt");
	expect_errno(open(p, O_RDONLY), ENAMETOOLONG, "a path of 4096 bytes");
	free(p);
	printf("t_mount: a 4095-byte path opens\n");
	check_text("/mnt/fastlink", "hello, ext2\n");
	check_text("/mnt/slowlink", "deep\n");
	check_text("/mnt/abslink/deep.txt", "deep\n");
	check_text("/mnt/dir/uplink", "hello, ext2\n");
	check_text("/mnt/abslink/../../hello.txt", "hello, ext2\n"); /* ".." of the link's target */
	close(xopen("/mnt/dotdot/mod/t_mount", O_RDONLY));
	expect_errno(open("/mnt/loop1", O_RDONLY), ELOOP, "a loop of links");
	expect_errno(open("/mnt/fastlink", O_RDONLY | O_NOFOLLOW), ELOOP, "O_NOFOLLOW on a link");
	fd = xopen("/proc/self/status", O_RDONLY);	/* /proc/self is a link too */
	close(fd);
}

static void check_busy(void)
{
	int fd = xopen("/mnt/dir/sub/deep.txt", O_RDONLY);

	expect_errno(umount("/mnt"), EBUSY, "umount with an open file");
	close(fd);
	fd = xopen("/mnt", O_RDONLY | O_DIRECTORY);
	expect_errno(umount("/mnt"), EBUSY, "umount with the root directory open");
	close(fd);
	expect_errno(mount("/dev/hda", "/mnt", "ext2", 0, NULL), EBUSY, "mount on a mount point");
	expect_errno(mount("/dev/hda", "/mnt/dir", "ext2", 0, NULL), EBUSY,
		     "mount of a mounted device");
	expect_errno(umount("/mnt/dir"), EINVAL, "umount of a directory inside a mount");
}

/* hdb1 (4 KiB blocks) on /mnt/dir: a mount inside a mount. */
static void check_nested(void)
{
	char buf[512];

	expect_ok(mount("/dev/hdb1", "/mnt/dir", "ext2", MS_RDONLY | MS_MGC_VAL, NULL),
		  "mount hdb1 on /mnt/dir");
	check_text("/mnt/dir/hello.txt", "hello, ext2\n");
	check_text("/mnt/dir/dir/sub/../../../hello.txt", "hello, ext2\n");
	check_pattern("/mnt/dir/double.bin", 5 * 1024 * 1024 + 123, 0, 0);
	if (read_file("/proc/mounts", buf, sizeof(buf)) < 0 ||
	    !strstr(buf, "/dev/hda /mnt ext2 ro 0 0\n/dev/hdb1 /mnt/dir ext2 ro 0 0\n"))
		fail("/proc/mounts:\n%s", buf);
	expect_errno(mount("/dev/hdb", "/mnt/dir/dir", "ext2", 0, NULL), EBUSY,
		     "mount of a disk whose partition is mounted");
	expect_errno(umount("/mnt"), EBUSY, "umount under a mount");
	expect_ok(umount("/mnt/dir"), "umount /mnt/dir");
	check_text("/mnt/dir/sub/deep.txt", "deep\n");	/* uncovered */
}

/* Directories already walked, by inode number: a corrupt image may link them in a cycle. */
static unsigned long walked[512];
static int nr_walked;

static bool first_visit(unsigned long ino)
{
	for (int i = 0; i < nr_walked; i++)
		if (walked[i] == ino)
			return false;
	if (nr_walked < (int)ARRAY_SIZE(walked))
		walked[nr_walked++] = ino;
	return nr_walked < (int)ARRAY_SIZE(walked);
}

static void walk(const char *dir, int depth, long *files, long *errors)
{
	char buf[2048], path[1024], data[4096];
	int fd = open(dir, O_RDONLY | O_DIRECTORY), r;

	if (fd < 0) {
		++*errors;
		return;
	}
	while ((r = getdents(fd, (struct linux_dirent *)buf, sizeof(buf))) > 0)
		for (int off = 0; off < r; off += ((struct linux_dirent *)(buf + off))->d_reclen) {
			struct linux_dirent *d = (struct linux_dirent *)(buf + off);
			int f;
			long total = 0, n;
			if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
			++*files;
			/* Links are not followed: they lead out of the file system (to /dev/console...). */
			if ((f = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW)) >= 0) {
				close(f);
				if (depth < 6 && first_visit(d->d_ino))
					walk(path, depth + 1, files, errors);
				continue;
			}
			f = open(path, O_RDONLY | O_NOFOLLOW);
			if (f < 0) {
				*errors += errno != ELOOP;
				continue;
			}
			while (total < (1 << 20) && (n = read(f, data, sizeof(data))) > 0)
				total += n;
			*errors += n < 0;
			close(f);
		}
	*errors += r < 0;
	close(fd);
}

static int walk_devices(int argc, char **argv)
{
	for (int i = 2; i < argc; i++) {
		long files = 0, errors = 0;
		nr_walked = 0;
		if (mount(argv[i], "/mnt", "ext2", 0, NULL) < 0) {
			printf("t_mount: %s: mount refused: %s\n", argv[i], strerror(errno));
			continue;
		}
		walk("/mnt", 0, &files, &errors);
		printf("t_mount: %s: walked %ld names, %ld errors\n", argv[i], files, errors);
		if (umount("/mnt") < 0)
			fail("%s: umount after the walk: %s (a reference leaked?)", argv[i],
			     strerror(errno));
	}
	pass();
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "walk"))
		return walk_devices(argc, argv);
	errors_before_mounting();
	expect_ok(mount("/dev/hda", "/mnt", "ext2", 0, NULL), "mount /dev/hda /mnt");
	check_contents();
	check_seek();
	check_read_only();
	check_path_lookup();
	check_busy();
	check_nested();
	expect_ok(umount("/mnt"), "umount /mnt");
	check_mnt_empty();
	expect_errno(umount("/mnt"), EINVAL, "umount twice");
	expect_ok(mount("/dev/hda", "/mnt", "ext2", 0, NULL), "mount again");
	check_text("/mnt/hello.txt", "hello, ext2\n");
	expect_ok(umount2("/mnt", MNT_FORCE), "umount2 MNT_FORCE");
	pass();
}
