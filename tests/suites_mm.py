"""Boots for the memory-management fixes of issue 11 that are not swap
paths: Linux's errors from madvise and swapoff, /proc/meminfo's Dirty,
memory given back (slab pages, page tables, boot modules) and the
watchdogs. See tests/suites.py for the keys; each boot has its own disk."""


def swapdisk(name, mib=16):
    path = "build/mm-%s.img" % name
    return {"prepare": [["scripts/mkdisk", "swap", path, str(mib)]], "disks": [path]}


def ok(name):
    return [r"^%s: ok$" % name, r"^init: exited with status 0$"]


def user_tests(stress=False):
    return [
        # madvise(MADV_PAGEOUT) with wrapping lengths, on locked memory and
        # over a hole; swapoff of a missing path and of an inactive device
        dict({"name": "madvise_swapoff_errors", "mem": "32M",
              "append": "swap=hda init=t_madvise", "expect": ok("t_madvise"),
              "reject": [r"t_madvise: .*(expected -1|: NO$)"]}, **swapdisk("madvise")),
        # munmap frees the page tables a sparse 1 GiB mapping needed
        {"name": "munmap_frees_page_tables", "mem": "32M",
         "append": "init=t_memreturn -- pgtables", "expect": ok("t_memreturn")},
        # the slab caches give back what 40 live children took
        {"name": "fork_storm_gives_slab_pages_back", "mem": "32M",
         "append": "init=t_memreturn -- forkstorm", "expect": ok("t_memreturn")},
    ]


def kernel_boots(stress=False):
    return [
        # /proc/meminfo's Dirty follows PG_dirty of swap-cache pages
        dict({"name": "meminfo", "append": "test=meminfo", "mem": "32M"},
             **swapdisk("meminfo-kt")),
    ]
