/*
 * Page tables and page faults (Gorman §4.6 "Page Faulting", Mauerer
 * §4.10 "Handling of Page Faults", §4.11; the shape of Linux's mm/memory.c).
 *
 * handle_mm_fault looks at the PTE of the faulting address:
 *   empty            do_no_page: demand-zero anonymous memory (a read maps
 *                    the shared zero page) or a page of a program's file
 *   swap entry       do_swap_page: bring the page back from swap
 *   present, write   do_wp_page: copy-on-write
 * and each new page joins the LRU lists and the reverse map.
 *
 * A fault may sleep (allocation, disk I/O); while it sleeps, reclaim may
 * unmap pages of this very process. So every path that slept rechecks the
 * PTE (pte_same in Linux) before it installs anything.
 */
#include <mm/mm.h>
#include <mm/fault.h>
#include <mm/gfp.h>
#include <mm/lru.h>
#include <mm/rmap.h>
#include <mm/swap.h>
#include <mm/swapfile.h>
#include <mm/swap_state.h>
#include <mm/pagemap.h>
#include <mm/rss_limit.h>
#include <mm/mmzone.h>
#include <mm/vmstat.h>
#include <kernel/sched.h>
#include <kernel/bootinfo.h>
#include <kernel/printk.h>
#include <kernel/panic.h>
#include <kernel/trace.h>
#include <arch/x86/cpu.h>
#include <arch/x86/irqflags.h>
#include <lib/string.h>
#include <uapi/errno.h>
#include <uapi/signal.h>

#define PGD_USER (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER)
#define PTE_USER (_PAGE_PRESENT | _PAGE_USER)

struct page *zero_page;
struct mm_struct *active_mm;

/* ---- page tables ---------------------------------------------------------- */

pgd_t *pgd_alloc(void)
{
	pgd_t *pgd = (pgd_t *)get_zeroed_page(GFP_KERNEL);

	if (pgd)
		memcpy(pgd + KERNEL_PGD_FIRST, boot_page_dir + KERNEL_PGD_FIRST,
		       (PTRS_PER_PGD - KERNEL_PGD_FIRST) * sizeof(pgd_t));
	return pgd;
}

void pte_free(struct mm_struct *mm, unsigned long addr)
{
	pgd_t *pde = &mm->pgd[pgd_index(addr)];
	struct page *pt;

	if (!(*pde & _PAGE_PRESENT))
		return;
	pt = pfn_to_page(*pde >> PAGE_SHIFT);
	*pde = 0;
	ClearPagePageTable(pt);
	pt->u.mm = NULL;
	__free_page(pt);
}

void pgd_free(struct mm_struct *mm)
{
	for (unsigned int i = 0; i < KERNEL_PGD_FIRST; i++)
		pte_free(mm, (unsigned long)i << PGDIR_SHIFT);
	free_page((unsigned long)mm->pgd);
}

pte_t *pte_offset(struct mm_struct *mm, unsigned long addr)
{
	pgd_t pde = mm->pgd[pgd_index(addr)];

	if (!(pde & _PAGE_PRESENT))
		return NULL;
	return (pte_t *)__va(pde & PAGE_MASK) + pte_index(addr);
}

pte_t *pte_alloc(struct mm_struct *mm, unsigned long addr)
{
	pte_t *pte = pte_offset(mm, addr);
	struct page *pt;

	if (pte)
		return pte;
	pt = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!pt)
		return NULL;
	pte = pte_offset(mm, addr);	/* we may have slept */
	if (pte) {
		__free_page(pt);
		return pte;
	}
	SetPagePageTable(pt);
	pt->u.mm = mm;
	pt->index = addr & PGDIR_MASK;
	mm->pgd[pgd_index(addr)] = (page_to_pfn(pt) << PAGE_SHIFT) | PGD_USER;
	return pte_offset(mm, addr);
}

struct mm_struct *pte_to_mm(const pte_t *ptep)
{
	return virt_to_page(ptep)->u.mm;
}

unsigned long pte_to_address(const pte_t *ptep)
{
	const struct page *pt = virt_to_page(ptep);

	return pt->index + (((unsigned long)ptep & ~PAGE_MASK) / sizeof(pte_t)) * PAGE_SIZE;
}

