/*
 * opendir/readdir on getdents(2). The kernel fills a buffer with variable
 * length struct linux_dirent records (d_reclen bytes each); readdir hands
 * them out one by one and refills the buffer when it runs dry.
 */
#include <ulib.h>

struct dirstream {
	int fd;
	int len, pos; /* bytes in buf, offset of the next record */
	char buf[2048];
};

DIR *opendir(const char *path)
{
	DIR *dir = malloc(sizeof(*dir));

	if (!dir)
		return NULL;
	dir->fd = open(path, O_RDONLY | O_DIRECTORY);
	if (dir->fd < 0) {
		free(dir);
		return NULL;
	}
	dir->len = dir->pos = 0;
	return dir;
}

struct linux_dirent *readdir(DIR *dir)
{
	struct linux_dirent *d;

	if (dir->pos >= dir->len) {
		dir->len = getdents(dir->fd, (struct linux_dirent *)dir->buf, sizeof(dir->buf));
		dir->pos = 0;
		if (dir->len <= 0)
			return NULL;
	}
	d = (struct linux_dirent *)(dir->buf + dir->pos);
	dir->pos += d->d_reclen;
	return d;
}

int closedir(DIR *dir)
{
	int r = close(dir->fd);

	free(dir);
	return r;
}
