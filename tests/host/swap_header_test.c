/*
 * Host tests for the swap header parser (mm/swap_header.c):
 *
 *  - headers written byte by byte the way util-linux mkswap writes them;
 *  - every rejection, with its reason, and the boundary on each side;
 *  - the bad page list applied to a swap_map (swap_area_apply_badpages);
 *  - real mkswap output, with -L and -U, when mkswap is installed (without
 *    it that case passes with a "# ... skipped" note, since KTAP skips are
 *    only for cases not selected).
 */
#include <unistd.h>
#include "check.h"
#include <mm/swap.h>
#include <mm/swap_header.h>
#include <mm/swapfile.h>
#include <uapi/errno.h>

#define PAGE 4096

#define TEST_UUID "01234567-89ab-cdef-fedc-ba9876543210"
static const u8 test_uuid[SWAP_UUID_LEN] = {0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
					    0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10};

static void put32(u8 *p, u32 v, bool big_endian)
{
	for (int b = 0; b < 4; b++)
		p[big_endian ? 3 - b : b] = (u8)(v >> (8 * b));
}

/*
 * Write a version 1 header for an area whose last page is @last_page, as
 * mkswap does: zeroed boot bits, the info block at 1024, the bad page list
 * at 1536, the magic in the last ten bytes. @big_endian writes it as a
 * big-endian machine would.
 */
static void make_header_endian(u8 *page, u32 last_page, const u32 *bad, unsigned int nr_bad,
			       const char *label, bool big_endian)
{
	memset(page, 0, PAGE);
	put32(page + SWAP_HEADER_VERSION_OFF, 1, big_endian);
	put32(page + SWAP_HEADER_LAST_PAGE_OFF, last_page, big_endian);
	put32(page + SWAP_HEADER_NR_BAD_OFF, nr_bad, big_endian);
	memcpy(page + SWAP_HEADER_UUID_OFF, test_uuid, SWAP_UUID_LEN);
	strncpy((char *)page + SWAP_HEADER_LABEL_OFF, label, SWAP_LABEL_LEN);
	for (unsigned int i = 0; i < nr_bad; i++)
		put32(page + SWAP_HEADER_BADPAGES_OFF + 4 * i, bad[i], big_endian);
	memcpy(page + SWAP_HEADER_MAGIC_OFF, SWAP_HEADER_MAGIC, SWAP_MAGIC_LEN);
}

static void make_header(u8 *page, u32 last_page, const u32 *bad, unsigned int nr_bad,
			const char *label)
{
	make_header_endian(page, last_page, bad, nr_bad, label, false);
}

/* Parse @page for a device of @dev_pages; true if rejected with a reason containing @why. */
static bool rejected(const u8 *page, unsigned long dev_pages, const char *why)
{
	struct swap_header_info info;
	const char *reason = NULL;
	int ret = swap_header_parse(page, dev_pages, &info, &reason);

	if (ret != -EINVAL || !reason || !strstr(reason, why)) {
		printf("# expected rejection \"%s\", got %d \"%s\"\n", why, ret,
		       reason ? reason : "(none)");
		return false;
	}
	return true;
}

static bool accepted(const u8 *page, unsigned long dev_pages, struct swap_header_info *info)
{
	const char *reason = "(not set)";
	int ret = swap_header_parse(page, dev_pages, info, &reason);

	if (ret || reason) {
		printf("# expected acceptance, got %d \"%s\"\n", ret, reason ? reason : "(none)");
		return false;
	}
	return true;
}

static u8 page[PAGE];

TEST(parses_a_header_like_mkswap)
{
	struct swap_header_info info;

	make_header(page, 2047, NULL, 0, "swap0");
	CHECK(accepted(page, 2048, &info));
	CHECK_EQ(info.last_page, 2047);
	CHECK_EQ(info.nr_badpages, 0);
	CHECK_EQ(info.max, 2048);
	CHECK_EQ(info.pages, 2047);
	CHECK(!memcmp(info.uuid, test_uuid, SWAP_UUID_LEN));
	CHECK(!strcmp(info.label, "swap0"));
	/* A device larger than the area is fine: the rest is unused. */
	CHECK(accepted(page, 1 << 20, &info));
}

