"""Host-side checks of the documentation in docs/ (see tests/run-tests for
the keys): every function and file the guided tour, the diagrams and the
exercises name must exist (tests/check_tour.py); and of the layout rules the
docs rely on: lib/ freestanding, one owner of swap_map, one page-table
walker, every function declared in a header (tests/check_layout.py)."""


def host_checks():
    return [{"name": "docs_names_exist", "cmd": ["python3", "tests/check_tour.py"]},
            {"name": "layout_rules", "cmd": ["python3", "tests/check_layout.py"]}]
