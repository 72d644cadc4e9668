"""Boots for /proc and the shell tools (free, vmstat, ps, swapmap); see
tests/suites.py for the keys. user/t_proc puts the files and the tools'
output on the console and tests/check_proc.py (the "check" key) parses
them as their Linux formats and checks that the numbers move. Each boot
has its own disk images, so they can run in parallel with the others."""

SWAP64_FILES = "build/proc-files-swap64.img"
SWAP64_TOOLS = "build/proc-tools-swap64.img"
SWAP16_TWO = "build/proc-two-swap16.img"
SWAP64_TWO = "build/proc-two-swap64.img"


def mk(path, mib):
    return ["scripts/mkdisk", "swap", path, str(mib)]


def user_tests(stress=False):
    done = [r"^t_proc: ok$", r"^init: exited with status 0$"]
    return [
        # before/during/after `hog 24M` in 13 MiB of RAM with 64 MiB of swap
        {"name": "proc_files_around_hog", "mem": "24M", "timeout": 60,
         "append": "mem=16M swap=hda init=t_proc -- files",
         "prepare": [mk(SWAP64_FILES, 64)], "disks": [SWAP64_FILES],
         "expect": done + [r"^hog: 24M ok$"], "check": ["tests/check_proc.py", "files"]},
        # ps, free, free -m, vmstat 1 2, swapmap with 2 MiB of t_proc paged out
        {"name": "proc_tools", "mem": "24M", "timeout": 60,
         "append": "mem=16M swap=hda init=t_proc -- tools",
         "prepare": [mk(SWAP64_TOOLS, 64)], "disks": [SWAP64_TOOLS],
         "expect": done, "check": ["tests/check_proc.py", "tools"]},
        # two areas: /proc/swapmap (20 KiB, grown past the first buffer) lists both
        {"name": "proc_swapmap_two_areas", "mem": "32M",
         "append": "swap=hda,hdb init=cat -- /proc/swaps /proc/swapmap",
         "prepare": [mk(SWAP16_TWO, 16), mk(SWAP64_TWO, 64)], "disks": [SWAP16_TWO, SWAP64_TWO],
         "expect": [r"^/dev/hda\s+partition\t16380\t\t0\t\t-1$",
                    r"^/dev/hdb\s+partition\t65532\t\t0\t\t-2$",
                    r"^hda 4096 256 free_clusters=15 current=0\nH\.{63}\n(\.{64}\n){63}"
                    r"hdb 16384 256 free_clusters=63 current=0\nH\.{63}\n(\.{64}\n){255}"
                    r"init: exited with status 0$"]},
        # without swap: free's Swap: row is zeros, swapmap says there is no such area
        {"name": "tool_free_without_swap", "append": "init=free",
         "expect": [r"^Mem:\s+\d+\s+\d+\s+\d+\s+0\s+0\s+\d+$", r"^Swap:\s+0\s+0\s+0$",
                    r"^init: exited with status 0$"]},
        {"name": "tool_swapmap_without_swap", "append": "init=swapmap -- hda",
         "expect_exit": 1,
         "expect": [r"^swapmap: hda is not an active swap area \(see /proc/swaps\)$",
                    r"^init: exited with status 1$"]},
    ]
