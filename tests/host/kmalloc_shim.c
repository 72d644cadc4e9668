/*
 * kmalloc/kfree for host-built cores that only allocate small objects
 * (mm/swap_extent.c): the C library's malloc, so ASan sees every object.
 */
#include <stdlib.h>
#include <string.h>
#include <mm/slab.h>

void *kmalloc(size_t size, gfp_t gfp)
{
	void *p = malloc(size ? size : 1);

	if (p && (gfp & __GFP_ZERO))
		memset(p, 0, size);
	return p;
}

void kfree(const void *p)
{
	free((void *)p);
}
