/*
 * The event counters (see include/mm/vmstat.h) and their /proc/vmstat names.
 */
#include <mm/vmstat.h>

unsigned long vm_events[NR_VM_EVENT_ITEMS];

const char *const vm_event_names[NR_VM_EVENT_ITEMS] = {
	[PGFAULT] = "pgfault",
	[PGMAJFAULT] = "pgmajfault",
	[PSWPIN] = "pswpin",
	[PSWPOUT] = "pswpout",
	[PGACTIVATE] = "pgactivate",
	[PGDEACTIVATE] = "pgdeactivate",
	[PGREFILL] = "pgrefill",
	[PGROTATED] = "pgrotated",
	[PGSCAN_KSWAPD] = "pgscan_kswapd",
	[PGSCAN_DIRECT] = "pgscan_direct",
	[PGSTEAL] = "pgsteal",
	[PGSTEAL_KSWAPD] = "pgsteal_kswapd",
	[PGSTEAL_DIRECT] = "pgsteal_direct",
	[ALLOCSTALL] = "allocstall",
	[KSWAPD_WAKEUP] = "kswapd_wakeup",
	[PAGEOUTRUN] = "pageoutrun",
	[OOM_KILL] = "oom_kill",
	[SWAP_CACHE_ADD] = "swap_cache_add",
	[SWAP_CACHE_DEL] = "swap_cache_delete",
	[SWAP_CACHE_FIND_SUCCESS] = "swap_cache_find_success",
	[SWAP_CACHE_FIND_TOTAL] = "swap_cache_find_total",
	[SWAP_RA] = "swap_ra",
	[SWAP_WRITE_ERROR] = "swap_write_error",
	[SWAP_READ_ERROR] = "swap_read_error",
	[WORKINGSET_REFAULT] = "workingset_refault",
	[WORKINGSET_ACTIVATE] = "workingset_activate",
	[SLABS_SCANNED] = "slabs_scanned",
	[UNEVICTABLE_PGCULLED] = "unevictable_pgs_culled",
	[UNEVICTABLE_PGMLOCKED] = "unevictable_pgs_mlocked",
	[UNEVICTABLE_PGMUNLOCKED] = "unevictable_pgs_munlocked",
};