/* The end of the page table that maps @addr, or @end if that comes first. */
static unsigned long pgd_addr_end(unsigned long addr, unsigned long end)
{
	unsigned long boundary = (addr + PGDIR_SIZE) & PGDIR_MASK;

	return boundary - 1 < end - 1 ? boundary : end;
}

int walk_page_range(struct mm_struct *mm, unsigned long start, unsigned long end,
		    const struct mm_walk_ops *ops, void *arg)
{
	unsigned long addr = start;
	int r;

	while (addr < end) {
		pte_t *pte = pte_offset(mm, addr);	/* again each time: @ops may sleep */
		if (!pte) {
			addr = pgd_addr_end(addr, end);	/* no page table: nothing mapped there */
			continue;
		}
		if ((r = ops->pte_entry(pte, addr, arg)))
			return r;
		addr += PAGE_SIZE;
	}
	return 0;
}

void flush_tlb_page(struct mm_struct *mm, unsigned long addr)
{
	if (mm == active_mm)
		invlpg(addr);
}

void switch_mm(struct mm_struct *next)
{
	active_mm = next;
	write_cr3(__pa(next ? next->pgd : boot_page_dir));
}

static void zero_page_init(void)
{
	zero_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!zero_page)
		panic("no memory for the zero page");
	SetPageReserved(zero_page);
}

/* ---- installing and removing pages ------------------------------------- */

/* About to map one more page for @mm at @addr: stay within its RLIMIT_RSS. */
static void charge_rss(struct mm_struct *mm, unsigned long addr)
{
	if (mm->rss_limit != ~0UL)
		rss_limit_fault(mm, addr);
}

static pte_t mk_pte(struct page *page, bool writable)
{
	return (page_to_pfn(page) << PAGE_SHIFT) | PTE_USER | (writable ? _PAGE_RW : 0);
}

/*
 * A page of a PROT_NONE region (mm/mprotect.c) is mapped for the kernel
 * only: swapoff brings such pages back too, and ring 3 must not reach them.
 */
static pte_t vma_pte_rights(struct mm_struct *mm, unsigned long addr, pte_t pte)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	return vma && !(vma->vm_flags & VM_ACCESS) ? pte & ~(_PAGE_USER | _PAGE_RW) : pte;
}

int install_pte(struct mm_struct *mm, unsigned long addr, pte_t *ptep, struct page *page,
		pte_t prot, struct pte_chain **pc)
{
	BUG_ON(*ptep & _PAGE_PRESENT);
	BUG_ON(page == zero_page || page_count(page) <= page_mapcount(page));
	if (page_add_rmap(page, ptep, pc))
		return -ENOMEM;
	rss_limit_mapped(mm, page);
	*ptep = vma_pte_rights(mm, addr, mk_pte(page, false) | prot);
	flush_tlb_page(mm, addr);
	if (++mm->rss > mm->hiwater_rss)
		mm->hiwater_rss = mm->rss;
	return 0;
}

int swapin_pte(struct mm_struct *mm, unsigned long addr, pte_t *ptep, struct page *page,
	       struct pte_chain **pc)
{
	swp_entry_t entry = { page->private };

	BUG_ON(!PageLocked(page) || !PageUptodate(page) || !PageSwapCache(page));
	BUG_ON(*ptep != swp_entry_to_pte(entry));
	get_page(page);	/* the PTE's reference */
	if (install_pte(mm, addr, ptep, page, _PAGE_ACCESSED, pc)) {
		put_page(page);
		return -ENOMEM;
	}
	swap_free(entry);
	mm->swap_ents--;
	return 0;
}

/* Map a fresh anonymous @page at @ptep (which must be empty): rmap, LRU, rss. */
static void map_new_page(struct mm_struct *mm, unsigned long addr, pte_t *ptep,
			 struct page *page, bool writable)
{
	SetPageAnon(page);
	/* A new page takes the reverse map's direct slot: no chain block needed. */
	BUG_ON(install_pte(mm, addr, ptep, page, writable ? _PAGE_RW | _PAGE_DIRTY : 0, NULL));
	lru_cache_add(page);
}

