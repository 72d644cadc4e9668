"""Telemetry on COM2 and scripts/watch; see tests/suites.py for the
keys. The stream checks boot hog on 10 MiB of RAM with the stream going to a
file; the browser checks run scripts/watch under headless chromium
(tests/check_watch.py)."""

STREAM = "build/test-logs/telemetry-hog.tel"
OFF_STREAM = "build/test-logs/telemetry-off.tel"


def hog_boot(name, disk, append, **kw):
    t = {"name": name, "mem": "10M", "timeout": 90,
         "append": "swap=hda %s init=hog -- 10M" % append,
         "prepare": [["scripts/mkdisk", "swap", disk, "16"], ["rm", "-f", kw.pop("com2")]],
         "disks": [disk],
         "expect": [r"^hog: 10M ok$", r"^init: exited with status 0$"]}
    t.update(kw)
    return t


def user_tests(stress=False):
    return [
        hog_boot("telemetry_stream_consistent", "build/watch-stream.img", "telemetry",
                 com2=STREAM, qemu=["-serial", "file:" + STREAM],
                 expect=[r"^telemetry: on COM2, a snapshot every 200 ms$", r"^hog: 10M ok$",
                         r"^init: exited with status 0$"],
                 check=["tests/check_telemetry.py", STREAM]),
        hog_boot("telemetry_off_by_default", "build/watch-off.img", "", com2=OFF_STREAM,
                 qemu=["-serial", "file:" + OFF_STREAM],
                 reject=[r"telemetry"], check=["tests/check_telemetry.py", "--empty", OFF_STREAM]),
        {"name": "telemetry_without_com2_is_reported", "append": "telemetry init=true",
         "expect": [r"^telemetry: no UART at COM2 \(0x2f8\); telemetry off$",
                    r"^init: exited with status 0$"]},
        {"name": "telemetry_bad_period_is_reported", "append": "telemetry=20 init=true",
         "qemu": ["-serial", "null"],
         "expect": [r"bad value for 'telemetry': '20'", r"^init: exited with status 0$"],
         "reject": [r"telemetry: on COM2"]},
    ]


def host_checks():
    return [
        {"name": "demo_recording_consistent",
         "cmd": ["tests/check_telemetry.py", "docs/watch-demo.tel.gz"]},
        {"name": "watch_live_page_in_chromium", "cmd": ["tests/check_watch.py", "live"]},
        {"name": "watch_replay_in_chromium", "cmd": ["tests/check_watch.py", "replay"]},
        {"name": "watch_dump_dom_in_chromium", "cmd": ["tests/check_watch.py", "dump-dom"]},
    ]
