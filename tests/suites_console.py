"""The console as people and scripts use it: make run-nox with
piped input, the shell's line editor, typed-ahead input, make run's exit
statuses and curses display, make debug's port (tests/check_console.py,
which boots make run's ISO on a disk of its own); vmtop's frames while a
hog swaps (tests/check_vmtop.py)."""

VMTOP_DISK = "build/console-vmtop.img"


def user_tests(stress=False):
    return [
        {"name": "vmtop_while_hog_swaps", "mem": "24M", "timeout": 90,
         "append": "mem=16M swap=hda -- sh vmtop.sh",
         "modules": ["tests/data/vmtop.sh=vmtop.sh"],
         "prepare": [["scripts/mkdisk", "swap", VMTOP_DISK, "96"]], "disks": [VMTOP_DISK],
         "expect": [r"^hog: 56M ok$", r"^init: exited with status 0$"],
         "check": ["tests/check_vmtop.py"]},
    ]


def host_checks():
    return [{"name": "console_make_run_and_debug", "cmd": ["tests/check_console.py"]}]
