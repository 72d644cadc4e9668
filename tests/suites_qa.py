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
                     ["scripts/mkext2", "disk", "build/qa-badargs-ext2.img"]],
         "disks": ["build/qa-badargs-swap.img", "build/qa-badargs-ext2.img"],
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
    tests += on_debug_kernel([t for t in tests if t["name"] in (
        "swapoff_outlives_exited_process",)])
    return tests
