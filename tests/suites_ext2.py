"""ext2, mount(2)/umount(2) and path lookup, swap files on ext2, and the
swap cache keeping the clean copy of a page read back. Disk images are made by scripts/mkext2 with the host's mke2fs; see
its docstring for the test tree that user/t_mount.c checks."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from suites import on_debug_kernel  # noqa: E402

EXT2 = "build/ext2-disk.img"
PARTS = "build/ext2-parts.img"


def mkext2(*args):
    return ["scripts/mkext2"] + list(args)


def kernel_boots(stress=False):
    return []


def user_tests(stress=False):
    tests = [
        {"name": "ext2_mount_read_and_path_lookup", "mem": "32M", "timeout": 120,
         "append": "init=t_mount",
         "prepare": [mkext2("disk", EXT2), mkext2("parts", PARTS)], "disks": [EXT2, PARTS],
         "expect": [r"^t_mount: /mnt/double.bin: 5243003 bytes verified$",
                    r"^t_mount: /mnt/dir/double.bin: 5243003 bytes verified$",
                    r"^t_mount: a 4095-byte path opens$",
                    r"^mount: mount point /nonexistent: no such file or directory$",
                    r"^mount: unknown file system type 'nosuchfs'$",
                    r"^mount: /proc/meminfo: not a block device$",
                    r"^EXT2-fs \(hdb2\): error: can't find an ext2 file system on dev hdb2: "
                    r"bad magic number in the superblock$",
                    r"^umount: /mnt: busy: 1 open files or directories$",
                    r"^umount: /mnt: busy: another file system is mounted on it$",
                    r"^mount: /dev/hda is busy \(already mounted, or a swap area\)$",
                    r"^t_mount: ok$", r"^init: exited with status 0$"],
         "reject": [r"BUG at", r"Oops", r"WARNING at"]},
        {"name": "ext2_boot_parameter_mount", "mem": "32M",
         "append": "mount=/dev/hda1:/mnt init=sh -- -c cat /mnt/hello.txt /proc/mounts",
         "prepare": [mkext2("parts", "build/ext2-boot.img")], "disks": ["build/ext2-boot.img"],
         "expect": [r"^ext2: /dev/hda1 mounted on /mnt \(read-only\)$", r"^hello, ext2$",
                    r"^/dev/hda1 /mnt ext2 ro 0 0$", r"^init: exited with status 0$"]},
    ]
    # Corrupt images: mount may refuse them, reading may fail with EIO, but
    # the kernel must not panic or hang, and umount must find nothing leaked.
    corrupt = [("1024", (1, 2, 3)), ("4096", (4, 5, 6))]
    if stress:  # make stress: 48 more corrupt images
        corrupt += [(bs, (s, s + 1, s + 2)) for s in range(100, 148, 3)
                    for bs in ("1024", "2048", "4096")][:16]
    for bs, seeds in corrupt:
        base = "build/ext2-corrupt-base-%s-%d.img" % (bs, seeds[0])
        imgs = ["build/ext2-corrupt-%s-%d.img" % (bs, s) for s in seeds]
        tests.append(
            {"name": "ext2_corrupt_images_%s" % bs + ("" if seeds[0] < 100 else "_%d" % seeds[0]),
             "mem": "32M", "timeout": 120,
             "append": "init=t_mount -- walk /dev/hda /dev/hdb /dev/hdd",
             "prepare": [mkext2("disk", base, bs)] +
                        [mkext2("corrupt", base, img, str(s)) for img, s in zip(imgs, seeds)],
             "disks": imgs[:2], "qemu": ["-drive", "file=%s,format=raw,if=ide,index=3" % imgs[2]],
             "expect": [r"^t_mount: ok$"],
             "reject": [r"BUG at", r"Oops", r"WARNING at"]})
    # Keeping the clean copy: a workload of 2 x RAM written once,
    # then read twice, is written out about once.
    tests.append(
        {"name": "reread_writes_each_page_about_once", "mem": "32M", "timeout": 180,
         "append": "mem=16M swap=hda init=reread -- 2 --check",
         "prepare": [["scripts/mkdisk", "swap", "build/reread.img", "96"]],
         "disks": ["build/reread.img"],
         "expect": [r"^reread: pages=\d+ pswpout=\d+ pswpin=\d+$", r"^reread: ok$"]})
    # The swap-file session README.md shows, on make run's disk.
    tests.append(
        {"name": "readme_swapfile_session", "mem": "64M", "timeout": 120,
         "append": "swap=hda1 init=sh -- swapsession",
         "modules": ["tests/data/swapfile-session.sh=swapsession"],
         "prepare": [["scripts/mkdisk", "default", "build/swapfile-session-disk.img"]],
         "disks": ["build/swapfile-session-disk.img"],
         "expect": [r"^/dev/hda2 on /mnt type ext2 \(ro\)$", r"^hello, ext2$",
                    r"^Adding 16380k swap on /mnt/swapfile\.  Priority:10 extents:5 across:16400k$",
                    r"^/mnt/swapfile +file\t\t16380\t\t0\t\t10$", r"^/mnt/swapfile 5$",
                    r"^umount: /mnt: busy: a swap file on it is active \(swapoff it first\)$",
                    r"^/mnt/swapfile +file\t\t16380\t\t\d{4,}\t\t10$", r"^hog: 80M ok$",
                    r"^swapoff: /mnt/swapfile: all pages back in memory$",
                    r"^init: exited with status 0$"]})
    # Swap files: a fragmented swap file made on the host carries a
    # workload of 1.5 x RAM; afterwards the host's e2fsck finds the image clean
    # and nothing but the swap file's data blocks changed.
    for bs in ("1024", "4096"):
        orig, img = "build/swapfile-%s.orig.img" % bs, "build/swapfile-%s.img" % bs
        tests.append(
            {"name": "swapfile_fragmented_%s" % bs, "mem": "32M", "timeout": 240,
             "append": "mem=24M init=t_swapfile -- /dev/hda",
             "prepare": [mkext2("swapfile", orig, bs), ["cp", orig, img]], "disks": [img],
             "expect": [r"^Adding \d+k swap on /mnt/swapfile\.  Priority:-\d+ extents:\d+ "
                        r"across:\d+k$",
                        r"^swapon: /mnt/sparse-swapfile: swapfile has holes$",
                        r"^umount: /mnt: busy: a swap file on it is active \(swapoff it first\)$",
                        r"^t_swapfile: 2 x \d+ pages verified twice",
                        r"^t_swapfile: \d+ pages paged out, brought back by swapoff, verified$",
                        r"^t_swapfile: ok$", r"^init: exited with status 0$"],
             "reject": [r"BUG at", r"Oops", r"WARNING at"],
             "check": ["tests/check_swapfile_image.py", orig, img, "/swapfile"]})
    # On the DEBUG=1 kernel too (poisoning, red zones): the VFS, the buffer
    # cache, the corrupt-image error paths and swap files free what they use.
    debug = on_debug_kernel([t for t in tests if t["name"] in (
        "ext2_mount_read_and_path_lookup", "ext2_corrupt_images_1024",
        "swapfile_fragmented_1024")])
    for d in debug:
        if "check" in d:
            d["check"] = [a.replace("build/", "build/debug/", 1) if a.startswith("build/") else a
                          for a in d["check"]]
    return tests + debug
