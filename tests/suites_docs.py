"""Host-side checks of the documentation in docs/ (see tests/run-tests for
the keys): every function and file the guided tour, the diagrams and the
exercises name must exist (tests/check_tour.py)."""


def host_checks():
    return [{"name": "docs_names_exist", "cmd": ["python3", "tests/check_tour.py"]}]
