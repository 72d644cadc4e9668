/*
 * The boot sequence (kernel/main.c): kmain, which boot/boot.asm calls once
 * paging is on, brings the kernel up and starts init; init_exited is where
 * the kernel ends when init does (kernel/exit.c calls it).
 */
#ifndef KERNEL_MAIN_H
#define KERNEL_MAIN_H

#include <lib/compiler.h>
#include <lib/types.h>

void kmain(u32 magic, u32 mbi_phys);
__noreturn void init_exited(int status);

#endif
