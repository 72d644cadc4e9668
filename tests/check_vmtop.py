#!/usr/bin/env python3
"""Check vmtop's frames in the log of tests/data/vmtop.sh (`hog 56M vmtop -b -n 3`:
the hog swapping in 16 MiB while vmtop runs; `vmtop -n 2 -d 0.5`; a bad option).

  tests/check_vmtop.py LOG

  batch        three frames, no escape sequences, each with its lines in
               their formats; Swap used is total - free; the area line is
               hda's; processes sorted busiest first (MAJFLT/s, MINFLT/s);
               the hog listed; swap traffic (si or so) and a swapped-out
               hog in a later frame; kswapd's state a known word
  interactive  two frames redrawn in place: ESC [ H ESC [ 2 J first, every
               line ending in ESC [ K, ESC [ J after each frame
  usage        vmtop -x says how to call it and exits 2

Prints "ok N name" / "not ok N name # why". Then, as tests/check_proc.py
does, it breaks the log in the ways of MUTATIONS and fails if a broken
copy is still accepted, so that every check is known to be able to fail.
"""
import re
import sys

sys.path.insert(0, __import__("os").path.dirname(__import__("os").path.abspath(__file__)))
import ktap  # noqa: E402

HEADER = re.compile(r"^vmtop: up (\d+)\.(\d\d) s, every (\d+)\.(\d) s, frame (\d+)(?: +q quits)?$")
MEM = re.compile(r"^Mem: +(\d+)k total +(\d+)k free +(\d+)k active +(\d+)k inactive$")
MEM2 = re.compile(r"^ +(\d+)k swap cache +(\d+)k dirty +(\d+)k writeback$")
SWAP = re.compile(r"^Swap: +(\d+)k total +(\d+)k used +(\d+)k free$")
AREA = re.compile(r"^  (\w+) +partition +(\d+)k size +(\d+)k used  prio (-?\d+)$")
RATES = re.compile(r"^Rates( since boot)?: si (\d+)/s  so (\d+)/s  majflt (\d+)/s  scan (\d+)/s"
                   r"  steal (\d+)/s$")
KSWAPD = re.compile(r"^kswapd0: (running|sleeping|waiting \(I/O or a page lock\))  \(woken "
                    r"(\d+)/s, (\d+) balance runs/s\)  direct reclaim (\d+)/s$")
PROCS = "  PID S    RSS   SWAP MAJFLT/s MINFLT/s COMMAND"
PROC = re.compile(r"^ *(\d+) ([RSDZ]) +(\d+) +(\d+) +(\d+) +(\d+) (\S+)$")


def section(text, command):
    """The output of @command in the shell transcript (up to the next prompt)."""
    m = re.search(r"^\$ %s\n(.*?)(?=^\$ |\Z)" % re.escape(command), text, re.M | re.S)
    return m.group(1) if m else None


def parse_frame(lines):
    """One frame's lines into a dict; raises ValueError naming the bad line."""
    it = iter(lines)

    def want(regex, what):
        line = next(it, None)
        m = regex.match(line) if line is not None else None
        if not m:
            raise ValueError("%s line %r" % (what, line))
        return m

    f = {"header": want(HEADER, "header"), "mem": want(MEM, "Mem:"), "mem2": want(MEM2, "cache"),
         "swap": want(SWAP, "Swap:"), "areas": [], "procs": []}
    line = next(it, None)
    while line is not None and AREA.match(line):
        f["areas"].append(AREA.match(line))
        line = next(it, None)
    m = RATES.match(line or "")
    if not m:
        raise ValueError("Rates line %r" % line)
    f["rates"] = m
    f["kswapd"] = want(KSWAPD, "kswapd0")
    if next(it, None) != "" or next(it, None) != PROCS:
        raise ValueError("no process table header")
    for line in it:
        if line == "":
            continue
        m = PROC.match(line)
        if not m:
            raise ValueError("process line %r" % line)
        f["procs"].append(m)
    return f


def split_frames(out):
    """The frames' lines; the hog's own lines and the shell's note that it ended may
    come in between (they are left out)."""
    frames, cur = [], None
    for line in out.split("\n"):
        if re.match(r"^(hog: |\[\d+ done: )", line):
            continue
        if line.startswith("vmtop: up"):
            cur = []
            frames.append(cur)
        if cur is not None:
            cur.append(line)
    return frames


