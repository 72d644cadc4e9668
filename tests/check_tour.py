#!/usr/bin/env python3
"""Check that the documentation names only functions and files that exist.

  tests/check_tour.py [DOC.md...]          (default: docs/*.md, tests/README.md)

The guided tour and the other documents in docs/ send readers to our
functions and files; this keeps them honest as the code changes. Three
checks, printed as test result lines ("ok N NAME" / "not ok N NAME", with
"# ..." lines saying what is wrong) like the host tests, so
tests/run-tests counts them:

  functions  every `name()` in the documents is a function (or a
             function-like macro) defined in the sources: a C definition
             (not just a prototype), a #define NAME(...), or a page-flag
             helper made by PAGEFLAG() in include/mm/page.h
  paths      every path under a source directory (mm/swap.c,
             include/mm/swap.h, scripts/gdb/swapkernel.py...) exists;
             a * in it is a glob that must match something (the argument
             of tests/run-tests --only is a filter, not a path)
  placement  where a document pairs a function with its file, as
             "`name()` (path)" or "`name()`, path", the function is
             defined in that file

  citations  every citation of the books, in the documents and in the
             comments of the sources (a file's opening comment, a function's
             kernel-doc), names a section of docs/books.md, the one table of
             the sections we cite: "Gorman §11.3", "Mauerer ch. 18"; a title
             quoted after the number must be that section's. Placeholders
             ("§4.x"), numbers of another edition and "ch. 10.3" fail. A
             number is a citation when a book is named before it in the
             same sentence (up to a ";" or a full stop).

Linux functions that swapkernel does not have are written without "()"
in the documents ("Linux's shrink_page_list"), so they are not checked.
Exit status 0 when every check passes.
"""
import glob
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE_DIRS = ["arch", "boot", "kernel", "mm", "lib", "drivers", "block", "fs", "include",
               "user", "tests", "scripts", "docs"]
CODE_DIRS = ["arch", "kernel", "mm", "lib", "drivers", "block", "fs", "include", "user",
             "tests/host"]

FUNC_RE = re.compile(r"`([A-Za-z_]\w*)\(\)`")
PATH_RE = re.compile(r"(?<![\w./-])((?:%s)/[\w./*-]*[\w*])" % "|".join(SOURCE_DIRS))
PAIR_RE = re.compile(r"`([A-Za-z_]\w*)\(\)`(?:\s*\(|,\s*)`?([\w./-]+\.(?:c|h|asm|py))\b")
DEF_START_RE = re.compile(r"^[A-Za-z_][\w \t*]*?\b([A-Za-z_]\w*)[ \t]*\(", re.M)
MACRO_RE = re.compile(r"^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)\(", re.M)
PAGEFLAG_RE = re.compile(r"^PAGEFLAG\((\w+),", re.M)
NOT_FUNCTIONS = {"if", "while", "for", "switch", "return", "sizeof"}


def closing_paren(text, i):
    """Index just past the parenthesis that closes the one at @i, or -1."""
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "(":
            depth += 1
        elif text[j] == ")":
            depth -= 1
            if depth == 0:
                return j + 1
    return -1


