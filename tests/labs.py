"""The labs (docs/labs/README.md): for each, what its student tree leaves
out and the black-box tests `make grade` runs (tests/grade).

LABS[NAME] has:
  title    one line
  stubs    {function: stub}: the functions the student writes; in the
           student tree each body is a TODO line and the stub (C lines,
           "\n" between them), which compiles and fails safely
  keep     static helpers given to the student although only the lab's
           functions call them (scripts/mklab takes the others out)
  drop     files (or directories, ending in "/") its student tree does not
           get: the white-box tests of the code it takes out, which pin
           this implementation and would give the solution away
  tests    (test, kind, weight): kind "functionality" or "robustness", as
           Pintos separates them; test one of TESTS below

Every test is a boot in the format of tests/suites.py: a user program of
user/lab_*.c run as init, which checks behaviour only through the Linux
system-call ABI and /proc, and passes on "PROGRAM: ok" with init's exit
status 0. Sizes come from the RAM the program sees, never from internal
constants (cluster size, readahead window, watermarks), so any correct
design scores full marks. A boot that panics, hangs, or trips the VM
consistency checker (mm/vmcheck.c) fails its test and nothing else.
Each boot has its own disk images under build/grade/LAB/.
"""

# Messages no correct kernel prints while a grading program runs.
TROUBLE = [r"BUG at", r"Oops", r"WARNING at", r"swap (file|offset) entry", r"segfault at"]
IO_ERRORS = [r"Write-error|Read-error"]
OOM = [r"Out of memory", r"out of memory at"]

MEM = "8M"  # small, so that each grading boot takes a few seconds


def _disk(kind, mib, *args):
    """A disk image: ("swap", MiB) by mkswap, ("swapbad", MiB, pages...) with bad pages."""
    return (kind, mib) + args


def _program(cmd, what, disks=(_disk("swap", 16),), swapon="hda", expect=(), reject=(),
             qemu=None, timeout=60):
    """A grading program as init. @disks: hda, hdb...; @swapon the kernel's swap= areas."""
    return {"cmd": cmd, "what": what, "disks": list(disks), "swapon": swapon,
            "expect": list(expect), "reject": TROUBLE + list(reject), "qemu": qemu,
            "timeout": timeout}


BLKDEBUG_READ_SLOT21 = "tests/data/blkdebug-swap-read-slot21.conf"
BLKDEBUG_WRITE_SLOT11 = "tests/data/blkdebug-swap-write-slot11.conf"

