#!/usr/bin/env python3
"""scripts/watch in a real browser (Debian's chromium, headless, over CDP).

  tests/check_watch.py live      the demo, live: the page's summary against the
                                 kernel's own /proc/vmstat and /proc/meminfo in
                                 the console log, the swap grid, the controls,
                                 a screenshot (build/screens/watch-live.png)
  tests/check_watch.py replay    docs/watch-demo.tel.gz replayed: the scrubber
                                 moves the figures, to what the log says
  tests/check_watch.py dump-dom  the acceptance command: init=demo, then
                                 chromium --dump-dom shows data-pswpout > 0

Prints "ok N name" / "not ok N name # why" and exits 1 if any failed.
Logs and recordings go to build/test-logs/watch-*.
"""
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import cdp  # noqa: E402
import check_telemetry  # noqa: E402
import ktap  # noqa: E402
import telemetry  # noqa: E402

LOGS = os.path.join(ROOT, "build", "test-logs")
SCREENS = os.path.join(ROOT, "build", "screens")
DEMO_LOG = os.path.join(ROOT, "docs", "watch-demo.tel.gz")
SUMMARY_JS = "Object.assign({}, document.getElementById('summary').dataset)"
FIELDS = ("free-kb", "swap-used-kb", "pswpin", "pswpout", "majflt", "kswapd")


class Failed(Exception):
    pass


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Watch:
    """scripts/watch ARGS in the background, stopped (with its QEMU) at the end."""

    def __init__(self, name, args, record=None):
        self.record = record
        self.port = free_port()
        self.url = "http://127.0.0.1:%d/" % self.port
        self.console = os.path.join(LOGS, "watch-%s-console.log" % name)
        self.out = open(os.path.join(LOGS, "watch-%s.log" % name), "w")
        self.proc = subprocess.Popen(
            [os.path.join(ROOT, "scripts", "watch"), "--no-open", "--port", str(self.port),
             "--log", self.console] + (["--record", record] if record else []) + args,
            stdin=subprocess.DEVNULL, stdout=self.out, stderr=subprocess.STDOUT)

    def __enter__(self):
        wait_for(lambda: self.state(), 60, "scripts/watch serving on %s" % self.url)
        return self

    def __exit__(self, *exc):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.out.close()

    def state(self):
        if self.proc.poll() is not None:
            raise Failed("scripts/watch exited with %d (see %s)" % (self.proc.returncode,
                                                                   self.out.name))
        try:
            with urllib.request.urlopen(self.url + "state", timeout=5) as r:
                return json.loads(r.read())
        except OSError:
            return None

    def progress(self):
        """What grows while the kernel runs: its console log and the telemetry it sends."""
        return tuple(os.path.getsize(f) if os.path.exists(f) else 0
                     for f in (self.console, self.record) if f)

    def console_text(self):
        try:
            return open(self.console, errors="replace").read().replace("\r", "")
        except OSError:
            return ""


# However slowly the kernel goes, no wait lasts longer than this: a kernel that
# livelocks while printing still fails (and tests/run-tests gives a check 600 s).
MAX_WAIT = 540


def wait_for(predicate, timeout, what, progress=None):
    """Poll @predicate until it returns something true, and return that.

    Without @progress, give up after @timeout seconds. With @progress (a
    function whose value changes while the kernel works, Watch.progress),
    give up only after @timeout seconds without a change, or MAX_WAIT in
    all: on a loaded machine the demo may run several times slower than
    alone, but a kernel that hangs stops making progress and still fails.
    """
    start = last_change = time.time()
    mark = progress() if progress else None
    while True:
        value = predicate()
        if value:
            return value
        now = time.time()
        if progress:
            current = progress()
            if current != mark:
                mark, last_change = current, now
        if now - last_change > timeout or now - start > MAX_WAIT:
            stalled = " (%ds without progress)" % (now - last_change) if progress else ""
            raise Failed("timed out after %ds waiting for %s%s" % (now - start, what, stalled))
        time.sleep(0.25)


DATASET = {"free-kb": "freeKb", "swap-used-kb": "swapUsedKb", "pswpin": "pswpin",
           "pswpout": "pswpout", "majflt": "majflt", "kswapd": "kswapd", "t": "t"}