def definitions(path):
    """Names of the functions and function-like macros @path defines."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    names = set(MACRO_RE.findall(text))
    for m in DEF_START_RE.finditer(text):
        if m.group(1) in NOT_FUNCTIONS:
            continue
        end = closing_paren(text, m.end() - 1)
        rest = text[end:end + 200].lstrip() if end > 0 else ""
        if rest.startswith("{"):
            names.add(m.group(1))
    for flag in PAGEFLAG_RE.findall(text):
        names.update(p + flag for p in ("Page", "SetPage", "ClearPage", "TestSetPage",
                                        "TestClearPage"))
    return names


def index_sources():
    """{function name: set of files (relative to ROOT) that define it}."""
    where = {}
    for d in CODE_DIRS:
        for dirpath, _, files in os.walk(os.path.join(ROOT, d)):
            for name in files:
                if not name.endswith((".c", ".h")):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, ROOT)
                for fn in definitions(path):
                    where.setdefault(fn, set()).add(rel)
    return where


def path_exists(p):
    p = p.rstrip(".")
    if "*" in p:
        return bool(glob.glob(os.path.join(ROOT, p)))
    return os.path.exists(os.path.join(ROOT, p))


# ---- citations of the books ---------------------------------------------

BOOKS_TABLE = os.path.join(ROOT, "docs", "books.md")
BOOK_RE = re.compile(r"\b(Gorman|Mauerer)(?:'s)?\b")
CITE_RE = re.compile(r"(§|\bch\.|\bchapter)\s*(\d+(?:\.\d+)*)(\.x\b)?(?:\s*[\"“*]([^\"”*]{2,80})[\"”*])?")
SCOPE_END_RE = re.compile(r";|[.!?]\s+\(?[A-Z]|\n\n")
COMMENT_PREFIX_RE = re.compile(r"^\s*(?:/\*+|\*+/?|//+|;+|#+)?\s?")


def read_books():
    """{"Gorman": {"11.3": "Allocating a Swap Slot", "11": ...}, "Mauerer": {...}}."""
    books, book = {}, None
    with open(BOOKS_TABLE, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"##\s+(\w+)", line)
            if m:
                book = m.group(1)
                books[book] = {}
                continue
            m = re.match(r"\|\s*(\d+(?:\.\d+)*)\s*\|\s*(.*?)\s*\|\s*$", line)
            if m and book:
                books[book][m.group(1)] = m.group(2)
    return books


def same_title(a, b):
    def norm(s):
        return re.sub(r"[^a-z0-9]", "", s.lower())
    return norm(a) == norm(b)


def flatten(text, is_doc):
    """@text as one string (comment prefixes dropped, paragraphs kept apart
    by a blank line) and, per character, the line it came from."""
    out, lines = [], []
    for n, line in enumerate(text.splitlines(), 1):
        if not is_doc:
            line = COMMENT_PREFIX_RE.sub("", line, count=1)
        piece = (line + " ") if line.strip() else "\n\n"
        out.append(piece)
        lines += [n] * len(piece)
    return "".join(out), lines


def citations_in(path, books):
    """(checked, problems) for the book citations in @path."""
    rel = os.path.relpath(path, ROOT)
    with open(path, encoding="utf-8", errors="replace") as f:
        text, line_of = flatten(f.read(), path.endswith(".md"))
    events = sorted([(m.start(), "book", m) for m in BOOK_RE.finditer(text)] +
                    [(m.start(), "cite", m) for m in CITE_RE.finditer(text)],
                    key=lambda e: e[0])
    book, since, checked, problems = None, 0, 0, []
    for pos, kind, m in events:
        if kind == "book":
            book, since = m.group(1), m.end()
            continue
        if book is None or SCOPE_END_RE.search(text, since, pos) or pos - since > 300:
            book = None  # a number with no book named before it: not a citation
            continue
        since = m.end()
        checked += 1
        word, number, placeholder, title = m.groups()
        where = "%s:%d: %s %s%s%s" % (rel, line_of[pos], book, word, "" if word == "§" else " ",
                                     number)
        if placeholder:
            problems.append(where + ".x is a placeholder: give the section")
        elif word != "§" and "." in number:
            problems.append(where + ": a section is written §%s, not %s %s" %
                            (number, word, number))
        elif number not in books.get(book, {}):
            problems.append(where + " is not in docs/books.md (a number from another "
                            "edition, or a section to add there)")
        elif title and not same_title(title, books[book][number]):
            problems.append(where + " is \"%s\", not \"%s\"" % (books[book][number], title))
    return checked, problems


def check_citations(docs):
    books = read_books()
    paths = list(docs)
    for d in CODE_DIRS:
        for dirpath, _, names in os.walk(os.path.join(ROOT, d)):
            paths += [os.path.join(dirpath, n) for n in names if n.endswith((".c", ".h", ".asm"))]
    checked, problems = 0, []
    for p in sorted(paths):
        c, pr = citations_in(p, books)
        checked += c
        problems += pr
    return checked, problems


def check(docs):
    where = index_sources()
    problems = {"functions": [], "paths": [], "placement": [], "citations": []}
    counts = {"functions": 0, "paths": 0, "placement": 0, "citations": 0}
    for doc in docs:
        rel = os.path.relpath(doc, ROOT)
        with open(doc, encoding="utf-8") as f:
            lines = f.read().splitlines()
        for n, line in enumerate(lines, 1):
            for fn in FUNC_RE.findall(line):
                counts["functions"] += 1
                if fn not in where:
                    problems["functions"].append("%s:%d: %s() is not defined in the tree"
                                                 % (rel, n, fn))
            for m in PATH_RE.finditer(line):
                p = m.group(1)
                if line[:m.start()].endswith("--only "):
                    continue  # a tests/run-tests group filter, not a path
                counts["paths"] += 1
                if not path_exists(p):
                    problems["paths"].append("%s:%d: %s does not exist" % (rel, n, p))
            for fn, p in PAIR_RE.findall(line):
                counts["placement"] += 1
                if fn in where and p not in where[fn]:
                    problems["placement"].append("%s:%d: %s() is defined in %s, not in %s"
                                                 % (rel, n, fn, ", ".join(sorted(where[fn])),
                                                    p))
    counts["citations"], problems["citations"] = check_citations(docs)
    return problems, counts


def main(argv):
    docs = argv or (sorted(glob.glob(os.path.join(ROOT, "docs", "*.md"))) +
                    [os.path.join(ROOT, "tests", "README.md")])
    if not docs:
        print("not ok 1 docs # no documents found")
        return 1
    problems, counts = check(docs)
    failed = 0
    print("1..%d" % len(problems))
    for i, name in enumerate(problems, 1):
        for p in problems[name]:
            print("# " + p)
        ok = not problems[name] and counts[name] > 0
        failed += not ok
        where = "the documents and sources" if name == "citations" else "%d documents" % len(docs)
        print("%s %d %s # %d checked in %s" % ("ok" if ok else "not ok", i, name, counts[name],
                                              where))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
