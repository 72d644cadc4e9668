# The swap subsystem's host-built cores: the slot allocator (mm/swapfile.c)
# and the swap header parser (mm/swap_header.c).
#
#   build/host/swapfile          PTE encoding, scan_swap_map, get_swap_page,
#                                counts, area life cycle, random ops vs a model
#   build/host/swap_header       headers built like mkswap's, every rejection,
#                                and real mkswap output when mkswap is installed
#   build/fuzz/swap_header_fuzz  the parser on arbitrary header pages
#   build/fuzz/swapfile_fuzz     allocator operations against the model
HOST_TESTS += swapfile swap_header
swapfile_SRCS := tests/host/swapfile_test.c tests/host/swap_model.c mm/swapfile.c \
		 mm/swap_header.c
swap_header_SRCS := tests/host/swap_header_test.c mm/swap_header.c mm/swapfile.c

FUZZ_TARGETS += swap_header_fuzz swapfile_fuzz
swap_header_fuzz_FUZZ_SRCS := tests/host/swap_header_fuzz.c mm/swap_header.c mm/swapfile.c
swapfile_fuzz_FUZZ_SRCS := tests/host/swapfile_fuzz.c tests/host/swap_model.c mm/swapfile.c \
			   mm/swap_header.c

# Swap extents (mm/swap_extent.c): the builder on synthetic block maps and
# map_swap_page against a brute-force table.
HOST_TESTS += swap_extent
swap_extent_SRCS := tests/host/swap_extent_test.c mm/swap_extent.c tests/host/kmalloc_shim.c
