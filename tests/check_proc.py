#!/usr/bin/env python3
"""Check what user/t_proc put on the console: the /proc files parse as their
Linux formats (proc(5)) and their numbers move as a swapping workload makes
them move; the shell tools print the shapes they promise.

  tests/check_proc.py files|tools LOG

  files  before/during/after a `hog` bigger than RAM: every file parses
         (/proc/PID/stat as Linux's 52 fields, the fault counts there and
         not in status); pswpout, pgmajfault, the hog's stat majflt, the
         scan and steal counters grow; SwapFree
         drops while the hog runs and comes back when it has exited;
         /proc/swaps, /proc/swapmap and the block counters agree.
  tools  ps, free, free -m, vmstat 1 2, swapmap hda (and a bad device)
         while t_proc has 2 MiB of its own memory paged out.

Prints "ok - CHECK" or "not ok - CHECK: why" per check and exits 1 if one
failed. Then, so that every check is known to be able to fail, it breaks
the (passing) log in the ways listed in MUTATIONS and fails if any broken
copy is still accepted. run-tests calls it through the "check" key of an
entry in tests/suites_proc.py.
"""
import re
import sys

FRAME = re.compile(r"^t_proc: ==> (\w+) (\S+) <==$")
TOOL = re.compile(r"^t_proc: \$ (.*)$")
TOOL_EXIT = re.compile(r"^t_proc: \[exit (\d+)\]$")

MEMINFO_KEYS = ["MemTotal", "MemFree", "MemAvailable", "Buffers", "Cached", "SwapCached",
                "Active", "Inactive", "SwapTotal", "SwapFree", "Dirty", "Writeback"]
VMSTAT_KEYS = ["nr_free_pages", "nr_writeback", "pgpgin", "pgpgout", "pgfault", "pgmajfault", "pswpin",
               "pswpout", "pgscan_kswapd", "pgscan_direct", "pgsteal", "pgactivate",
               "pgdeactivate", "allocstall", "kswapd_wakeup"]
STATUS_KEYS = ["Name", "State", "Pid", "PPid", "VmRSS", "VmSwap"]
STAT_FIELDS = 52  # /proc/PID/stat in Linux 5.x (proc(5))
SWAPS_HEADER = "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority"
PS_HEADER = "  PID  PPID STAT    RSS   SWAP MAJFLT COMMAND"
FREE_HEADER = "               total        used        free      shared  buff/cache   available"
VMSTAT_HEADER = ["procs -----------memory---------- ---swap-- -----io---- -system--",
                 " r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs"]
SWAPMAP_CHARS = re.compile(r"^[.1-9+XH]+$")


class BadFormat(Exception):
    pass


def split_log(text):
    """Frames {(phase, path): [lines]} and tool runs {command: ([lines], exit)}."""
    frames, tools, cur, lines = {}, {}, None, []
    for line in text.splitlines():
        if cur is None:
            m, t = FRAME.match(line), TOOL.match(line)
            if m:
                cur, lines = ("frame", (m.group(1), m.group(2))), []
            elif t:
                cur, lines = ("tool", t.group(1)), []
            continue
        if cur[0] == "frame" and line == "t_proc: <==":
            frames[cur[1]] = lines
            cur = None
        elif cur[0] == "tool" and TOOL_EXIT.match(line):
            tools[cur[1]] = (lines, int(TOOL_EXIT.match(line).group(1)))
            cur = None
        else:
            lines.append(line)
    return frames, tools


# --- the Linux formats ----------------------------------------------------------------------

def parse_meminfo(lines):
    """"Key:   N kB" lines (Documentation/filesystems/proc.rst)."""
    out = {}
    for l in lines:
        m = re.match(r"^([A-Za-z][A-Za-z0-9_()]*):\s+(\d+) kB$", l)
        if not m:
            raise BadFormat("meminfo line %r" % l)
        if m.group(1) in out:
            raise BadFormat("meminfo key %s twice" % m.group(1))
        out[m.group(1)] = int(m.group(2))
    missing = [k for k in MEMINFO_KEYS if k not in out]
    if missing:
        raise BadFormat("meminfo lacks " + ", ".join(missing))
    if out["MemFree"] > out["MemTotal"] or out["SwapFree"] > out["SwapTotal"]:
        raise BadFormat("meminfo free above total")
    if out["Active"] + out["Inactive"] > out["MemTotal"]:
        raise BadFormat("meminfo Active + Inactive above MemTotal")
    return out