TEST(label_of_16_characters_gets_terminated)
{
	struct swap_header_info info;

	make_header(page, 100, NULL, 0, "0123456789abcdefXYZ");
	page[SWAP_HEADER_LABEL_OFF + SWAP_LABEL_LEN] = 'X'; /* padding after the label */
	CHECK(accepted(page, 101, &info));
	CHECK(!strcmp(info.label, "0123456789abcdef"));
	make_header(page, 100, NULL, 0, "");
	CHECK(accepted(page, 101, &info));
	CHECK(!strcmp(info.label, ""));
}

TEST(bad_pages_are_listed_counted_and_applied)
{
	static const u32 bad[] = {5, 100, 2047, 100};
	struct swap_header_info info;
	unsigned short *map = malloc(swap_area_map_bytes(2048));
	struct swap_info_struct *si;
	int type;

	make_header(page, 2047, bad, ARRAY_SIZE(bad), "");
	CHECK(accepted(page, 2048, &info));
	CHECK_EQ(info.nr_badpages, 4);
	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++)
		CHECK_EQ(swap_header_badpage(&info, i), bad[i]);
	CHECK_BUG(swap_header_badpage(&info, 4));
	/* 100 is listed twice but is one slot. */
	CHECK_EQ(info.pages, 2047 - 3);

	type = swap_area_alloc("hdr");
	CHECK(type >= 0);
	si = &swap_info[type];
	swap_area_setup(si, map, info.max);
	swap_area_apply_badpages(si, &info);
	CHECK_EQ(si->pages, info.pages);
	for (unsigned long off = 0; off < info.max; off++) {
		bool is_bad = off == 0 || off == 5 || off == 100 || off == 2047;

		CHECK_EQ(map[off], is_bad ? SWAP_MAP_BAD : 0);
	}
	CHECK(swap_area_free(si) == map);
	free(map);
}

TEST(rejects_a_page_without_signature)
{
	memset(page, 0, PAGE);
	CHECK(rejected(page, 100, "not a swap area"));
	make_header(page, 99, NULL, 0, "");
	page[SWAP_HEADER_MAGIC_OFF + 9] = '3';
	CHECK(rejected(page, 100, "not a swap area"));
}

TEST(rejects_the_old_v0_format)
{
	make_header(page, 99, NULL, 0, "");
	memcpy(page + SWAP_HEADER_MAGIC_OFF, SWAP_HEADER_MAGIC_V0, SWAP_MAGIC_LEN);
	CHECK(rejected(page, 100, "old swap format v0"));
}

TEST(rejects_a_byte_swapped_header)
{
	static const u32 bad[] = {7};

	make_header_endian(page, 99, bad, 1, "be", true);
	CHECK(rejected(page, 100, "byte-swapped"));
}

TEST(rejects_unsupported_versions)
{
	make_header(page, 99, NULL, 0, "");
	put32(page + SWAP_HEADER_VERSION_OFF, 2, false);
	CHECK(rejected(page, 100, "unsupported swap header version"));
	put32(page + SWAP_HEADER_VERSION_OFF, 0, false);
	CHECK(rejected(page, 100, "unsupported swap header version"));
}

TEST(rejects_more_than_637_bad_pages)
{
	static u32 bad[MAX_SWAP_BADPAGES + 1];
	struct swap_header_info info;

	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++)
		bad[i] = 1 + i;
	make_header(page, 1000, bad, MAX_SWAP_BADPAGES, "");
	CHECK(accepted(page, 1001, &info));
	CHECK_EQ(info.pages, 1000 - MAX_SWAP_BADPAGES);
	/* 638 entries would run into the magic: only the count can say so. */
	make_header(page, 1000, bad, MAX_SWAP_BADPAGES, "");
	put32(page + SWAP_HEADER_NR_BAD_OFF, MAX_SWAP_BADPAGES + 1, false);
	CHECK(rejected(page, 1001, "bad page list longer"));
	put32(page + SWAP_HEADER_NR_BAD_OFF, 0xffffffff, false);
	CHECK(rejected(page, 1001, "bad page list longer"));
}

