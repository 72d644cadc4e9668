/*
 * t_tls: thread-local storage the way musl and glibc set it up before
 * main on i386: set_thread_area (243) with entry_number -1 for a flat
 * 32-bit data segment based at the TLS block, then %gs loaded with it;
 * set_tid_address (258) for the thread ID. Checked, with int 0x80 only:
 * %gs reaches the block, also once the block's page is swapped out;
 * parent and child each keep their own segment across context switches
 * (a fork inherits it, then the child moves its base); get_thread_area
 * reads back what was set; clearing the entry %gs still names does not
 * crash the kernel on the way back to user mode (%gs becomes null); exec
 * starts with no TLS; Linux's errnos.
 *
 * Run with swap on (swap=hda). "t_tls: ok" at the end.
 *
 * Runs: t_tls
 */
#include <utest.h>

#define NR_set_thread_area  243
#define NR_get_thread_area  244
#define NR_set_tid_address  258

static long sys3(long nr, long a, long b, long c)
{
	long r;

	__asm__ __volatile__("int $0x80" : "=a"(r) : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
	return r;
}

/* musl's __set_thread_area: a flat, 32-bit, page-granular, usable data segment. */
static struct user_desc flat(unsigned int entry, void *base)
{
	struct user_desc u = { .entry_number = entry, .base_addr = (unsigned int)base,
			       .limit = 0xfffff, .seg_32bit = 1, .limit_in_pages = 1,
			       .useable = 1 };
	return u;
}

static void load_gs(unsigned int entry)
{
	unsigned int sel = entry * 8 + 3;

	__asm__ __volatile__("movw %w0, %%gs" ::"r"(sel));
}

static unsigned int gs_word(unsigned int off)
{
	unsigned int v;

	__asm__ __volatile__("movl %%gs:(%1), %0" : "=r"(v) : "r"(off) : "memory");
	return v;
}

static unsigned int gs_selector(void)
{
	unsigned int v;

	__asm__ __volatile__("movl %%gs, %0" : "=r"(v));
	return v & 0xffff;
}

static void expect(long r, long want, const char *what)
{
	if (r != want)
		fail("%s returned %ld, expected %ld", what, r, want);
	printf("t_tls: %s -> %ld\n", what, r);
}

static unsigned int *block(unsigned int tag)
{
	unsigned int *b = (unsigned int *)syscall(__NR_mmap2, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
						  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (b == MAP_FAILED)
		fail("mmap2: %s", strerror(errno));
	for (int i = 0; i < 64; i++)
		b[i] = tag + (unsigned int)i;
	return b;
}

static void errnos(void)
{
	struct user_desc u = flat(5, 0);

	expect(sys3(NR_set_thread_area, (long)&u, 0, 0), -EINVAL, "set_thread_area entry 5");
	u.entry_number = 9;
	expect(sys3(NR_set_thread_area, (long)&u, 0, 0), -EINVAL, "set_thread_area entry 9");
	u = flat(-1u, 0);
	u.seg_32bit = 0;
	expect(sys3(NR_set_thread_area, (long)&u, 0, 0), -EINVAL, "a 16-bit segment");
	u = flat(-1u, 0);
	u.contents = 2;
	expect(sys3(NR_set_thread_area, (long)&u, 0, 0), -EINVAL, "a code segment");
	expect(sys3(NR_set_thread_area, 0xC0000000, 0, 0), -EFAULT, "a kernel pointer");
	expect(sys3(NR_get_thread_area, 0xC0000000, 0, 0), -EFAULT, "get_thread_area(kernel)");
	u.entry_number = 3;
	expect(sys3(NR_get_thread_area, (long)&u, 0, 0), -EINVAL, "get_thread_area entry 3");
}

/* The exec'd side: a new program starts without TLS segments. */
static int fresh(void)
{
	struct user_desc u = { .entry_number = 6 };

	if (sys3(NR_get_thread_area, (long)&u, 0, 0) || u.base_addr || !u.seg_not_present)
		return 1;
	return gs_selector() >= 6 * 8 ? 2 : 0;
}

int main(int argc, char **argv)
{
	unsigned int *mine, *theirs;
	struct user_desc u, back;
	pid_t child;
	long tid;

	if (argc > 1 && !strcmp(argv[1], "--fresh"))
		return fresh();
	errnos();
	tid = sys3(NR_set_tid_address, (long)&tid, 0, 0);
	expect(tid, getpid(), "set_tid_address");

	mine = block(0x1000);
	u = flat(-1u, mine);
	expect(sys3(NR_set_thread_area, (long)&u, 0, 0), 0, "set_thread_area(-1)");
	if (u.entry_number < 6 || u.entry_number > 8)
		fail("entry_number %u, expected 6..8", u.entry_number);
	load_gs(u.entry_number);
	if (gs_word(4 * 5) != 0x1005)
		fail("%%gs:20 reads %#x, not 0x1005", gs_word(20));
	back.entry_number = u.entry_number;
	expect(sys3(NR_get_thread_area, (long)&back, 0, 0), 0, "get_thread_area");
	if (back.base_addr != (unsigned int)mine || back.limit != 0xfffff || !back.seg_32bit ||
	    !back.limit_in_pages || !back.useable || back.seg_not_present || back.read_exec_only ||
	    back.contents)
		fail("get_thread_area: base %#x limit %#x flags differ", back.base_addr, back.limit);

	/* The block swapped out: %gs access faults it back in. */
	if (syscall(__NR_madvise, mine, PAGE_SIZE, MADV_PAGEOUT, 0, 0, 0))
		fail("MADV_PAGEOUT: %s", strerror(errno));
	if (gs_word(4 * 63) != 0x1000 + 63)
		fail("%%gs after swap-out reads %#x", gs_word(4 * 63));
	printf("t_tls: %%gs reads the TLS block, also after it was swapped out\n");

	/* A child inherits the segment, then moves it; both keep their own. */
	child = xfork();
	if (child == 0) {
		unsigned int *other = block(0x2000);
		struct user_desc c = flat(u.entry_number, other);
		if (gs_word(0) != 0x1000)
			_exit(10);
		if (sys3(NR_set_thread_area, (long)&c, 0, 0))
			_exit(11);
		load_gs(u.entry_number);
		for (int i = 0; i < 200; i++) {
			sched_yield();
			if (gs_word(4) != 0x2001)
				_exit(12);
		}
		_exit(0);
	}
	for (int i = 0; i < 200; i++) {
		sched_yield();
		if (gs_word(4) != 0x1001)
			fail("after a switch to the child, %%gs:4 reads %#x", gs_word(4));
	}
	expect_exit(child, 0);
	printf("t_tls: parent and child each kept their own %%gs across switches\n");

	/* Clear the entry %gs names: the kernel must return with a null %gs. */
	theirs = block(0x3000);
	(void)theirs;
	memset(&u, 0, sizeof(u));
	u.entry_number = back.entry_number;
	u.read_exec_only = 1;
	u.seg_not_present = 1;
	expect(sys3(NR_set_thread_area, (long)&u, 0, 0), 0, "set_thread_area: clear the entry in use");
	if (gs_selector() != 0)
		fail("%%gs is %#x after its descriptor was cleared, expected 0", gs_selector());
	printf("t_tls: clearing the entry %%gs names leaves %%gs null, kernel fine\n");

	/* exec: no TLS in the new program. */
	child = xfork();
	if (child == 0) {
		char path[64], *args[] = { path, "--fresh", NULL };
		struct user_desc e = flat(6, mine);
		sys3(NR_set_thread_area, (long)&e, 0, 0);
		load_gs(6);
		sibling_path("t_tls", path, sizeof(path));
		execve(path, args, environ);
		_exit(20);
	}
	expect_exit(child, 0);
	printf("t_tls: exec starts without TLS segments\n");
	pass();
}
