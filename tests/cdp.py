"""A small Chrome DevTools Protocol client for the browser tests, in the
standard library: Debian's chromium, headless, driven over
--remote-debugging-pipe (requests on fd 3, replies on fd 4, each JSON
message ended by a NUL byte). No websocket, no port, nothing to install
but chromium.

    with Browser() as b:
        b.open("http://127.0.0.1:8917/")
        b.evaluate("document.title")
        b.screenshot("page.png")
"""
import base64
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import time

CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--hide-scrollbars", "--mute-audio"]


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class BrowserError(Exception):
    pass


class Browser:
    def __init__(self, width=1400, height=1800):
        self.width, self.height = width, height
        self.profile = tempfile.mkdtemp(prefix="watch-chromium-")
        self.next_id = 0
        self.buffer = b""
        self.session = None
        self.exceptions = []   # uncaught exceptions in the page (Runtime.exceptionThrown)

    def __enter__(self):
        exe = chromium()
        if not exe:
            raise BrowserError("chromium is not installed (scripts/install-deps installs it)")
        to_child, self.w = os.pipe()
        self.r, from_child = os.pipe()
        # Above 4, so that making them the child's 3 and 4 cannot overwrite one of them.
        high = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (to_child, from_child)]
        os.close(to_child)
        os.close(from_child)

        def fds():  # the child's fd 3 reads our requests, fd 4 writes its replies
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)
        self.proc = subprocess.Popen(
            [exe] + CHROMIUM_FLAGS + ["--user-data-dir=" + self.profile,
                                      "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=fds, close_fds=False)
        for fd in high:
            os.close(fd)
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget",
                                 {"targetId": target, "flatten": True})["sessionId"]
        self.call("Runtime.enable", session=True)
        self.call("Page.enable", session=True)
        self.call("Emulation.setDeviceMetricsOverride", {
            "width": self.width, "height": self.height, "deviceScaleFactor": 1,
            "mobile": False}, session=True)
        return self

    def __exit__(self, *exc):
        try:
            self.call("Browser.close", timeout=5)
        except (BrowserError, OSError):
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self.w, self.r):
            os.close(fd)
        shutil.rmtree(self.profile, ignore_errors=True)

    def _read_message(self, deadline):
        while b"\0" not in self.buffer:
            if time.time() > deadline or self.proc.poll() is not None:
                raise BrowserError("no reply from chromium")
            data = os.read(self.r, 1 << 16)
            if not data:
                raise BrowserError("chromium closed the pipe")
            self.buffer += data
        msg, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, params=None, session=False, timeout=30):
        """Send one command and wait for its reply; events met meanwhile are noted."""
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = self.session
        os.write(self.w, json.dumps(msg).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("method") == "Runtime.exceptionThrown":
                details = reply["params"]["exceptionDetails"]
                self.exceptions.append(details.get("exception", {}).get("description")
                                       or details.get("text"))
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise BrowserError("%s: %s" % (method, reply["error"].get("message")))
                return reply.get("result", {})

    def open(self, url, timeout=30):
        """Load @url and wait until its load event fired."""
        self.call("Page.navigate", {"url": url}, session=True)
        deadline = time.time() + timeout
        while self.evaluate("document.readyState") != "complete":
            if time.time() > deadline:
                raise BrowserError("%s did not load" % url)
            time.sleep(0.1)

    def evaluate(self, expression):
        """The value of a JavaScript expression in the page (JSON-able values only)."""
        r = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                      session=True)
        if "exceptionDetails" in r:
            raise BrowserError("%s: %s" % (expression, r["exceptionDetails"].get("text")))
        return r["result"].get("value")

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", {"format": "png"}, session=True)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
