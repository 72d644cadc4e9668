/*
 * String and memory functions (lib/string.c). gcc may emit calls to
 * memset/memcpy/memmove/memcmp on its own, so the kernel must provide them.
 * Host builds get the C library's versions with the same prototypes.
 */
#ifndef LIB_STRING_H
#define LIB_STRING_H

#include <lib/types.h>

void *memset(void *s, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
size_t strlcpy(char *dst, const char *src, size_t size);
char *strstr(const char *hay, const char *needle);

/* Shell-style pattern match: '*' any run, '?' one character. */
bool glob_match(const char *pattern, const char *str);

#endif