def summary(browser):
    """The page's id="summary" figures (those it has yet), and the snapshot time t."""
    d = browser.evaluate(SUMMARY_JS)
    return {k: int(d[v]) for k, v in DATASET.items() if d.get(v, "") != ""}


def shell(w, command, action):
    """Run @action (which makes the page type @command into the shell) and wait for
    the output: {name: number} of its "name value" or "Name: value kB" lines."""
    echo = command + "\n"
    before = w.console_text().count(echo)
    action()

    def output():
        text = w.console_text()
        if text.count(echo) <= before:
            return None
        block = text[text.rfind(echo) + len(echo):]
        if "\n$ " not in block:
            return None  # the shell has not prompted again: cat is still writing
        values = {}
        for m in re.finditer(r"^(\w[\w()]*):?\s+(\d+)( kB)?$", block, re.M):
            values.setdefault(m.group(1), int(m.group(2)))
        return values
    return wait_for(output, 30, "the output of %r in the console log" % command, w.progress)


def type_command(browser, cmd):
    """Type @cmd through the page's command box, as a teacher would."""
    browser.evaluate("document.getElementById('cmd').value = %s; "
                     "document.getElementById('cmd-form').requestSubmit(); true" % json.dumps(cmd))


def click_command(browser, cmd):
    """Press the page's button that types @cmd."""
    browser.evaluate("document.querySelector('[data-cmd=%s]').click(); true" % json.dumps(cmd))


def wait_newer_snapshot(browser, w, t, margin_ms, timeout=30):
    return wait_for(lambda: (lambda s: s if s["t"] > t + margin_ms else None)(summary(browser)),
                    timeout, "a snapshot %d ms after t=%d" % (margin_ms, t), w.progress)


def check_live(results):
    disk = os.path.join(ROOT, "build", "watch-live-disk.img")
    subprocess.run([os.path.join(ROOT, "scripts", "mkdisk"), "default", disk], check=True)
    record = os.path.join(LOGS, "watch-live.tel")
    with Watch("live", ["--disk", disk], record) as w, cdp.Browser() as b:
        b.open(w.url)
        # 1. The demo swaps: pswpout rises and the grid shows used slots.
        first = wait_for(lambda: (lambda s: s if s.get("pswpout", 0) > 0 else None)(summary(b)),
                         90, "data-pswpout > 0", w.progress)
        results.append(("summary_pswpout_rises", True, "pswpout %d" % first["pswpout"]))
        busy = wait_for(lambda: (lambda s: s if s["swap-used-kb"] >= 4096 else None)(summary(b)),
                        60, "4 MiB in swap", w.progress)
        used = int(b.evaluate("Math.max(0, ...[...document.querySelectorAll('#areas canvas')]"
                              ".map(c => Number(c.dataset.used || 0)))"))
        results.append(("grid_shows_used_slots", used * 4 >= busy["swap-used-kb"] // 2,
                         "%d slots drawn in use, summary says %d kB in swap"
                         % (used, busy["swap-used-kb"])))
        os.makedirs(SCREENS, exist_ok=True)
        shot = os.path.join(SCREENS, "watch-live.png")
        b.screenshot(shot)
        problem = png_problem(shot)
        results.append(("screenshot_saved", problem is None, problem or shot))

        # 2. While it swaps, /proc/vmstat lies between the snapshots before and after it.
        before = summary(b)
        vm = shell(w, "cat /proc/vmstat", lambda: click_command(b, "cat /proc/vmstat"))
        seen = summary(b)
        after = wait_newer_snapshot(b, w, seen["t"], 2000)
        bad = ["%s: %d <= %d <= %d" % (k, before[f], vm[k], after[f])
               for k, f in (("pswpin", "pswpin"), ("pswpout", "pswpout"), ("pgmajfault", "majflt"))
               if not before[f] <= vm[k] <= after[f]]
        results.append(("summary_brackets_proc_vmstat_while_swapping", not bad,
                        "; ".join(bad) or "pswpout %d <= %d <= %d"
                        % (before["pswpout"], vm["pswpout"], after["pswpout"])))

        # 3. Quiet after the demo: the summary is what /proc says.
        wait_for(lambda: "demo: done" in w.console_text(), 60, "the demo to end", w.progress)
        time.sleep(1)
        # vmstat first: the shell's own pages come back in with the first command it
        # runs (their slots freed when it writes them), so meminfo, read second, holds
        # still until the snapshot.
        vm = shell(w, "cat /proc/vmstat", lambda: type_command(b, "cat /proc/vmstat"))
        mem = shell(w, "cat /proc/meminfo", lambda: type_command(b, "cat /proc/meminfo"))
        s = wait_newer_snapshot(b, w, summary(b)["t"], 1000)
        want = {"pswpin": vm["pswpin"], "pswpout": vm["pswpout"], "majflt": vm["pgmajfault"],
                "swap-used-kb": mem["SwapTotal"] - mem["SwapFree"]}
        bad = ["%s: page %d, /proc %d" % (k, s[k], v) for k, v in want.items() if s[k] != v]
        # cat itself holds a few pages while it reads MemFree.
        if abs(s["free-kb"] - mem["MemFree"]) > 1024:
            bad.append("free-kb: page %d, MemFree %d" % (s["free-kb"], mem["MemFree"]))
        if s["kswapd"] not in (0, 1):
            bad.append("kswapd %r" % s["kswapd"])
        results.append(("summary_equals_proc_when_quiet", not bad, "; ".join(bad) or
                        "pswpin %(pswpin)d pswpout %(pswpout)d majflt %(majflt)d "
                        "swap-used-kb %(swap-used-kb)d free-kb %(free-kb)d" % s))
        grid = b.evaluate("[...document.querySelectorAll('#areas canvas')].map(c => "
                          "Number(c.dataset.used))")
        results.append(("grid_equals_swap_used_when_quiet", sum(grid) * 4 == want["swap-used-kb"],
                        "grid %s slots, /proc/meminfo %d kB" % (grid, want["swap-used-kb"])))
        results.append(("no_javascript_errors", not b.exceptions, "; ".join(map(str, b.exceptions))))
    # 4. The stream scripts/watch recorded meanwhile holds together.
    results += [("recording_" + name, ok, why) for name, ok, why in
                check_telemetry.check_stream(record, None, whole_boot=False)]


