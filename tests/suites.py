"""What tests/run-tests boots: kernel self-test boots, user-level programs
and the launcher's own checks. Each entry is a dict:

  name     unique name (log file build/test-logs/GROUP-NAME.log)
  append   kernel command line
  iso      boot through GRUB (scripts/qemu-run --iso) instead of QEMU -kernel
  mem, disks, modules, qemu, timeout, kernel   scripts/qemu-run options
  prepare  commands run first (e.g. making a disk image)
  expect / reject   regexes the serial output must / must not contain
  expect_exit       the launcher's exit status (default 0)
  check    a command (list) run with the log file as its last argument; a
           non-zero exit fails the test (e.g. tests/check_proc.py)
"""


DEBUG_KERNEL = "build/debug/kernel.elf"


def on_debug_kernel(tests):
    """The same boots on the DEBUG=1 kernel (page poisoning, slab red zones):
    named debug_NAME, with their own disk images under build/debug/ so they
    can run beside the originals."""
    def moved(arg):
        if arg.startswith("build/"):
            return "build/debug/" + arg[len("build/"):]
        return arg.replace(":build/", ":build/debug/")
    out = []
    for t in tests:
        d = dict(t, name="debug_" + t["name"], kernel=DEBUG_KERNEL,
                 timeout=t.get("timeout", 60) * 2)
        for key in ("disks", "qemu"):
            if key in t:
                d[key] = [moved(a) for a in t[key]]
        if "prepare" in t:
            d["prepare"] = [[moved(a) for a in step] for step in t["prepare"]]
        out.append(d)
    return out


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
        # GRUB would hand the kernel quotes escaped: refused with a reason, not booted
        {"name": "launcher_refuses_grub_quoting", "iso": True, "expect_exit": 5,
         "append": "init=sh -- -c echo 'x'",
         "expect": [r"mkiso: GRUB would change a command line with quotes"]},
        {"name": "launcher_reports_empty_selection", "append": "test=no_such_suite",
         "expect_exit": 1, "expect": [r"^1\.\.0$", r"ktest: no test selected"]},
    ]


def kernel_boots(stress=False):
    boots = [
        # the whole self-test suite through GRUB, as `make run`'s ISO boots
        {"name": "default_via_grub", "append": "test", "iso": True},
        {"name": "mem4M", "append": "test mem=4M"},
    ]
    # The ATA driver, the block layer and the MBR parser on real (emulated)
    # disks: hda scratch, hdb an sfdisk-made table, hdc a 200 GiB sparse file
    # for LBA48 addresses past 2^28. Images are remade each run.
    boots.append({
        "name": "ata_disks", "append": "test=ata,blk_disk,msdos_disk",
        "prepare": [["scripts/mkdisk", "scratch", "build/test-ata-hda.img", "8"],
                    ["scripts/mkdisk", "parts", "build/test-ata-hdb.img"],
                    ["scripts/mkdisk", "scratch", "build/test-ata-hdc.img", "204800"]],
        "disks": ["build/test-ata-hda.img", "build/test-ata-hdb.img",
                  "build/test-ata-hdc.img"]})
    # I/O errors injected by QEMU blkdebug on hdd (tests/data/ata-fault.rules);
    # hdc is QEMU's default ATAPI CD-ROM, which the driver must skip.
    boots.append({
        "name": "ata_fault", "append": "test=ata_fault",
        "prepare": [["scripts/mkdisk", "scratch", "build/test-ata-fault.img", "4"]],
        "qemu": ["-drive", "file=blkdebug:tests/data/ata-fault.rules:build/test-ata-fault.img,"
                 "format=raw,if=ide,index=3,cache=unsafe"]})
    return boots


def user_program(name, expect_line, **kw):
    """A test program run as init; passes when it prints @expect_line and exits 0."""
    t = {"name": name, "append": "init=" + name, "expect": [r"^%s$" % expect_line,
         r"^init: exited with status 0$"]}
    t.update(kw)
    return t


def user_tests(stress=False):
    return [
        user_program("t_fork_cow", "t_fork_cow: ok"),
        user_program("t_many_procs", "t_many_procs: ok"),
        user_program("t_kernel_access", "t_kernel_access: ok",
                     expect=[r"^t_kernel_access: ok$", r"segfault at c0100000 .*kernel address",
                             r"segfault at 00000000 .*no mapping"]),
        user_program("t_efault", "t_efault: ok"),
        user_program("t_exec_missing", "t_exec_missing: ok",
                     modules=["tests/data/notelf.txt=notelf"]),
        user_program("t_rusage", "t_rusage: ok"),
        user_program("t_forkleak", "t_forkleak: ok", timeout=120),
        {"name": "init_exit_status_propagates", "append": "init=false", "expect_exit": 1,
         "expect": [r"^init: exited with status 1$"]},
        {"name": "init_missing_program", "append": "init=no_such_program", "expect_exit": 1,
         "expect": [r"init: cannot run 'no_such_program': error -2 \(no such module\)"]},
        # init is pid 1 and reaps orphans, kthreadd 2, /proc/PID/stat, SIG_IGN (default init)
        {"name": "pid1_init_reaps_orphans", "append": "-- t_pid1",
         "expect": [r"^t_pid1: ok$", r"^init: exited with status 0$"], "reject": [r"FAIL"]},
        {"name": "shell_runs_command", "append": "init=sh -- -c echo hello-from-sh",
         "expect": [r"^hello-from-sh$", r"^init: exited with status 0$"]},
        # GRUB's script syntax must not eat $ ; { } & # from the command line
        {"name": "grub_passes_command_line", "iso": True,
         "append": "init=sh -- -c echo grub: $x;{y} a&b #c",
         "expect": [r"^command line: init=sh -- -c echo grub: \$x;\{y\} a&b #c\r?$",
                    r"^grub: \$x;\{y\} a&b #c\r?$", r"^init: exited with status 0"]},
    ]
