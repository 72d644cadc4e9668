/*
 * Virtual-memory event counters, the numbers behind /proc/vmstat (named as
 * in Linux so its documentation applies). Incremented with interrupts
 * possibly on: a 32-bit increment is one instruction on our uniprocessor.
 */
#ifndef MM_VMSTAT_H
#define MM_VMSTAT_H

enum vm_event_item {
	PGFAULT, PGMAJFAULT,
	PSWPIN, PSWPOUT,
	PGACTIVATE, PGDEACTIVATE, PGREFILL, PGROTATED,
	PGSCAN_KSWAPD, PGSCAN_DIRECT, PGSTEAL, PGSTEAL_KSWAPD, PGSTEAL_DIRECT,
	ALLOCSTALL, KSWAPD_WAKEUP, PAGEOUTRUN, OOM_KILL,
	SWAP_CACHE_ADD, SWAP_CACHE_DEL, SWAP_CACHE_FIND_SUCCESS, SWAP_CACHE_FIND_TOTAL,
	SWAP_RA, SWAP_WRITE_ERROR, SWAP_READ_ERROR,
	WORKINGSET_REFAULT, WORKINGSET_ACTIVATE,
	SLABS_SCANNED,
	UNEVICTABLE_PGCULLED, UNEVICTABLE_PGMLOCKED, UNEVICTABLE_PGMUNLOCKED,
	NR_VM_EVENT_ITEMS
};

extern unsigned long vm_events[NR_VM_EVENT_ITEMS];
extern const char *const vm_event_names[NR_VM_EVENT_ITEMS];

static inline void count_vm_event(enum vm_event_item item)
{
	vm_events[item]++;
}

static inline void count_vm_events(enum vm_event_item item, unsigned long n)
{
	vm_events[item] += n;
}

#endif
