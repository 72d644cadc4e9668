"""Boots for the swap subsystem: the swap headers, swapping out and in,
swap I/O errors injected with QEMU blkdebug, swapoff under load, the README
session and the system-call fuzzer with swap on; see tests/suites.py for the
keys. Disk images are made by `prepare` steps with
the host's real mkswap/sfdisk (scripts/mkdisk, scripts/mkswapdisk)."""

SWAP16 = "build/swap16.img"
SWAP64 = "build/swap64.img"
HDRS = "build/swaphdrs.img"

from suites import on_debug_kernel  # noqa: E402


def mk(kind, path, *args):
    return ["scripts/mkdisk", kind, path] + list(args)


def blkdebug(rules, image, index=0):
    return ["-drive", "file=blkdebug:%s:%s,format=raw,if=ide,index=%d" % (rules, image, index)]


def fault_soak(name, seed, seconds, workers, write=0, read=0, hda_faults=True):
    """t_soak on two swap disks behind blkdebug, failing I/O on random slots
    (tests/blkdebug-rules, seeded: a failing run can be repeated) of hdb, the
    area turned off and on, and of hda unless @hda_faults is false; vmcheck
    every 2 seconds. The summary must show no error found by the workloads,
    no failed swapoff or swapon and no vmcheck problem."""
    img = ["build/%s-hd%s.img" % (name, d) for d in "ab"]
    rules = ["build/%s-hd%s.rules" % (name, d) for d in "ab"]
    hda = ["--write", str(write), "--read", str(read)] if hda_faults else []
    return {
        "name": name, "mem": "16M", "timeout": seconds + 240,
        "append": "swap=hda vmcheck=2 init=t_soak -- %d %d" % (seconds, workers),
        "prepare": [mk("swap", img[0], "64"), mk("swap", img[1], "16"),
                    ["tests/blkdebug-rules", rules[0], str(seed)] + hda,
                    ["tests/blkdebug-rules", rules[1], str(seed + 1), "--write", str(write),
                     "--read", str(read)]],
        "qemu": blkdebug(rules[0], img[0]) + blkdebug(rules[1], img[1], 1),
        "expect": [r"^t_soak: \d+ s, pswpout=[1-9]\d* pswpin=[1-9]\d*, \d+ workload runs, "
                   r"errors=0, lost=\d+, swapoff cycles=[1-9]\d* failed=0, "
                   r"vmcheck runs=[1-9]\d* problems=0$", r"^t_soak: ok$"],
        "reject": [r"BUG at", r"Oops", r"WARNING at", r"Kernel panic"]}


def kernel_boots(stress=False):
    boots = [
        {"name": "swap_headers", "append": "test=swap_headers",
         "prepare": [["scripts/mkswapdisk", HDRS], mk("swap", SWAP16, "16")],
         "disks": [SWAP16, HDRS]},
        {"name": "swap", "append": "test=swap", "mem": "32M",
         "prepare": [["scripts/mkswapdisk", HDRS + ".2"], mk("swap", SWAP16 + ".2", "16")],
         "disks": [SWAP16 + ".2", HDRS + ".2"], "timeout": 120},
        # hda fails every read of slot 21, hdb every write of slot 11.
        {"name": "swap_io_errors", "append": "test=swap_io_errors", "mem": "32M",
         "prepare": [mk("swap", "build/swap-ioerr-r.img", "16"),
                     mk("swap", "build/swap-ioerr-w.img", "16")],
         "qemu": blkdebug("tests/data/blkdebug-swap-read-slot21.conf", "build/swap-ioerr-r.img")
         + blkdebug("tests/data/blkdebug-swap-write-slot11.conf", "build/swap-ioerr-w.img", 1)},
    ]
    return boots + on_debug_kernel(boots)