def parse_vmstat(lines):
    """"name value" lines."""
    out = {}
    for l in lines:
        m = re.match(r"^([a-z][a-z0-9_]*) (\d+)$", l)
        if not m or m.group(1) in out:
            raise BadFormat("vmstat line %r" % l)
        out[m.group(1)] = int(m.group(2))
    missing = [k for k in VMSTAT_KEYS if k not in out]
    if missing:
        raise BadFormat("vmstat lacks " + ", ".join(missing))
    return out


def parse_swaps(lines):
    """The header, then "/dev/NAME partition SIZE USED PRIO" rows (kB)."""
    if not lines or lines[0] != SWAPS_HEADER:
        raise BadFormat("swaps header %r" % (lines[:1],))
    rows = {}
    for l in lines[1:]:
        m = re.match(r"^(/dev/\S+)\s+(partition|file)\t(\d+)\t\t(\d+)\t\t(-?\d+)$", l)
        if not m:
            raise BadFormat("swaps row %r" % l)
        rows[m.group(1)] = {"size": int(m.group(3)), "used": int(m.group(4)),
                            "prio": int(m.group(5))}
    return rows


def parse_stat(lines):
    """intr TOTAL PER-IRQ..., ctxt, processes, procs_running, procs_blocked."""
    out = {}
    for l in lines:
        f = l.split()
        if not f or not all(x.isdigit() for x in f[1:]) or len(f) < 2 or f[0] in out:
            raise BadFormat("stat line %r" % l)
        out[f[0]] = [int(x) for x in f[1:]]
    for k in ["intr", "ctxt", "processes", "procs_running", "procs_blocked"]:
        if k not in out:
            raise BadFormat("stat lacks " + k)
        if k != "intr" and len(out[k]) != 1:
            raise BadFormat("stat %s has more than one number" % k)
    if len(out["intr"]) < 2 or out["intr"][0] != sum(out["intr"][1:]):
        raise BadFormat("stat intr total is not the sum of the per-IRQ counts")
    if out["procs_running"][0] < 1:
        raise BadFormat("stat procs_running does not count the reader")
    return {k: v[0] for k, v in out.items()}


def parse_uptime(lines):
    m = re.match(r"^(\d+\.\d\d) (\d+\.\d\d)$", lines[0]) if len(lines) == 1 else None
    if not m or float(m.group(2)) > float(m.group(1)) + 0.01:
        raise BadFormat("uptime %r" % lines)
    return float(m.group(1))


def parse_buddyinfo(lines):
    for l in lines:
        if not re.match(r"^Node 0, zone\s+\w+(\s+\d+){11}$", l):
            raise BadFormat("buddyinfo line %r" % l)
    if not lines:
        raise BadFormat("buddyinfo empty")


def parse_zoneinfo(lines):
    text = "\n".join(lines)
    w = [re.search(r"^\s+%s\s+(\d+)$" % k, text, re.M) for k in ("min", "low", "high")]
    if not re.match(r"^Node 0, zone\s+\w+$", lines[0] if lines else "") \
            or not re.search(r"^\s+pages free\s+\d+$", text, re.M) or not all(w):
        raise BadFormat("zoneinfo %r" % lines[:5])
    mn, lo, hi = (int(x.group(1)) for x in w)
    if not mn < lo < hi:
        raise BadFormat("zoneinfo watermarks min %d low %d high %d" % (mn, lo, hi))


def parse_status(lines):
    out = {}
    for l in lines:
        m = re.match(r"^(\w+):\t\s*(.*)$", l)
        if not m:
            raise BadFormat("status line %r" % l)
        out[m.group(1)] = m.group(2)
    missing = [k for k in STATUS_KEYS if k not in out]
    if missing:
        raise BadFormat("status lacks " + ", ".join(missing))
    if not re.match(r"^[RSDZ] \((running|sleeping|disk sleep|zombie)\)$", out["State"]):
        raise BadFormat("status State %r" % out["State"])
    for k in ("VmRSS", "VmSwap"):
        if not re.match(r"^\d+ kB$", out[k]):
            raise BadFormat("status %s %r" % (k, out[k]))
        out[k] = int(out[k].split()[0])
    for k in ("Pid", "PPid"):
        if not out[k].isdigit():
            raise BadFormat("status %s %r" % (k, out[k]))
        out[k] = int(out[k])
    for k in ("minflt", "majflt"):
        if k in out:
            raise BadFormat("status has %s: Linux keeps the fault counts in stat" % k)
    return out


