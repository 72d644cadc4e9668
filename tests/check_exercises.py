#!/usr/bin/env python3
"""Keep the output quoted in docs/exercises.md true to the code and to real runs.

  tests/check_exercises.py source            the quotes against the sources
  tests/check_exercises.py hog LOG           the hog workload against its boot's log
  tests/check_exercises.py trace LOG         exercise 5's trace against its boot's log
  tests/check_exercises.py --fix             rewrite stale FILE:LINE and case numbers in place

source: a self-test failure quoted as "# FILE:LINE: expected A == B, got ..."
  must be the KT_EXPECT_EQ(t, A, B) at that line of FILE; "ok N NAME" /
  "not ok N NAME" must be case N of its suite; a tests/check_proc.py
  failure must name one of its checks; the policysim line must be the row
  tests/host/policysim_test.c pins; the "like with like" figures must be
  that line's misses minus compulsory and the replay line's pswpin; the
  readahead table's windows must be 2^page_cluster, and without readahead
  every major fault is one page read; swap-bench and gdb output must have
  the shape their format strings print.
hog: a run of exercise 1c's script (tests/suites_exercises.py boots it
  with page-cluster 0, 3 and 5) must end as quoted ("hog: 24M ok") with
  the counts of its row of the readahead table within a factor of two (of
  three for context switches, which follow the host's timing); the run
  with the default 3 also checks the stats line quoted at the top (its
  keys in order, its counts within 2x).
trace: in the traced run, hog (pid 1: it is init) faults on its first page
  0x40000000, and that page's slot goes through the quoted events in the
  quoted order (add_to_cache, writepage, the fault, add_to_cache, read).

Prints "ok N name" / "not ok N name # why"; after "source" it also breaks
the document in the ways of MUTATIONS and fails if a broken copy passes.
"""
import glob
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ktap  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC = os.path.join(ROOT, "docs", "exercises.md")
EXPECT = re.compile(r"# ((?:[\w-]+/)+[\w-]+\.c):(\d+): expected (.+?)(?:, got .*)?$", re.M)
CASE = re.compile(r"^\s*(not ok|ok) (\d+) (test_\w+)$", re.M)
CHECK_PROC = re.compile(r"check: not ok - (.+?): ")
POLICYSIM = re.compile(r"policysim: trace=(\S+) mode=zero-page refs=(\d+) kept=(\d+) pages=(\d+) "
                       r"written=(\d+) frames=(\d+)\s+opt=(\d+) lru=(\d+) clock=(\d+) fifo=(\d+) "
                       r"(?:rsslimit=(\d+) )?compulsory=(\d+) excess=(\d+)")
REPLAY = re.compile(r"replay: refs=(\d+) pages=(\d+) limit=(\d+) majflt=(\d+) minflt=(\d+) "
                    r"pswpin=(\d+) pswpout=(\d+) (?:pgscan=\d+ pgrefill=\d+ pgsteal=\d+ )?errors=0")
LIKE = re.compile(r"misses minus `compulsory`: OPT (\d+), LRU (\d+), CLOCK (\d+), FIFO (\d+),\s+"
                  r"the kernel (\d+)")
RA_ROW = re.compile(r"^\| (\d+) \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|$", re.M)
STATS_QUOTE = re.compile(r"#   stats: init exited: (.*)$", re.M)
DEFAULT_PAGE_CLUSTER = 3  # its run is also the one the stats quote at the top compares with


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def suites():
    """{case name: (suite, index from 1)} from every KTEST_SUITE in the sources."""
    where = {}
    for path in glob.glob(os.path.join(ROOT, "*", "**", "*_test.c"), recursive=True):
        if os.path.relpath(path, ROOT).startswith("build" + os.sep):
            continue  # the labs' student trees (build/labs, build/lab-check) copy the sources
        for m in re.finditer(r"KTEST_SUITE(?:_FLAGS)?\((\w+),(.*?)\);", read(path), re.S):
            cases = re.findall(r"KTEST_CASE\((\w+)\)", m.group(2))
            for i, name in enumerate(cases, 1):
                where[name] = (m.group(1), i)
    return where


def expect_line(path, expr, case=None):
    """The line numbers of FILE where the check that prints "expected EXPR" is:
    KT_EXPECT(t, EXPR), or KT_EXPECT_EQ(t, A, B) for "A == B" (in the function
    @case, when given)."""
    forms = [r"KT_(?:EXPECT|ASSERT)\(t, %s\);" % re.escape(expr)]
    forms += [r"KT_(?:EXPECT|ASSERT)_EQ\(t, %s, %s\);" % (re.escape(expr[:m.start()]),
                                                         re.escape(expr[m.end():]))
              for m in re.finditer(" == ", expr)]
    call = re.compile("|".join(forms))
    lines, inside = read(os.path.join(ROOT, path)).splitlines(), case is None
    found = []
    for n, l in enumerate(lines, 1):
        if case and re.match(r"^static void %s\(" % case, l):
            inside = True
        elif case and inside and l == "}":
            break
        if inside and call.search(l):
            found.append(n)
    return found


