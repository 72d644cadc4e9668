/*
 * Helpers for the user-level test programs (t_*). A test prints what it
 * checks as it goes and ends with "NAME: ok" and exit status 0, or with
 * "NAME: FAIL: reason" and exit status 1; the harness checks both.
 */
#ifndef USER_UTEST_H
#define USER_UTEST_H

#include <ulib.h>

/* The program's name without its directory, for the report lines. */
const char *test_name(void);
__printf(1, 2) __noreturn void fail(const char *fmt, ...);
__noreturn void pass(void);

/* fork(), failing the test if it cannot. */
pid_t xfork(void);
/* Wait for child pid; fail unless it exited with code / was killed by sig. */
void expect_exit(pid_t pid, int code);
void expect_signal(pid_t pid, int sig);
/* In a child, read or write the byte at addr; fail unless SIGSEGV kills it. */
void expect_segv(const char *what, uintptr_t addr, bool write);
/* The path of program name beside this one: /mod/NAME, or DIR/NAME when run as DIR/... */
void sibling_path(const char *name, char *buf, size_t size);

#endif
