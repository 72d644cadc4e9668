#!/usr/bin/env python3
"""scripts/plot makes valid, non-empty PNG charts from a captured log.

  tests/check_plot.py [LOG]     (default tests/data/demo-trace-small.log)

Runs scripts/plot LOG build/test-plots and checks each chart the log has
data for: the PNG signature, every chunk's CRC, an IHDR with a sensible
size, image data that inflates to exactly the rows IHDR promises, and an
IEND; that the memory chart found the demo's KiB lines with the LRU and
swap-cache columns and the slot chart fault reads of their own. Then that
an older log (memory in MiB) still plots, and that a log with nothing to
plot is refused. Prints "ok N name" / "not ok N name # why"; exits 1 if
any failed.

The default LOG is the first 6 s of a real demo run on 10 MiB (with
trace=swap,vmscan; its swap:add_to_cache lines, which no chart uses,
dropped to keep it small).
"""
import os
import re
import struct
import subprocess
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ktap  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHARTS = ["memory.png", "swap-io.png", "swap-slots.png", "write-sizes.png"]
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # PNG colour type -> samples per pixel


def png_problem(path):
    """None if @path is a valid PNG, else what is wrong with it."""
    if not os.path.isfile(path):
        return "missing"
    data = open(path, "rb").read()
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "no PNG signature (%d bytes)" % len(data)
    pos, chunks, idat = 8, [], b""
    while pos < len(data):
        if pos + 12 > len(data):
            return "truncated chunk at byte %d" % pos
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        crc, = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        if zlib.crc32(kind + body) != crc:
            return "bad CRC in %s chunk" % kind.decode("latin-1")
        chunks.append((kind, body))
        if kind == b"IDAT":
            idat += body
        pos += 12 + length
    if not chunks or chunks[0][0] != b"IHDR" or chunks[-1][0] != b"IEND":
        return "chunks do not run from IHDR to IEND"
    width, height, depth, ctype = struct.unpack(">IIBB", chunks[0][1][:10])
    if not (100 <= width <= 4000 and 100 <= height <= 4000) or ctype not in CHANNELS:
        return "odd header: %dx%d colour type %d" % (width, height, ctype)
    if chunks[0][1][12] != 0:
        return "interlaced (not expected from gnuplot)"
    stride = (width * CHANNELS[ctype] * depth + 7) // 8
    try:
        raw = zlib.decompress(idat)
    except zlib.error as e:
        return "image data does not inflate: %s" % e
    if len(raw) != height * (1 + stride):
        return "image data is %d bytes, %d expected" % (len(raw), height * (1 + stride))
    return None


def main():
    log = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "tests/data/demo-trace-small.log")
    outdir = os.path.join(ROOT, "build", "test-plots")
    for name in CHARTS:
        if os.path.exists(os.path.join(outdir, name)):
            os.remove(os.path.join(outdir, name))
    r = subprocess.run([os.path.join(ROOT, "scripts/plot"), log, outdir], capture_output=True,
                       text=True)
    results = [("plot_runs", r.returncode == 0, (r.stderr or r.stdout).strip())]
    m = re.search(r"(\d+) samples \(KiB, with active/inactive/swap cache\).* slot reads \((\d+) on a"
                  r" fault\)", r.stdout)
    results.append(("memory_in_kib_with_lru_lines", m and int(m.group(1)) > 0, r.stdout.strip()))
    results.append(("fault_reads_found", m and int(m.group(2)) > 0, r.stdout.strip()))
    for name in CHARTS:
        why = png_problem(os.path.join(outdir, name))
        results.append(("valid_" + name.replace(".png", "").replace("-", "_"), why is None, why))
    with tempfile.NamedTemporaryFile("w", suffix=".log") as old:
        old.write("".join("demo: t=%ds free=0M swpd=%dM si=8 so=896 majflt=1 kswapd=8\n" % (t, t)
                          for t in range(1, 4)))
        old.flush()
        r = subprocess.run([os.path.join(ROOT, "scripts/plot"), old.name, outdir],
                           capture_output=True, text=True)
        results.append(("plots_an_older_log_in_mib", r.returncode == 0
                        and "3 samples (KiB, free and swap only)" in r.stdout,
                        (r.stderr or r.stdout).strip()))
    with tempfile.NamedTemporaryFile("w", suffix=".log") as empty:
        empty.write("swapkernel: i386, 31 MiB RAM\nno numbers here\n")
        empty.flush()
        r = subprocess.run([os.path.join(ROOT, "scripts/plot"), empty.name, outdir],
                           capture_output=True, text=True)
        results.append(("refuses_log_without_data", r.returncode != 0,
                        "exit %d" % r.returncode))
    return ktap.print_results(results)


if __name__ == "__main__":
    sys.exit(main())
