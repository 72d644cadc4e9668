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
    return tests