/* Release what one PTE holds; the PTE is cleared. */
static void zap_pte(struct mm_struct *mm, unsigned long addr, pte_t *ptep)
{
	pte_t pte = *ptep;

	if (!pte)
		return;
	*ptep = 0;
	flush_tlb_page(mm, addr);
	if (is_poisoned_pte(pte))
		return;
	if (!(pte & _PAGE_PRESENT)) {
		free_swap_and_cache(pte_to_swp_entry(pte));
		mm->swap_ents--;
		return;
	}
	struct page *page = pfn_to_page(pte >> PAGE_SHIFT);
	if (page == zero_page)
		return;
	if (pte & _PAGE_DIRTY)
		SetPageDirty(page);
	page_remove_rmap(page, ptep);
	mm->rss--;
	/* The last mapping of a swap-cache page: release the slot too if unshared. */
	if (PageSwapCache(page) && !page_mapped(page) && trylock_page(page)) {
		remove_exclusive_swap_page(page);
		unlock_page(page);
	}
	put_page(page);
}

static int zap_one(pte_t *ptep, unsigned long addr, void *mm)
{
	zap_pte(mm, addr, ptep);
	return 0;
}

void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	static const struct mm_walk_ops zap_ops = { zap_one };

	walk_page_range(vma->vm_mm, start, end, &zap_ops, vma->vm_mm);
}

/* ---- fork: copy-on-write duplication ------------------------------------ */

/* Share one PTE with the child; a writable private page becomes read-only in both. */
static int copy_one_pte(struct mm_struct *dst, unsigned long addr, pte_t *src_pte)
{
	pte_t pte = *src_pte, *dst_pte;
	struct pte_chain *pc = NULL;
	struct page *page;

	if (!pte)
		return 0;
	dst_pte = pte_alloc(dst, addr);
	if (!dst_pte)
		return -ENOMEM;
	if (is_poisoned_pte(pte)) {
		*dst_pte = pte;	/* the child lost the page too */
		return 0;
	}
	if (!(pte & _PAGE_PRESENT)) {
		if (swap_duplicate(pte_to_swp_entry(pte)) < 0)
			return -ENOMEM;
		*dst_pte = pte;
		dst->swap_ents++;
		return 0;
	}
	page = pfn_to_page(pte >> PAGE_SHIFT);
	if (page == zero_page) {
		*dst_pte = pte;
		return 0;
	}
	pc = pte_chain_alloc(GFP_KERNEL);
	if (!pc)
		return -ENOMEM;
	pte = *src_pte;	/* the allocation may have slept: reread */
	if (!(pte & _PAGE_PRESENT)) {
		pte_chain_free(pc);
		return copy_one_pte(dst, addr, src_pte);
	}
	page = pfn_to_page(pte >> PAGE_SHIFT);
	pte &= ~(_PAGE_RW | _PAGE_ACCESSED);
	*src_pte = (*src_pte & ~_PAGE_RW);
	get_page(page);
	page_add_rmap(page, dst_pte, &pc);
	pte_chain_free(pc);
	*dst_pte = pte;
	dst->rss++;
	return 0;
}

static int copy_one(pte_t *src, unsigned long addr, void *dst)
{
	return copy_one_pte(dst, addr, src);
}

struct mm_struct *dup_mm(struct mm_struct *old)
{
	static const struct mm_walk_ops copy_ops = { copy_one };
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *vma;

	if (!mm)
		return NULL;
	mm->start_code = old->start_code;
	mm->end_code = old->end_code;
	mm->start_brk = old->start_brk;
	mm->brk = old->brk;
	mm->start_stack = old->start_stack;
	mm->mmap_base = old->mmap_base;
	mm->rss_limit = old->rss_limit;
	if (dup_vmas(mm, old))
		goto fail;
	list_for_each_entry(vma, &old->mmap, vm_list)
		if (walk_page_range(old, vma->vm_start, vma->vm_end, &copy_ops, mm))
			goto fail;
	mm->hiwater_rss = mm->rss;
	if (old == active_mm)
		flush_tlb_all_user();	/* the parent's PTEs lost their write bit */
	return mm;
fail:
	if (old == active_mm)
		flush_tlb_all_user();
	mmput(mm);
	return NULL;
}

