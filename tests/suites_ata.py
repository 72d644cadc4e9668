"""Boots for the ATA driver's two transfer modes (issue 13): the default
boots use bus-master DMA; these run the ATA suites, the blkdebug swap
error tests and a swap workload again with "ata=pio", so the PIO path
keeps working (it is also DMA's fallback). See tests/suites.py for the
keys. Each boot is derived from its DMA twin, with its own disk images."""
import copy
import re

import suites
import suites_swap

PIO_TWINS = {"ata_disks", "ata_fault", "swap_write_error_blkdebug", "swap_read_error_blkdebug",
             "swap_pageout_4x_memory"}


def pio_twin(boot):
    """@boot with "ata=pio", a _pio name and its own images (boots run in parallel)."""
    t = copy.deepcopy(boot)
    t["name"] += "_pio"
    t["append"] = "ata=pio " + t["append"]

    def own(s):
        return re.sub(r"(build/[\w.-]+?)(\.img)", r"\1-pio\2", s)

    for key in ("prepare", "disks", "qemu"):
        if key in t:
            t[key] = [[own(a) for a in x] if isinstance(x, list) else own(x) for x in t[key]]
    if "expect" in t:
        t["expect"] = t["expect"] + [r"^hd[a-d]: ATA disk .*, PIO \(ata=pio\), can MWDMA2$"]
    return t


def twins(boots):
    return [pio_twin(b) for b in boots if b["name"] in PIO_TWINS]


def kernel_boots(stress=False):
    return twins(suites.kernel_boots(stress) + suites_swap.kernel_boots(stress))


def user_tests(stress=False):
    return twins(suites_swap.user_tests(stress))