def code_blocks(doc):
    """The text of each ``` fenced block."""
    blocks, cur = [], None
    for line in doc.split("\n"):
        if line.startswith("```"):
            if cur is None:
                cur = []
            else:
                blocks.append("\n".join(cur) + "\n")
                cur = None
        elif cur is not None:
            cur.append(line)
    return blocks


def quoted_expects(doc):
    """(match, case) for each quoted failure; case: the "not ok N NAME" after it in its block."""
    out = []
    for block in code_blocks(doc):
        case = CASE.search(block)
        for m in EXPECT.finditer(block):
            out.append((m, case.group(3) if case and case.start() > m.start() else None))
    return out


def printf_regex(fmt):
    """A regex for what a printf/% format prints: numbers and words for the conversions."""
    out = ""
    for part in re.split(r"(%[-0-9.]*l{0,2}[dusxf])", fmt):
        if re.match(r"%[-0-9.]*l{0,2}[dusxf]$", part):
            out += r"\s*-?[\w.]+" if part[-1] != "s" else r"\s*\S+"
        else:
            out += re.escape(part).replace(r"\ ", " ")
    return out


def string_macros():
    """#define NAME "text" of the headers (SB_FMT in include/mm/swap_bench.h)."""
    macros = {}
    for path in glob.glob(os.path.join(ROOT, "include", "**", "*.h"), recursive=True):
        macros.update(re.findall(r'^#define (\w+)\s+"([^"]*)"', read(path), re.M))
    return macros


def c_format(src, start):
    """The format string of the printk whose format begins with @start: its string
    literals joined, string macros expanded, the final newline dropped; None if none."""
    i = src.find('printk("' + start)
    end = src.find('\\n"', i)
    if i < 0 or end < 0:
        return None
    macros = dict(string_macros(), **dict(re.findall(r'^#define (\w+)\s+"([^"]*)"', src, re.M)))
    fmt = ""
    for lit, name in re.findall(r'"((?:[^"\\]|\\.)*)"|(\w+)', src[i + len("printk("):end + 1]):
        fmt += lit if not name else macros.get(name, "")
    return fmt


