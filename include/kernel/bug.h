/*
 * Invariant checks for the kernel. BUG_ON stops the kernel (panic with a
 * backtrace) because continuing would corrupt data; WARN_ON reports (with
 * a backtrace) and goes on. The macros are lib/'s (include/lib/debug.h, so that
 * lib/ needs no kernel header); the kernel's hooks behind them, bug_fail()
 * and warn_fail(), are in kernel/panic.c.
 */
#ifndef KERNEL_BUG_H
#define KERNEL_BUG_H

#include <lib/debug.h>

#endif