def log_summary_at(lines, position):
    """What the log says at @position ms, by the page's rule: every line whose time
    (its own t, or its snapshot's) is at most @position has been read."""
    stream, t = telemetry.Stream(), 0
    for line in lines:
        tag, lt, _ = telemetry.parse_line(line)
        if lt is not None:
            t = max(t, lt)
        if t > position:
            break
        stream.feed(line)
    return telemetry.summary(stream)


def max_swap_position(lines):
    """The time of the snapshot with the most swap in use."""
    best, when = -1, 0
    for line in lines:
        if line.startswith("S "):
            s = telemetry.parse_kv(line.split()[1:])
            if s["swap_total"] - s["swap_free"] > best:
                best, when = s["swap_total"] - s["swap_free"], s["t"]
    return when


def scrub(browser, lines, value):
    """Move the scrubber to @value (of 1000); returns the player's position, the
    summary the page shows there and the one the log says it should show. The
    seek happens in the input event; the summary is drawn by a later animation
    frame, so wait (a few seconds at most) for it to show the log's figures."""
    browser.evaluate("(() => { const s = document.getElementById('scrub'); s.value = %d; "
                     "s.dispatchEvent(new Event('input')); return true; })()" % value)
    position = browser.evaluate("player.position")
    want = log_summary_at(lines, position)
    try:
        wait_for(lambda: all(summary(browser).get(k) == want[k] for k in FIELDS), 10,
                 "the summary at %d ms" % position)
    except Failed:
        pass  # the caller reports what differs
    return position, summary(browser), want


