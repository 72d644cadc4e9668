"""The runs docs/exercises.md quotes, so its numbers and stories stay true:
exercise 1c's script with page-cluster 0, 3 and 5 (the readahead table,
and with 3 the stats line quoted at the top) and exercise 5's traced hog
(the life of hog's first page). tests/check_exercises.py checks the
quotes against these logs, and the quoted self-test failures, cases and
formats against the sources."""


def readahead(pc):
    disk, script = "build/exercise-pc%d.img" % pc, "build/exercise-pc%d.sh" % pc
    return {"name": "exercise_readahead_page_cluster_%d" % pc, "mem": "16M", "timeout": 120,
            "append": "swap=hda -- sh pc.sh", "modules": [script + "=pc.sh"],
            "prepare": [["scripts/mkdisk", "swap", disk, "64"],
                        ["sh", "-c", "printf 'sysctl -w vm.page-cluster=%d\\nhog 24M\\n' > %s"
                         % (pc, script)]],
            "disks": [disk],
            "expect": [r"^vm\.page-cluster = %d$" % pc, r"^hog: 24M ok$",
                       r"^init: exited with status 0$"],
            "check": ["tests/check_exercises.py", "hog"]}


def user_tests(stress=False):
    disk = "build/exercise-trace.img"
    return [readahead(0), readahead(3), readahead(5),
            {"name": "exercise_hog_traced", "mem": "16M", "timeout": 120,
             "append": "trace=swap,fault,vmscan swap=hda init=hog -- 24M",
             "prepare": [["scripts/mkdisk", "swap", disk, "64"]], "disks": [disk],
             "expect": [r"^hog: 24M ok$", r"^init: exited with status 0$"],
             "check": ["tests/check_exercises.py", "trace"]}]


def host_checks():
    return [{"name": "exercises_quotes_match_sources",
             "cmd": ["tests/check_exercises.py", "source"]}]