def check_source(doc):
    results = []

    def ok(name, cond, why=""):
        results.append((name, bool(cond), why))

    quotes = quoted_expects(doc)
    ok("self-test failures are quoted", quotes, "no '# FILE:LINE: expected' quote")
    for m, case in quotes:
        path, line, expr = m.groups()
        found = expect_line(path, expr, case) if os.path.exists(os.path.join(ROOT, path)) else []
        ok("%s:%s checks %s%s" % (path, line, expr, " in " + case if case else ""),
           int(line) in found, "it is at line %s (tests/check_exercises.py --fix moves it)" % found
           if found else "no such check")
    where = suites()
    cases = CASE.findall(doc)
    ok("self-test cases are quoted", cases, "")
    for status, n, name in cases:
        ok("case %s %s" % (n, name), where.get(name, (None, 0))[1] == int(n),
           "%s is case %s of suite %s (--fix renumbers it)" % (
               (name,) + where.get(name, ("?", "?"))[::-1]))
    check_proc = read(os.path.join(ROOT, "tests", "check_proc.py"))
    for name in CHECK_PROC.findall(doc):
        ok("check_proc has the check '%s'" % name, '"%s"' % name in check_proc, "")
    ps = POLICYSIM.search(doc)
    if ps:
        trace, refs, kept, pages, written, frames, opt, lru, clock, fifo, rss, comp, excess = \
            ps.groups()
        row = '{"%s", 1, %s, %s, %s, %s, %s, %s, %s, %s}' % (trace, kept, pages, written, frames,
                                                          opt, lru, clock, fifo)
        pins = read(os.path.join(ROOT, "tests", "host", "policysim_test.c"))
        ok("policysim line is the row policysim_test.c pins", row in pins, row)
        if rss is not None:
            rss_row = '{"%s", 1, %s}' % (trace, rss)
            ok("policysim's rsslimit is the one policysim_test.c pins", rss_row in pins, rss_row)
        ok("policysim: compulsory = written, excess = opt - compulsory",
           comp == written and int(excess) == int(opt) - int(comp), ps.group(0))
        rp, like = REPLAY.search(doc), LIKE.search(doc)
        ok("the replay line is of the same trace and frames", rp and rp.group(1) == refs
           and rp.group(2) == pages and rp.group(3) == frames, rp.group(0) if rp else "none")
        if rp and like:
            want = [int(x) - int(comp) for x in (opt, lru, clock, fifo)] + [int(rp.group(6))]
            ok("like with like: the misses minus compulsory, and the kernel's pswpin",
               [int(x) for x in like.groups()] == want, "%s vs %s" % (like.groups(), want))
            if rss is not None:
                ok("the kernel's pswpin is rsslimit - compulsory",
                   int(rp.group(6)) == int(rss) - int(comp), "%s vs %s - %s" % (
                       rp.group(6), rss, comp))
        else:
            ok("the like-with-like sentence is there", like, "")
    else:
        ok("the policysim line is quoted", False, "")
    rows = [[int(x) for x in r] for r in RA_ROW.findall(doc)]
    ok("the readahead table has rows for page_cluster 0, 3 and 5",
       [r[0] for r in rows] == [0, 3, 5], str(rows))
    for pc, window, majflt, pswpin, _ in rows:
        ok("page_cluster %d: the window is 2^%d slots" % (pc, pc), window == 1 << pc, "")
        if pc == 0:
            ok("without readahead every major fault reads one page", majflt == pswpin, "")
    # the quote wraps its line in two: "#   swap-bench: ..." and "#      out/raw=..."
    bench = re.search(r"#   (swap-bench: .*)\n#\s+(.*=.*)$", doc, re.M)
    fmt = c_format(read(os.path.join(ROOT, "mm", "swap_bench.c")), "swap-bench: dev=")
    line = " ".join(bench.groups()) if bench else ""
    ok("the swap-bench line has its format", bench and fmt and re.match(
        printf_regex(fmt) + "$", line), line or "no quote")
    gdb = re.sub(r'"\s*\n\s*"', "", read(os.path.join(ROOT, "scripts", "gdb", "swapkernel.py")))
    fmts = re.findall(r'"((?:swap_list|     max|swapper_space)[^"]*)"', gdb)
    for prefix in ("swap_list: ", "     max ", "swapper_space: "):
        for line in re.findall(r"^%s.*$" % re.escape(prefix), doc, re.M):
            ok("gdb's '%s' line is quoted in its format" % prefix.strip(),
               any(re.match(printf_regex(f) + "$", line) for f in fmts), line)
    return results


def stats_of(text):
    m = re.findall(r"^stats: init exited: (.*)$", text, re.M)
    return dict(kv.split("=") for kv in m[-1].split()) if m else {}


def close(real, quoted, factor):
    return quoted / factor <= real <= quoted * factor


def check_hog(doc, log):
    """A run of exercise 1c's script: its row of the readahead table, and for the
    default page_cluster the stats line quoted at the top."""
    results = []
    real = stats_of(log)
    pc = re.search(r"^vm\.page-cluster = (\d+)$", log, re.M)
    results.append(("the hog boot set page-cluster and ended as quoted",
                    pc and re.search(r"^hog: 24M ok$", log, re.M) and real,
                    "no 'vm.page-cluster = N', 'hog: 24M ok' or stats line"))
    if not pc:
        return results
    pc = int(pc.group(1))
    if pc == DEFAULT_PAGE_CLUSTER:
        q = STATS_QUOTE.search(doc)
        quoted = dict(kv.split("=") for kv in re.findall(r"\w+=\d+", q.group(1))) if q else {}
        keys = [k for k in real if k in quoted]
        results.append(("the stats quote has the line's keys in order",
                        q and list(quoted) == keys, "%s vs %s" % (list(quoted), list(real))))
        for k, v in quoted.items():
            results.append(("stats %s=%s within 2x of the run's %s" % (k, v, real.get(k)),
                            k in real and close(int(real[k]), int(v), 2), ""))
    row = [r for r in RA_ROW.findall(doc) if int(r[0]) == pc]
    if row:
        _, _, majflt, pswpin, ctxsw = (int(x) for x in row[0])
        for name, v, f in (("pgmajfault", majflt, 2), ("pswpin", pswpin, 2), ("ctxsw", ctxsw, 3)):
            results.append(("readahead table, page_cluster %d: %s %d within %dx of the run's %s"
                            % (pc, name, v, f, real.get(name)),
                            name in real and close(int(real[name]), v, f), ""))
    else:
        results.append(("readahead table has the page_cluster %d row" % pc, False, ""))
    return results


TRACE = re.compile(r"^trace: \d+\.\d+ (\w+:\w+) (.*)$", re.M)


