"""The labs (docs/labs/README.md, issue 16) in `make test`: the markers and
answer keys are consistent (scripts/mklab --check), and for every lab its
student tree builds, boots and scores low while the reference scores full
marks (tests/check_lab.py). Not in student trees (scripts/mklab drops it)."""

from labs import LABS


def host_checks():
    checks = [{"name": "labs_markers_and_answer_keys", "cmd": ["scripts/mklab", "--check"]},
              {"name": "labs_docs_names_exist",
               "cmd": ["sh", "-c", "python3 tests/check_tour.py docs/labs/*.md docs/answers/*.md"]}]
    return checks + [{"name": "lab_" + lab, "cmd": ["tests/check_lab.py", lab]}
                     for lab in sorted(LABS) if LABS[lab].get("marked", True)]
