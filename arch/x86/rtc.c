/*
 * The CMOS real-time clock (MC146818, Linux's arch/x86/kernel/rtc.c
 * mach_get_cmos_time): read once at boot for the wall-clock time; from
 * then on CLOCK_REALTIME is that plus the TSC's time since boot
 * (kernel/time.c). QEMU's RTC follows the host's clock in UTC.
 */
#include <arch/x86/io.h>
#include <arch/x86/irqflags.h>
#include <arch/x86/rtc.h>

#define CMOS_INDEX 0x70
#define CMOS_DATA  0x71
#define RTC_UIP	   0x80	/* status A: an update is in progress */
#define RTC_BINARY 0x04	/* status B: values are binary, not BCD */
#define RTC_24H	   0x02

static u8 cmos_read(u8 reg)
{
	outb(CMOS_INDEX, reg);
	return inb(CMOS_DATA);
}

static unsigned int from_bcd(u8 v, bool binary)
{
	return binary ? v : (v & 0x0f) + (v >> 4) * 10;
}

/* Days from 1970-01-01 to @y-@m-@d (the proleptic Gregorian calendar). */
static u32 days_from_civil(unsigned int y, unsigned int m, unsigned int d)
{
	unsigned int era, yoe, doy, doe;

	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

u32 rtc_read_seconds(void)
{
	unsigned long flags = local_irq_save();
	unsigned int sec, min, hour, day, mon, year;
	bool binary;
	u8 b, raw_hour;

	for (int i = 0; i < 1000000 && (cmos_read(0x0a) & RTC_UIP); i++)
		;
	b = cmos_read(0x0b);
	binary = b & RTC_BINARY;
	sec = from_bcd(cmos_read(0x00), binary);
	min = from_bcd(cmos_read(0x02), binary);
	raw_hour = cmos_read(0x04);
	day = from_bcd(cmos_read(0x07), binary);
	mon = from_bcd(cmos_read(0x08), binary);
	year = from_bcd(cmos_read(0x09), binary);
	local_irq_restore(flags);
	if (b & RTC_24H)
		hour = from_bcd(raw_hour, binary);
	else	/* 12-hour mode: bit 7 is PM, 12 means 0 */
		hour = from_bcd(raw_hour & 0x7f, binary) % 12 + ((raw_hour & 0x80) ? 12 : 0);
	year += year < 70 ? 2000 : 1900;
	if (mon < 1 || mon > 12 || day < 1 || day > 31)
		return 0;
	return days_from_civil(year, mon, day) * 86400 + hour * 3600 + min * 60 + sec;
}
