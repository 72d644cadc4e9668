#!/usr/bin/env python3
"""Check a telemetry stream (docs/telemetry.md) recorded from COM2 of a boot.

  tests/check_telemetry.py STREAM [CONSOLE_LOG]   the stream of a whole boot
                                                 (STREAM may be gzipped: .gz)
  tests/check_telemetry.py --empty STREAM [LOG]   nothing was written (telemetry off)

For a whole boot: every line is in the format; it starts with H and ends
with Q; snapshots are numbered 1, 2, 3... and complete (S, Z..., A..., P..., E);
each whole map of a keyframe (the M lines after a K) equals the map that
the changed slots sent before it built (apart from slots that changed
while it was being copied, which the next period's changed slots then
carry); the final map
has as many slots in use as the last snapshot says; and, as no event was
lost, the swap writes, swap reads and major faults in the events add up
to the last snapshot's pswpout (less the writes still in flight), pswpin
and pgmajfault, which equal the kernel's own final stats: line in the
console log (when given).
Prints "ok N name" / "not ok N name # why"; exits 1 if any failed.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "scripts"))
import ktap  # noqa: E402
import telemetry  # noqa: E402


def check_stream(path, console, whole_boot=True):
    """The checks of a stream; without @whole_boot (a run stopped from outside)
    the end and the final stats are not checked."""
    results = []
    with telemetry.open_log(path) as f:
        lines = [l.rstrip("\n") for l in f]
    bad = []
    for i, line in enumerate(lines):
        try:
            telemetry.parse_line(line)
        except (ValueError, IndexError) as e:
            bad.append("line %d: %s" % (i + 1, e))
    results.append(("every_line_in_format", not bad and len(lines) > 10,
                    "; ".join(bad[:3]) or "%d lines" % len(lines)))
    if whole_boot:
        results.append(("starts_with_H_ends_with_Q", lines[:1] and lines[0].startswith("H ")
                         and lines[-1].startswith("Q "), "first %r, last %r"
                         % (lines[:1], lines[-1:])))
    else:  # stopped from outside: the last period may be cut short
        while lines and not lines[-1].startswith(("E ", "M ")):
            lines.pop()

    stream = telemetry.Stream()
    seqs, open_snapshot, problems, map_errors, lost = [], False, [], [], 0
    sums = {"w": 0, "r": 0, "f": 0}
    in_keyframe = False  # the M lines right after a K are every whole map
    pending_maps = []    # [area, slots that differed, S lines seen since]
    compared = 0
    for line in lines:
        tag, t, f = telemetry.parse_line(line)
        if tag == "S":
            if open_snapshot:
                problems.append("S %d before the E of the last one" % f["seq"])
            open_snapshot = True
            seqs.append(f["seq"])
            lost += f["lost"]
            # A slot that changed while its keyframe line was copied is in the
            # changed slots of the period after: by the second S, it is late.
            map_errors += [p for p in pending_maps if p[1] and p[2] >= 1]
            pending_maps = [[a, d, n + 1] for a, d, n in pending_maps if d and n < 1]
        elif tag == "E":
            if not open_snapshot or f["seq"] != seqs[-1]:
                problems.append("E %s out of place" % f.get("seq"))
            open_snapshot = False
        elif tag in ("Z", "A", "P") and not open_snapshot:
            problems.append("%s line outside a snapshot" % tag)
        elif tag == "M":
            m = stream.maps.get(f["type"], [])
            sent = telemetry.expand_runs(f["runs"])
            have = m[f["off"]:f["off"] + f["n"]] if len(m) >= f["off"] + f["n"] else None
            if in_keyframe and have is not None:
                compared += 1
                diff = {f["off"] + i for i, (a, b) in enumerate(zip(have, sent)) if a != b}
                if diff:
                    pending_maps.append([f["type"], diff, 0])
            elif not in_keyframe:
                covered = set(range(f["off"], f["off"] + f["n"]))
                for p in pending_maps:
                    if p[0] == f["type"]:
                        p[1] -= covered
        elif tag in sums:
            sums[tag] += f["n"]
        in_keyframe = tag == "K" or (in_keyframe and tag == "M")
        stream.feed(line)
    map_errors += [p for p in pending_maps if p[1]]  # nothing follows the last maps
    results.append(("snapshots_numbered_and_complete",
                    not problems and seqs == list(range(1, len(seqs) + 1)) and len(seqs) > 3,
                    "; ".join(problems[:3]) or "seq %s..%s" % (seqs[:1], seqs[-1:])))
    if whole_boot:
        results.append(("nothing_lost", lost == 0, "%d events dropped" % lost))
    results.append(("maps_agree_with_slot_events", not map_errors and compared,
                    "; ".join("area %d slots %s" % (p[0], sorted(p[1])[:8]) for p in map_errors[:3])
                    or "lost %d, %d map lines compared" % (lost, compared)))

    snap = stream.snapshot
    if not snap:
        results.append(("has_a_snapshot", False, "no complete snapshot"))
        return results
    s = snap["S"]
    in_use = {typ: sum(1 for v in m if v > 0) for typ, m in stream.maps.items()}
    said = {a["type"]: a["used"] for a in snap["A"]}
    if not whole_boot:
        return results
    results.append(("final_map_matches_used_slots", in_use == said and said,
                    "map %s, last snapshot %s" % (in_use, said)))
    # pswpout counts writes when they start, swap:writepage when they end.
    want = {"w": s["pswpout"] - s["writeback"], "r": s["pswpin"], "f": s["pgmajfault"]}
    results.append(("events_add_up_to_counters", sums == want and sums["w"] > 0,
                    "events %s, counters %s (pswpout less writeback)" % (sums, want)))
    if not console:
        return results
    stats = re.findall(r"^stats: .*pgmajfault=(\d+) pswpin=(\d+) pswpout=(\d+)",
                       open(console, errors="replace").read(), re.M)
    final = tuple(map(int, stats[-1])) if stats else None
    results.append(("last_snapshot_is_the_final_stats",
                    final == (s["pgmajfault"], s["pswpin"], s["pswpout"]),
                    "stats: %s, snapshot %s" % (final, (s["pgmajfault"], s["pswpin"],
                                                        s["pswpout"]))))
    return results


def main():
    args = sys.argv[1:]
    if args[:1] == ["--empty"]:
        size = os.path.getsize(args[1]) if os.path.exists(args[1]) else -1
        return ktap.print_results([("no_telemetry_when_not_asked", size == 0,
                                    "%d bytes on COM2" % size)])
    if not args:
        sys.exit(__doc__)
    return ktap.print_results(check_stream(args[0], args[1] if len(args) > 1 else None))


if __name__ == "__main__":
    sys.exit(main())
