"""Boots for page reclaim: LRU lists, shrink_list, kswapd, OOM,
trace replay; see tests/suites.py for the keys.

Sizes keep each boot to a few seconds: the user-level tests run with a few
MiB of RAM (mem=; the programs size themselves from what sysinfo
reports). Every boot has its own disk
image, since boots run in parallel. Besides what each test expects, the
console must show no swap-map complaint, no warning or bug, and (except in
the OOM test) no OOM kill and no allocation failure.
"""

from suites import on_debug_kernel

SWAP_TROUBLE = [r"swap (file|offset) entry", r"^WARNING at", r"BUG at", r"Oops",
                r"Write-error|Read-error", r"segfault at"]
MEMORY_TROUBLE = [r"Out of memory", r"page allocation failure", r"out of memory at"]


def swapdisk(name, mib):
    path = "build/reclaim-%s.img" % name
    return {"prepare": [["scripts/mkdisk", "swap", path, str(mib)]], "disks": [path]}


def kernel_boots(stress=False):
    # hda: 16 MiB of swap; hdb: a 1 MiB area (255 slots) for the case where
    # swap runs full.
    boots = [
        {"name": "reclaim", "append": "test=lru,vmscan,oom", "mem": "16M", "timeout": 60,
         "prepare": [["scripts/mkdisk", "swap", "build/reclaim-kt-hda.img", "16"],
                     ["scripts/mkdisk", "swap", "build/reclaim-kt-hdb.img", "1"]],
         "disks": ["build/reclaim-kt-hda.img", "build/reclaim-kt-hdb.img"],
         "reject": SWAP_TROUBLE},
    ]
    return boots + on_debug_kernel(boots)


def program(name, append, disk_mib, expect, reject=SWAP_TROUBLE + MEMORY_TROUBLE, **kw):
    """t_reclaim_* as init under memory pressure; passes on "NAME: ok" and init's exit 0."""
    t = {"name": name, "mem": "16M", "timeout": 60, "append": append,
         "expect": expect + [r"^%s: ok$" % append.split("init=")[1].split()[0],
                             r"^init: exited with status 0$"],
         "reject": reject}
    t.update(swapdisk(name, disk_mib))
    t.update(kw)
    return t


# Trace, --limit frames, references and pages (tests/traces/README.md).
REPLAYS = [("sort-300", 28, 71350, 96), ("gzip-2k", 32, 82183, 109),
           ("phase", 180, 50000, 600), ("loop", 120, 45000, 400)]


def replay(trace, limit, refs, pages):
    return {"name": "reclaim_replay_%s_limit%d" % (trace.replace("-", "_"), limit), "mem": "32M",
            "timeout": 60, "append": "swap=hda init=replay -- --limit %d trace" % limit,
            "modules": ["tests/traces/%s.bin=trace" % trace],
            # Exactly one summary line, in exactly this format; the limit
            # must have made it swap.
            "expect": [r"^replay: refs=%d pages=%d limit=%d majflt=[1-9]\d* minflt=\d+ "
                       r"pswpin=[1-9]\d* pswpout=[1-9]\d* pgscan=\d+ pgrefill=\d+ pgsteal=\d+ "
                       r"errors=0$" % (refs, pages, limit),
                       r"^init: exited with status 0$"],
            "reject": SWAP_TROUBLE + MEMORY_TROUBLE + [r"(?s)^replay: .*^replay: "],
            **swapdisk("replay-" + trace, 16)}


def replay_global(trace, frames, refs, pages):
    """The global path: a balloon leaves @frames free above the low watermark of
    a one-zone machine; kswapd and direct reclaim must swap the trace's pages out
    and back with no content error, and the replay must have sampled its RSS."""
    return {"name": "reclaim_replay_%s_global%d" % (trace.replace("-", "_"), frames),
            "mem": "15M", "timeout": 60,
            "append": "swap=hda init=replay -- --global %d trace" % frames,
            "modules": ["tests/traces/%s.bin=trace" % trace],
            "expect": [r"^replay: refs=%d pages=%d global=%d majflt=[1-9]\d* minflt=\d+ "
                       r"pswpin=[1-9]\d* pswpout=[1-9]\d* pgscan=[1-9]\d* pgrefill=\d+ "
                       r"pgsteal=[1-9]\d* avg_rss=[1-9]\d* min_rss=\d+ samples=[1-9]\d* "
                       r"errors=0$" % (refs, pages, frames),
                       r"^init: exited with status 0$"],
            "reject": SWAP_TROUBLE + MEMORY_TROUBLE + [r"(?s)^replay: .*^replay: "],
            **swapdisk("replay-global-" + trace, 16)}


def user_tests(stress=False):
    tests = [
        program("reclaim_4x_memory", "mem=8M swap=hda init=t_reclaim_4x", 64,
                [r"^t_reclaim_4x: \d+ pages verified; pswpout=\d+ pswpin=\d+ "
                 r"kswapd_wakeup=[1-9]\d* pgsteal_kswapd=[1-9]\d*"]),
        program("reclaim_8_procs_1x_memory_each", "mem=6M swap=hda init=t_reclaim_parallel", 64,
                [r"^t_reclaim_parallel: 8 x \d+ pages verified"]),
        program("reclaim_fork_tree_shares_swapped_pages",
                "mem=8M swap=hda init=t_reclaim_forktree", 32,
                [r"^t_reclaim_forktree: 10 processes verified \d+ pages each"]),
        # 4 MiB of swap for about twice that: the hog must be the one killed,
        # and the kernel's victim line must name the pid the program saw die.
        program("reclaim_oom_kills_largest", "mem=8M swap=hda init=t_reclaim_oom", 4,
                [r"^Out of memory: killed process (\d+) \(t_reclaim_oom\), rss \d+ kB, "
                 r"swap \d+ kB.*\n(?:.*\n)*?t_reclaim_oom: the hog, pid \1, was killed by "
                 r"SIGKILL$",
                 r"^t_reclaim_oom: 2 workers verified their pages; oom_kill=1$"],
                reject=SWAP_TROUBLE + [r"(?s)Out of memory: killed.*Out of memory: killed"]),
    ]
    tests.append({"name": "reclaim_sysctl_swappiness", "append": "init=t_sysctl",
                  "expect": [r"^t_sysctl: ok$", r"^init: exited with status 0$"]})
    tests += [replay(*r) for r in REPLAYS]
    tests.append(replay_global("loop", 72, 45000, 400))
    return tests + on_debug_kernel(tests)