def parse_pid_stat(lines):
    """One line "PID (COMM) STATE PPID ..." of 52 fields; comm ends at the last ')'."""
    m = re.match(r"^(\d+) \((.*)\) ([RSDZ]) (.*)$", lines[0]) if len(lines) == 1 else None
    if not m:
        raise BadFormat("stat %r" % lines[:2])
    rest = m.group(4).split(" ")
    if 3 + len(rest) != STAT_FIELDS or not all(re.match(r"^-?\d+$", f) for f in rest):
        raise BadFormat("stat: %d fields, not %d numbers after the state" % (3 + len(rest),
                                                                             STAT_FIELDS))
    f = [None, int(m.group(1)), m.group(2), m.group(3)] + [int(x) for x in rest]
    return {"pid": f[1], "comm": f[2], "state": f[3], "ppid": f[4], "minflt": f[10],
            "cminflt": f[11], "majflt": f[12], "cmajflt": f[13], "vsize": f[23], "rss": f[24]}


def parse_swapmap(lines):
    """{name: (cluster, map)}: "NAME SLOTS CLUSTER free_clusters=N current=C" then SLOTS
    characters, 64 a line. N counts clusters with every slot free, C is one of them."""
    areas, i = {}, 0
    while i < len(lines):
        m = re.match(r"^(\w+) (\d+) (\d+) free_clusters=(\d+) current=(\d+)$", lines[i])
        if not m:
            raise BadFormat("swapmap header %r" % lines[i])
        slots, nlines = int(m.group(2)), (int(m.group(2)) + 63) // 64
        body = lines[i + 1:i + 1 + nlines]
        if len(body) != nlines or any(len(l) != 64 for l in body[:-1]) \
                or len(body[-1]) != slots - 64 * (nlines - 1):
            raise BadFormat("swapmap of %s: not %d slots in lines of 64" % (m.group(1), slots))
        smap = "".join(body)
        if not SWAPMAP_CHARS.match(smap) or smap[0] != "H" or "H" in smap[1:]:
            raise BadFormat("swapmap of %s: bad characters or header slot" % m.group(1))
        cluster, nr_free, current = int(m.group(3)), int(m.group(4)), int(m.group(5))
        if current * cluster >= slots or nr_free > (slots + cluster - 1) // cluster:
            raise BadFormat("swapmap of %s: current cluster %d, %d free clusters"
                            % (m.group(1), current, nr_free))
        areas[m.group(1)] = (int(m.group(3)), smap)
        i += 1 + nlines
    return areas


def used_slots(smap):
    return sum(c not in ".XH" for c in smap)


PARSERS = {"/proc/meminfo": parse_meminfo, "/proc/vmstat": parse_vmstat,
           "/proc/swaps": parse_swaps, "/proc/stat": parse_stat, "/proc/uptime": parse_uptime,
           "/proc/buddyinfo": parse_buddyinfo, "/proc/zoneinfo": parse_zoneinfo,
           "/proc/swapmap": parse_swapmap, "/proc/self/status": parse_status,
           "/proc/self/stat": parse_pid_stat, "/proc/HOG/status": parse_status,
           "/proc/HOG/stat": parse_pid_stat}


class Checks:
    def __init__(self):
        self.results = []

    def check(self, name, ok, why=""):
        self.results.append((name, bool(ok), why))
        return bool(ok)

    def failed(self):
        return [r for r in self.results if not r[1]]

    def report(self):
        for name, ok, why in self.results:
            print(("ok - %s" % name) if ok else ("not ok - %s: %s" % (name, why)))


def parse_frames(c, frames, wanted):
    """Parse each (phase, path) of @wanted; returns {(phase, path): value}."""
    parsed = {}
    for key in wanted:
        name = "%s %s parses" % key
        if key not in frames:
            c.check(name, False, "not in the log")
            continue
        try:
            parsed[key] = PARSERS[key[1]](frames[key])
            c.check(name, True)
        except BadFormat as e:
            c.check(name, False, str(e))
    return parsed


