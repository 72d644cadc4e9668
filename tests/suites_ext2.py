"""ext2, mount(2)/umount(2) and path lookup (issue 12; path parts of issue 11
bug 9). Disk images are made by scripts/mkext2 with the host's mke2fs; see
its docstring for the test tree that user/t_mount.c checks."""

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
    for bs, seeds in (("1024", (1, 2, 3)), ("4096", (4, 5, 6))):
        base = "build/ext2-corrupt-base-%s.img" % bs
        imgs = ["build/ext2-corrupt-%s-%d.img" % (bs, s) for s in seeds]
        tests.append(
            {"name": "ext2_corrupt_images_%s" % bs, "mem": "32M", "timeout": 120,
             "append": "init=t_mount -- walk /dev/hda /dev/hdb /dev/hdd",
             "prepare": [mkext2("disk", base, bs)] +
                        [mkext2("corrupt", base, img, str(s)) for img, s in zip(imgs, seeds)],
             "disks": imgs[:2], "qemu": ["-drive", "file=%s,format=raw,if=ide,index=3" % imgs[2]],
             "expect": [r"^t_mount: ok$"],
             "reject": [r"BUG at", r"Oops", r"WARNING at"]})
    return tests
