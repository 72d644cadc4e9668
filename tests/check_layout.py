#!/usr/bin/env python3
"""Check the layout rules a reader of the books relies on.

  tests/check_layout.py

Each check prints a test result line ("ok N NAME" / "not ok N NAME", with
"# ..." lines naming each offending file and line), so tests/run-tests
counts them:

  lib_freestanding   lib/ and include/lib/ include only lib/ and uapi/
                     headers (and the C compiler's own): lib/ depends on
                     nothing, so the host tests build it unchanged. What lib/
                     needs from its environment is declared in
                     include/lib/debug.h and provided by the kernel and by
                     the host tests alike.
  swap_map_owner     only mm/swapfile.c names swap_map in a .c file (the
                     host tests of the allocator aside): every other file
                     asks swapfile.c (swap_slot_count, swap_slot_counts).
  one_pgdir_skip     the "skip to the next page table" step of a page-table
                     walk is written once, in mm/memory.c (pgd_addr_end,
                     used by walk_page_range).
  prototypes_in_headers
                     no .c file declares a function that another file
                     defines: every function is declared in a header, where
                     a reader looks for it (-Wmissing-prototypes makes the
                     kernel build insist that a header declares it).
  header_names_its_files
                     each function a header declares is defined in a file of
                     the header's own name (mm/swap_state.c for
                     include/mm/swap_state.h) or in one its opening comment
                     names (include/mm/mm.h: mm/memory.c, mm/mmap.c, ...), so
                     a reader knows where to look; include/kernel/syscalls.h
                     may declare every sys_* entry point.
  kernel_doc_placement
                     a comment that opens "NAME - what it does" (kernel-doc)
                     sits directly above NAME's definition or declaration,
                     not above another function or detached from any.
"""
import glob
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KERNEL_DIRS = ["arch", "kernel", "mm", "lib", "drivers", "block", "fs"]
STD_HEADERS = re.compile(r"^(std\w+|limits|sys/types)\.h$")


def rel(path):
    return os.path.relpath(path, ROOT)


def files(patterns):
    out = []
    for p in patterns:
        out += glob.glob(os.path.join(ROOT, p), recursive=True)
    return sorted(out)


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def strip_comments(text):
    """@text without comments and string literals, line numbers kept."""
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text)
    return re.sub(r'"(?:\\.|[^"\\\n])*"', '""', text)


def check_lib_freestanding():
    problems = []
    for path in files(["lib/**/*.[ch]", "include/lib/**/*.h"]):
        for n, line in enumerate(read(path).splitlines(), 1):
            m = re.match(r'\s*#\s*include\s*[<"]([^>"]+)[>"]', line)
            if not m:
                continue
            inc = m.group(1)
            if inc.startswith(("lib/", "uapi/")) or STD_HEADERS.match(inc):
                continue
            problems.append("%s:%d: includes <%s>; lib/ may include only lib/ and uapi/ "
                            "headers (hooks: include/lib/debug.h)" % (rel(path), n, inc))
    return problems


def check_swap_map_owner():
    problems = []
    for path in files(["**/*.c"]):
        r = rel(path)
        if r == "mm/swapfile.c" or r.startswith(("tests/host/", "build/")):
            continue
        for n, line in enumerate(strip_comments(read(path)).splitlines(), 1):
            if re.search(r"\bswap_map\b", line):
                problems.append("%s:%d: uses swap_map; only mm/swapfile.c may (use "
                                "swap_slot_count or swap_slot_counts)" % (r, n))
    return problems


PGDIR_SKIP = re.compile(r"\(1UL?\s*<<\s*PGDIR_SHIFT\)\s*-\s*1|\+\s*PGDIR_SIZE\)\s*&\s*PGDIR_MASK")


def check_one_pgdir_skip():
    found = []
    for path in files([d + "/**/*.[ch]" for d in KERNEL_DIRS] + ["include/**/*.h"]):
        for n, line in enumerate(strip_comments(read(path)).splitlines(), 1):
            if PGDIR_SKIP.search(line):
                found.append("%s:%d" % (rel(path), n))
    if len(found) == 1 and found[0].startswith("mm/memory.c:"):
        return []
    return ["the page-directory skip is written %d times (%s); once, in mm/memory.c "
            "(pgd_addr_end), is the rule" % (len(found), ", ".join(found) or "nowhere")]


ATTRIBUTE = re.compile(r"__attribute__\s*\(\((?:[^()]|\([^()]*\))*\)\)|\b__\w+\b(?:\s*\([^()]*\))?")
FUNC_NAME = re.compile(r"([A-Za-z_]\w*)\s*\(")


def top_level(text):
    """(kind, text, line) for each top-level declaration of C @text: kind "def"
    for what precedes a body's "{", "decl" for what ends in ";"."""
    text = re.sub(r"^[ \t]*#(?:[^\n]*\\\n)*[^\n]*", "", strip_comments(text), flags=re.M)
    out, cur, depth, line, start = [], [], 0, 1, 1
    for ch in text:
        if ch == "\n":
            line += 1
        if depth:
            depth += {"{": 1, "}": -1}.get(ch, 0)
            if not depth:
                cur, start = [], line
            continue
        if ch in "{;":
            out.append(("def" if ch == "{" else "decl", "".join(cur), start))
            cur, start, depth = [], line, 1 if ch == "{" else 0
            continue
        if not cur and ch.isspace():
            start = line
            continue
        cur.append(ch)
    return out