TEST(rejects_bad_pages_outside_the_area)
{
	u32 bad[] = {3, 0};
	struct swap_header_info info;

	make_header(page, 99, bad, 2, "");
	CHECK(rejected(page, 100, "outside 1..last_page"));
	bad[1] = 100;
	make_header(page, 99, bad, 2, "");
	CHECK(rejected(page, 100, "outside 1..last_page"));
	bad[1] = 99;
	make_header(page, 99, bad, 2, "");
	CHECK(accepted(page, 100, &info));
	CHECK_EQ(info.pages, 97);
}

TEST(rejects_an_area_larger_than_the_device)
{
	struct swap_header_info info;

	make_header(page, 2047, NULL, 0, "");
	CHECK(rejected(page, 2047, "larger than the device"));
	CHECK(rejected(page, 0, "larger than the device"));
	CHECK(accepted(page, 2048, &info));
}

TEST(rejects_fewer_than_10_usable_pages)
{
	static const u32 bad[] = {4, 8};
	struct swap_header_info info;

	make_header(page, 10, NULL, 0, "");
	CHECK(accepted(page, 11, &info));
	CHECK_EQ(info.pages, 10);
	make_header(page, 9, NULL, 0, "");
	CHECK(rejected(page, 10, "too small"));
	make_header(page, 0, NULL, 0, "");
	CHECK(rejected(page, 10, "too small"));
	make_header(page, 11, bad, 2, "");
	CHECK(rejected(page, 12, "too small"));
}

TEST(areas_beyond_the_pte_offset_limit_are_clamped)
{
	static const u32 bad[] = {5, SWP_MAX_OFFSET + 10};
	struct swap_header_info info;
	u32 last = SWP_MAX_OFFSET + 100;

	make_header(page, last, bad, 2, "big");
	CHECK(accepted(page, last + 1UL, &info));
	CHECK_EQ(info.last_page, last);
	CHECK_EQ(info.max, SWP_MAX_OFFSET + 1);
	/* The bad page past the limit is valid but costs no usable slot. */
	CHECK_EQ(info.pages, SWP_MAX_OFFSET - 1);
}

/* ---- real mkswap output ------------------------------------------------------- */

static const char *find_mkswap(void)
{
	static const char *const paths[] = {"/usr/sbin/mkswap", "/sbin/mkswap", "/usr/bin/mkswap"};

	for (unsigned int i = 0; i < ARRAY_SIZE(paths); i++)
		if (access(paths[i], X_OK) == 0)
			return paths[i];
	return NULL;
}

/* Run mkswap on a fresh file of @kib KiB and read back its first page. */
static bool mkswap_page(const char *mkswap, unsigned int kib, const char *args, u8 *out)
{
	char path[] = "/tmp/swap_header_testXXXXXX", cmd[512];
	int fd = mkstemp(path);
	bool ok;

	if (fd < 0)
		return false;
	ok = ftruncate(fd, (off_t)kib * 1024) == 0;
	snprintf(cmd, sizeof(cmd), "%s -q -p %d %s %s >/dev/null 2>&1", mkswap, PAGE, args, path);
	ok = ok && system(cmd) == 0;
	ok = ok && pread(fd, out, PAGE, 0) == PAGE;
	close(fd);
	unlink(path);
	return ok;
}

TEST(parses_real_mkswap_output)
{
	const char *mkswap = find_mkswap();
	struct swap_header_info info;

	if (!mkswap) {
		printf("# mkswap not found: real mkswap output not checked (skipped)\n");
		return;
	}
	CHECK(mkswap_page(mkswap, 4096, "-L testswap -U " TEST_UUID, page));
	CHECK(accepted(page, 1024, &info));
	CHECK_EQ(info.last_page, 1023);
	CHECK_EQ(info.nr_badpages, 0);
	CHECK_EQ(info.max, 1024);
	CHECK_EQ(info.pages, 1023);
	CHECK(!strcmp(info.label, "testswap"));
	CHECK(!memcmp(info.uuid, test_uuid, SWAP_UUID_LEN));
	/* mkswap's smallest area is 40 KiB: 10 pages with the header, 9 usable. */
	CHECK(mkswap_page(mkswap, 40, "", page));
	CHECK(rejected(page, 10, "too small"));
	CHECK(mkswap_page(mkswap, 44, "", page));
	CHECK(accepted(page, 11, &info));
	CHECK(!strcmp(info.label, ""));
}
