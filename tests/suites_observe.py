"""Observability: the VGA dashboard, trace events, plots and the
QMP screendump; see tests/suites.py for the keys. The workload for the
trace boots is hog on 12 MiB of RAM: a few thousand swap writes and reads
(with readahead) and a few hundred major faults in about five seconds."""

TRACE_ALL = "trace=swap,vmscan,ata,fault"
TS = r"^trace: \d+\.\d{6} "
# docs/trace-events.md: one regex per event, the whole line.
EVENT_FORMATS = [
    TS + r"swap:add_to_cache entry=0:\d+ cached=\d+$",
    TS + r"swap:new_cluster entry=0:\d+ area=hda fresh=1$",
    TS + r"swap:writepage entry=0:\d+ sector=\d+ pages=([2-9]|[1-9]\d+) err=0$",
    TS + r"swap:read entry=0:\d+ ra=0$",
    TS + r"swap:read entry=0:\d+ ra=1$",
    TS + r"fault:major pid=\d+ comm=hog addr=0x[0-9a-f]{8}$",
    TS + r"vmscan:shrink_list scanned=\d+ freed=[1-9]\d* activated=\d+ kswapd=[01]$",
    TS + r"vmscan:kswapd_wake free=\d+$",
    TS + r"vmscan:kswapd_sleep free=\d+$",
    TS + r"ata:cmd dev=hda cmd=0x[0-9a-f]{2} lba=\d+ sectors=\d+ dir=write retry=0$",
    TS + r"ata:cmd dev=hda cmd=0x[0-9a-f]{2} lba=\d+ sectors=\d+ dir=read retry=0$",
]
# Any trace line not of the general shape, or one that landed inside another line.
MALFORMED = [r"^trace: (?!\d+\.\d{6} (swap|vmscan|ata|fault):[a-z_]+( [a-z_]+=\S+)+$)",
             r"^.+trace: \d+\.\d{6} "]


def hog_boot(name, disk, trace, **kw):
    t = {"name": name, "mem": "10M", "timeout": 90,
         "append": ("swap=hda %s init=hog -- 10M" % trace).replace("  ", " "),
         "prepare": [["scripts/mkdisk", "swap", disk, "16"]], "disks": [disk],
         "expect": [r"^hog: 10M ok$", r"^init: exited with status 0$"]}
    for key, value in kw.items():
        t[key] = t.get(key, []) + value if isinstance(value, list) else value
    return t


def kernel_boots(stress=False):
    return [
        # The dashboard's self-tests with the dashboard already on from the
        # boot parameter (its timer redrawing meanwhile).
        {"name": "dashboard_on_at_boot", "append": "test=dashboard dashboard"},
    ]


def user_tests(stress=False):
    return [
        hog_boot("trace_events_in_format", "build/observe-trace.img", TRACE_ALL,
                 expect=EVENT_FORMATS, reject=MALFORMED, check=["tests/check_trace.py"]),
        hog_boot("trace_category_filter", "build/observe-filter.img", "trace=fault",
                 expect=[EVENT_FORMATS[5]],
                 reject=[TS + r"(swap|vmscan|ata):"] + MALFORMED),
        hog_boot("trace_off_prints_nothing", "build/observe-off.img", "",
                 reject=[r"trace: "]),
        # A typo enables nothing: the good word before it neither (the ATA
        # driver's IDENTIFY commands at boot would be traced).
        {"name": "trace_bad_category_reported", "append": "trace=ata,bogus init=true",
         "expect": [r"bad value for 'trace': 'ata,bogus'", r"^init: exited with status 0$"],
         "reject": [TS + "ata:"]},
    ]


def host_checks():
    return [
        {"name": "plot_from_captured_log", "cmd": ["tests/check_plot.py"]},
        {"name": "dashboard_screendump", "cmd": ["tests/check_screenshot.py"]},
    ]