def user_tests(stress=False):
    tests = [
        {"name": "readme_session", "mem": "64M", "timeout": 120,
         "append": "swap=hda1 -- sh session",  # as make run: init runs the shell
         "modules": ["tests/data/session.sh=session"],
         "prepare": [mk("default", "build/session-disk.img")],
         "disks": ["build/session-disk.img"],
         "expect": [r"^\$ free$", r"^Mem: +\d+ +\d+ +\d+", r"^/dev/hda1 +partition\t98300",
                    r"^\$ hog 128M &$", r"^hog: 128M ok$", r"^ r  b   swpd   free",
                    r"^hda1: 24576 slots, 64 to a line", r"^  PID  PPID STAT    RSS   SWAP MAJFLT COMMAND$",
                    r"^init: exited with status 0$"]},
        {"name": "swap_pageout_4x_memory", "mem": "24M", "timeout": 180,
         "append": "mem=16M swap=hda init=t_swap_pageout -- 4",
         "prepare": [mk("swap", SWAP64, "64")], "disks": [SWAP64],
         "expect": [r"^t_swap_pageout: \d+ MiB verified", r"^t_swap_pageout: ok$",
                    r"^init: exited with status 0$"]},
        {"name": "swap_write_error_blkdebug", "mem": "32M",
         "append": "swap=hda init=t_swap_errors -- write",
         "prepare": [mk("swap", "build/swap-werr.img", "16")],
         "qemu": blkdebug("tests/data/blkdebug-swap-write-slot11.conf", "build/swap-werr.img"),
         "expect": [r"hda: write error at LBA 88 \(WRITE MULTIPLE\): status 0x41 <DRDY ERR> "
                    r"error 0x04 <ABRT>", r"^Write-error on swap-device \(hda:11\)$",
                    r"slot 11 of hda marked bad", r"^t_swap_errors: ok$"]},
        {"name": "swap_read_error_blkdebug", "mem": "32M",
         "append": "swap=hda init=t_swap_errors -- read",
         "prepare": [mk("swap", "build/swap-rerr.img", "16")],
         "qemu": blkdebug("tests/data/blkdebug-swap-read-slot21.conf", "build/swap-rerr.img"),
         "expect": [r"^Read-error on swap-device \(hda:21\)$",
                    r"swap read error at .* \(hda slot 21\): page lost, SIGBUS when touched",
                    r"^t_swap_errors: the child that lost a page was killed by SIGBUS$",
                    r"^t_swap_errors: ok$"]},
        {"name": "swap_readahead_error_then_reclaim", "mem": "16M",
         "append": "swap=hda init=t_swap_errors -- readahead",
         "prepare": [mk("swap", "build/swap-raerr.img", "64")],
         "qemu": blkdebug("tests/data/blkdebug-swap-read-slot21.conf", "build/swap-raerr.img"),
         "expect": [r"^Read-error on swap-device \(hda:21\)$",
                    r"^t_swap_errors: the page readahead could not read was never mapped: SIGBUS$",
                    r"^t_swap_errors: ok$"]},
        # hdb is turned off and on under 3x RAM of load; hda has room for it all.
        {"name": "swapoff_churn_two_areas", "mem": "16M", "timeout": 180,
         "append": "swap=hda init=t_swapoff_churn -- 8 2",
         "prepare": [mk("swap", "build/churn-hda.img", "64"), mk("swap", "build/churn-hdb.img", "16")],
         "disks": ["build/churn-hda.img", "build/churn-hdb.img"],
         "expect": [r"^t_swapoff_churn: 8 swapoff cycles under load, 0 failed",
                    r"^t_swapoff_churn: worker 0 verified", r"^t_swapoff_churn: worker 1 verified",
                    r"^t_swapoff_churn: ok$"],
         "reject": [r"BUG at", r"Oops", r"WARNING at", r"has no owner"]},
    ]
    tests.append(
        {"name": "syscall_fuzz", "mem": "32M", "timeout": 120,
         "append": "swap=hda init=t_sysfuzz -- 50000 1",
         "prepare": [mk("swap", "build/swap-fuzz.img", "16")], "disks": ["build/swap-fuzz.img"],
         "expect": [r"^t_sysfuzz: 50000 random calls in \d+ children", r"^t_sysfuzz: ok$"],
         "reject": [r"BUG at", r"Oops", r"WARNING at"]})
    # The README session checks documentation, not the VM: not worth a debug boot.
    tests += on_debug_kernel([t for t in tests if t["name"] != "readme_session"])
    if stress:
        # The fault matrix, then the soak: write errors, read errors (readahead
        # neighbours included), read errors on the area being swapped off, all.
        tests += [
            fault_soak("stress_faults_write_errors", 11, 60, 4, write=16),
            fault_soak("stress_faults_read_errors", 12, 60, 4, read=12),
            fault_soak("stress_faults_read_errors_in_swapoff", 13, 60, 4, read=16,
                       hda_faults=False),
            fault_soak("stress_soak", 14, 240, 6, write=8, read=8),
        ]
        tests += [
            {"name": "stress_syscall_fuzz", "mem": "32M", "timeout": 600,
             "append": "swap=hda init=t_sysfuzz -- 2000000 7",
             "prepare": [mk("swap", "build/swap-fuzz2.img", "16")],
             "disks": ["build/swap-fuzz2.img"], "expect": [r"^t_sysfuzz: ok$"],
             "reject": [r"BUG at", r"Oops", r"WARNING at"]},
            {"name": "stress_pageout_8x_memory", "mem": "24M", "timeout": 600,
             "append": "mem=16M swap=hda init=t_swap_pageout -- 8",
             "prepare": [mk("swap", "build/swap160.img", "160")], "disks": ["build/swap160.img"],
             "expect": [r"^t_swap_pageout: ok$"]},
            {"name": "stress_hog_3x_memory_twice", "mem": "32M", "timeout": 600,
             "append": "swap=hda init=sh -- -c hog 90M",
             "prepare": [mk("swap", "build/swap128.img", "128")], "disks": ["build/swap128.img"],
             "expect": [r"^hog: 90M ok$"]},
        ]
    return tests