/* ---- faults ------------------------------------------------------------- */

/* Fill @page with the part of the program file that lies in its page. */
static void fill_from_file(struct vm_area_struct *vma, unsigned long addr, struct page *page)
{
	unsigned long from = max(addr, vma->vm_file_start);
	unsigned long to = min(addr + PAGE_SIZE, vma->vm_file_end);
	char *dst = page_address(page);

	if (from >= to)
		return;
	memcpy(dst + (from - addr),
	       (char *)__va(vma->vm_file->start) + vma->vm_file_off + (from - vma->vm_file_start),
	       to - from);
}

static int do_no_page(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
		      pte_t *ptep, bool write)
{
	bool file = vma->vm_file && addr + PAGE_SIZE > vma->vm_file_start &&
		    addr < vma->vm_file_end;
	bool writable = vma->vm_flags & VM_WRITE;
	struct page *page;

	if (!write && !file) {
		/* A read of never-written memory: share the zero page. */
		*ptep = mk_pte(zero_page, false);
		flush_tlb_page(mm, addr);
		return VM_FAULT_MINOR;
	}
	charge_rss(mm, addr);
	page = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
	if (!page)
		return VM_FAULT_OOM;
	if (file)
		fill_from_file(vma, addr, page);
	if (*ptep) {	/* someone else mapped it while we slept */
		__free_page(page);
		return VM_FAULT_MINOR;
	}
	map_new_page(mm, addr, ptep, page, writable);
	return VM_FAULT_MINOR;
}

/*
 * Can the faulting process simply take write access to @page? Only if
 * nobody else can see it: ours is its only mapping, and if it is in the
 * swap cache no other PTE holds its swap entry (then the cache copy is
 * dropped). Extra references that are not mappings (an LRU pagevec, an
 * I/O in flight) do not make the page visible to anyone else.
 */
static bool can_reuse_page(struct page *page)
{
	bool reuse;

	if (page_mapcount(page) != 1)
		return false;
	if (!PageSwapCache(page))
		return true;
	if (!trylock_page(page))
		return false;
	reuse = remove_exclusive_swap_page(page);
	unlock_page(page);
	return reuse;
}

static int do_wp_page(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
		      pte_t *ptep, pte_t orig)
{
	struct page *old = pfn_to_page(orig >> PAGE_SHIFT), *new;

	if (old != zero_page && can_reuse_page(old)) {
		*ptep = orig | _PAGE_RW | _PAGE_DIRTY | _PAGE_ACCESSED;
		flush_tlb_page(mm, addr);
		return VM_FAULT_MINOR;
	}
	if (old != zero_page)
		get_page(old);	/* keep it while we copy, even if reclaim unmaps it */
	if (old == zero_page)
		charge_rss(mm, addr);	/* a COW copy of a shared page replaces a resident one */
	new = alloc_page(GFP_HIGHUSER);
	if (!new)
		goto oom;
	if (old == zero_page)
		memset(page_address(new), 0, PAGE_SIZE);
	else
		memcpy(page_address(new), page_address(old), PAGE_SIZE);
	if (*ptep != orig) {	/* changed while we slept: let the access retry */
		__free_page(new);
		goto out;
	}
	if (old != zero_page) {
		page_remove_rmap(old, ptep);
		mm->rss--;
		put_page(old);	/* the reference of the PTE we replace */
	}
	*ptep = 0;
	map_new_page(mm, addr, ptep, new, true);
out:
	if (old != zero_page)
		put_page(old);
	return VM_FAULT_MINOR;
oom:
	if (old != zero_page)
		put_page(old);
	return VM_FAULT_OOM;
}

struct lost_page {
	pte_t want;	/* the swap PTE that holds the entry */
	swp_entry_t entry;
	struct mm_struct *mm;
};

static int poison_one(pte_t *ptep, unsigned long addr, void *arg)
{
	struct lost_page *lp = arg;
	struct task_struct *owner = lp->mm->owner;

	if (*ptep != lp->want)
		return 0;
	*ptep = SWP_POISON_PTE;
	lp->mm->swap_ents--;
	swap_free(lp->entry);
	printk(KERN_ERR "%s[%d]: swap read error at %08lx (%s slot %lu): page lost, SIGBUS "
			"when touched\n", owner ? owner->comm : "-", owner ? owner->pid : 0, addr,
	       swap_info[swp_type(lp->entry)].name, swp_offset(lp->entry));
	return 0;
}

