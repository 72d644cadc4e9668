#!/usr/bin/env python3
"""Check an ext2 image after a boot swapped to a file on it: nothing but the
swap file's own data blocks may have been written.

  tests/check_swapfile_image.py BEFORE AFTER SWAPFILE [LOG]

  - the host's e2fsck -fn finds AFTER clean;
  - every block of AFTER outside SWAPFILE's data blocks (as debugfs lists
    them in BEFORE: its indirect blocks are metadata and must not change)
    is byte-identical to BEFORE: every other file, every directory, the
    superblock, descriptors, bitmaps and inode tables;
  - some of SWAPFILE's data blocks did change (the boot really swapped there).

Prints "ok - CHECK" or "not ok - CHECK: why" per check; exit 1 if one failed.
LOG (the boot's log, which run-tests appends) is not read.
"""
import re
import subprocess
import sys


def data_blocks(image, path):
    """The data blocks of @path in @image, from debugfs's stat listing."""
    out = subprocess.run(["debugfs", "-R", "stat " + path, image], capture_output=True,
                         text=True, check=True).stdout
    blocks = set()
    listing = out.split("BLOCKS:", 1)[1] if "BLOCKS:" in out else ""
    for m in re.finditer(r"\((\d+)(?:-(\d+))?\):(\d+)(?:-(\d+))?", listing):
        first, last = int(m.group(3)), int(m.group(4) or m.group(3))
        blocks.update(range(first, last + 1))
    return blocks


def block_size(image):
    out = subprocess.run(["dumpe2fs", "-h", image], capture_output=True, text=True).stdout
    return int(re.search(r"^Block size:\s+(\d+)", out, re.M).group(1))


def main(argv):
    before_path, after_path, swapfile = argv[1:4]
    results = []
    fsck = subprocess.run(["e2fsck", "-fn", after_path], capture_output=True, text=True)
    results.append(("e2fsck -fn is clean", fsck.returncode == 0,
                    fsck.stdout.strip().splitlines()[-1:] if fsck.returncode else ""))
    bs = block_size(before_path)
    swap = data_blocks(before_path, swapfile)
    before, after = open(before_path, "rb").read(), open(after_path, "rb").read()
    changed_other, changed_swap = [], 0
    for b in range(len(before) // bs):
        if before[b * bs:(b + 1) * bs] != after[b * bs:(b + 1) * bs]:
            if b in swap:
                changed_swap += 1
            else:
                changed_other.append(b)
    results.append(("the swap file has %d data blocks" % len(swap), len(swap) > 0, ""))
    results.append(("no block outside the swap file's data changed", not changed_other,
                    "%d changed, first %s" % (len(changed_other), changed_other[:8])))
    results.append(("the swap file was written (%d blocks changed)" % changed_swap,
                    changed_swap > 0, "none changed"))
    failed = 0
    for name, ok, why in results:
        print("ok - %s" % name if ok else "not ok - %s: %s" % (name, why))
        failed += not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