def check(text):
    results = []

    def ok(name, cond, why=""):
        results.append((name, bool(cond), why))
        return bool(cond)

    batch = section(text, "hog 56M vmtop -b -n 3")
    if not ok("batch ran", batch is not None, "no '$ hog 56M vmtop -b -n 3' in the log"):
        return results
    ok("batch has no escape sequences", "\033" not in batch, repr(batch[:80]))
    frames, parsed = split_frames(batch), []
    ok("batch: three frames numbered 1 2 3", [f[0].split()[-1] for f in frames] == ["1", "2", "3"],
       str([f[0] for f in frames]))
    for i, lines in enumerate(frames, 1):
        try:
            parsed.append(parse_frame(lines))
            ok("batch frame %d parses" % i, True)
        except ValueError as e:
            ok("batch frame %d parses" % i, False, str(e))
    if len(parsed) != 3:
        return results
    for i, f in enumerate(parsed, 1):
        total, used, free = (int(x) for x in f["swap"].groups())
        ok("frame %d: swap used = total - free" % i, used == total - free, f["swap"].group(0))
        ok("frame %d: the area hda, as big as the total" % i, len(f["areas"]) == 1
           and f["areas"][0].group(1) == "hda" and int(f["areas"][0].group(2)) == total,
           str([a.group(0) for a in f["areas"]]))
        keys = [(int(p.group(5)), int(p.group(6))) for p in f["procs"]]
        ok("frame %d: processes busiest first" % i, keys == sorted(keys, reverse=True), str(keys))
        ok("frame %d: the hog is listed" % i, any(p.group(7) == "hog" for p in f["procs"]), "")
    ok("frame 1's rates are since boot, later ones not",
       parsed[0]["rates"].group(1) and not parsed[1]["rates"].group(1)
       and not parsed[2]["rates"].group(1), "")
    moving = [f for f in parsed[1:] if int(f["rates"].group(2)) + int(f["rates"].group(3)) > 0]
    ok("swap traffic in a later frame", moving, "si and so are 0 in frames 2 and 3")
    hog_swap = [int(p.group(4)) for f in parsed[1:] for p in f["procs"] if p.group(7) == "hog"]
    ok("the hog has swap in a later frame", any(s > 0 for s in hog_swap), str(hog_swap))
    uptimes = [int(f["header"].group(1)) * 100 + int(f["header"].group(2)) for f in parsed]
    ok("uptime grows by about a second a frame", all(90 <= b - a <= 1000 for a, b in
                                                     zip(uptimes, uptimes[1:])), str(uptimes))

    inter = section(text, "vmtop -n 2 -d 0.5")
    if ok("interactive ran", inter is not None, "no '$ vmtop -n 2 -d 0.5'"):
        ok("interactive: clears the screen first", inter.startswith("\033[H\033[2J\033[Hvmtop: up"),
           repr(inter[:20]))
        # the hog's own lines and the shell's note that it ended may come in between
        body = [l for l in inter.split("\n")
                if l and not re.match(r"^(\033\[J)?(hog: |\[\d+ done: )", l)]
        ok("interactive: every line ends in ESC [ K, each frame in ESC [ J",
           all(l.endswith("\033[K") or l.endswith("\033[J") for l in body)
           and inter.count("\033[J") == 2, repr(body[-1:]))
        ok("interactive: two frames, every 0.5 s", len(re.findall(
            r"vmtop: up [\d.]+ s, every 0\.5 s, frame [12] +q quits", inter)) == 2, "")
    usage = section(text, "vmtop -x")
    ok("bad option: usage and exit 2", usage is not None and usage.startswith(
        "usage: vmtop [-b] [-n COUNT] [-d SECONDS]\n[exit 2]"), repr(usage))
    return results


MUTATIONS = [
    ("a frame missing", lambda t: re.sub(r"vmtop: up [^\n]*frame 3\n", "", t)),
    ("swap used wrong", lambda t: re.sub(r"(Swap: +\d+k total +)(\d+)k used", r"\g<1>1\2k used", t,
                                         count=1)),
    ("escape in batch", lambda t: t.replace("frame 2\n", "frame 2\033[K\n", 1)),
    ("no swap traffic", lambda t: re.sub(r"si \d+/s  so \d+/s", "si 0/s  so 0/s", t)),
    ("unsorted processes", lambda t: re.sub(r"(COMMAND\n)( *\d+ [RSDZ] .*\n)( *\d+ [RSDZ] .*\n)",
                                            r"\1\3\2", t)),
    ("kswapd state unknown", lambda t: re.sub(r"^kswapd0: \w+", "kswapd0: busy", t, flags=re.M)),
    ("interactive without clear", lambda t: t.replace("\033[H\033[2J", "", 1)),
    ("usage exit 0", lambda t: t.replace("SECONDS]\n[exit 2]", "SECONDS]\n[exit 0]")),
]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[2])
    text = open(sys.argv[1], errors="replace").read().replace("\r", "")
    results = check(text)
    for name, change in MUTATIONS:
        broken = change(text)
        accepted = broken != text and all(r[1] for r in check(broken))
        results.append(("rejects a log with " + name, broken != text and not accepted,
                        "mutation did not apply" if broken == text else "accepted"))
    return ktap.print_results(results)


if __name__ == "__main__":
    sys.exit(main())