def check_trace(doc, log):
    """The story of hog's first page, quoted, against the traced run."""
    results = []
    quoted = [e for b in code_blocks(doc) if b.startswith("trace: ") for e in TRACE.findall(b)]
    results.append(("exercise 5 quotes trace lines", quoted, ""))
    fault = re.search(r"^trace: \S+ fault:major (pid=\d+ comm=\w+) addr=0x40000000$", log, re.M)
    q_fault = [f for e, f in quoted if e == "fault:major"]
    results.append(("hog faults on 0x40000000 as the quote says (pid and comm)",
                    fault and q_fault and q_fault[0].startswith(fault.group(1) + " "),
                    "run: %s, quote: %s" % (fault.group(1) if fault else None, q_fault)))
    if not fault:
        return results
    # count_fault() logs a major fault once it is handled: the page's own read (ra=0) is
    # the last one since the previous major fault.
    before = log[:fault.start()]
    prev = list(re.finditer(r"^trace: \S+ fault:major ", before, re.M))
    reads = re.findall(r"^trace: \S+ swap:read entry=(\d+:\d+) ra=0$",
                       before[prev[-1].end() if prev else 0:], re.M)
    if not reads:
        results.append(("the fault reads its slot", False, "no ra=0 read before the fault"))
        return results
    entry = reads[-1]
    story = [e for e, f in TRACE.findall(log)
             if re.search(r"entry=%s( |$)" % entry, f) or f.endswith("addr=0x40000000")]
    kinds = [e for e, _ in quoted]
    results.append(("slot %s goes through the quoted events in order" % entry,
                    story[:len(kinds)] == kinds, "run: %s, quote: %s" % (story, kinds)))
    return results


def fix(doc):
    """Rewrite each FILE:LINE to where its KT_EXPECT_EQ is now (in its case's function;
    the nearest of several) and each quoted case number to the case's place in its
    suite, leaving the quotes whose check or case is gone for a person."""
    for m, case in reversed(quoted_expects(doc)):
        path, line, expr = m.groups()
        found = expect_line(path, expr, case)
        if found:
            new = min(found, key=lambda n: abs(n - int(line)))
            doc = doc.replace(m.group(0), m.group(0).replace(":%s:" % line, ":%d:" % new, 1), 1)
    where = suites()

    def renumber(m):
        n = where.get(m.group(3), (None, None))[1]
        return m.group(0) if n is None else m.group(0).replace(
            "%s %s %s" % (m.group(1), m.group(2), m.group(3)), "%s %d %s" % (m.group(1), n,
                                                                          m.group(3)), 1)
    return CASE.sub(renumber, doc)


MUTATIONS = [
    ("a stale line number", lambda d: re.sub(r"(mm/swapping_test\.c:)(\d+)",
                                             lambda m: m.group(1) + str(int(m.group(2)) + 3), d,
                                             count=1)),
    ("a changed expression", lambda d: d.replace("- maj0 <= 8", "- maj0 <= 9", 1)),
    ("a case renumbered", lambda d: re.sub(r"not ok 1 test_", "not ok 2 test_", d, count=1)),
    ("a check_proc check that does not exist",
     lambda d: d.replace("SwapFree recovers after the hog exits", "SwapFree recovers", 1)),
    ("a policysim count off by one", lambda d: d.replace("lru=27970", "lru=27971", 1)),
    ("an rsslimit count off by one", lambda d: re.sub(r"rsslimit=(\d+)",
                                                      lambda m: "rsslimit=%d" % (int(m.group(1)) + 1),
                                                      d, count=1)),
    ("like-with-like arithmetic wrong", lambda d: d.replace("OPT 5876", "OPT 5875", 1)),
    ("a readahead window wrong", lambda d: re.sub(r"^\| 5 \| 32 \|", "| 5 | 16 |", d, flags=re.M)),
    ("swap-bench key renamed", lambda d: d.replace("pages_per_write=", "pages_per_cmd=", 1)),
]


def main(argv):
    doc = read(DOC)
    if argv == ["--fix"]:
        new = fix(doc)
        if new != doc:
            with open(DOC, "w", encoding="utf-8") as f:
                f.write(new)
        print("check_exercises: %s" % ("line and case numbers updated" if new != doc else "nothing to fix"))
        return 0
    if len(argv) == 2 and argv[0] in ("hog", "trace"):
        log = read(argv[1]).replace("\r", "")
        return ktap.print_results((check_hog if argv[0] == "hog" else check_trace)(doc, log))
    if argv != ["source"]:
        sys.exit(__doc__.strip().splitlines()[2])
    results = check_source(doc)
    for name, change in MUTATIONS:
        broken = change(doc)
        caught = broken != doc and not all(r[1] for r in check_source(broken))
        results.append(("rejects a document with " + name, caught,
                        "the mutation did not apply" if broken == doc else "accepted"))
    return ktap.print_results(results)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
