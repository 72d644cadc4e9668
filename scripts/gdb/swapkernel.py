"""gdb helpers for swapkernel, loaded by `make debug` (scripts/debug).

Each command prints one of the kernel's memory-management structures the
way the books draw it, reading the structures through the kernel's debug
information (build/kernel.elf) and physical memory through the direct map
at PAGE_OFFSET (0xC0000000), which every address space shares:

  swapinfo                  the swap_info[] table and swap_list
  swapmap AREA [FROM [N]]   one area's swap_map, one character per slot
  swapextents AREA [N]      where an area's slots are on its disk (its swap extents)
  swapcache [N]             the swap cache: entries, tags, pages
  buddyinfo                 free blocks per order per zone, with watermarks
  lru [N [head|tail]]       LRU list lengths per zone and N pages of each list
  diskstats                 commands, sectors, merges per disk; mean write size
  pageinfo PFN|PAGE         one struct page, decoded, with its reverse map
  pte ADDR [PID]            walk a page directory (CR3, or PID's), decode the PTE

`help swapkernel` lists them; `help CMD` explains one. docs/gdb.md shows
real output. The commands only read memory: they are safe at any
breakpoint, though a structure caught half-updated (between a lock and
its unlock) may look inconsistent, exactly as it is.
"""
import struct

import gdb

PAGE_SHIFT = 12
PAGE_OFFSET = 0xC0000000
PGDIR_SHIFT = 22

# i386 PTE bits (include/arch/x86/paging.h).
PTE_BITS = [(0, "P"), (1, "RW"), (2, "US"), (3, "PWT"), (4, "PCD"), (5, "A"), (6, "D"),
            (7, "PSE"), (8, "G")]

# The swap-entry PTE layout (include/mm/swap.h): type in bits 1-5, offset in bits 8-31.
SWP_PTE_TYPE_SHIFT = 1
SWP_PTE_OFFSET_SHIFT = 8
MAX_SWAPFILES_SHIFT = 5
SWP_TYPE_SHIFT = 32 - MAX_SWAPFILES_SHIFT  # in a swp_entry_t

SWAP_MAP_BAD = 0x8000

RADIX_TREE_MAP_SHIFT = 6
SWAP_TAGS = ["dirty", "writeback"]  # SWAP_TAG_DIRTY, SWAP_TAG_WRITEBACK (swap_state.h)


# ---- reading the target --------------------------------------------------

def val(expr):
    return gdb.parse_and_eval(expr)


def ulong(v):
    """A gdb.Value (integer or pointer) as a Python int."""
    return int(v.cast(gdb.lookup_type("unsigned long")))


def read_u32(vaddr):
    return struct.unpack("<I", bytes(gdb.selected_inferior().read_memory(vaddr, 4)))[0]


def read_u16s(vaddr, count):
    data = bytes(gdb.selected_inferior().read_memory(vaddr, 2 * count))
    return struct.unpack("<%dH" % count, data)


def read_phys_u32(paddr):
    """Physical memory through the direct map (the kernel half of every page directory)."""
    return read_u32(PAGE_OFFSET + paddr)


def enum_values(type_name, fallback):
    """{value: name} of an enum in the debug info, or @fallback."""
    try:
        return {f.enumval: f.name for f in gdb.lookup_type(type_name).fields()}
    except gdb.error:
        return fallback


def page_flag_names():
    """[(bit, name)] of enum pageflags, without the zone field (include/mm/page.h)."""
    names = enum_values("enum pageflags", {})
    return sorted((bit, name[3:].lower()) for bit, name in names.items()
                  if name != "PG_zone_shift")


def zone_shift():
    try:
        return int(val("PG_zone_shift"))
    except gdb.error:
        return 30


def page_type():
    return gdb.lookup_type("struct page")


def mem_map():
    return ulong(val("mem_map"))


def pfn_to_page(pfn):
    return gdb.Value(mem_map() + pfn * page_type().sizeof).cast(page_type().pointer()).dereference()


