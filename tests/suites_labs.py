"""The labs (docs/labs/README.md) in `make test`: every lab's
functions are found and its answer key is current (scripts/mklab --check);
every lab's student tree builds, boots and scores low (tests/check_lab.py);
the reference scores full marks in every lab (tests/grade --all). Not in
student trees (scripts/mklab drops it)."""

from labs import LABS


def host_checks():
    checks = [{"name": "labs_functions_and_answer_keys", "cmd": ["scripts/mklab", "--check"]},
              {"name": "labs_reference_full_marks",
               "cmd": ["tests/grade", "--all", "--jobs", "1", "--expect", "full"]},
              {"name": "labs_docs_names_exist",
               "cmd": ["sh", "-c", "python3 tests/check_tour.py docs/labs/*.md docs/answers/*.md"]}]
    return checks + [{"name": "lab_" + lab, "cmd": ["tests/check_lab.py", lab]}
                     for lab in sorted(LABS)]