def check_files(c, frames):
    wanted = [(ph, p) for ph in ("before", "after") for p in PARSERS if "HOG" not in p]
    wanted += [("during", p) for p in ("/proc/meminfo", "/proc/vmstat", "/proc/swaps",
                                       "/proc/stat", "/proc/swapmap", "/proc/HOG/status",
                                       "/proc/HOG/stat")]
    p = parse_frames(c, frames, wanted)
    if c.failed():
        return
    mem = {ph: p[(ph, "/proc/meminfo")] for ph in ("before", "during", "after")}
    vm = {ph: p[(ph, "/proc/vmstat")] for ph in ("before", "during", "after")}
    swaps = {ph: p[(ph, "/proc/swaps")] for ph in ("before", "during", "after")}
    smap = {ph: p[(ph, "/proc/swapmap")] for ph in ("before", "during", "after")}
    hog = p[("during", "/proc/HOG/status")]
    hog_stat = p[("during", "/proc/HOG/stat")]
    b, d, a = mem["before"], mem["during"], mem["after"]

    c.check("swap area hda in /proc/swaps", "/dev/hda" in swaps["before"],
            str(list(swaps["before"])))
    if "/dev/hda" not in swaps["before"]:
        return
    c.check("SwapTotal is the sum of /proc/swaps Size",
            b["SwapTotal"] == sum(r["size"] for r in swaps["before"].values()),
            "%d vs %s" % (b["SwapTotal"], swaps["before"]))
    c.check("SwapFree drops by MiBs while the hog runs", d["SwapFree"] < b["SwapFree"] - 4096,
            "before %d during %d kB" % (b["SwapFree"], d["SwapFree"]))
    c.check("SwapFree recovers after the hog exits",
            a["SwapFree"] > d["SwapFree"] and a["SwapFree"] >= b["SwapFree"] - 1024,
            "before %d during %d after %d kB" % (b["SwapFree"], d["SwapFree"], a["SwapFree"]))
    c.check("the hog's VmSwap is above 0 while it runs", hog["VmSwap"] > 0, str(hog["VmSwap"]))
    me = p[("after", "/proc/self/stat")]
    c.check("the hog's stat is the hog's: its pid, comm, and t_proc as parent",
            hog_stat["pid"] == hog["Pid"] and hog_stat["comm"] == "hog"
            and hog_stat["ppid"] == me["pid"], "%s vs status Pid %d" % (hog_stat, hog["Pid"]))
    # "during" is when swap was fullest, maybe before the hog read anything back
    c.check("the hog's stat minflt (field 10) counts its faults while it runs",
            hog_stat["minflt"] >= 1024 and hog_stat["minflt"] >= hog_stat["majflt"],
            str(hog_stat))
    c.check("after: t_proc's cmajflt (field 13) has the reaped hog's major faults",
            me["cmajflt"] > 0 and me["cmajflt"] >= hog_stat["majflt"]
            and me["cminflt"] >= hog_stat["minflt"], str(me))
    c.check("/proc/swaps Used is SwapTotal - SwapFree at rest",
            all(swaps[ph]["/dev/hda"]["used"] == mem[ph]["SwapTotal"] - mem[ph]["SwapFree"]
                for ph in ("before",)), str(swaps["before"]))
    c.check("/proc/swaps Used moves with the hog",
            swaps["during"]["/dev/hda"]["used"] > swaps["after"]["/dev/hda"]["used"]
            and swaps["during"]["/dev/hda"]["used"] >= 4096, str(swaps))
    for ph in ("before", "during", "after"):
        areas = smap[ph]
        if not c.check("%s /proc/swapmap has hda" % ph, "hda" in areas, str(list(areas))):
            continue
        cluster, m = areas["hda"]
        c.check("%s swapmap size matches /proc/swaps" % ph,
                (len(m) - 1 - m.count("X")) * 4 == swaps[ph]["/dev/hda"]["size"],
                "%d slots, %d bad, Size %d" % (len(m), m.count("X"),
                                               swaps[ph]["/dev/hda"]["size"]))
        c.check("%s swapmap cluster is 256" % ph, cluster == 256, str(cluster))
    for ph in ("before", "after"):  # at rest the two files must agree exactly
        c.check("%s swapmap used slots match /proc/swaps Used" % ph,
                used_slots(smap[ph]["hda"][1]) * 4 == swaps[ph]["/dev/hda"]["used"],
                "%d slots vs %d kB" % (used_slots(smap[ph]["hda"][1]),
                                       swaps[ph]["/dev/hda"]["used"]))
    c.check("during swapmap shows the hog's slots", used_slots(smap["during"]["hda"][1]) >= 1024,
            str(used_slots(smap["during"]["hda"][1])))

    events = ["pgfault", "pgmajfault", "pswpin", "pswpout", "pgpgin", "pgpgout", "pgsteal",
              "kswapd_wakeup", "pgactivate", "pgdeactivate"]
    c.check("vmstat event counters never go down",
            all(vm["before"][k] <= vm["during"][k] <= vm["after"][k] for k in VMSTAT_KEYS[2:]),
            "; ".join("%s %d %d %d" % (k, vm["before"][k], vm["during"][k], vm["after"][k])
                      for k in VMSTAT_KEYS[2:]
                      if not vm["before"][k] <= vm["during"][k] <= vm["after"][k]))
    grew = [k for k in events if vm["after"][k] > vm["before"][k]]
    c.check("the hog moves " + ", ".join(events), grew == events,
            "did not grow: " + ", ".join(k for k in events if k not in grew))
    c.check("the hog makes reclaim scan (pgscan_kswapd + pgscan_direct)",
            vm["after"]["pgscan_kswapd"] + vm["after"]["pgscan_direct"]
            > vm["before"]["pgscan_kswapd"] + vm["before"]["pgscan_direct"], "")
    c.check("pswpout > 0 after the hog", vm["after"]["pswpout"] > 0, "")
    # Only swap uses the disk here, so the block counters (KiB, counted when a command
    # goes to the driver) equal the swap counters (pages, counted at submission) but for
    # the I/O still queued: the writes are nr_writeback of the same snapshot, the reads a
    # readahead batch or two (2^page_cluster pages each).
    base_in = vm["before"]["pgpgin"] - 4 * vm["before"]["pswpin"]  # the swap header, ...
    for ph in ("during", "after"):
        v = vm[ph]
        out_lo, out_hi = 4 * (v["pswpout"] - v["nr_writeback"]), 4 * v["pswpout"]
        c.check("%s pgpgout (KiB) is pswpout (pages) but the writes in flight" % ph,
                out_lo <= v["pgpgout"] <= out_hi,
                "pgpgout %d not in [%d, %d]" % (v["pgpgout"], out_lo, out_hi))
        in_hi = 4 * v["pswpin"] + base_in
        c.check("%s pgpgin (KiB) is pswpin (pages) but the reads in flight" % ph,
                in_hi - 256 <= v["pgpgin"] <= in_hi,
                "pgpgin %d not in [%d, %d]" % (v["pgpgin"], in_hi - 256, in_hi))
    st = {ph: p[(ph, "/proc/stat")] for ph in ("before", "after")}
    c.check("/proc/stat intr, ctxt and processes grow",
            all(st["after"][k] > st["before"][k] for k in ("intr", "ctxt", "processes")),
            str(st))
    c.check("/proc/uptime grows", p[("after", "/proc/uptime")] > p[("before", "/proc/uptime")],
            "")
    c.check("after: t_proc's status is its own",
            p[("after", "/proc/self/status")]["Name"] == "t_proc", "")
    c.check("after: t_proc's stat is its own", me["comm"] == "t_proc"
            and me["pid"] == p[("after", "/proc/self/status")]["Pid"], str(me))