def page_to_pfn(page_addr):
    return (page_addr - mem_map()) // page_type().sizeof


def lru_offset():
    return ulong(val("&((struct page *)0)->lru"))


def list_entries(head_addr, member_offset, limit, reverse=False):
    """Addresses of up to @limit containers on the list at @head_addr, from its head or tail."""
    field = "prev" if reverse else "next"
    lh = gdb.lookup_type("struct list_head").pointer()
    out = []
    node = ulong(gdb.Value(head_addr).cast(lh).dereference()[field])
    while node != head_addr and len(out) < limit:
        out.append(node - member_offset)
        node = ulong(gdb.Value(node).cast(lh).dereference()[field])
    return out


# ---- decoding ------------------------------------------------------------

def decode_page_flags(flags):
    names = [name for bit, name in page_flag_names() if flags & (1 << bit)]
    return "|".join(names) if names else "-"


def zone_name(index):
    try:
        z = val("contig_page_data.node_zones[%d]" % index)
        return z["name"].string()
    except (gdb.error, gdb.MemoryError):
        return "zone%d" % index


def swp_entry_str(entry_val):
    """'hda:123' for a swp_entry_t value."""
    type_ = entry_val >> SWP_TYPE_SHIFT
    offset = entry_val & ((1 << SWP_TYPE_SHIFT) - 1)
    return "%s:%d" % (area_name(type_), offset)


def area_name(type_):
    try:
        si = val("swap_info[%d]" % type_)
        if int(si["flags"]):
            return si["name"].string()
    except (gdb.error, gdb.MemoryError):
        pass
    return "area%d" % type_


def describe_page(page):
    """One line: pfn, flags, counts, and what private/index mean in this state."""
    addr = ulong(page.address)
    pfn = page_to_pfn(addr)
    flags = ulong(page["flags"])
    low = flags & ((1 << zone_shift()) - 1)
    text = "pfn %6d  count %2d  mapcount %2d  %s" % (
        pfn, int(page["_count"]), int(page["_mapcount"]) + 1, decode_page_flags(low))
    if addr == ulong(val("zero_page")):
        text += "  (the zero page)"
    if low & (1 << int(val("PG_swapcache"))):
        text += "  swap %s" % swp_entry_str(ulong(page["private"]))
    if low & (1 << int(val("PG_buddy"))):
        text += "  buddy order %d" % ulong(page["private"])
    return text


def pte_flags_str(pte):
    return " ".join(name for bit, name in PTE_BITS if pte & (1 << bit))


def swap_cache_lookup(index):
    """The struct page cached under swp_entry_t value @index, or 0 (walk of lib/radix-tree.c)."""
    root = val("swapper_space.page_tree")
    height = int(root["height"])
    node = root["rnode"]
    if not ulong(node) or index >> (height * RADIX_TREE_MAP_SHIFT):
        return 0
    for level in range(height, 0, -1):
        slot = (index >> ((level - 1) * RADIX_TREE_MAP_SHIFT)) & ((1 << RADIX_TREE_MAP_SHIFT) - 1)
        item = node["slots"][slot]
        if not ulong(item):
            return 0
        if level == 1:
            return ulong(item)
        node = item.cast(node.type)
    return 0


