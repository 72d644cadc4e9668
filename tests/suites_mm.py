"""Boots for memory management off the swap paths: Linux's errors from madvise and swapoff, /proc/meminfo's Dirty,
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
        # a 4 MiB machine leaves the workload at least 2 MiB
        {"name": "mem4M_leaves_memory_to_the_workload", "mem": "32M",
         "append": "mem=4M init=t_memreturn -- small", "expect": ok("t_memreturn")},
        # memory of a module the kernel ignores (a second "free") is given back
        {"name": "ignored_module_is_freed", "mem": "32M", "append": "init=free",
         "prepare": [["truncate", "-s", "2M", "build/mm-ignored-module.bin"]],
         "modules": ["build/mm-ignored-module.bin=free"],
         "expect": [r"^multiboot: a second module named free is ignored$",
                    r"^mm: .* modules \d{1,3} KiB", r"^Mem: ", r"^init: exited with status 0$"]},
    ]


def kernel_boots(stress=False):
    return [
        # /proc/meminfo's Dirty follows PG_dirty of swap-cache pages
        dict({"name": "meminfo", "append": "test=meminfo", "mem": "32M"},
             **swapdisk("meminfo-kt")),
        # the watchdogs report a spin with interrupts off, a spin without
        # schedule() and an uninterruptible sleep, each past its 1 s limit
        {"name": "watchdog", "mem": "32M", "timeout": 60,
         "append": "test=watchdog softlockup_thresh=1 hung_task_timeout_secs=1"},
    ]