/*
 * swap_read_failed - the read of @page (locked, in the swap cache) from its
 * slot failed: its data is gone. The one policy for a swap read error,
 * whether a fault or swapoff met it: every PTE that holds the entry
 * becomes the poisoned PTE, which raises SIGBUS when it is touched (Linux's
 * swapin error entry), and gives up its count on the slot; then the page
 * leaves the swap cache, which retires the slot (PG_error). A process
 * that never touches the page again loses nothing it uses, and no frame
 * that was never read is ever mapped.
 */
void swap_read_failed(struct page *page)
{
	static const struct mm_walk_ops poison_ops = { poison_one };
	struct lost_page lp = { .entry = { page->private } };

	BUG_ON(!PageLocked(page) || !PageSwapCache(page) || PageUptodate(page));
	lp.want = swp_entry_to_pte(lp.entry);
	count_vm_event(SWAP_READ_ERROR);
	list_for_each_entry(lp.mm, &mm_list, mmlist)
		walk_page_range(lp.mm, 0, USER_SPACE_END, &poison_ops, &lp);
	delete_from_swap_cache(page, NULL);
}

/*
 * The page of @entry for a fault of @mm: from the swap cache, or read
 * (with readahead around it). *@ret: VM_FAULT_MAJOR if the fault waits for
 * a read, its own or readahead's, else VM_FAULT_MINOR.
 */
static struct page *swapin_page(struct mm_struct *mm, swp_entry_t entry, int *ret)
{
	struct page *page = lookup_swap_cache(entry);

	*ret = VM_FAULT_MAJOR;
	if (page) {
		if (PageUptodate(page) && !PageLocked(page))
			*ret = VM_FAULT_MINOR;
		return page;
	}
	/*
	 * Readahead fills the swap cache with pages nobody has asked for
	 * yet. A process held to RLIMIT_RSS must not get frames beyond its
	 * limit that way, so it reads only what it faults.
	 */
	if (mm->rss_limit == ~0UL)
		swapin_readahead(entry);
	return read_swap_cache_async(entry);
}

/*
 * do_swap_page - fault on a PTE that holds a swap entry
 * (Gorman §11.5 "Reading Pages from Backing Storage",
 * Mauerer §18.8 "Handling Swap-Page Faults")
 * Find the page in the swap cache or read it, wait for the read, check
 * nobody changed the PTE while we slept, map the page, and give the PTE's
 * count on the slot back.
 *
 * The clean copy is kept, as Linux 2.6 does: the page stays in the swap
 * cache with its slot, mapped read-only, so if it is only read until
 * reclaim comes back it is dropped without being written again. A write
 * makes the copy on disk stale at once (a later write to a read page gets
 * here through do_wp_page), and when swap is more than half full slots
 * are worth more than the writes they might save: then the page leaves
 * the cache, if nobody else holds its slot. So does a page whose write
 * failed (PG_error): its slot holds no copy, and leaving the cache retires
 * it. Writable at once only if nobody else can see the page (else
 * copy-on-write decides later).
 */
int do_swap_page(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
		 pte_t *ptep, pte_t orig, bool write)
{
	swp_entry_t entry = pte_to_swp_entry(orig);
	struct pte_chain *pc;
	struct page *page;
	int ret;

	charge_rss(mm, addr);
	page = swapin_page(mm, entry, &ret);
	if (!page)	/* no memory, or the slot was freed meanwhile */
		return *ptep == orig ? VM_FAULT_OOM : VM_FAULT_MINOR;
	pc = pte_chain_alloc(GFP_KERNEL);
	lock_page(page);
	/*
	 * We slept. If the PTE changed, another path dealt with the fault;
	 * if the page left the swap cache (reclaim dropped a page whose read
	 * failed, or swapoff took it), the access is retried and reads again.
	 */
	if (*ptep != orig || !PageSwapCache(page) || page->private != entry.val)
		goto out;
	if (!PageUptodate(page)) {
		swap_read_failed(page);	/* our PTE too */
		ret = VM_FAULT_SIGBUS;
	} else if (swapin_pte(mm, addr, ptep, page, &pc)) {
		ret = VM_FAULT_OOM;
	} else {
		mark_page_accessed(page);
		write = write && (vma->vm_flags & VM_WRITE);
		if (write || vm_swap_full() || PageError(page))
			remove_exclusive_swap_page(page);	/* see above */
		if (write && !PageSwapCache(page) && page_mapcount(page) == 1)
			*ptep |= _PAGE_RW | _PAGE_DIRTY;	/* nobody else can see it */
	}
out:
	unlock_page(page);
	put_page(page);
	pte_chain_free(pc);
	return ret;
}

int handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
		    bool write)
{
	pte_t *ptep, pte;

	addr &= PAGE_MASK;
	ptep = pte_alloc(mm, addr);
	if (!ptep)
		return VM_FAULT_OOM;
	pte = *ptep;
	if (!(pte & _PAGE_PRESENT)) {
		if (!pte)
			return do_no_page(mm, vma, addr, ptep, write);
		if (is_poisoned_pte(pte))
			return VM_FAULT_SIGBUS;	/* its swap read failed */
		return do_swap_page(mm, vma, addr, ptep, pte, write);
	}
	if (write && !(pte & _PAGE_RW))
		return do_wp_page(mm, vma, addr, ptep, pte);
	/* Already fine (another path fixed it, or a stale TLB entry). */
	flush_tlb_page(mm, addr);
	return VM_FAULT_MINOR;
}

static bool access_allowed(struct vm_area_struct *vma, unsigned int flags)
{
	if (flags & FAULT_FLAG_WRITE)
		return vma->vm_flags & VM_WRITE;
	return vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC);
}

static void count_fault(int r, unsigned long addr)
{
	count_vm_event(PGFAULT);
	if (r == VM_FAULT_MAJOR) {
		count_vm_event(PGMAJFAULT);
		current->maj_flt++;
		trace_event(TRACE_FAULT, "major", "pid=%d comm=%s addr=0x%08lx", current->pid,
			    current->comm, addr);
	} else {
		current->min_flt++;
	}
}

static int bad_area(struct pt_regs *regs, unsigned long addr, unsigned int flags)
{
	if (flags & FAULT_FLAG_USER) {
		printk(KERN_ERR "%s[%d]: segfault at %08lx eip %08x error %x (%s)\n",
		       current->comm, current->pid, addr, regs->eip, regs->error_code,
		       addr >= USER_SPACE_END		? "kernel address"
		       : find_vma(current->mm, addr) ? "access not allowed"
						     : "no mapping");
		force_sig(SIGSEGV, current);
	}
	return -EFAULT;
}

int user_page_fault(struct pt_regs *regs, unsigned long addr, unsigned int flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	int r;

	if (!mm)
		return -EFAULT;	/* a kernel thread has no user space */
	if (regs->eflags & (1 << 9))
		local_irq_enable();	/* handling may sleep for memory or disk */
	if (addr >= USER_SPACE_END)
		return bad_area(regs, addr, flags);	/* ring 3 touching the kernel */
	vma = find_vma(mm, addr);
	if (!vma || !access_allowed(vma, flags))
		return bad_area(regs, addr, flags);
	r = handle_mm_fault(mm, vma, addr, flags & FAULT_FLAG_WRITE);
	if (r > 0) {
		count_fault(r, addr);
		return 0;
	}
	if (r == VM_FAULT_OOM) {
		printk(KERN_ERR "%s[%d]: out of memory at %08lx, killed\n", current->comm,
		       current->pid, addr);
		force_sig(SIGKILL, current);
	} else if (flags & FAULT_FLAG_USER) {
		printk(KERN_ERR "%s[%d]: bus error at %08lx (page could not be read), killed\n",
		       current->comm, current->pid, addr);
		force_sig(SIGBUS, current);
	}
	/*
	 * A system call's copy that met a lost page fails with -EFAULT
	 * through the exception table, and no signal is sent (Linux's
	 * kernelmode_fixup_or_oops): the program learns it from the call.
	 */
	return -EFAULT;
}

void memory_init(void)
{
	zero_page_init();
}
