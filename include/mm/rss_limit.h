/*
 * Per-process memory limits (RLIMIT_RSS) and the replacement policy that
 * chooses which of the process's pages leave (mm/rss_limit.c).
 */
#ifndef MM_RSS_LIMIT_H
#define MM_RSS_LIMIT_H

#include <mm/mm.h>

/*
 * A fault of @mm at @addr is about to map one more page: sample the
 * process's page references and, if it is at its limit, evict pages until
 * there is room. May sleep. No-op for a process without a limit.
 */
void rss_limit_fault(struct mm_struct *mm, unsigned long addr);
/* The fault mapped @page: note it in the policy's books. */
void rss_limit_mapped(struct mm_struct *mm, struct page *page);

#endif