def num_row(line, label, n):
    """The @n numbers after @label (None if the row is not exactly that)."""
    m = re.match(r"^%s((?:\s+\d+){%d})$" % (re.escape(label), n), line)
    return [int(x) for x in m.group(1).split()] if m else None


def check_ps(c, out):
    if not c.check("ps header", out[:1] == [PS_HEADER], repr(out[:1])):
        return
    rows = [re.match(r"^\s*(\d+)\s+(\d+) ([RSDZ])\s+(\d+)\s+(\d+)\s+(\d+) (\S+)$", l)
            for l in out[1:]]
    bad = [l for l, m in zip(out[1:], rows) if not m]
    if not c.check("ps rows are PID PPID STAT RSS SWAP MAJFLT COMMAND", rows and not bad,
                   repr(bad)):
        return
    ppid = {int(m.group(1)): int(m.group(2)) for m in rows}
    rows = [(int(m.group(1)), m.group(3), int(m.group(4)), int(m.group(5)), int(m.group(6)),
             m.group(7)) for m in rows]
    byname = {r[5]: r for r in rows}
    c.check("ps lists pids once each", len({r[0] for r in rows}) == len(rows), "")
    c.check("ps shows itself running", byname.get("ps", (0, ""))[1] == "R", str(byname.get("ps")))
    c.check("ps shows kswapd as a kernel thread", any(re.match(r"^\[kswapd\d*\]$", r[5])
                                                      for r in rows), "")
    c.check("ps: t_proc has its 2 MiB in SWAP", byname.get("t_proc", [0] * 6)[3] >= 1024,
            str(byname.get("t_proc")))
    c.check("ps: PPID of ps is t_proc, of kswapd0 kthreadd (2), of pid 1 and 2 none (0)",
            ppid.get(byname.get("ps", [0])[0]) == byname.get("t_proc", [-1])[0]
            and ppid.get(byname.get("[kswapd0]", [0])[0]) == 2 and byname.get("[kthreadd]",
                                                                        [0])[0] == 2
            and ppid.get(1) == 0 and ppid.get(2) == 0, str(ppid))
    return byname.get("t_proc", [0] * 6)[3]


