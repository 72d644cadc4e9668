/*
 * ext2 images in host memory: see ext2_image.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ext2_image.h"
#include <uapi/errno.h>

static int image_get(void *ctx, u32 block, const u8 **data, void **handle)
{
	struct host_image *img = ctx;
	u64 off = (u64)block * img->fs.block_size;

	if (off + img->fs.block_size > img->size)
		return -EIO;	/* as a disk read past the end fails */
	*data = img->data + off;
	*handle = (void *)(img->data + off);
	img->gets++;
	return 0;
}

static void image_put(void *ctx, void *handle)
{
	((struct host_image *)ctx)->puts++;
}

const struct ext2_block_ops host_image_ops = { image_get, image_put };

int host_image_load(struct host_image *img, const char *path)
{
	FILE *f = fopen(path, "rb");
	long size;

	memset(img, 0, sizeof(*img));
	if (!f || fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		printf("# cannot open %s\n", path);
		if (f)
			fclose(f);
		return -1;
	}
	img->data = malloc(size ? size : 1);
	img->size = (size_t)size;
	if (fread(img->data, 1, img->size, f) != img->size) {
		printf("# cannot read %s\n", path);
		fclose(f);
		return -1;
	}
	fclose(f);
	img->fs.ops = &host_image_ops;
	img->fs.ctx = img;
	return 0;
}

const char *host_scratch_dir(void)
{
	return access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
}

int host_image_mkfs(struct host_image *img, const char *opts, const char *srcdir,
		    unsigned long size_kib, const char *keep)
{
	char path[256], cmd[1024];
	int r;

	if (keep)
		snprintf(path, sizeof(path), "%s", keep);
	else
		snprintf(path, sizeof(path), "%s/ext2-host-%d.img", host_scratch_dir(), (int)getpid());
	unlink(path);
	snprintf(cmd, sizeof(cmd),
		 "E2FSPROGS_FAKE_TIME=1000000000 mke2fs -q -F -t ext2 -U 01234567-89ab-cdef-0123-"
		 "456789abcdef -E hash_seed=01234567-89ab-cdef-0123-456789abcdef %s %s%s %s %luk "
		 ">/dev/null 2>&1",
		 opts, srcdir ? "-d " : "", srcdir ? srcdir : "", path, size_kib);
	if (system(cmd) != 0) {
		printf("# mke2fs failed (is e2fsprogs installed?): %s\n", cmd);
		return -1;
	}
	r = host_image_load(img, path);
	if (!keep)
		unlink(path);
	return r;
}

int host_image_mount(struct host_image *img, const char **why)
{
	u32 group;
	int r;

	*why = NULL;
	if (img->size < EXT2_SUPERBLOCK_OFFSET + EXT2_SUPERBLOCK_SIZE) {
		*why = "image too small";
		return -EINVAL;
	}
	r = ext2_parse_super(&img->fs, img->data + EXT2_SUPERBLOCK_OFFSET, img->size, why);
	if (r)
		return r;
	return ext2_check_descriptors(&img->fs, &group, why);
}

void host_image_free(struct host_image *img)
{
	free(img->data);
	img->data = NULL;
}
