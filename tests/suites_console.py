"""The console as people and scripts use it (issue 16): make run-nox with
piped input, the shell's line editor, typed-ahead input, make run's exit
statuses and curses display, make debug's port (tests/check_console.py).
The checks boot make run's ISO on a disk of their own."""


def host_checks():
    return [{"name": "console_make_run_and_debug", "cmd": ["tests/check_console.py"]}]