def check_free(c, out, unit_shift):
    if not c.check("free%s header" % (" -m" if unit_shift else ""), out[:1] == [FREE_HEADER],
                   repr(out[:1])):
        return None
    mem = num_row(out[1], "Mem:", 6) if len(out) > 1 else None
    swap = num_row(out[2], "Swap:", 3) if len(out) > 2 else None
    if not c.check("free rows Mem: (6 numbers) and Swap: (3)", mem and swap and len(out) == 3,
                   repr(out[1:])):
        return None
    if not unit_shift:
        c.check("free: Mem total = used + free + buff/cache", mem[0] == mem[1] + mem[2] + mem[4],
                str(mem))
        c.check("free: Swap total = used + free", swap[0] == swap[1] + swap[2], str(swap))
        c.check("free: swap in use while t_proc is paged out", swap[1] >= 1024, str(swap))
    return mem, swap


def check_vmstat(c, out):
    if not c.check("vmstat headers", out[:2] == VMSTAT_HEADER, repr(out[:2])):
        return
    rows = [num_row(l, "", 12) for l in out[2:]]
    if not c.check("vmstat 1 2: two rows of 12 numbers", len(rows) == 2 and all(rows),
                   repr(out[2:])):
        return
    first, second = rows
    c.check("vmstat: swpd shows t_proc's swap", first[2] >= 1024, str(first))
    c.check("vmstat: the since-boot row has so > 0", first[7] > 0, str(first))
    c.check("vmstat: so and bo agree (KiB/s; only swap writes to the disk)",
            abs(first[9] - first[7]) <= 1 + first[7] // 50, str(first))
    c.check("vmstat: r counts vmstat itself", first[0] >= 1 and second[0] >= 1, str(rows))
    c.check("vmstat: the timer's interrupts in the 1 s row", 50 <= second[10] <= 10000,
            str(second))
    return first[2]


def check_swapmap(c, out):
    if not c.check("swapmap title", out and re.match(
            r"^hda: (\d+) slots, 64 to a line, a cluster is 256 slots \('\|' starts one\)$",
            out[0]), repr(out[:1])):
        return
    slots = int(out[0].split()[1])
    summary = re.match(r"^slots (\d+)  used (\d+)  free (\d+)  bad (\d+)  clusters in use "
                       r"(\d+) of (\d+)  free runs (\d+), largest (\d+)$", out[-2])
    if not c.check("swapmap summary line", summary, repr(out[-2])):
        return
    alloc = re.match(r"^clusters free (\d+) \(the allocator's free list\), current (\d+)$",
                     out[-1])
    if not c.check("swapmap clusters line", alloc, repr(out[-1])):
        return
    s = [int(x) for x in summary.groups()]
    expect, starred, seen, bad = 0, False, "", None
    for l in out[1:-2]:
        if l == "*":
            starred = True
            continue
        m = re.match(r"^\s*(\d+)([| ])([.1-9+XH]{1,64})$", l)
        start = int(m.group(1)) if m else -1
        if m and starred:  # the squeezed lines were all free
            seen += "." * (start - expect)
            expect, starred = start, False
        if not m or start != expect or (m.group(2) == "|") != (start % 256 == 0):
            bad = l
            break
        seen += m.group(3)
        expect = start + len(m.group(3))
    if not c.check("swapmap lines: SLOT, '|' at cluster starts, up to 64 slots", bad is None,
                   repr(bad)):
        return
    c.check("swapmap lines cover every slot, header first", len(seen) == slots == s[0]
            and seen[0] == "H", "%d chars, %d slots" % (len(seen), slots))
    used = used_slots(seen)
    clusters = len({i // 256 for i, ch in enumerate(seen) if ch not in ".XH"})
    c.check("swapmap summary counts the map", s[1] == used and s[2] == seen.count(".")
            and s[3] == seen.count("X") and s[4] == clusters and s[5] == (slots + 255) // 256
            and s[1] + s[2] + s[3] + 1 == s[0],
            "summary %s, map used %d clusters %d" % (s, used, clusters))
    c.check("swapmap: t_proc's 2 MiB are 512 slots in use, in 2 or more clusters",
            s[1] >= 512 and s[4] >= 2, str(s))
    # the system is idle: the allocator's free clusters are the all-free ones but the current
    nr_free, current = int(alloc.group(1)), int(alloc.group(2))
    empty = [i for i in range(0, slots, 256) if seen[i:i + 256].strip(".") == ""]
    c.check("swapmap: the free clusters are the empty ones other than the current one",
            nr_free == len([i for i in empty if i // 256 != current]),
            "%d free, current %d, empty clusters at %s" % (nr_free, current, empty[:8]))
    return s[1] * 4


def check_tools(c, frames, tools):
    want = {"ps": 0, "free": 0, "free -m": 0, "vmstat 1 2": 0, "swapmap hda": 0,
            "swapmap hdz": 1}
    for cmd, code in want.items():
        c.check("%s ran and exited %d" % (cmd, code), cmd in tools and tools[cmd][1] == code,
                str(tools.get(cmd, ("", "missing"))[1]))
    if c.failed():
        return
    ps_swap = check_ps(c, tools["ps"][0])
    k = check_free(c, tools["free"][0], 0)
    m = check_free(c, tools["free -m"][0], 10)
    if k and m:
        c.check("free -m is free in MiB", m[0][0] == k[0][0] >> 10 and m[1][0] == k[1][0] >> 10,
                "%s vs %s" % (k, m))
    swpd = check_vmstat(c, tools["vmstat 1 2"][0])
    map_kb = check_swapmap(c, tools["swapmap hda"][0])
    # t_proc, idle meanwhile, is the only process with swap: the tools must agree exactly
    views = {"ps SWAP": ps_swap, "free Swap used": k[1][1] if k else None, "vmstat swpd": swpd,
             "swapmap used x 4": map_kb}
    c.check("ps, free, vmstat and swapmap agree on the swap in use",
            None not in views.values() and len(set(views.values())) == 1, str(views))
    c.check("swapmap of a device that is no swap area says so",
            tools["swapmap hdz"][0] == ["swapmap: hdz is not an active swap area (see /proc/swaps)"],
            repr(tools["swapmap hdz"][0]))
    p = parse_frames(c, frames, [("after", "/proc/self/status"), ("after", "/proc/self/stat")])
    if len(p) == 2:
        c.check("reading the paged-out memory back costs major faults (stat field 12)",
                p[("after", "/proc/self/stat")]["majflt"] > 0, "")


def run_checks(mode, text):
    c = Checks()
    frames, tools = split_log(text)
    c.check("t_proc: ok", re.search(r"^t_proc: ok$", text, re.M), "t_proc did not finish")
    (check_files if mode == "files" else lambda c, f: check_tools(c, f, tools))(c, frames)
    return c


def _swapfree_values(text):
    return re.findall(r"^SwapFree:\s+(\d+) kB$", text, re.M)


def _no_recovery(text):
    """The last SwapFree (after) set to the lowest (during)."""
    vals = _swapfree_values(text)
    if len(vals) < 3:
        return text
    i = text.rindex("SwapFree:")
    j = text.index("\n", i)
    return text[:i] + "SwapFree:       %8s kB" % min(vals, key=int) + text[j:]


def _drop_last_vmstat_row(text):
    rows = list(re.finditer(r"^(\s+\d+){12}\n", text, re.M))
    return text[:rows[-1].start()] + text[rows[-1].end():] if rows else text


# (name, mode, change): change is (regex, replacement) or a function of the text.
MUTATIONS = [
    ("meminfo without MemTotal", "files", (r"^MemTotal:.*\n", "")),
    ("meminfo value without kB", "files", (r"^(Dirty:\s+\d+) kB$", r"\1")),
    ("vmstat name: value", "files", (r"^pswpout (\d+)$", r"pswpout: \1")),
    ("vmstat without pgmajfault", "files", (r"^pgmajfault \d+\n", "")),
    ("pgpgout in sectors, not KiB", "files", (r"^pgpgout (\d+)$", lambda m: "pgpgout %d"
                                              % (2 * int(m.group(1)) + 8))),
    ("no swap-out ever", "files", (r"^pswpout \d+$", "pswpout 0")),
    ("SwapFree never drops", "files", lambda t: re.sub(
        r"^SwapFree:\s+\d+ kB$", lambda m: "SwapFree:       %8s kB" % max(
            _swapfree_values(t), key=int), t, flags=re.M)),
    ("SwapFree does not recover", "files", _no_recovery),
    ("swaps header with spaces", "files", (r"^Filename\t+Type", "Filename Type")),
    ("swapmap stray character", "files", (r"^H\.", "H?")),
    ("swapmap short line", "files", (r"^(H\.{10})\.", r"\1")),
    ("status without VmSwap", "files", (r"^VmSwap:.*\n", "")),
    ("status with the fault counts again", "files", (r"^(Threads:.*\n)", r"\1majflt:\t3\n")),
    ("stat a field short", "files", (r"^(\d+ \(\w+\) [RSDZ] .*) \d+$", r"\1")),
    ("stat comm without parentheses", "files", (r"^(\d+) \((\w+)\) ([RSDZ]) ", r"\1 \2 \3 ")),
    ("hog minflt 0 in stat", "files", (r"^(\d+ \(hog\) [RSDZ]( -?\d+){6}) \d+", r"\1 0")),
    ("no cmajflt after the hog", "files", (r"^(\d+ \(t_proc\) [RSDZ]( -?\d+){9}) \d+",
                                           r"\1 0")),
    ("stat without ctxt", "files", (r"^ctxt \d+\n", "")),
    ("stat intr total wrong", "files", (r"^intr (\d+)", r"intr 1\1")),
    ("uptime with one number", "files", (r"^(\d+\.\d\d) \d+\.\d\d$", r"\1")),
    ("zoneinfo watermarks out of order", "files", (r"^(\s+low\s+)\d+$", r"\g<1>0")),
    ("ps header", "tools", (r"^  PID  PPID STAT", "  PID STAT")),
    ("ps: t_proc not in swap", "tools", (r"^(\s+\d+\s+\d+ \S\s+\d+)\s+\d+(\s+\d+ t_proc)$",
                                         r"\1      0\2")),
    ("ps: kswapd0 a child of init", "tools", (r"^(\s+\d+)\s+2 (\S\s+\d+\s+\d+\s+\d+ "
                                              r"\[kswapd0\])$", r"\1     1 \2")),
    ("stat majflt 0 after reading swap back", "tools",
     (r"^(\d+ \(t_proc\) [RSDZ]( -?\d+){8}) \d+", r"\1 0")),
    ("free Mem: row a column short", "tools", (r"^(Mem:.*) +\d+$", r"\1")),
    ("free totals do not add up", "tools", (r"^(Swap:\s+)(\d+)", r"\g<1>1\2")),
    ("vmstat one row", "tools", _drop_last_vmstat_row),
    ("vmstat header", "tools", (r"^ r  b   swpd", " r b   swpd")),
    ("swapmap summary used wrong", "tools", (r"^slots (\d+)  used \d+", r"slots \1  used 7")),
    ("swapmap cluster marker missing", "tools", (r"^(\s+256)\|", r"\1 ")),
    ("swapmap of a bad device succeeds", "tools", (r"swapmap hdz\n(.*\n)t_proc: \[exit 1\]",
                                                   r"swapmap hdz\n\1t_proc: [exit 0]")),
]


def mutate(text, change):
    if callable(change):
        return change(text)
    return re.sub(change[0], change[1], text, flags=re.M)


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("files", "tools"):
        print(__doc__.strip().splitlines()[2])
        return 2
    mode, text = sys.argv[1], open(sys.argv[2], errors="replace").read()
    c = run_checks(mode, text)
    c.report()
    if c.failed():
        print("check_proc: %d of %d checks failed" % (len(c.failed()), len(c.results)))
        return 1
    accepted = []
    for name, m, change in MUTATIONS:
        if m != mode:
            continue
        broken = mutate(text, change)
        if broken == text:
            accepted.append(name + " (the mutation did not apply)")
        elif not run_checks(mode, broken).failed():
            accepted.append(name)
    for name in accepted:
        print("not ok - the checker rejects a log with: %s" % name)
    n = sum(m == mode for _, m, _ in MUTATIONS)
    print("check_proc: %d checks passed; %d of %d broken logs rejected"
          % (len(c.results), n - len(accepted), n))
    return 1 if accepted else 0


if __name__ == "__main__":
    sys.exit(main())
