"""What tests/run-tests boots: kernel self-test boots, user-level programs
and the launcher's own checks. Each entry is a dict:

  name     unique name (log file build/test-logs/GROUP-NAME.log)
  append   kernel command line
  mem, disks, modules, qemu, timeout   scripts/qemu-run options
  prepare  commands run first (e.g. making a disk image)
  expect / reject   regexes the serial output must / must not contain
  expect_exit       the launcher's exit status (default 0)
"""


def harness_boots():
    """The launcher must report every kind of failure, never a pass."""
    return [
        {"name": "launcher_reports_panic", "append": "crash=panic", "expect_exit": 2,
         "expect": [r"^Kernel panic: crashtest requested", r"Call trace:", r"crashtest\+0x"]},
        {"name": "launcher_reports_triple_fault", "append": "crash=triple", "expect_exit": 3},
        {"name": "launcher_reports_hang", "append": "crash=hang", "timeout": 4, "expect_exit": 4},
        {"name": "launcher_reports_oops", "append": "crash=pf", "expect_exit": 2,
         "expect": [r"Oops: #PF page fault, vector 14.*CR2 00000010"]},
        {"name": "launcher_reports_test_failure", "append": "test=ktest_selfcheck",
         "expect_exit": 1, "expect": [r"^  not ok 2 case_that_fails$", r"^1 passed, 1 failed$"]},
        {"name": "launcher_reports_empty_selection", "append": "test=no_such_suite",
         "expect_exit": 1, "expect": [r"^1\.\.0$", r"ktest: no test selected"]},
    ]


def kernel_boots(stress=False):
    boots = [
        {"name": "default", "append": "test"},
    ]
    return boots


def user_tests(stress=False):
    return []
