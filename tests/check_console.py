#!/usr/bin/env python3
"""The console as a person or a script meets it: make run-nox with piped
input, the shell's history and escape handling, flow control, the exit
statuses of make run, -display curses in a UTF-8 locale, and make debug.

  tests/check_console.py [CHECK...]       (default: all; --list names them)

Each check boots make run's ISO on a private copy of make run's disk
(build/test-console-*.img) through scripts/run-interactive, as make run and
make run-nox do, and prints "ok N name" or "not ok N name # why" like the
host tests; the output of each run is kept in build/test-logs/console-NAME.log.
"""
import os
import pty
import re
import select
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ktap  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOGS = os.path.join(ROOT, "build", "test-logs")
DISK = os.path.join(ROOT, "build", "test-console-disk.img")
CSI_UP, CSI_DOWN, SS3_UP = "\033[A", "\033[B", "\033OA"


def clean_env(**extra):
    """No display, no make jobserver from a parent make; @extra added."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    env.update(extra)
    return env


def keep(name, text):
    with open(os.path.join(LOGS, "console-%s.log" % name), "w") as f:
        f.write(text)


def piped(name, data, cmd=None, timeout=120):
    """Run scripts/run-interactive --nox (or @cmd) with @data on stdin: (status, output)."""
    cmd = cmd or [os.path.join(ROOT, "scripts", "run-interactive"), "--nox"]
    try:
        p = subprocess.run(cmd, input=data.encode(), stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, cwd=ROOT, timeout=timeout,
                           env=clean_env(DISK=DISK))
        rc, out = p.returncode, p.stdout.decode("utf-8", "replace").replace("\r", "")
    except subprocess.TimeoutExpired as e:
        rc, out = -1, (e.stdout or b"").decode("utf-8", "replace") + "\n[timeout]\n"
    keep(name, "$ %s <<< %r\n%s\n[exit %d]\n" % (" ".join(cmd), data, out, rc))
    return rc, out


def lines(out):
    return out.splitlines()


def check_make_run_nox():
    """The issue's acceptance: printf 'free\\nhalt\\n' | timeout 120 make run-nox."""
    rc, out = piped("make_run_nox", "free\nhalt\n",
                    ["timeout", "120", "make", "--no-print-directory", "run-nox", "DISK=" + DISK])
    problems = []
    if rc != 0:
        problems.append("exit status %d" % rc)
    if not re.search(r"^Swap:\s+98300\s+\d+\s+\d+$", out, re.M):
        problems.append("no Swap: line of a 98300 kB area")
    if not re.search(r"executed automatically in 5s", out):
        problems.append("GRUB's menu did not count down from 5 s")
    if not re.search(r"^\$ halt$", out, re.M):
        problems.append("halt not echoed after a prompt")
    return problems


def check_history_and_escapes():
    """Up/Down walk the history, other escape sequences are ignored. Keys that arrive
    while a command runs are echoed then, amid its output (as in Linux), so the
    commands print words their input lines do not hold ('F'irst prints First)."""
    data = ("echo 'F'irst\n" + CSI_UP + "\n"              # Up: echo First again
            + "echo \033[D\033[1;5C'S'econd\033[3~\n"     # Left, Ctrl-Right, Delete: ignored
            + CSI_UP + CSI_UP + CSI_DOWN + "\n"           # First, then back down to Second
            + SS3_UP + SS3_UP + SS3_UP + "\n"             # ESC O A too: Second, First, First
            + "\033x" + "echo 'T'hird\n"                  # Alt-x ignored
            + "halt\n")
    rc, out = piped("history", data)
    got = re.findall(r"First|Second|Third", out)
    want = ["First", "First", "Second", "Second", "First", "Third"]
    problems = [] if got == want else ["outputs %s, expected %s" % (got, want)]
    if rc != 0:
        problems.append("exit status %d" % rc)
    if re.search(r"sh: .*(\[|No such file)", out):
        problems.append("an escape sequence reached a command line")
    return problems


def check_end_of_input():
    """Without halt, the end of the input ends the shell, init and the machine: status 0."""
    rc, out = piped("end_of_input", "echo last-line")  # no newline either
    problems = [] if rc == 0 else ["exit status %d" % rc]
    if not re.search(r"^last-line$", out, re.M):
        problems.append("the unterminated last line did not run")
    if not re.search(r"^init: exited with status 0$", out, re.M):
        problems.append("init did not exit with 0")
    return problems


def check_failure_status():
    """A shell that exits 3 makes init fail: make run-nox's status is 1, with a reason."""
    rc, out = piped("failure_status", "exit 3\n")
    problems = [] if rc == 1 else ["exit status %d, expected 1" % rc]
    if not re.search(r"^run: the kernel reported failure", out, re.M):
        problems.append("no reason given")
    return problems


