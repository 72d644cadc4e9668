"""Reading the kernel's telemetry stream (docs/telemetry.md), for scripts/watch
and the tests. web/watch.js reads the same lines in the browser.

    stream = Stream()
    for line in open(LOG):
        stream.feed(line)
    stream.snapshot      # the last complete snapshot: {"S": {...}, "Z": [...], "A": [...], "P": [...]}
    stream.maps          # {area type: [use count per slot, BAD for a bad slot]}
    summary(stream)      # the figures the page's id="summary" element carries
"""
import gzip
import re

BAD = -1  # a slot marked bad (the header slot, mkswap's list, write errors)
SNAPSHOT_TAGS = ("S", "Z", "A", "P", "E")
EVENT_TAGS = {  # tag -> names of the fields after the time (docs/telemetry.md)
    "w": ("type", "off", "n", "pages", "err"), "r": ("type", "off", "n", "ra"),
    "f": ("pid", "addr", "n", "pages"), "l": ("kswapd", "n", "scanned", "freed", "activated"),
}
NUMBER = re.compile(r"^-?(0x[0-9a-f]+|\d+)$")


def number(text):
    return int(text, 16) if text.startswith("0x") else int(text)


def parse_kv(words):
    """["a=1", "name=hda1"] -> {"a": 1, "name": "hda1"} (numbers where they are)."""
    out = {}
    for w in words:
        key, _, value = w.partition("=")
        out[key] = number(value) if NUMBER.match(value) else value
    return out


def parse_line(line):
    """One line as (tag, t or None, fields): fields a dict, or for M and x the raw rest.
    Raises ValueError for a line that is not in the format."""
    words = line.rstrip("\n").split(" ")
    tag = words[0]
    if tag in ("H",) + SNAPSHOT_TAGS:
        kv = parse_kv(words[1:])
        return tag, kv.get("t"), kv
    if tag in ("K", "Q"):
        return tag, int(words[1]), {}
    if tag == "M":
        t, typ, off, n = (int(w) for w in words[1:5])
        return tag, t, {"type": typ, "off": off, "n": n, "runs": words[5:]}
    if tag == "x":
        return tag, int(words[1]), {"text": " ".join(words[2:])}
    if tag == "d":
        if len(words) != 7 or words[6] not in ("r", "w"):
            raise ValueError("d: not DEV LBA N SECTORS r|w")
        return tag, int(words[1]), {"dev": words[2], "lba": int(words[3]), "n": int(words[4]),
                                    "sectors": int(words[5]), "dir": words[6]}
    if tag in EVENT_TAGS:
        names = EVENT_TAGS[tag]
        if len(words) != 2 + len(names):
            raise ValueError("%s: %d fields, expected %d" % (tag, len(words) - 2, len(names)))
        return tag, int(words[1]), dict(zip(names, (number(w) for w in words[2:])))
    raise ValueError("unknown line %r" % line[:40])


def expand_runs(runs):
    """["b", "0*3", "2"] -> [BAD, 0, 0, 0, 2]"""
    out = []
    for r in runs:
        value, _, count = r.partition("*")
        out += [BAD if value == "b" else int(value)] * (int(count) if count else 1)
    return out


class Stream:
    """The state the lines describe so far: the last complete snapshot and the swap maps."""

    def __init__(self):
        self.header = {}
        self.snapshot = None      # the last snapshot whose E line arrived
        self.pending = None       # the snapshot being read (S seen, E not yet)
        self.maps = {}
        self.bad_lines = 0

    def feed(self, line):
        try:
            tag, t, f = parse_line(line)
        except (ValueError, IndexError):
            self.bad_lines += 1
            return None
        if tag == "H":
            self.header = f
        elif tag == "S":
            self.pending = {"S": f, "Z": [], "A": [], "P": []}
        elif tag in ("Z", "A", "P") and self.pending:
            self.pending[tag].append(f)
        elif tag == "E" and self.pending:
            self.snapshot, self.pending = self.pending, None
            listed = {a["type"] for a in self.snapshot["A"]}
            for gone in [typ for typ in self.maps if typ not in listed]:
                del self.maps[gone]
        elif tag == "M":
            self.apply_map(f)
        return tag, t, f

    def apply_map(self, f):
        m = self.maps.setdefault(f["type"], [])
        end = f["off"] + f["n"]
        if len(m) < end:
            m.extend([0] * (end - len(m)))
        values = expand_runs(f["runs"])
        m[f["off"]:f["off"] + len(values)] = values


def open_log(path, mode="r"):
    """A recording, gzip-compressed when its name ends in .gz."""
    if path.endswith(".gz"):
        return gzip.open(path, mode + "t")
    return open(path, mode)


def summary(stream):
    """The figures of id="summary": data-free-kb, data-swap-used-kb, data-pswpin,
    data-pswpout, data-majflt, data-kswapd (None before the first snapshot)."""
    if not stream.snapshot:
        return None
    s = stream.snapshot["S"]
    kb = stream.header.get("page_kb", 4)
    return {"free-kb": s["free"] * kb, "swap-used-kb": (s["swap_total"] - s["swap_free"]) * kb,
            "pswpin": s["pswpin"], "pswpout": s["pswpout"], "majflt": s["pgmajfault"],
            "kswapd": s["kswapd"], "t": s["t"], "seq": s["seq"]}
