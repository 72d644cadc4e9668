/*
 * Boot parameters: the multiboot command line, parsed once at boot against
 * a table that each subsystem adds to with __setup() (no central list):
 *
 *	static int __init set_mem(const char *val) { ... return 0; }
 *	__setup("mem", set_mem);
 *
 * The handler gets the text after '=' (NULL for a bare word) and returns 0
 * or a negative errno, which is reported on the console. Handlers only
 * record values: they run before memory management exists. Words after
 * "--" are not parameters; they become init's arguments.
 */
#ifndef KERNEL_PARAMS_H
#define KERNEL_PARAMS_H

#include <lib/compiler.h>

struct kernel_param {
	const char *name;
	int (*set)(const char *val);
};

#define __setup(pname, fn)                                                                         \
	static const struct kernel_param __param_##fn __used __section(".setup_params")            \
		__aligned(4) = { pname, fn }

#define CMDLINE_MAX 512
#define INIT_ARGV_MAX 16

/* Parse @cmdline (modified in place); returns the number of problems. */
int parse_cmdline(char *cmdline);
/* The original command line, for the banner. */
extern char boot_cmdline[CMDLINE_MAX];
/* Arguments after "--", for init. */
extern int init_argc;
extern char *init_argv[INIT_ARGV_MAX];

#endif
