#!/usr/bin/env python3
"""check_lab.py LAB: what `make test` checks of a lab's student tree
(docs/labs/README.md), as "ok N name" lines:

  1. scripts/mklab makes the student tree, in build/lab-check/LAB (not in
     build/labs/, where `make lab` puts the student's own)
  2. it builds (kernel and user programs, with its own Makefile)
  3. the answer key docs/answers/LAB.diff applies to it (patch --dry-run)
  4. its `tests/grade` scores low: the stubs do not pass the tests

That the reference scores full marks in every lab is checked once for all
labs (`tests/grade --all`: a test several labs share boots once).

The student tree starts from this tree's object files (copied with their
times, so only what mklab changed is compiled again): `make test` has just
built them, and a lab costs a few compilations instead of a whole build.
Boots run one at a time: run-tests already runs checks side by side.
"""
import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The object files a kernel and user build leave under build/ (not images or logs).
BUILD_DIRS = ["arch", "block", "boot", "drivers", "fs", "kernel", "lib", "mm", "user"]


def run(cmd, cwd=ROOT):
    p = subprocess.run(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def reuse_objects(tree):
    for d in BUILD_DIRS:
        src = os.path.join(ROOT, "build", d)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(tree, "build", d), copy_function=shutil.copy2)


def main():
    lab = sys.argv[1]
    tree = os.path.join(ROOT, "build", "lab-check", lab)
    rel = os.path.relpath(tree, ROOT)
    steps = []

    def step(name, cmd, cwd=ROOT, show_ok=None):
        start = time.time()
        rc, out = run(cmd, cwd)
        n = len(steps) + 1
        steps.append(rc == 0)
        if rc == 0:
            print("ok %d %s_%s\n# %s: %.0fs" % (n, lab, name, name, time.time() - start))
            if show_ok:
                print("# " + show_ok(out))
        else:
            print("not ok %d %s_%s # %s failed" % (n, lab, name, " ".join(cmd)))
            print("".join("# " + l + "\n" for l in out.splitlines()[-25:]), end="")
        sys.stdout.flush()
        return rc == 0

    last_line = lambda out: (out.strip().splitlines() or [""])[-1]  # noqa: E731
    if step("student_tree_made", ["scripts/mklab", "--force", "--out", tree, lab]):
        reuse_objects(tree)
        if step("student_tree_builds", ["make", "--no-print-directory", "-C", rel, "kernel",
                                        "user"]):
            step("answer_key_applies", ["patch", "-p1", "--dry-run", "-s", "-i",
                                        os.path.join(ROOT, "docs", "answers", lab + ".diff")],
                 cwd=tree)
            step("stubs_score_low", ["tests/grade", "--jobs", "1", "--expect", "low"], cwd=tree,
                 show_ok=last_line)
    return 0 if all(steps) else 1


if __name__ == "__main__":
    sys.exit(main())
