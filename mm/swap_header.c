/*
 * Swap header parser: decides whether page 0 of a device is a swap area we
 * can use and extracts its geometry (Gorman §11.1 "Describing the Swap
 * Area", §11.8 "Activating a Swap Area"; Mauerer §18.3.2 "Creating a Swap
 * Area"). The layout is
 * drawn in <mm/swap_header.h>.
 *
 * The checks mirror what Linux's sys_swapon does with the header, but each
 * rejection gets its own reason string, which swapon prints with the
 * device name. Pure function of its inputs: no I/O, no allocation, no
 * locks, so it also builds as a host program and a fuzz target.
 */
#include <lib/string.h>
#include <kernel/bug.h>
#include <mm/page.h>
#include <mm/swap.h>
#include <mm/swap_header.h>
#include <uapi/errno.h>

BUILD_BUG_ON(SWAP_HEADER_MAGIC_OFF != PAGE_SIZE - SWAP_MAGIC_LEN);
BUILD_BUG_ON(MAX_SWAP_BADPAGES != 637);

/* What version 1 looks like when a big-endian machine wrote the header. */
#define SWAP_HEADER_VERSION_SWAPPED 0x01000000u

/*
 * Header fields are little-endian and 4-byte aligned, but assembling the
 * bytes explicitly keeps the parser right on any host and never makes an
 * unaligned load out of a caller's odd buffer.
 */
static u32 le32_at(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

/**
 * swap_header_badpage - entry @i of the bad page list of a parsed header
 *
 * => @i < info->nr_badpages; the header page passed to swap_header_parse()
 *    is still alive.
 */
u32 swap_header_badpage(const struct swap_header_info *info, unsigned int i)
{
	BUG_ON(i >= info->nr_badpages);
	return le32_at(info->badpages + 4 * i);
}

static const char *check_magic(const u8 *p)
{
	const u8 *magic = p + SWAP_HEADER_MAGIC_OFF;

	if (!memcmp(magic, SWAP_HEADER_MAGIC, SWAP_MAGIC_LEN))
		return NULL;
	if (!memcmp(magic, SWAP_HEADER_MAGIC_V0, SWAP_MAGIC_LEN))
		return "old swap format v0 (SWAP-SPACE) is not supported: run mkswap again";
	return "not a swap area: no SWAPSPACE2 signature";
}

static const char *check_version(const u8 *p)
{
	u32 version = le32_at(p + SWAP_HEADER_VERSION_OFF);

	if (version == 1)
		return NULL;
	/* Every other field is swapped too: ask for a fresh mkswap rather than swab them. */
	if (version == SWAP_HEADER_VERSION_SWAPPED)
		return "byte-swapped swap header (made on a big-endian machine): run mkswap again";
	return "unsupported swap header version (only version 1 is known)";
}

static const char *check_geometry(const struct swap_header_info *info, unsigned long dev_pages)
{
	if (info->nr_badpages > MAX_SWAP_BADPAGES)
		return "bad page list longer than the header can hold (637 entries)";
	/* last_page is an index: the device must hold pages 0..last_page. */
	if (info->last_page >= dev_pages)
		return "swap area is larger than the device (last_page beyond its end)";
	return NULL;
}

static const char *check_badpages(const struct swap_header_info *info)
{
	for (unsigned int i = 0; i < info->nr_badpages; i++) {
		u32 bad = swap_header_badpage(info, i);

		if (bad == 0 || bad > info->last_page)
			return "bad page number outside 1..last_page";
	}
	return NULL;
}

/*
 * Usable slots: all of 1..max-1 except the bad pages, each counted once
 * (mkswap never repeats one, but a hand-made header might, and counting it
 * twice would make the allocator believe in slots that do not exist).
 * Quadratic, but at most 637 entries, once per swapon.
 */
static const char *check_usable(struct swap_header_info *info)
{
	unsigned long bad = 0;

	for (unsigned int i = 0; i < info->nr_badpages; i++) {
		u32 page = swap_header_badpage(info, i);
		bool seen = false;

		for (unsigned int j = 0; j < i && !seen; j++)
			seen = swap_header_badpage(info, j) == page;
		if (!seen && page < info->max)
			bad++;
	}
	info->pages = info->max - 1 - bad;
	if (info->pages < SWAP_MIN_USABLE_PAGES)
		return "swap area too small: fewer than 10 usable pages";
	return NULL;
}

static void copy_label(char *dst, const u8 *src)
{
	size_t len = strnlen((const char *)src, SWAP_LABEL_LEN);

	memcpy(dst, src, len);
	dst[len] = '\0';
}

static void read_fields(const u8 *p, struct swap_header_info *info)
{
	info->last_page = le32_at(p + SWAP_HEADER_LAST_PAGE_OFF);
	info->nr_badpages = le32_at(p + SWAP_HEADER_NR_BAD_OFF);
	info->badpages = p + SWAP_HEADER_BADPAGES_OFF;
	/* Slots past what a PTE can name stay unused, as in Linux's swapon. */
	info->max = min((unsigned long)info->last_page, SWP_MAX_OFFSET) + 1;
	memcpy(info->uuid, p + SWAP_HEADER_UUID_OFF, SWAP_UUID_LEN);
	copy_label(info->label, p + SWAP_HEADER_LABEL_OFF);
}

/**
 * swap_header_parse - validate a version 1 swap header and describe the area
 * @page:	the first PAGE_SIZE bytes of the device
 * @dev_pages:	size of the device in pages
 * @info:	filled on success (and partly on failure: do not use it then)
 * @reason:	set to NULL on success, else to a static sentence saying
 *		what is wrong (swapon prints it with the device name)
 *
 * Rejects, each with its own reason: no signature, the old v0 format, a
 * header written big-endian, a version other than 1, more than 637 bad
 * pages, an area that does not fit on the device, a bad page outside
 * 1..last_page, and fewer than SWAP_MIN_USABLE_PAGES usable pages.
 *
 * Return: 0, or -EINVAL with *@reason set.
 */
int swap_header_parse(const void *page, unsigned long dev_pages, struct swap_header_info *info,
		      const char **reason)
{
	const u8 *p = page;
	const char *why;

	why = check_magic(p) ?: check_version(p);
	if (!why) {
		read_fields(p, info);
		why = check_geometry(info, dev_pages) ?: check_badpages(info) ?: check_usable(info);
	}
	*reason = why;
	return why ? -EINVAL : 0;
}