def swap_cache_items(limit):
    """[(index, page address, tag names)] of up to @limit swap-cache entries, in index order."""
    root = val("swapper_space.page_tree")
    height = int(root["height"])
    out = []

    def visit(node, level, base):
        for slot in range(1 << RADIX_TREE_MAP_SHIFT):
            if len(out) >= limit:
                return
            item = node["slots"][slot]
            if not ulong(item):
                continue
            index = base | (slot << ((level - 1) * RADIX_TREE_MAP_SHIFT))
            if level == 1:
                tags = [name for t, name in enumerate(SWAP_TAGS)
                        if ulong(node["tags"][t][slot // 32]) & (1 << (slot % 32))]
                out.append((index, ulong(item), tags))
            else:
                visit(item.cast(node.type), level - 1, index)

    if height and ulong(root["rnode"]):
        visit(root["rnode"], height, 0)
    return out


# ---- commands -------------------------------------------------------------

class SwapKernel(gdb.Command):
    """swapkernel: helper commands for this kernel's memory management.

swapinfo                  the swap_info[] table and swap_list
swapmap AREA [FROM [N]]   one area's swap_map, one character per slot
swapextents AREA [N]      where an area's slots are on its disk (its swap extents)
swapcache [N]             the first N swap-cache entries, with tags and pages
buddyinfo                 free blocks per order per zone, with watermarks
lru [N [head|tail]]       LRU list lengths per zone and N pages of each list
diskstats                 commands, sectors, merges per disk; mean write size
pageinfo PFN|PAGE         one struct page, decoded, with its reverse map
pte ADDR [PID]            walk the page tables for ADDR and decode the PTE

Each is also available as `swapkernel CMD`. See docs/gdb.md."""

    def __init__(self):
        super().__init__("swapkernel", gdb.COMMAND_USER, prefix=True)


class Command(gdb.Command):
    """Base: registers NAME at top level and under `swapkernel`; errors become messages."""

    def __init__(self, name):
        super().__init__(name, gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        try:
            self.run(gdb.string_to_argv(arg))
        except (gdb.error, gdb.MemoryError) as e:
            raise gdb.GdbError("%s: %s" % (self.__class__.__name__.lower(), e))

    @classmethod
    def register(cls, name):
        cls(name)
        cls("swapkernel " + name)


class SwapInfo(Command):
    """swapinfo: the swap areas (swap_info[], include/mm/swapfile.h) and swap_list.

For every used area: its type (index), device name, flags (used, writeok),
priority, next area on swap_list, usable pages, pages in use, the clusters
on the allocator's free list, the current cluster and the slot its scan
continues at (cluster_next), then the allocator's statistics."""

    def run(self, argv):
        flag_names = {}
        for name in ("SWP_USED", "SWP_WRITEOK"):
            try:
                flag_names[int(val(name))] = name[4:].lower()
            except gdb.error:
                flag_names = {1: "used", 2: "writeok"}
                break
        lst = val("swap_list")
        print("swap_list: head %d next %d   nr_swap_pages %d  total_swap_pages %d" % (
            int(lst["head"]), int(lst["next"]), int(val("nr_swap_pages")),
            int(val("total_swap_pages"))))
        print("%-4s %-8s %-12s %5s %4s %7s %7s %9s %7s %8s" % (
            "type", "name", "flags", "prio", "next", "pages", "inuse", "free_clu", "cur_clu",
            "clu_next"))
        n = val("swap_info").type.range()[1] + 1
        for t in range(n):
            si = val("swap_info[%d]" % t)
            flags = int(si["flags"])
            if not flags:
                continue
            fl = ",".join(name for bit, name in sorted(flag_names.items()) if flags & bit)
            print("%-4d %-8s %-12s %5d %4d %7d %7d %9d %7d %8d" % (
                t, si["name"].string(), fl, int(si["prio"]), int(si["next"]),
                ulong(si["pages"]), ulong(si["inuse_pages"]), ulong(si["nr_free_clusters"]),
                ulong(si["curr_cluster"]), ulong(si["cluster_next"])))
            st = si["stats"]
            print("     max %d slots; stats: alloc %d freed %d clusters %d fallbacks %d "
                  "saturated %d bad %d" % (
                      ulong(si["max"]), ulong(st["alloc"]), ulong(st["freed"]),
                      ulong(st["clusters"]), ulong(st["fallbacks"]), ulong(st["saturated"]),
                      ulong(st["bad"])))


class SwapMap(Command):
    """swapmap AREA [FROM [COUNT]]: one swap area's swap_map, one character per slot.

AREA is a type (index into swap_info[]) or a device name (hda, hdb1...).
FROM defaults to 0 and COUNT to 1024 slots (0: to the end). The alphabet
is that of /proc/swapmap and the swapmap program:
  .    free (count 0)
  1-9  allocated, that many references (the swap cache's and the PTEs')
  +    more than 9 (SWAP_MAP_MAX, saturated, shows as + too)
  H    slot 0, the swap header (SWAP_MAP_BAD)
  X    bad: mkswap's list or a write error (SWAP_MAP_BAD)
64 slots per line, each line starting with its first slot; `|` after the
number marks a line that starts a cluster of SWAPFILE_CLUSTER slots (gdb
sees the macro only in a -g3 build, else 256 is assumed), and after that
line the cluster's swap_cluster_info is named: free (on the allocator's
free list), partly used, full or current, with its count of slots that
are not free. Below a line, `^` marks the slot where the scan of the
current cluster continues (cluster_next)."""

    def run(self, argv):
        if not argv:
            raise gdb.GdbError("usage: swapmap AREA [FROM [COUNT]]")
        t = self.find_area(argv[0])
        si = val("swap_info[%d]" % t)
        max_ = ulong(si["max"])
        start = int(argv[1], 0) if len(argv) > 1 else 0
        count = int(argv[2], 0) if len(argv) > 2 else 1024
        end = max_ if count == 0 else min(max_, start + count)
        if start >= max_:
            raise gdb.GdbError("swapmap: %s has %d slots" % (si["name"].string(), max_))
        try:
            cluster = int(val("SWAPFILE_CLUSTER"))
        except gdb.error:
            cluster = 256  # a macro: visible only with -g3
        smap = read_u16s(ulong(si["swap_map"]) + 2 * start, end - start)
        marks = {ulong(si["cluster_next"]): "^"}
        print("swap area %d (%s): slots %d..%d of %d; in use %d of %d usable" % (
            t, si["name"].string(), start, end - 1, max_, ulong(si["inuse_pages"]),
            ulong(si["pages"])))
        print("clusters: %d, %d of them free; ^ the scan of current cluster %d continues "
              "at %d" % (ulong(si["nr_clusters"]), ulong(si["nr_free_clusters"]),
                         ulong(si["curr_cluster"]), ulong(si["cluster_next"])))
        for base in range(start - start % 64, end, 64):
            row, under = [], []
            for off in range(base, min(base + 64, end)):
                row.append(self.slot_char(off, smap[off - start]) if off >= start else " ")
                under.append(marks.get(off, " ") if off >= start else " ")
            print("%7d%s%s%s" % (base, "|" if base % cluster == 0 else " ", "".join(row),
                                 self.cluster_note(si, base // cluster)
                                 if base % cluster == 0 else ""))
            if "".join(under).strip():
                print("%7s %s" % ("", "".join(under).rstrip()))
        counts = {}
        for off, c in enumerate(smap, start):
            ch = self.slot_char(off, c)
            counts[ch] = counts.get(ch, 0) + 1
        print("shown: " + ", ".join("%s %d" % (k, v) for k, v in sorted(counts.items())))

    @staticmethod
    def slot_char(offset, c):
        if c & SWAP_MAP_BAD:
            return "H" if offset == 0 else "X"
        if c == 0:
            return "."
        return str(c) if c <= 9 else "+"

    @staticmethod
    def cluster_note(si, idx):
        """How the allocator sees cluster @idx: its list (flags) and count."""
        ci = si["cluster_info"][idx]
        flags = int(ci["flags"])
        state = "full"
        for name, what in (("CLUSTER_FLAG_CURRENT", "current"), ("CLUSTER_FLAG_FREE", "free"),
                           ("CLUSTER_FLAG_NONFULL", "partly used")):
            if flags & int(val(name)):
                state = what
                break
        return "  cluster %d: %s, %d not free" % (idx, state, int(ci["count"]))

    @staticmethod
    def find_area(name):
        n = val("swap_info").type.range()[1] + 1
        for t in range(n):
            si = val("swap_info[%d]" % t)
            if int(si["flags"]) and (si["name"].string() == name or str(t) == name):
                return t
        raise gdb.GdbError("swapmap: no swap area %r (see swapinfo)" % name)


class SwapExtents(Command):
    """swapextents AREA [N]: where the slots of a swap area are on its disk.

AREA is a type (index into swap_info[]), a device name (hda1) or a swap
file's path (/mnt/swapfile). Prints the area's extent list
(si->extent_list of struct swap_extent, include/mm/swap_extent.h) as
map_swap_page walks it: for each of the first N extents (default 40),
the slots it covers and the disk pages (4 KiB, on the area's device) and
sectors they are; `*` marks curr_swap_extent, where the next lookup
starts. A partition or disk is one extent; a swap file has one per
fragment, and the pages that were not a whole aligned page on the disk
are missing from the slots."""

    def run(self, argv):
        if not argv:
            raise gdb.GdbError("usage: swapextents AREA [N]")
        t = SwapMap.find_area(argv[0])
        limit = int(argv[1], 0) if len(argv) > 1 else 40
        si = val("swap_info[%d]" % t)
        head = ulong(val("&swap_info[%d].extent_list" % t))
        curr = ulong(si["curr_swap_extent"])
        off = ulong(val("&((struct swap_extent *)0)->list"))
        se_type = gdb.lookup_type("struct swap_extent").pointer()
        print("swap area %d (%s): %d extents for %d slots" % (
            t, si["name"].string(), int(si["nr_extents"]), ulong(si["max"])))
        print("  %-17s %-19s %s" % ("slots", "disk pages", "sectors"))
        for addr in list_entries(head, off, limit):
            se = gdb.Value(addr).cast(se_type).dereference()
            start, n, block = ulong(se["start_page"]), ulong(se["nr_pages"]), ulong(se["start_block"])
            print("%s %8d-%-8d %8d-%-10d %d-%d" % (
                "*" if addr == curr else " ", start, start + n - 1, block, block + n - 1,
                block * 8, (block + n) * 8 - 1))
        if int(si["nr_extents"]) > limit:
            print("... %d more" % (int(si["nr_extents"]) - limit))


class SwapCache(Command):
    """swapcache [N]: the first N (default 20) pages of the swap cache.

The swap cache is the radix tree swapper_space.page_tree, keyed by
swp_entry_t.val (area type in bits 27-31, slot below). For each entry:
the key, the slot it names, the tags (dirty: not yet written;
writeback: write in flight) and the page."""

    def run(self, argv):
        limit = int(argv[0], 0) if argv else 20
        root = val("swapper_space.page_tree")
        print("swapper_space: %d pages, tree height %d" % (
            ulong(val("swapper_space.nrpages")), int(root["height"])))
        for index, page_addr, tags in swap_cache_items(limit):
            page = gdb.Value(page_addr).cast(page_type().pointer()).dereference()
            print("  %08x %-10s %-16s %s" % (index, swp_entry_str(index),
                                            ",".join(tags) or "-", describe_page(page)))


class BuddyInfo(Command):
    """buddyinfo: free blocks per order for each zone (the buddy allocator's free_area[]).

The same numbers as /proc/buddyinfo, plus each zone's free pages and its
watermarks pages_min/low/high (kswapd wakes below low, sleeps above high)."""

    def run(self, argv):
        zones = val("contig_page_data.node_zones")
        nzones = zones.type.range()[1] + 1
        max_order = zones[0]["free_area"].type.range()[1] + 1
        print("%-16s " % "order" + "".join("%6d" % o for o in range(max_order)))
        for z in range(nzones):
            zone = zones[z]
            if not ulong(zone["present_pages"]):
                continue
            name = zone["name"].string()
            print("Node 0, zone %-6s" % name + "".join(
                "%6d" % ulong(zone["free_area"][o]["nr_free"]) for o in range(max_order)))
        for z in range(nzones):
            zone = zones[z]
            if not ulong(zone["present_pages"]):
                continue
            print("zone %-6s free %6d of %6d present; watermarks min %d low %d high %d" % (
                zone["name"].string(), ulong(zone["free_pages"]), ulong(zone["present_pages"]),
                ulong(zone["pages_min"]), ulong(zone["pages_low"]), ulong(zone["pages_high"])))


class DiskStats(Command):
    """diskstats: each disk's I/O statistics (struct disk_stats, include/block/genhd.h).

Commands handed to the driver and the sectors they carried, per direction;
bios merged into a queued request; failed commands; the mean size of a
write command in pages (8 sectors), the number that tells whether swap
writes were clustered; and the write commands by size."""

    def run(self, argv):
        head = ulong(val("&all_bdevs"))
        off = ulong(val("&((struct block_device *)0)->list"))
        bdev_ptr = gdb.lookup_type("struct block_device").pointer()
        for addr in list_entries(head, off, 256):
            bdev = gdb.Value(addr).cast(bdev_ptr).dereference()
            if int(bdev["partno"]):
                continue
            st = bdev["disk"]["stats"]
            ios = [ulong(st["ios"][d]) for d in (0, 1)]
            sec = [ulong(st["sectors"][d]) for d in (0, 1)]
            print("%s: reads %d cmds %d sectors, writes %d cmds %d sectors, merges %d/%d, "
                  "errors %d" % (bdev["disk"]["disk_name"].string(), ios[0], sec[0], ios[1],
                                 sec[1], ulong(st["merges"][0]), ulong(st["merges"][1]),
                                 ulong(st["errors"])))
            if ios[1]:
                hist = st["write_hist"]
                buckets = ["%d-%d:%d" % (1 << i, (1 << (i + 1)) - 1, ulong(hist[i]))
                           for i in range(hist.type.range()[1] + 1) if ulong(hist[i])]
                print("  mean write %.1f pages; write commands by sectors: %s" % (
                    sec[1] / 8.0 / ios[1], " ".join(buckets)))


class Lru(Command):
    """lru [N [head|tail]]: the LRU lists of each zone (mm/swap.c, mm/vmscan.c).

Prints nr_active and nr_inactive per zone, then N pages (default 5) of
each list. By default from the tail, where refill_inactive_zone and
shrink_inactive_zone take pages (the least recently added); `head` shows
the newest instead. Pages still in the lru_add pagevec are on no list yet."""

    def run(self, argv):
        limit = int(argv[0], 0) if argv else 5
        from_tail = not (len(argv) > 1 and argv[1] == "head")
        zones = val("contig_page_data.node_zones")
        off = lru_offset()
        pvec = val("lru_add_pvec")
        print("lru_add_pvec: %d pages waiting for lru_add_drain" % int(pvec["nr"]))
        for z in range(zones.type.range()[1] + 1):
            zone = zones[z]
            if not ulong(zone["present_pages"]):
                continue
            print("zone %s: active %d, inactive %d" % (
                zone["name"].string(), ulong(zone["nr_active"]), ulong(zone["nr_inactive"])))
            for lname in ("active_list", "inactive_list"):
                head = ulong(zone[lname].address)
                pages = list_entries(head, off, limit, reverse=from_tail)
                print("  %s, %d from the %s:" % (lname, len(pages), "tail" if from_tail else
                                                  "head"))
                for addr in pages:
                    page = gdb.Value(addr).cast(page_type().pointer()).dereference()
                    print("    " + describe_page(page))


class PageInfo(Command):
    """pageinfo PFN|PAGE: one struct page (include/mm/page.h), every field, decoded by state.

The argument is an expression: a frame number (`pageinfo 134`) or a
struct page pointer (`pageinfo page` at a breakpoint in swap_writepage).
For a mapped anonymous page, the reverse map (u.pte_direct or the PTE
chain) is followed to each PTE, its process and virtual address."""

    def invoke(self, arg, from_tty):
        if not arg.strip():
            raise gdb.GdbError("usage: pageinfo PFN|PAGE")
        super().invoke(arg, from_tty)

    def run(self, argv):
        v = val(" ".join(argv))
        t = v.type.strip_typedefs()
        if t.code == gdb.TYPE_CODE_PTR and t.target().strip_typedefs().tag == "page":
            pfn = page_to_pfn(ulong(v))
        else:
            pfn = ulong(v)
        if pfn >= ulong(val("max_pfn")):
            raise gdb.GdbError("pageinfo: pfn %d beyond max_pfn %d" % (pfn, ulong(val("max_pfn"))))
        page = pfn_to_page(pfn)
        flags = ulong(page["flags"])
        print(describe_page(page))
        print("  struct page at %#x, frame at phys %#x (kernel %#x), zone %s" % (
            ulong(page.address), pfn << PAGE_SHIFT, PAGE_OFFSET + (pfn << PAGE_SHIFT),
            zone_name(flags >> zone_shift())))
        print("  flags %#x  private %#x  index %#x  u %#x" % (
            flags, ulong(page["private"]), ulong(page["index"]), ulong(page["u"]["chain"])))
        if flags & (1 << int(val("PG_anon"))) and int(page["_mapcount"]) >= 0:
            self.print_rmap(page, flags)

    @staticmethod
    def print_rmap(page, flags):
        ptes = []
        if flags & (1 << int(val("PG_direct"))):
            ptes.append(ulong(page["u"]["pte_direct"]))
        else:
            pc = page["u"]["chain"]
            while ulong(pc):
                for i in range(pc["ptes"].type.range()[1] + 1):
                    if ulong(pc["ptes"][i]):
                        ptes.append(ulong(pc["ptes"][i]))
                pc = pc["next"]
        for p in ptes:
            pt = pfn_to_page((p - PAGE_OFFSET) >> PAGE_SHIFT)
            mm = pt["u"]["mm"]
            addr = ulong(pt["index"]) + ((p & 0xFFF) // 4 << PAGE_SHIFT)
            owner = mm["owner"] if ulong(mm) else None
            who = "%s[%d]" % (owner["comm"].string(), int(owner["pid"])) if owner is not None \
                and ulong(owner) else "mm %#x" % ulong(mm)
            print("  mapped by pte %#x = %08x: %s at %08x" % (p, read_u32(p), who, addr))


class Pte(Command):
    """pte ADDR [PID]: walk the two-level i386 page tables for virtual address ADDR.

Uses the page directory in CR3 (the running address space), or that of
task PID. Prints the PDE and the PTE with their bits, and decodes the PTE:
a present page (pfn, its struct page), the shared zero page, an empty PTE
(pte_none: the next touch is a demand-zero fault) or a swap entry (area,
slot, the slot's swap_map count, and whether the swap cache holds it)."""

    def run(self, argv):
        if not argv:
            raise gdb.GdbError("usage: pte ADDR [PID]")
        addr = ulong(val(argv[0])) & 0xFFFFFFFF
        pgd_phys, whose = self.page_directory(int(argv[1]) if len(argv) > 1 else None)
        pde = read_phys_u32(pgd_phys + 4 * (addr >> PGDIR_SHIFT))
        print("%s: cr3 %#010x  %s" % ("%08x" % addr, pgd_phys, whose))
        print("  pde[%4d] = %08x  %s" % (addr >> PGDIR_SHIFT, pde, pte_flags_str(pde)))
        if not pde & 1:
            print("  no page table: nothing in this 4 MiB was ever touched (a fault inside a "
                  "VMA allocates one)")
            return
        if pde & (1 << 7):
            phys = (pde & 0xFFC00000) | (addr & 0x3FFFFF)
            print("  4 MiB page: phys %#x (the kernel's direct map)" % phys)
            return
        index = (addr >> PAGE_SHIFT) & 1023
        ptep = PAGE_OFFSET + (pde & 0xFFFFF000) + 4 * index
        pte = read_u32(ptep)
        print("  pte[%4d] = %08x  %s   (the PTE is at %#x)" % (
            index, pte, pte_flags_str(pte) if pte & 1 else "(not present)", ptep))
        if pte == 0:
            print("  pte_none: never touched; in an anonymous VMA a write faults in a zeroed "
                  "page (do_no_page), a read maps the shared zero page")
        elif pte & 1:
            pfn = pte >> PAGE_SHIFT
            print("  present: pfn %d, phys %#x" % (pfn, (pfn << PAGE_SHIFT) | (addr & 0xFFF)))
            if pfn < ulong(val("max_pfn")):
                print("  " + describe_page(pfn_to_page(pfn)))
        else:
            self.print_swap_entry(pte)

    @staticmethod
    def print_swap_entry(pte):
        type_ = (pte >> SWP_PTE_TYPE_SHIFT) & ((1 << MAX_SWAPFILES_SHIFT) - 1)
        offset = pte >> SWP_PTE_OFFSET_SHIFT
        entry = (type_ << SWP_TYPE_SHIFT) | offset
        print("  swap entry: type %d (%s) offset %d  (swp_entry_t.val %#x, sectors %d-%d of %s)"
              % (type_, area_name(type_), offset, entry, offset * 8, offset * 8 + 7,
                 area_name(type_)))
        si = val("swap_info[%d]" % type_)
        if int(si["flags"]) and offset < ulong(si["max"]):
            count = read_u16s(ulong(si["swap_map"]) + 2 * offset, 1)[0]
            print("  swap_map[%d] = %d%s" % (offset, count, "  (SWAP_MAP_BAD)"
                                             if count == SWAP_MAP_BAD else ""))
        else:
            print("  (no such area or slot: a corrupt PTE?)")
        page_addr = swap_cache_lookup(entry)
        if page_addr:
            page = gdb.Value(page_addr).cast(page_type().pointer()).dereference()
            print("  in the swap cache: " + describe_page(page))
        else:
            print("  not in the swap cache: the next touch reads it from disk (do_swap_page)")

    @staticmethod
    def page_directory(pid):
        """(physical address of the page directory, description)."""
        if pid is None:
            try:
                return ulong(val("$cr3")) & 0xFFFFF000, "(CR3: the running address space)"
            except gdb.error:
                mm = val("active_mm")
                return ulong(mm["pgd"]) - PAGE_OFFSET, "(active_mm; this gdb has no $cr3)"
        off = ulong(val("&((struct task_struct *)0)->tasks"))
        for t in list_entries(ulong(val("&task_list")), off, 10000):
            task = gdb.Value(t).cast(gdb.lookup_type("struct task_struct").pointer()).dereference()
            if int(task["pid"]) == pid:
                if not ulong(task["mm"]):
                    raise gdb.GdbError("pte: pid %d (%s) is a kernel thread: no user space" % (
                        pid, task["comm"].string()))
                return ulong(task["mm"]["pgd"]) - PAGE_OFFSET, "(pid %d, %s)" % (
                    pid, task["comm"].string())
        raise gdb.GdbError("pte: no task with pid %d" % pid)


SwapKernel()
for _name, _cls in (("swapinfo", SwapInfo), ("swapmap", SwapMap), ("swapextents", SwapExtents),
                    ("swapcache", SwapCache),
                    ("buddyinfo", BuddyInfo), ("lru", Lru), ("diskstats", DiskStats),
                    ("pageinfo", PageInfo), ("pte", Pte)):
    _cls.register(_name)