def check_replay(results):
    with telemetry.open_log(DEMO_LOG) as f:
        lines = [l for l in f.read().splitlines() if l]
    with Watch("replay", ["--replay", DEMO_LOG]) as w, cdp.Browser(height=1420) as b:
        b.open(w.url)
        wait_for(lambda: b.evaluate("player !== null && player.lines.length > 0"), 30,
                 "the recording to load")
        b.evaluate("document.getElementById('play').click(); true")  # pause
        seen = []
        for value in (250, 750, 100):
            position, s, want = scrub(b, lines, value)
            diff = ["%s %s != %s" % (k, s.get(k), want[k]) for k in FIELDS if s.get(k) != want[k]]
            results.append(("scrub_to_%d_shows_the_log_figures" % value, not diff,
                            "; ".join(diff) or "t=%d pswpout %d" % (position, s["pswpout"])))
            seen.append(s)
        results.append(("scrubber_moves_the_figures", seen[0]["pswpout"] < seen[1]["pswpout"]
                        and seen[2]["pswpout"] <= seen[0]["pswpout"],
                        "pswpout at 25%%, 75%%, 10%%: %s" % [x["pswpout"] for x in seen]))
        # The picture for README: the moment the most swap is in use.
        busiest = max_swap_position(lines)
        span = b.evaluate("player.end - player.start")
        scrub(b, lines, round(1000 * (busiest - b.evaluate("player.start")) / span))
        os.makedirs(SCREENS, exist_ok=True)
        b.screenshot(os.path.join(SCREENS, "watch-replay.png"))
        start = b.evaluate("player.position")
        b.evaluate("document.getElementById('speed').value = '8'; "
                   "document.getElementById('speed').dispatchEvent(new Event('change')); "
                   "document.getElementById('play').click(); true")
        # The speed setting reaches the player, and playing moves it on (how fast in
        # wall-clock time depends on the machine's load: not asserted).
        speed = b.evaluate("player.speed")
        try:
            moved = wait_for(lambda: (lambda m: m if m > 2000 else None)(
                b.evaluate("player.position") - start), 30, "the player to advance 2 s")
        except Failed:
            moved = b.evaluate("player.position") - start
        results.append(("play_at_8x_advances", speed == 8 and moved > 2000,
                        "speed %s, advanced %d ms of the run" % (speed, moved)))
        results.append(("no_javascript_errors", not b.exceptions, "; ".join(map(str, b.exceptions))))


def check_dump_dom(results):
    """The acceptance command; --dump-dom once swapping has shown in /state."""
    port = free_port()
    disk = os.path.join(ROOT, "build", "watch-dump-dom-disk.img")
    subprocess.run([os.path.join(ROOT, "scripts", "mkdisk"), "default", disk], check=True)
    out = open(os.path.join(LOGS, "watch-dump-dom.log"), "w")
    console = os.path.join(LOGS, "watch-dump-dom-console.log")
    proc = subprocess.Popen([os.path.join(ROOT, "scripts", "watch"), "--no-open", "--port",
                             str(port), "--append", "swap=hda1 init=demo", "--disk", disk,
                             "--log", console],
                            stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
    try:
        def swapped():
            if proc.poll() is not None:
                raise Failed("scripts/watch exited with %d (see %s)" % (proc.returncode,
                                                                       out.name))
            try:
                with urllib.request.urlopen("http://127.0.0.1:%d/state" % port, timeout=5) as r:
                    s = json.loads(r.read())["summary"]
                    return s and s["pswpout"] > 0
            except OSError:
                return False
        wait_for(swapped, 90, "pswpout > 0 in /state",
                 lambda: os.path.getsize(console) if os.path.exists(console) else 0)
        profile = os.path.join(LOGS, "watch-dump-dom-profile")
        subprocess.run(["rm", "-rf", profile])
        dom = subprocess.run([cdp.chromium()] + cdp.CHROMIUM_FLAGS +
                             ["--user-data-dir=" + profile, "--dump-dom",
                              "http://127.0.0.1:%d/" % port],
                             capture_output=True, text=True, timeout=60).stdout
        m = re.search(r'<div id="summary"[^>]*data-pswpout="(\d+)"', dom)
        results.append(("dump_dom_shows_pswpout", bool(m and int(m.group(1)) > 0),
                        "data-pswpout=%s" % (m.group(1) if m else "missing")))
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)
        out.close()


def png_problem(path):
    from check_plot import png_problem as check
    return check(path)


def main():
    which = sys.argv[1] if len(sys.argv) > 1 else ""
    checks = {"live": check_live, "replay": check_replay, "dump-dom": check_dump_dom}
    if which not in checks:
        sys.exit(__doc__)
    os.makedirs(LOGS, exist_ok=True)
    results = []
    try:
        if not cdp.chromium():
            raise Failed("chromium is not installed (scripts/install-deps installs it)")
        checks[which](results)
    except (Failed, cdp.BrowserError, subprocess.SubprocessError, OSError) as e:
        results.append((which.replace("-", "_") + "_ran", False, str(e)))
    return ktap.print_results(results)


if __name__ == "__main__":
    sys.exit(main())
