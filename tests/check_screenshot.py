#!/usr/bin/env python3
"""A QMP screendump of the demo with the dashboard on shows the dashboard.

  tests/check_screenshot.py

Makes a disk like make run's (scripts/mkdisk default) and takes two
pictures with scripts/screenshot: build/screens/dashboard.png, the demo
with the dashboard, frozen at its first per-second line that reports at
least 10 MiB swapped (a fixed second would depend on the disk's speed: with
DMA the demo's hog phase is over before its third second), and
build/screens/run.png,
make run's ISO at the shell prompt. For each: the .ppm and .png exist and
are non-empty, the PNG is valid, the picture is the 720x400 text screen,
its first character row is the dashboard's blue title bar and the console
below is mostly black; the demo's swap row has a red bar (it has swapped
by then), the idle shell's free bar is green. The pictures stay in
build/screens/ for people to look at.
Prints "ok N name" / "not ok N name # why"; exits 1 if any failed.
"""
import importlib.machinery
import os
import subprocess
import sys
import types

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ktap  # noqa: E402
from check_plot import png_problem  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCREENS = os.path.join(ROOT, "build", "screens")
CELL_H = 16  # QEMU draws the 80x25 text mode with a 9x16 font: 720x400

# CGA colours as QEMU's VGA DAC gives them (6 bits per channel: 0xA8, not 0xAA)
BLUE = (0x00, 0x00, 0xA8)       # colour 1, the title bar's background
LIGHT_RED = (0xFF, 0x57, 0x57)  # colour 12, the swap bar
LIGHT_GREEN = (0x57, 0xFF, 0x57)  # colour 10, the free bar


def read_ppm(path):
    """scripts/screenshot's PPM reader (the script has no .py name to import by)."""
    loader = importlib.machinery.SourceFileLoader("screenshot",
                                                  os.path.join(ROOT, "scripts", "screenshot"))
    module = types.ModuleType("screenshot")
    module.__file__ = loader.path
    loader.exec_module(module)
    return module.read_ppm(path)


def share(rgb, w, row, colour):
    """The fraction of the pixels of character row @row that are @colour (give or take 8)."""
    start, end = row * CELL_H * w * 3, (row + 1) * CELL_H * w * 3
    px = [rgb[i:i + 3] for i in range(start, end, 3)]
    return sum(all(abs(a - b) <= 8 for a, b in zip(p, colour)) for p in px) / len(px)


def shoot(results, name, args, checks):
    """Take build/screens/NAME.png with scripts/screenshot ARGS; check it, then @checks."""
    png, ppm = os.path.join(SCREENS, name + ".png"), os.path.join(SCREENS, name + ".ppm")
    r = subprocess.run([os.path.join(ROOT, "scripts", "screenshot"), "--out", png] + args,
                       capture_output=True, text=True)
    results.append((name + "_taken", r.returncode == 0, (r.stderr or r.stdout).strip()))
    for kind, path in (("ppm", ppm), ("png", png)):
        size = os.path.getsize(path) if os.path.exists(path) else 0
        results.append(("%s_%s_non_empty" % (name, kind), size > 0, "%d bytes" % size))
    why = png_problem(png)
    results.append((name + "_png_valid", why is None, why))
    try:
        w, h, rgb = read_ppm(ppm)
    except (OSError, ValueError) as e:
        results.append((name + "_ppm_readable", False, str(e)))
        return
    results.append((name + "_text_mode_720x400", (w, h) == (720, 400), "%dx%d" % (w, h)))
    title = share(rgb, w, 0, BLUE)
    results.append((name + "_title_bar_blue", title > 0.5, "%.0f%% blue" % (100 * title)))
    black = sum(share(rgb, w, row, (0, 0, 0)) for row in range(7, 25)) / 18
    results.append((name + "_console_below_black", black > 0.7, "%.0f%% black" % (100 * black)))
    for check, row, colour, least in checks:
        got = share(rgb, w, row, colour)
        results.append(("%s_%s" % (name, check), got > least, "%.2f%%" % (100 * got)))


def main():
    disk = os.path.join(SCREENS, "disk.img")
    os.makedirs(SCREENS, exist_ok=True)
    subprocess.run([os.path.join(ROOT, "scripts", "mkdisk"), "default", disk], check=True)
    results = []
    # The demo while it has swapped: the swap bar has grown.
    shoot(results, "dashboard", ["--disk", disk, "--freeze", "--after",
                                 r"^demo: t=\d+s .* swpd=[1-9]\d{4,}k"],  # 10 MiB and more
          [("swap_bar_red", 3, LIGHT_RED, 0.005)])
    # make run's ISO and first GRUB entry at the shell prompt: memory mostly free.
    shoot(results, "run", ["--disk", disk, "--iso", "--after", r"^Adding .*swap on /dev/hda1"],
          [("free_bar_green", 1, LIGHT_GREEN, 0.05)])
    return ktap.print_results(results)


if __name__ == "__main__":
    sys.exit(main())
