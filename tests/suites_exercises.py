"""The runs docs/exercises.md quotes, so its numbers and stories stay true:
exercise 1's hog command (its stats line and the readahead table's
default row) and exercise 5's traced hog (the life of hog's first page).
tests/check_exercises.py checks the quotes against these logs, and the
quoted self-test failures, cases and formats against the sources."""


def hog(name, trace, mode):
    disk = "build/exercise-%s.img" % name
    return {"name": name, "mem": "16M", "timeout": 120,
            "append": ("%s swap=hda init=hog -- 24M" % trace).strip(),
            "prepare": [["scripts/mkdisk", "swap", disk, "64"]], "disks": [disk],
            "expect": [r"^hog: 24M ok$", r"^init: exited with status 0$"],
            "check": ["tests/check_exercises.py", mode]}


def user_tests(stress=False):
    return [hog("exercise_hog", "", "hog"),
            hog("exercise_hog_traced", "trace=swap,fault,vmscan", "trace")]


def host_checks():
    return [{"name": "exercises_quotes_match_sources",
             "cmd": ["tests/check_exercises.py", "source"]}]
