/*
 * malloc: a first-fit allocator on sbrk (K&R section 8.7, with the free
 * list kept in address order).
 *
 * Every block begins with an 8-byte header: its size (header included, a
 * multiple of 8) and, while the block is free, the next free block. Free
 * blocks form one list sorted by address, so free() finds the neighbours a
 * block can merge with on its way in and the heap never holds two adjacent
 * free blocks. malloc() takes the first block that is large enough and
 * splits off the tail when the tail can hold a block of its own; when
 * nothing fits, the heap grows with sbrk by at least 64 KiB. Memory is
 * never given back to the kernel; large buffers should use mmap.
 */
#include <ulib.h>

struct block {
	size_t size;	    /* bytes, this header included */
	struct block *next; /* next free block by address, while free */
};

#define HDR	  sizeof(struct block)
#define MIN_BLOCK (2 * HDR)
#define MIN_GROW  (64 * 1024)

static struct block *free_list;

static char *end_of(struct block *b)
{
	return (char *)b + b->size;
}

/* A block that overlaps a free one was freed twice or its header overwritten. */
static __noreturn void heap_corrupt(struct block *b)
{
	dprintf(STDERR_FILENO, "%s: malloc: bad free of %p (double free or overrun)\n", progname,
		(void *)(b + 1));
	kill(getpid(), SIGABRT);
	_exit(127);
}

/* Put b on the free list in address order, merging with its neighbours. */
static void insert_free(struct block *b)
{
	struct block **pp = &free_list, *prev = NULL;

	while (*pp && *pp < b) {
		prev = *pp;
		pp = &prev->next;
	}
	if ((prev && end_of(prev) > (char *)b) || (*pp && end_of(b) > (char *)*pp))
		heap_corrupt(b);
	b->next = *pp;
	*pp = b;
	if (b->next && end_of(b) == (char *)b->next) {
		b->size += b->next->size;
		b->next = b->next->next;
	}
	if (prev && end_of(prev) == (char *)b) {
		prev->size += b->size;
		prev->next = b->next;
	}
}

/* Add at least need bytes to the heap; the first call aligns the break. */
static bool grow(size_t need)
{
	size_t n = max(need, (size_t)MIN_GROW);
	uintptr_t cur = (uintptr_t)sbrk(0), pad = ALIGN_UP(cur, HDR) - cur;
	char *p = sbrk(pad + n);
	struct block *b;

	if (p == (void *)-1)
		return false;
	b = (struct block *)(p + pad);
	b->size = n;
	insert_free(b);
	return true;
}

/* Unlink the block *pp, keeping the tail beyond need bytes free if it is big enough. */
static void *take(struct block **pp, size_t need)
{
	struct block *b = *pp, *rest;

	if (b->size - need >= MIN_BLOCK) {
		rest = (struct block *)((char *)b + need);
		rest->size = b->size - need;
		rest->next = b->next;
		*pp = rest;
		b->size = need;
	} else {
		*pp = b->next;
	}
	return b + 1;
}

void *malloc(size_t size)
{
	struct block **pp;
	size_t need;

	if (size > SIZE_MAX / 2) {
		errno = ENOMEM;
		return NULL;
	}
	need = max(ALIGN_UP(size + HDR, HDR), MIN_BLOCK);
	for (;;) {
		for (pp = &free_list; *pp; pp = &(*pp)->next)
			if ((*pp)->size >= need)
				return take(pp, need);
		if (!grow(need)) {
			errno = ENOMEM;
			return NULL;
		}
	}
}

void free(void *ptr)
{
	if (ptr)
		insert_free((struct block *)ptr - 1);
}

void *calloc(size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void *realloc(void *ptr, size_t size)
{
	size_t have;
	void *p;

	if (!ptr)
		return malloc(size);
	have = ((struct block *)ptr - 1)->size - HDR;
	if (size <= have)
		return ptr;
	p = malloc(size);
	if (p) {
		memcpy(p, ptr, have);
		free(ptr);
	}
	return p;
}