TESTS = {
    # ---- shared by several labs -------------------------------------------
    "pageout_4x_memory": _program(
        "lab_pageout 4", "a process using 4x the RAM reads back every word it wrote",
        disks=[_disk("swap", 48)], reject=OOM + IO_ERRORS),
    "pageout_4_procs": _program(
        "lab_pageout 4 4", "4 processes using the RAM each read back their own pages",
        disks=[_disk("swap", 48)], reject=OOM + IO_ERRORS),
    "shared_swapped_page_count_2": _program(
        "lab_share count", "a page shared by fork and swapped out is counted twice in "
        "/proc/swapmap; parent's data survives the child's exit", reject=OOM + IO_ERRORS),
    "shared_pages_read_at_once": _program(
        "lab_share race", "parent and child fault the same swapped pages at the same time",
        reject=OOM + IO_ERRORS),
    "shared_page_read_once": _program(
        "lab_share cache", "a swapped page read by one process is found in the swap cache "
        "by the other (no second read)", reject=OOM + IO_ERRORS),
    "cow_of_swapped_pages": _program(
        "lab_share cow", "parent and child write swapped shared pages: each sees only its "
        "own writes", reject=OOM + IO_ERRORS),
    # ---- the slot allocator ------------------------------------------------
    "slots_clustered": _program(
        "lab_slots cluster", "after fragmentation, new slots come in runs, not scattered "
        "into one-slot holes (/proc/swapmap)", disks=[_disk("swap", 32)],
        reject=OOM + IO_ERRORS),
    "priority_higher_first": _program(
        "lab_slots higher", "swapon -p: the higher-priority area fills before the lower is "
        "used", disks=[_disk("swap", 16), _disk("swap", 4)], swapon=None,
        reject=OOM + IO_ERRORS),
    "priority_equal_shared": _program(
        "lab_slots equal", "areas of equal priority share the load",
        disks=[_disk("swap", 16), _disk("swap", 16)], swapon=None, reject=OOM + IO_ERRORS),
    "bad_pages_never_used": _program(
        "lab_slots badpages", "the bad pages mkswap's header lists are never allocated",
        disks=[_disk("swapbad", 32, *(list(range(3, 400, 7)) + [1000, 1001, 1002, 2000]))],
        reject=OOM + IO_ERRORS),
    "swap_full_then_reused": _program(
        "lab_slots full", "swap full: the OOM killer takes the hog, every slot comes back "
        "and can be used again", disks=[_disk("swap", 4)], reject=IO_ERRORS),
    # ---- faults on swapped pages -------------------------------------------
    "readahead_sequential": _program(
        "lab_swapin readahead", "swapped pages read in order cost at most half as many "
        "major faults as pages (readahead)", disks=[_disk("swap", 32)], reject=OOM + IO_ERRORS),
    "swapin_drops_pte_reference": _program(
        "lab_swapin drop", "once its only owner has read a page back, its slot is held by "
        "the swap cache at most; after munmap by nothing", reject=OOM + IO_ERRORS),
    "read_error_kills_owner": _program(
        "lab_swapin ioerr", "a slot that cannot be read: its owner dies of SIGBUS, the "
        "others keep their data", disks=[_disk("swap", 32)], reject=OOM,
        qemu=["-drive", "file=blkdebug:%s:{hda},format=raw,if=ide,index=0"
              % BLKDEBUG_READ_SLOT21],
        expect=[r"^Read-error on swap-device"]),
    "write_error_keeps_data": _program(
        "lab_pageout 2", "a slot that cannot be written: the page stays in memory, goes "
        "to another slot, and reads back right", disks=[_disk("swap", 16)], reject=OOM,
        qemu=["-drive", "file=blkdebug:%s:{hda},format=raw,if=ide,index=0"
              % BLKDEBUG_WRITE_SLOT11],
        expect=[r"^Write-error on swap-device"]),
    # ---- reclaim ---------------------------------------------------------------
    "hot_set_stays_resident": _program(
        "lab_reclaim hotset", "pages in constant use stay in memory while 3x the RAM "
        "streams past", disks=[_disk("swap", 48)], reject=OOM + IO_ERRORS),
    "kswapd_balances_in_background": _program(
        "lab_reclaim kswapd", "kswapd reclaims in the background and brings every zone "
        "back above its low watermark", disks=[_disk("swap", 32)], reject=OOM + IO_ERRORS),
    "mlocked_pages_stay": _program(
        "lab_reclaim mlock", "mlock'ed pages are never swapped out", disks=[_disk("swap", 32)],
        reject=OOM + IO_ERRORS),
    "exit_while_swapping": _program(
        "lab_reclaim churn", "processes killed while their pages are written out lose no "
        "slot and no page", disks=[_disk("swap", 32)], reject=OOM + IO_ERRORS),
    # ---- swapoff -----------------------------------------------------------------
    "swapoff_brings_pages_back": _program(
        "lab_swapoff basic", "swapoff brings every page back: none is read from disk "
        "afterwards", swapon=None, reject=OOM + IO_ERRORS),
    "swapoff_shared_pages_once": _program(
        "lab_swapoff shared", "pages shared by fork come back as one copy, still "
        "copy-on-write", swapon=None, reject=OOM + IO_ERRORS),
    "swapoff_to_other_area": _program(
        "lab_swapoff other", "an area whose pages RAM cannot hold moves them to the other "
        "area", disks=[_disk("swap", 32), _disk("swap", 8)], swapon=None,
        reject=OOM + IO_ERRORS),
    "swapoff_enomem_keeps_area": _program(
        "lab_swapoff enomem", "swapoff without room fails with ENOMEM and loses nothing; "
        "it works once memory is freed", disks=[_disk("swap", 32)], swapon=None,
        reject=OOM + IO_ERRORS),
    "swapoff_under_load": _program(
        "lab_swapoff load", "4 swapoffs of an area while 2 processes rewrite and check "
        "their memory", disks=[_disk("swap", 32), _disk("swap", 16)], swapon=None,
        reject=OOM + IO_ERRORS, timeout=120),
    "swapoff_then_swapon": _program(
        "lab_swapoff again", "an area turned off and on again is used again, and "
        "nothing leaks", swapon=None, reject=OOM + IO_ERRORS),
}

