#!/usr/bin/env python3
"""Check the trace events of a boot log against each other and the kernel's counters.

  tests/check_trace.py LOG

For a boot with trace=swap,vmscan,ata,fault that ends with the kernel's
"stats: init exited: ..." line (docs/trace-events.md has the formats):

  - every swap:writepage is one pswpout, every swap:read one pswpin, every
    fault:major one pgmajfault;
  - a writepage's sector is its slot's first sector (offset * 8), and the
    pages of its ATA command fit the queue limit (1..256, a swap cluster);
  - the disk wrote exactly the sectors of the swap writes (ata:cmd), and
    read at least those of the swap reads;
  - a slot is written only after it entered the swap cache.

Prints "ok N name" / "not ok N name # why" lines; exits 1 if any failed.
"""
import re
import sys

EVENT = re.compile(r"^trace: (\d+)\.(\d{6}) (\w+):(\w+)((?: \w+=\S+)*)$")


def events(lines):
    for line in lines:
        m = EVENT.match(line)
        if m:
            fields = dict(kv.split("=", 1) for kv in m.group(5).split())
            yield "%s:%s" % (m.group(3), m.group(4)), fields


def main(path):
    lines = open(path, errors="replace").read().replace("\r", "").splitlines()
    evs = list(events(lines))
    stats = {}
    for line in lines:
        if line.startswith("stats: init exited:"):
            stats = dict(kv.split("=", 1) for kv in line.split() if "=" in kv)
    by = {}
    for name, f in evs:
        by.setdefault(name, []).append(f)
    checks = []

    def check(name, ok, why=""):
        checks.append((name, ok, why))

    def count(name):
        return len(by.get(name, []))

    check("stats_line_present", bool(stats), "no 'stats: init exited:' line")
    for event, counter in (("swap:writepage", "pswpout"), ("swap:read", "pswpin"),
                           ("fault:major", "pgmajfault")):
        want = int(stats.get(counter, -1))
        check("%s_equals_%s" % (event.split(":")[1], counter), count(event) == want,
              "%d events, %s=%d" % (count(event), counter, want))
    bad = [f for f in by.get("swap:writepage", [])
           if int(f["sector"]) != 8 * int(f["entry"].split(":")[1])
           or not 1 <= int(f["pages"]) <= 256]  # up to a swap cluster per command
    check("writepage_sector_and_pages", not bad, "first bad: %s" % (bad[:1],))
    disk_w = sum(int(f["sectors"]) for f in by.get("ata:cmd", [])
                 if f["dev"] == "hda" and f["dir"] == "write")
    disk_r = sum(int(f["sectors"]) for f in by.get("ata:cmd", [])
                 if f["dev"] == "hda" and f["dir"] == "read")
    check("ata_write_sectors_match_swap_writes", disk_w == 8 * count("swap:writepage"),
          "%d sectors written, %d pages" % (disk_w, count("swap:writepage")))
    check("ata_read_sectors_cover_swap_reads", disk_r >= 8 * count("swap:read"),
          "%d sectors read, %d pages" % (disk_r, count("swap:read")))
    cached, late = set(), []
    for name, f in evs:
        if name == "swap:add_to_cache":
            cached.add(f["entry"])
        elif name == "swap:writepage" and f["entry"] not in cached:
            late.append(f["entry"])
    check("written_slots_were_cached_first", not late, "e.g. %s" % late[:3])
    failed = 0
    for i, (name, ok, why) in enumerate(checks, 1):
        print("%s %d %s%s" % ("ok" if ok else "not ok", i, name, "" if ok else " # " + why))
        failed += not ok
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