def function_of(decl):
    """(name, is_static) when @decl declares or defines a function, else None."""
    s = ATTRIBUTE.sub(" ", decl).strip()
    m = FUNC_NAME.search(s)
    if not m or not s.endswith(")") or "=" in s[:m.start()] or "(" in s[:m.start()]:
        return None
    before = s[:m.start()]
    if not before.strip() or re.match(r"\s*typedef\b", before):
        return None  # a macro call, or a typedef of a function type
    # a macro call without its ";" glued to the next declaration
    before = re.sub(r"^.*\)\s*", "", before, flags=re.S)
    return m.group(1), bool(re.search(r"\bstatic\b", before))


def check_prototypes_in_headers():
    sources = files([d + "/**/*.c" for d in KERNEL_DIRS])
    defined_in = {}
    declared = []
    for path in sources:
        for kind, decl, line in top_level(read(path)):
            f = function_of(decl)
            if not f or f[1]:
                continue
            if kind == "def":
                defined_in.setdefault(f[0], set()).add(rel(path))
            else:
                declared.append((f[0], rel(path), line))
    problems = []
    for name, path, line in declared:
        where = defined_in.get(name, set()) - {path}
        if where:
            problems.append("%s:%d: declares %s(), which %s defines: declare it in that "
                            "file's header" % (path, line, name, ", ".join(sorted(where))))
    return problems


def opening_comment(text):
    m = re.match(r"\s*/\*.*?\*/", text, re.S)
    return m.group(0) if m else ""


def check_header_names_its_files():
    defined_in = {}
    for path in files([d + "/**/*.c" for d in KERNEL_DIRS]):
        if path.endswith("_test.c"):
            continue
        for kind, decl, line in top_level(read(path)):
            f = function_of(decl)
            if f and not f[1] and kind == "def":
                defined_in.setdefault(f[0], set()).add(rel(path))
    problems = []
    for path in files(["include/**/*.h"] + [d + "/**/*.h" for d in KERNEL_DIRS]):
        text, header = read(path), rel(path)
        base = os.path.splitext(os.path.basename(path))[0]
        named = opening_comment(text)
        for kind, decl, line in top_level(text):
            f = function_of(decl)
            if not f or f[1] or kind != "decl" or f[0] not in defined_in:
                continue
            if header == "include/kernel/syscalls.h" and f[0].startswith("sys_"):
                continue
            where = defined_in[f[0]]
            if any(os.path.splitext(os.path.basename(d))[0] == base or d in named
                   for d in where):
                continue
            problems.append("%s:%d: declares %s(), defined in %s, a file its opening comment "
                            "does not name" % (header, line, f[0], ", ".join(sorted(where))))
    return problems


KERNEL_DOC = re.compile(r"/\*\*?\n \* ([A-Za-z_]\w*)(?:\(\))? - [^\n]*\n(?:(?! \*/)[^\n]*\n)* \*/\n")
DECLARATOR = re.compile(r"(?:(?:static|inline|extern)\s+|__\w+(?:\([^)]*\))?\s+)*"
                        r"[A-Za-z_][\w \t*]*?\b([A-Za-z_]\w*)\s*\(")


def check_kernel_doc_placement():
    problems = []
    for path in files([d + "/**/*.[ch]" for d in KERNEL_DIRS] + ["include/**/*.h"]):
        text = read(path)
        for m in KERNEL_DOC.finditer(text):
            name, line = m.group(1), text.count("\n", 0, m.start()) + 1
            rest = text[m.end():]
            below = DECLARATOR.match(rest)
            if below and below.group(1) == name:
                continue
            if below:
                problems.append("%s:%d: the kernel-doc of %s() is above %s()"
                                % (rel(path), line, name, below.group(1)))
            elif not rest.startswith(("struct ", "enum ", "union ", "typedef ", "#define")):
                problems.append("%s:%d: the kernel-doc of %s() is not directly above it"
                                % (rel(path), line, name))
    return problems


CHECKS = [
    ("lib_freestanding", check_lib_freestanding),
    ("swap_map_owner", check_swap_map_owner),
    ("one_pgdir_skip", check_one_pgdir_skip),
    ("prototypes_in_headers", check_prototypes_in_headers),
    ("header_names_its_files", check_header_names_its_files),
    ("kernel_doc_placement", check_kernel_doc_placement),
]


def main():
    print("1..%d" % len(CHECKS))
    failed = 0
    for i, (name, fn) in enumerate(CHECKS, 1):
        problems = fn()
        for p in problems:
            print("# " + p)
        failed += bool(problems)
        print("%s %d %s" % ("not ok" if problems else "ok", i, name))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