LABS = {
    "swapslots": {
        "title": "the swap slot allocator: scan_swap_map, get_swap_page, swap_duplicate, "
                 "swap_free",
        "stubs": {"scan_swap_map": "return 0;", "get_swap_page": "return (swp_entry_t){0};",
                  "swap_duplicate": "return -EINVAL;", "swap_free": ""},
        "drop": ["tests/host/swapfile_test.c", "tests/host/swapfile_fuzz.c",
                 "tests/host/swap_model.c", "tests/host/swap_model.h", "mm/swapping_test.c"],
        "tests": [
            ("pageout_4x_memory", "functionality", 15),
            ("slots_clustered", "functionality", 15),
            ("shared_swapped_page_count_2", "functionality", 15),
            ("priority_higher_first", "functionality", 10),
            ("priority_equal_shared", "functionality", 5),
            ("pageout_4_procs", "robustness", 10),
            ("swap_full_then_reused", "robustness", 15),
            ("bad_pages_never_used", "robustness", 15),
        ],
    },
    "swapcache": {
        "title": "the swap cache: add_to_swap, lookup, delete, remove_exclusive_swap_page, "
                 "swap_writepage",
        "stubs": {"add_to_swap_cache": "return -ENOMEM;", "add_to_swap": "return false;",
                  "__delete_from_swap_cache": "", "delete_from_swap_cache": "",
                  "lookup_swap_cache": "return NULL;", "free_swap_and_cache": "",
                  "remove_exclusive_swap_page": "return false;",
                  "swap_writepage": "SetPageDirty(page);\nunlock_page(page);\nreturn -EIO;"},
        "keep": ["end_swap_bio_write"],
        "drop": ["mm/swapping_test.c"],
        "tests": [
            ("pageout_4x_memory", "functionality", 15),
            ("shared_swapped_page_count_2", "functionality", 10),
            ("shared_page_read_once", "functionality", 15),
            ("cow_of_swapped_pages", "functionality", 10),
            ("swapin_drops_pte_reference", "functionality", 10),
            ("pageout_4_procs", "robustness", 10),
            ("write_error_keeps_data", "robustness", 15),
            ("exit_while_swapping", "robustness", 15),
        ],
    },
    "swapin": {
        "title": "swap-in: do_swap_page and swap readahead",
        "stubs": {"do_swap_page": "return VM_FAULT_SIGBUS;", "swapin_readahead": ""},
        "drop": ["mm/swapping_test.c"],
        "tests": [
            ("pageout_4x_memory", "functionality", 15),
            ("readahead_sequential", "functionality", 15),
            ("swapin_drops_pte_reference", "functionality", 10),
            ("shared_page_read_once", "functionality", 10),
            ("cow_of_swapped_pages", "functionality", 10),
            ("shared_pages_read_at_once", "robustness", 10),
            ("pageout_4_procs", "robustness", 15),
            ("read_error_kills_owner", "robustness", 15),
        ],
    },
    "shrinklist": {
        "title": "page reclaim: shrink_list, the LRU transitions, kswapd's balance loop",
        "stubs": {"shrink_list": "return 0;", "keep_active": "return true;",
                  "balance_pgdat": ""},
        "drop": ["mm/vmscan_test.c"],
        "tests": [
            ("pageout_4x_memory", "functionality", 15),
            ("hot_set_stays_resident", "functionality", 15),
            ("kswapd_balances_in_background", "functionality", 15),
            ("shared_swapped_page_count_2", "functionality", 10),
            ("pageout_4_procs", "robustness", 10),
            ("swap_full_then_reused", "robustness", 10),
            ("mlocked_pages_stay", "robustness", 10),
            ("exit_while_swapping", "robustness", 15),
        ],
    },
    "swapoff": {
        "title": "swapoff: try_to_unuse",
        "stubs": {"try_to_unuse": "return -EBUSY;"},
        "drop": ["mm/swapping_test.c"],
        "tests": [
            ("swapoff_brings_pages_back", "functionality", 20),
            ("swapoff_shared_pages_once", "functionality", 15),
            ("swapoff_to_other_area", "functionality", 15),
            ("swapoff_enomem_keeps_area", "robustness", 15),
            ("swapoff_under_load", "robustness", 20),
            ("swapoff_then_swapon", "robustness", 15),
        ],
    },
}


def boot(lab, name):
    """The tests/suites.py boot of test @name in lab @lab."""
    t = TESTS[name]
    words = t["cmd"].split()
    images, prepare = [], []
    for i, d in enumerate(t["disks"]):
        path = "build/grade/%s/%s-hd%s.img" % (lab, name, "abcd"[i])
        images.append(path)
        if d[0] == "swap":
            prepare.append(["scripts/mkdisk", "swap", path, str(d[1])])
        else:
            prepare.append(["tests/mkswap-badpages", path] + [str(x) for x in d[1:]])
    append = ("swap=%s " % t["swapon"] if t["swapon"] else "") + "init=" + words[0]
    if len(words) > 1:
        append += " -- " + " ".join(words[1:])
    b = {"name": name, "group": "grade-" + lab, "mem": MEM, "append": append,
         "timeout": t["timeout"], "prepare": prepare,
         "expect": [r"^%s: ok$" % words[0], r"^init: exited with status 0$"] + t["expect"],
         "reject": t["reject"]}
    if t["qemu"]:
        b["qemu"] = [a.replace("{hda}", images[0]) for a in t["qemu"]]
    else:
        b["disks"] = images
    return b
