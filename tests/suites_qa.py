"""Adversarial boots (the qa helper): programs that use only the Linux
system-call ABI and check what Linux would answer, and scenarios that
attack the swap, mount and fault paths at once. See tests/suites.py for the
keys."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from suites import on_debug_kernel  # noqa: E402

REJECT = [r"BUG at", r"Oops", r"WARNING at", r"Kernel panic"]


def mk(kind, path, *args):
    return ["scripts/mkdisk", kind, path] + list(args)


def user_tests(stress=False):
    tests = [
        # Bad pointers, lengths, flags and paths to the swap, mount, memory
        # and file calls: Linux's errno each time, nothing changed.
        {"name": "badargs_linux_errnos", "mem": "32M", "timeout": 120,
         "append": "init=t_badargs",
         "prepare": [mk("swap", "build/qa-badargs-swap.img", "8"),
                     ["scripts/mkext2", "disk", "build/qa-badargs-ext2.img"],
                     ["tests/qa-mkbadswap", "build/qa-badargs-badswap.img"]],
         "disks": ["build/qa-badargs-swap.img", "build/qa-badargs-ext2.img",
                   "build/qa-badargs-badswap.img"],
         "expect": [r"^t_badargs: \d+ checks, 0 failed$", r"^t_badargs: ok$",
                    r"^init: exited with status 0$"],
         "reject": REJECT},
    ]
    # A process exits and is reaped while swapoff walks its address space;
    # then swapoff meets its slot whose read fails (blkdebug: slot 21).
    tests.append(
        {"name": "swapoff_outlives_exited_process", "mem": "32M", "timeout": 120,
         "append": "swap=hda init=t_swapoff_exit",
         "prepare": [mk("swap", "build/qa-swapoff-exit.img", "16")],
         "qemu": ["-drive", "file=blkdebug:tests/data/blkdebug-swap-read-slot21.conf:"
                  "build/qa-swapoff-exit.img,format=raw,if=ide,index=0"],
         "expect": [r"^-\[0\]: swap read error at [0-9a-f]{8} \(hda slot 21\): page lost",
                    r"^t_swapoff_exit: victim killed and reaped with \d+ kB still in swap$",
                    r"^t_swapoff_exit: ok$", r"^init: exited with status 0$"],
         "reject": REJECT})
    # munmap, MAP_FIXED, brk, madvise, mlock, read/write, fork and execve at
    # the edges of swapped-out memory (hdb: any disk to read from).
    tests.append(
        {"name": "vm_edges_of_swapped_memory", "mem": "32M", "timeout": 120,
         "append": "swap=hda vmcheck=2 init=t_vmedge",
         "prepare": [mk("swap", "build/qa-vmedge-swap.img", "16"),
                     mk("swap", "build/qa-vmedge-data.img", "1")],
         "disks": ["build/qa-vmedge-swap.img", "build/qa-vmedge-data.img"],
         "expect": [r"^t_vmedge: this line was written from two swapped-out pages$",
                    r"^t_vmedge: ok$", r"^init: exited with status 0$"],
         "reject": REJECT})
    # mprotect: Linux's errnos; rights taken from and given back to swapped,
    # resident, copy-on-write and PROT_NONE pages (swapoff included).
    tests.append(
        {"name": "mprotect_swapped_and_shared_pages", "mem": "32M", "timeout": 120,
         "append": "swap=hda vmcheck=2 init=t_mprotect",
         "prepare": [mk("swap", "build/qa-mprotect-swap.img", "16")],
         "disks": ["build/qa-mprotect-swap.img"],
         "expect": [r"^t_mprotect: ok$", r"^init: exited with status 0$"],
         "reject": REJECT})
    # A process unmaps, maps over, drops, protects, locks and forks its
    # swapped-out chunks while swapoff walks its page tables.
    tests.append(
        {"name": "swapoff_races_address_space_changes", "mem": "32M", "timeout": 180,
         "append": "swap=hda ata=pio vmcheck=2 init=t_swapoff_race",
         "prepare": [mk("swap", "build/qa-swapoff-race.img", "16")],
         "disks": ["build/qa-swapoff-race.img"],
         "expect": [r"^t_swapoff_race: round 2: swapoff under \d+ changes",
                    r"^t_swapoff_race: ok$", r"^init: exited with status 0$"],
         "reject": REJECT})
    # The calls nolibc and musl make (clone as fork, wait4, vfork, readv,
    # writev, exit_group) by int 0x80, on swapped-out buffers and stacks.
    tests.append(
        {"name": "linux_libc_calls_on_swapped_memory", "mem": "32M", "timeout": 120,
         "append": "swap=hda vmcheck=2 init=t_linuxabi",
         "prepare": [mk("swap", "build/qa-linuxabi-swap.img", "8")],
         "disks": ["build/qa-linuxabi-swap.img"],
         "expect": [r"^t_linuxabi: writev from swapped-out segments$",
                    r"^t_linuxabi: ok$", r"^init: exited with status 0$"],
         "reject": REJECT})
    # Pipes between processes whose buffers are swapped out as data flows.
    tests.append(
        {"name": "pipes_between_swapped_buffers", "mem": "32M", "timeout": 120,
         "append": "swap=hda vmcheck=2 init=t_pipe",
         "prepare": [mk("swap", "build/qa-pipe-swap.img", "8")],
         "disks": ["build/qa-pipe-swap.img"],
         "expect": [r"^t_pipe: ok$", r"^init: exited with status 0$"],
         "reject": REJECT})
    # The kernel's copy in write() and read() meets a page whose swap read
    # fails (blkdebug: slot 21): EFAULT, no signal; the program's own touch: SIGBUS.
    tests.append(
        {"name": "syscall_copy_meets_swap_read_error", "mem": "32M", "timeout": 120,
         "append": "swap=hda vmcheck=2 init=t_swap_eio",
         "prepare": [mk("swap", "build/qa-swap-eio.img", "8")],
         "qemu": ["-drive", "file=blkdebug:tests/data/blkdebug-swap-read-slot21.conf:"
                  "build/qa-swap-eio.img,format=raw,if=ide,index=0"],
         "expect": [r"swap read error at [0-9a-f]{8} \(hda slot 21\): page lost",
                    r"^t_swap_eio: ok$", r"^init: exited with status 0$"],
         "reject": REJECT})
    # Thread-local storage as musl and glibc set it up before main.
    tests.append(
        {"name": "tls_segments_set_thread_area", "mem": "32M", "timeout": 120,
         "append": "swap=hda vmcheck=2 init=t_tls",
         "prepare": [mk("swap", "build/qa-tls-swap.img", "8")],
         "disks": ["build/qa-tls-swap.img"],
         "expect": [r"^t_tls: ok$", r"^init: exited with status 0$"],
         "reject": REJECT})
    # Each process keeps its own x87 and SSE registers.
    tests.append(
        {"name": "fpu_registers_per_process", "mem": "32M", "timeout": 120,
         "append": "init=t_fpu",
         "expect": [r"^t_fpu: ok$", r"^init: exited with status 0$"],
         "reject": REJECT})
    # An ordinary static glibc program (tests/linux): TLS, the auxiliary
    # vector, SSE, clone, wait4, pipe2; four children summing doubles in
    # 2.5 x RAM while it swaps.
    tests.append(
        {"name": "glibc_program_swapping", "mem": "16M", "timeout": 120,
         "append": "swap=hda vmcheck=2 init=glibc_swap",
         "prepare": [mk("swap", "build/qa-glibc-swap.img", "32")],
         "disks": ["build/qa-glibc-swap.img"], "modules": ["build/linux/glibc_swap"],
         "expect": [r"^glibc_swap: 4 sums of \d+ doubles exact while swapping$",
                    r"^glibc_swap: ok$", r"^init: exited with status 0$"],
         "reject": REJECT})
    tests.append(
        {"name": "glibc_program_calls", "mem": "32M", "timeout": 120,
         "append": "init=glibc_calls", "modules": ["build/linux/glibc_calls"],
         "expect": [r"^glibc_calls: ok$", r"^init: exited with status 0$"],
         "reject": REJECT + [r"FAILED"]})
    # Memory that reclaim cannot provide: mlock of twice the RAM, a fork
    # bomb, three hogs that cannot all fit; on 16 MiB and on 4 MiB.
    for mode in ("mlock", "forkbomb", "swapfull"):
        for mem in ("16M", "4M"):
            img = "build/qa-oom-%s-%s.img" % (mode, mem)
            tests.append(
                {"name": "oom_%s_%s" % (mode, mem), "mem": "32M" if mem == "4M" else mem,
                 "timeout": 120, "append": "%sswap=hda vmcheck=2 init=t_oom -- %s"
                 % ("mem=4M " if mem == "4M" else "", mode),
                 "prepare": [mk("swap", img, "16")], "disks": [img],
                 "expect": [r"^t_oom: %s ok$" % mode, r"^init: exited with status 0$"],
                 "reject": REJECT})
    tests += on_debug_kernel([t for t in tests if t["name"] in (
        "swapoff_outlives_exited_process", "oom_forkbomb_4M", "oom_mlock_16M",
        "vm_edges_of_swapped_memory", "mprotect_swapped_and_shared_pages",
        "swapoff_races_address_space_changes", "linux_libc_calls_on_swapped_memory",
        "pipes_between_swapped_buffers", "syscall_copy_meets_swap_read_error",
        "tls_segments_set_thread_area", "fpu_registers_per_process", "glibc_program_swapping",
        "glibc_program_calls")])
    if stress:
        tests += stress_tests()
    return tests


def storm(name, seconds, workers, mem="16M", append="", qemu=None, lossy=False, disks=True):
    """t_storm on make run's disk (hda1 swap, hda2 ext2 with /swapfile) and a
    16 MiB whole-disk area hdb: the file and hdb are turned off and on under
    processes killed in swap-in and exiting during writeback."""
    img = ["build/%s-hda.img" % name, "build/%s-hdb.img" % name]
    t = {"name": name, "mem": mem, "timeout": seconds + 240,
         "append": "swap=hda1 mount=/dev/hda2:/mnt vmcheck=2 %s init=t_storm -- %d %d %s"
                   "/mnt/swapfile /dev/hdb" % (append, seconds, workers,
                                               "lossy " if lossy else ""),
         "prepare": [mk("default", img[0]), mk("swap", img[1], "16")],
         "expect": [r"^t_storm: \d+ s, pswpout=[1-9]\d* pswpin=[1-9]\d*, \d+ workload runs, "
                    r"errors=0, lost=\d+, swapoff cycles=[1-9]\d* failed=0, "
                    r"vmcheck runs=[1-9]\d* problems=0$", r"^t_storm: ok$"],
         "reject": REJECT}
    if disks:
        t["disks"] = img
    if qemu:
        t["qemu"] = qemu
    return t


def faulty_storm(name, seed, seconds, workers, append=""):
    """t_storm with random read and write errors on both disks (tests/blkdebug-rules)."""
    t = storm(name, seconds, workers, append=append, lossy=True, disks=False)
    img = ["build/%s-hda.img" % name, "build/%s-hdb.img" % name]
    rules = ["build/%s-hd%s.rules" % (name, d) for d in "ab"]
    t["prepare"] += [["tests/blkdebug-rules", rules[i], str(seed + i), "--write", "12",
                      "--read", "12"] for i in range(2)]
    t["qemu"] = sum((["-drive", "file=blkdebug:%s:%s,format=raw,if=ide,index=%d"
                      % (rules[i], img[i], i)] for i in range(2)), [])
    return t


def stress_tests():
    return [storm("stress_storm", 120, 4), storm("stress_storm_pio", 120, 6, append="ata=pio"),
            faulty_storm("stress_storm_faults", 21, 90, 5),
            faulty_storm("stress_storm_faults_pio", 23, 90, 5, append="ata=pio")] + \
        on_debug_kernel([storm("stress_storm", 120, 4)])
