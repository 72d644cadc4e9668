/*
 * Per-process floating-point registers (arch/x86/fpu.c): x87 and SSE state
 * saved and loaded at each context switch between user tasks.
 */
#ifndef ARCH_X86_FPU_H
#define ARCH_X86_FPU_H

#define FPU_STATE_SIZE 512	/* an FXSAVE image; task_struct holds 15 more for alignment */

struct task_struct;

/* Turn the FPU and SSE on and capture the initial state a new program gets. */
void fpu_init(void);
/* Save @prev's registers (a user task's) and load @next's. */
void fpu_switch(struct task_struct *prev, struct task_struct *next);
/* Give @child (being forked) the current task's live registers. */
void fpu_fork(struct task_struct *child);
/* Load the initial state: the current task is starting a new program. */
void fpu_exec(void);

#endif