def check_flow_control():
    """Typed-ahead input four times the terminal's 1 KiB buffer: no line lost. What
    arrives while a command runs is echoed then, amid the output (as in Linux), so
    the commands print what their input line does not hold: the quotes go."""
    n = 64
    data = "".join("echo 'L'ine-%02d %s\n" % (i, "x" * 50) for i in range(n)) + "halt\n"
    rc, out = piped("flow_control", data)
    got = [int(m.group(1)) for m in re.finditer(r"Line-(\d\d)", out)]
    problems = [] if got == list(range(n)) else [
        "%d of %d lines ran, missing %s" % (len(got), n, sorted(set(range(n)) - set(got))[:8])]
    if rc != 0:
        problems.append("exit status %d" % rc)
    return problems


def check_curses_utf8():
    """make run in a terminal without a UTF-8 locale: QEMU's curses display must not
    complain about characters it cannot convert; halt typed on its keyboard ends it with 0."""
    log = os.path.join(ROOT, "build", "test-console-serial.log")
    if os.path.exists(log):
        os.remove(log)
    env = clean_env(TERM="xterm", SERIAL_LOG=log, DISK=DISK, LANG="C", LC_ALL="C")
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(ROOT)
        os.execve(os.path.join(ROOT, "scripts", "run-interactive"),
                  ["run-interactive"], env)
    screen, start, typed = b"", time.time(), False
    while time.time() - start < 90:
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            screen += chunk
        if not typed and os.path.exists(log) and b"\n$ " in open(log, "rb").read():
            time.sleep(0.3)
            os.write(fd, b"halt\r")
            typed = True
    for _ in range(100):  # the terminal closes just before the process is gone
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.1)
    if done:
        rc = os.waitstatus_to_exitcode(status)
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        rc = -1
    os.close(fd)
    keep("curses", screen.decode("utf-8", "replace"))
    problems = []
    if not typed:
        problems.append("no shell prompt in %s" % os.path.relpath(log, ROOT))
    if rc != 0:
        problems.append("exit status %d" % rc)
    bad = screen.count(b"Could not convert")
    if bad:
        problems.append("QEMU printed 'Could not convert' %d times" % bad)
    return problems


def debug(port, disk=DISK):
    p = subprocess.run([os.path.join(ROOT, "scripts", "debug")], cwd=ROOT,
                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=120,
                       env=clean_env(GDBPORT=str(port), DISK=disk))
    return p.returncode, p.stdout.decode("utf-8", "replace")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def check_debug():
    """make debug stops at kmain on its own port; refuses a taken port; says when QEMU fails."""
    problems = []
    port = free_port()
    rc, out = debug(port)
    keep("debug", out)
    if rc != 0 or not re.search(r"^Breakpoint 1, kmain ", out, re.M) \
            or "localhost:%d" % port not in out:
        problems.append("no stop at kmain through port %d (exit %d)" % (port, rc))
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    rc, out = debug(taken.getsockname()[1])
    taken.close()
    keep("debug_port_taken", out)
    if rc == 0 or "is already in use" not in out or "Breakpoint" in out:
        problems.append("a taken port was not refused (exit %d)" % rc)
    rc, out = debug(free_port(), "/nonexistent.img")
    keep("debug_no_qemu", out)
    if rc == 0 or "QEMU did not start" not in out or "'/nonexistent.img' not found" not in out:
        problems.append("QEMU failing to start was not reported with its reason (exit %d)" % rc)
    return problems


CHECKS = [("make_run_nox_piped", check_make_run_nox),
          ("shell_history_and_escapes", check_history_and_escapes),
          ("end_of_input_powers_off", check_end_of_input),
          ("failed_init_exit_status", check_failure_status),
          ("typeahead_flow_control", check_flow_control),
          ("curses_display_utf8", check_curses_utf8),
          ("make_debug_port", check_debug)]


def main(argv):
    if argv == ["--list"]:
        print("\n".join(n for n, _ in CHECKS))
        return 0
    os.makedirs(LOGS, exist_ok=True)
    if os.path.exists(DISK):
        os.remove(DISK)
    subprocess.run([os.path.join(ROOT, "scripts", "mkdisk"), "default", DISK], check=True,
                   stdout=subprocess.DEVNULL, cwd=ROOT)
    results = []
    for name, fn in CHECKS:
        if argv and name not in argv:
            continue
        problems = fn()
        results.append((name, not problems, "; ".join(problems)))
    return ktap.print_results(results)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
