"""gdb helpers for swapkernel, loaded by `make debug`.

Commands are added here as the subsystems they inspect land; `help
swapkernel` lists them.
"""
import gdb


class SwapKernel(gdb.Command):
    """swapkernel: helper commands for this kernel (see subcommands)."""

    def __init__(self):
        super().__init__("swapkernel", gdb.COMMAND_USER, prefix=True)


SwapKernel()
