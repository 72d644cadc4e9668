/*
 * Fuzz target: swap_header_parse() on arbitrary header pages.
 *
 * Input: bytes 0-3 the device size in pages (little-endian), byte 4 a mode,
 * the rest page contents. Mode bit 0 set: the rest is the page from offset
 * 0 (any page at all). Clear: the rest is the page from offset 1024 (the
 * info block and the bad page list), the magic is "SWAPSPACE2" (or
 * "SWAP-SPACE" with bit 1), bit 2 forces version 1 and bit 3 keeps
 * nr_badpages near the limit, so the fuzzer reaches the later checks.
 *
 * The parser must never crash or read outside the page; when it accepts,
 * the result must describe an area that fits the device, has at least
 * SWAP_MIN_USABLE_PAGES usable pages and only bad pages in 1..last_page,
 * and swap_area_apply_badpages() must agree with its page count.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mm/swap.h>
#include <mm/swap_header.h>
#include <mm/swapfile.h>
#include <uapi/errno.h>

#define PAGE 4096

#define ASSERT(c)                                                                                  \
	do {                                                                                       \
		if (!(c)) {                                                                        \
			fprintf(stderr, "swap_header_fuzz: %s\n", #c);                             \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

static u8 page[PAGE];
/* swap_map and cluster_info of an area of up to 2^16 slots */
static unsigned short map[(1 << 16) + (1 << 13)] __attribute__((aligned(16)));

static u32 le32(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static void put_le32(u8 *p, u32 v)
{
	for (int b = 0; b < 4; b++)
		p[b] = (u8)(v >> (8 * b));
}

static void build_page(const u8 *data, size_t size, u8 mode)
{
	memset(page, 0, PAGE);
	if (mode & 1) {
		memcpy(page, data, size < PAGE ? size : PAGE);
		return;
	}
	memcpy(page + 1024, data, size < PAGE - 1024 ? size : PAGE - 1024);
	memcpy(page + SWAP_HEADER_MAGIC_OFF, mode & 2 ? SWAP_HEADER_MAGIC_V0 : SWAP_HEADER_MAGIC,
	       SWAP_MAGIC_LEN);
	if (mode & 4)
		put_le32(page + SWAP_HEADER_VERSION_OFF, 1);
	if (mode & 8) /* 600..639, around the limit of 637 */
		put_le32(page + SWAP_HEADER_NR_BAD_OFF,
			 600 + le32(page + SWAP_HEADER_NR_BAD_OFF) % 40);
}

/* The bad page list, applied to a swap_map, leaves the parser's page count. */
static void check_applied(const struct swap_header_info *info)
{
	int type = swap_area_alloc("fuzz");
	unsigned long bad = 0;

	ASSERT(type >= 0);
	swap_area_setup(&swap_info[type], map, info->max);
	swap_area_apply_badpages(&swap_info[type], info);
	ASSERT(swap_info[type].pages == info->pages);
	for (unsigned long off = 0; off < info->max; off++)
		bad += map[off] == SWAP_MAP_BAD;
	ASSERT(bad == info->max - info->pages);
	ASSERT(swap_area_free(&swap_info[type]) == map);
}

static void check_accepted(const struct swap_header_info *info, unsigned long dev_pages)
{
	ASSERT(!memcmp(page + SWAP_HEADER_MAGIC_OFF, SWAP_HEADER_MAGIC, SWAP_MAGIC_LEN));
	ASSERT(le32(page + SWAP_HEADER_VERSION_OFF) == 1);
	ASSERT(info->last_page < dev_pages);
	ASSERT(info->nr_badpages <= MAX_SWAP_BADPAGES);
	ASSERT(info->max ==
	       (info->last_page < SWP_MAX_OFFSET ? info->last_page : SWP_MAX_OFFSET) + 1);
	ASSERT(info->pages >= SWAP_MIN_USABLE_PAGES && info->pages <= info->max - 1);
	ASSERT(strlen(info->label) <= SWAP_LABEL_LEN);
	for (unsigned int i = 0; i < info->nr_badpages; i++) {
		u32 bad = swap_header_badpage(info, i);

		ASSERT(bad >= 1 && bad <= info->last_page);
	}
	if (swap_area_map_bytes(info->max) <= sizeof(map))
		check_applied(info);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct swap_header_info info;
	const char *reason = NULL;
	unsigned long dev_pages;
	int ret;

	if (size < 5)
		return 0;
	dev_pages = le32(data);
	build_page(data + 5, size - 5, data[4]);
	ret = swap_header_parse(page, dev_pages, &info, &reason);
	if (ret == 0) {
		ASSERT(reason == NULL);
		check_accepted(&info, dev_pages);
	} else {
		ASSERT(ret == -EINVAL && reason && reason[0]);
	}
	return 0;
}
