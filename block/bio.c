/*
 * struct bio: allocation, building and completion (Mauerer §6.5;
 * Linux 2.6 fs/bio.c). The vecs are allocated with the bio, so a bio is
 * a single kmalloc() and bio_put() is a single kfree().
 */
#include <block/bio.h>
#include <mm/slab.h>

struct bio *bio_alloc(gfp_t gfp, unsigned int nr_vecs)
{
	struct bio *bio;

	if (!nr_vecs || nr_vecs > BIO_MAX_VECS)
		return NULL;
	bio = kzalloc(sizeof(*bio) + nr_vecs * sizeof(struct bio_vec), gfp);
	if (!bio)
		return NULL;
	bio->bi_max_vecs = nr_vecs;
	bio->bi_io_vec = bio->bi_inline_vecs;
	return bio;
}

void bio_put(struct bio *bio)
{
	kfree(bio);
}

int bio_add_page(struct bio *bio, struct page *page, unsigned int len, unsigned int offset)
{
	struct bio_vec *bv;

	if (bio->bi_vcnt == bio->bi_max_vecs || !len || len % SECTOR_SIZE)
		return 0;
	bv = &bio->bi_io_vec[bio->bi_vcnt++];
	bv->bv_page = page;
	bv->bv_len = len;
	bv->bv_offset = offset;
	bio->bi_size += len;
	return len;
}

void bio_endio(struct bio *bio, int error)
{
	if (bio->bi_end_io)
		bio->bi_end_io(bio, error);
}
