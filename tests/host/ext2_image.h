/*
 * ext2 images in host memory for the tests and the fuzz target of the
 * ext2 layout core (fs/ext2/layout.c): made by the real mke2fs from a
 * directory tree, read through an ext2_block_ops that checks every block
 * number against the image and counts get/put pairs.
 */
#ifndef HOST_EXT2_IMAGE_H
#define HOST_EXT2_IMAGE_H

#include <fs/ext2_fs.h>

struct host_image {
	u8 *data;
	size_t size;
	long gets, puts;	/* blocks handed out and given back */
	struct ext2_fs fs;
};

extern const struct ext2_block_ops host_image_ops;

/*
 * Run "mke2fs -q -F -t ext2 @opts -d @srcdir IMAGE @size_kib" into a
 * temporary file (fixed time, UUID and hash seed, so images are the same
 * on every run) and load it into @img. When @keep is not NULL the image
 * file is left there. Returns 0, or -1 with a message on stdout.
 */
int host_image_mkfs(struct host_image *img, const char *opts, const char *srcdir,
		    unsigned long size_kib, const char *keep);

/* Where scratch files go: /dev/shm when there is one (no disk waits on fsync), else /tmp. */
const char *host_scratch_dir(void);

/* Load the image file @path into @img. */
int host_image_load(struct host_image *img, const char *path);

/* Parse the superblock and check the descriptors of @img into img->fs; *why on failure. */
int host_image_mount(struct host_image *img, const char **why);

void host_image_free(struct host_image *img);

#endif
