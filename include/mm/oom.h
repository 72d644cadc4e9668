/*
 * The out-of-memory killer (mm/oom_kill.c; Gorman ch. 13 "Out Of Memory Management").
 */
#ifndef MM_OOM_H
#define MM_OOM_H

#include <mm/gfp.h>

struct task_struct;

/* Reclaim failed: kill the largest process so the others can go on. */
void out_of_memory(gfp_t gfp);
/* The process the OOM killer would pick now (self-tests), or NULL. */
struct task_struct *oom_select_bad_process(void);

#endif
