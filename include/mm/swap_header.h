/*
 * The swap header: the first page of a swap area as util-linux mkswap writes
 * it (format version 1, "SWAPSPACE2"), and a pure parser for it (Gorman
 * §11.1 "Describing the Swap Area", Mauerer §18.3.2 "Creating a Swap Area").
 *
 * On-disk layout of page 0, all numbers little-endian:
 *
 *	   0  bootbits[1024]    left alone: a boot loader or disk label may live here
 *	1024  u32 version       1
 *	1028  u32 last_page     index of the last page of the area (pages - 1)
 *	1032  u32 nr_badpages   entries used in badpages[], at most 637
 *	1036  u8  uuid[16]
 *	1052  u8  volume_name[16]   the label, NUL-padded, not always terminated
 *	1068  u32 padding[117]
 *	1536  u32 badpages[]    page numbers that must never hold data
 *	4086  magic[10]         "SWAPSPACE2" ("SWAP-SPACE": the old v0 format)
 *
 * The parser only reads the page it is given: no I/O, no allocation, no
 * locks. sys_swapon (mm/swapfile.c) reads the page, calls
 * swap_header_parse(), and gives the result to swap_area_setup() and
 * swap_area_apply_badpages().
 */
#ifndef MM_SWAP_HEADER_H
#define MM_SWAP_HEADER_H

#include <lib/types.h>

#define SWAP_HEADER_VERSION_OFF	  1024
#define SWAP_HEADER_LAST_PAGE_OFF 1028
#define SWAP_HEADER_NR_BAD_OFF	  1032
#define SWAP_HEADER_UUID_OFF	  1036
#define SWAP_HEADER_LABEL_OFF	  1052
#define SWAP_HEADER_BADPAGES_OFF  1536
#define SWAP_HEADER_MAGIC_OFF	  (4096 - 10)

#define SWAP_HEADER_MAGIC    "SWAPSPACE2"
#define SWAP_HEADER_MAGIC_V0 "SWAP-SPACE"
#define SWAP_MAGIC_LEN	     10
#define SWAP_UUID_LEN	     16
#define SWAP_LABEL_LEN	     16

/* The bad page list ends where the magic starts: (4086 - 1536) / 4. */
#define MAX_SWAP_BADPAGES ((SWAP_HEADER_MAGIC_OFF - SWAP_HEADER_BADPAGES_OFF) / 4)

/* An area must offer at least this many pages for data. */
#define SWAP_MIN_USABLE_PAGES 10

/**
 * struct swap_header_info - what swapon needs to know from a valid header
 * @last_page:	 the last page of the area, as recorded by mkswap
 * @nr_badpages: entries in the bad page list
 * @badpages:	 the bad page list inside the caller's header page (raw
 *		 little-endian; read it with swap_header_badpage())
 * @max:	 slots the area will use, header included:
 *		 min(last_page + 1, SWP_MAX_OFFSET + 1)
 * @pages:	 usable slots: max minus the header and the distinct bad
 *		 pages below max
 * @uuid:	 the UUID bytes as on disk
 * @label:	 the volume label, NUL-terminated
 *
 * @badpages points into the header page: the page must outlive the info.
 */
struct swap_header_info {
	u32 last_page;
	u32 nr_badpages;
	const u8 *badpages;
	unsigned long max;
	unsigned long pages;
	u8 uuid[SWAP_UUID_LEN];
	char label[SWAP_LABEL_LEN + 1];
};

int swap_header_parse(const void *page, unsigned long dev_pages, struct swap_header_info *info,
		      const char **reason);
u32 swap_header_badpage(const struct swap_header_info *info, unsigned int i);

#endif
