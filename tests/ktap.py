"""KTAP version 1 checker for the kernel's self-test output.

A log passes only when it is complete and consistent: the version line and
a top-level plan are present, the plan is not 1..0, every suite has its own
plan, results are numbered 1, 2, 3... at each level, every planned result
is reported, the kernel's summary line "N passed, M failed" agrees with the
results, and nothing panicked. Lines that are not KTAP (diagnostics,
console messages) are ignored, as the KTAP specification allows.
"""
import re

RESULT = re.compile(r"^( *)(not ok|ok) (\d+) (\S+)(?: # (SKIP|TODO)\b ?(.*))?$")
PLAN = re.compile(r"^( *)1\.\.(\d+)$")
SUMMARY = re.compile(r"^(\d+) passed, (\d+) failed$")


class Result:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.skipped = 0
        self.errors = []      # structural problems: the run is not trustworthy
        self.failures = []    # names of failed cases

    @property
    def ok(self):
        return not self.errors and not self.failures


def check(text):
    """Parse KTAP @text; returns a Result."""
    r = Result()
    lines = text.replace("\r", "").split("\n")
    if not any(l.strip() == "KTAP version 1" for l in lines):
        r.errors.append("no 'KTAP version 1' line")
        return r
    top_plan = None
    top_next = 1
    suite = None          # [name-so-far, plan, next]
    cases = []
    summary = None
    for line in lines:
        if "Kernel panic" in line:
            r.errors.append("kernel panic: " + line.strip())
        m = PLAN.match(line)
        if m:
            indent, n = len(m.group(1)), int(m.group(2))
            if indent == 0:
                if top_plan is not None:
                    r.errors.append("second top-level plan")
                top_plan = n
                if n == 0:
                    r.errors.append("empty plan 1..0: no tests ran")
            else:
                suite = {"plan": n, "next": 1}
            continue
        m = RESULT.match(line)
        if m:
            indent, status, num, name = len(m.group(1)), m.group(2), int(m.group(3)), m.group(4)
            skip = m.group(5) == "SKIP"
            if indent > 0:
                if suite is None:
                    r.errors.append("case result outside a suite: " + line.strip())
                    continue
                if num != suite["next"]:
                    r.errors.append("case %s numbered %d, expected %d" % (name, num, suite["next"]))
                suite["next"] = num + 1
                cases.append((name, status, skip))
                if status == "not ok":
                    r.failed += 1
                    r.failures.append(name)
                elif skip:
                    r.skipped += 1
                    r.passed += 1
                else:
                    r.passed += 1
            else:
                if num != top_next:
                    r.errors.append("suite %s numbered %d, expected %d" % (name, num, top_next))
                top_next = num + 1
                if suite is None:
                    r.errors.append("suite %s has no plan" % name)
                elif suite["next"] - 1 != suite["plan"]:
                    r.errors.append("suite %s planned %d cases, reported %d"
                                    % (name, suite["plan"], suite["next"] - 1))
                suite = None
            continue
        m = SUMMARY.match(line)
        if m:
            summary = (int(m.group(1)), int(m.group(2)))
    if top_plan is None:
        r.errors.append("no top-level plan")
    elif top_next - 1 != top_plan:
        r.errors.append("planned %d suites, reported %d (crash or hang?)" % (top_plan, top_next - 1))
    if suite is not None:
        r.errors.append("last suite never finished (crash or hang?)")
    if summary is None:
        r.errors.append("no 'N passed, M failed' summary line")
    elif summary != (r.passed, r.failed):
        r.errors.append("summary says %d passed, %d failed; results say %d, %d"
                        % (summary + (r.passed, r.failed)))
    if r.passed + r.failed == 0 and not r.errors:
        r.errors.append("zero tests ran")
    return r


def print_results(results):
    """Print (name, ok, why) results as flat KTAP "ok N name" lines; returns the exit status."""
    failed = 0
    for i, (name, ok, why) in enumerate(results, 1):
        print("%s %d %s%s" % ("ok" if ok else "not ok", i, name, "" if ok else " # %s" % why))
        failed += not ok
    return 1 if failed else 0
