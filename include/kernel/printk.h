/*
 * printk: formatted kernel messages to every console (serial and VGA).
 * A message may start with a level prefix (KERN_ERR ...); messages above
 * the loglevel boot parameter are dropped. Host builds print to stdout.
 */
#ifndef KERNEL_PRINTK_H
#define KERNEL_PRINTK_H

#include <lib/compiler.h>

#define KERN_EMERG	"<0>"
#define KERN_ALERT	"<1>"
#define KERN_CRIT	"<2>"
#define KERN_ERR	"<3>"
#define KERN_WARNING	"<4>"
#define KERN_NOTICE	"<5>"
#define KERN_INFO	"<6>"
#define KERN_DEBUG	"<7>"

__printf(1, 2) int printk(const char *fmt, ...);

#define pr_err(...)	printk(KERN_ERR __VA_ARGS__)
#define pr_warn(...)	printk(KERN_WARNING __VA_ARGS__)
#define pr_info(...)	printk(KERN_INFO __VA_ARGS__)
#define pr_debug(...)	printk(KERN_DEBUG __VA_ARGS__)



/* Messages with a level numerically above this are not shown (loglevel=N). */
extern int console_loglevel;

/* Also copy everything printed into @buf until printk_capture_stop() (self-tests). */
void printk_capture_start(char *buf, size_t size);
/* Stop capturing; returns the number of bytes captured (NUL-terminated). */
size_t printk_capture_stop(void);
/* Write raw text to the consoles, bypassing levels (KTAP output, panic). */
void console_write(const char *s, size_t n);
#endif
