"""Boots for the ATA driver's two transfer modes: the default
boots use bus-master DMA; these run the ATA suites, the blkdebug swap
error tests and a swap workload again with "ata=pio", so the PIO path
keeps working (it is also DMA's fallback), and a swap workload on QEMU's
"isapc" machine, which has no PCI bus master at all. See tests/suites.py
for the keys. Each boot is derived from its DMA twin, with its own disk
images."""
import copy
import re

import suites
import suites_swap

PIO_TWINS = {"ata_disks", "ata_fault", "swap_write_error_blkdebug", "swap_read_error_blkdebug",
             "swap_pageout_4x_memory"}


def pio_twin(boot, suffix="pio", append="ata=pio ",
             line=r"^hd[a-d]: ATA disk .*, PIO \(ata=pio\), can MWDMA2$"):
    """@boot with "ata=pio" (@append), a _pio (@suffix) name and its own images (boots
    run in parallel); it must print @line."""
    t = copy.deepcopy(boot)
    t["name"] += "_" + suffix
    t["append"] = append + t["append"]

    def own(s):
        return re.sub(r"(build/[\w.-]+?)(\.img)", r"\1-%s\2" % suffix, s)

    for key in ("prepare", "disks", "qemu"):
        if key in t:
            t[key] = [[own(a) for a in x] if isinstance(x, list) else own(x) for x in t[key]]
    if "expect" in t:
        t["expect"] = t["expect"] + [line]
    return t


def twins(boots):
    return [pio_twin(b) for b in boots if b["name"] in PIO_TWINS]


def kernel_boots(stress=False):
    return twins(suites.kernel_boots(stress) + suites_swap.kernel_boots(stress))


def no_bus_master(boot):
    """@boot on the "isapc" machine: legacy IDE only, so PIO without being asked."""
    t = pio_twin(boot, "isapc", "", r"^hda: ATA disk .*, PIO \(no bus master\)$")
    t["qemu"] = t.get("qemu", []) + ["-machine", "isapc"]
    t["expect"] = t["expect"] + [r"^ata: no PCI IDE controller: PIO only$"]
    return t


def user_tests(stress=False):
    swap = suites_swap.user_tests(stress)
    return twins(swap) + [no_bus_master(t) for t in swap
                          if t["name"] == "swap_pageout_4x_memory"]


def host_checks():
    """A renamed DMA twin must not make its PIO boot vanish unnoticed."""
    return [{"name": "ata_pio_twins_found", "cmd": ["python3", "tests/suites_ata.py"]}]


if __name__ == "__main__":
    import sys
    found = {b["name"][:-len("_pio")] for b in kernel_boots() + user_tests()
             if b["name"].endswith("_pio")}
    missing = sorted(PIO_TWINS - found)
    print("ok 1 pio_twins_found" if not missing else
          "not ok 1 pio_twins_found # no boot named %s to derive from" % ", ".join(missing))
    sys.exit(1 if missing else 0)
