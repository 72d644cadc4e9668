/* The CMOS real-time clock (arch/x86/rtc.c). */
#ifndef ARCH_X86_RTC_H
#define ARCH_X86_RTC_H

#include <lib/types.h>

/* The wall-clock time now, in seconds since 1970-01-01 UTC; 0 if the RTC makes no sense. */
u32 rtc_read_seconds(void);

#endif
