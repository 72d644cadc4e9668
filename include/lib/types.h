/*
 * Fixed-width types shared by the kernel and its host-built cores.
 * Only the compiler's freestanding headers are used, so this file compiles
 * unchanged with the i686 cross compiler and the host compiler.
 */
#ifndef LIB_TYPES_H
#define LIB_TYPES_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdarg.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

#ifndef HOST_TEST
typedef int ssize_t;
#else
#include <sys/types.h>
#endif

#endif
