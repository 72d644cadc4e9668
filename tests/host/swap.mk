# The swap subsystem's host-built cores: the slot allocator (mm/swapfile.c)
# and the swap header parser (mm/swap_header.c).
#
#   build/host/swapfile          PTE encoding, scan_swap_map, get_swap_page,
#                                counts, area life cycle, random ops vs a model
#   build/host/swap_header       headers built like mkswap's, every rejection,
#                                and real mkswap output when mkswap is installed
#   build/fuzz/swap_header_fuzz  the parser on arbitrary header pages
#   build/fuzz/swapfile_fuzz     allocator operations against the model
#   build/host/slot-bench-bin    the allocator's cost under callgrind (make bench)
HOST_TESTS += swapfile swap_header
swapfile_SRCS := tests/host/swapfile_test.c tests/host/swap_model.c mm/swapfile.c \
		 mm/swap_header.c
swap_header_SRCS := tests/host/swap_header_test.c mm/swap_header.c mm/swapfile.c

# The header parser and the area set-up again with clusters smaller than a
# word of the cluster's bitmap (exercise 1b of docs/exercises.md sets
# SWAPFILE_CLUSTER to 16 and to 1; the allocator's own tests pin 256).
HOST_TESTS += swap_header_cluster16 swap_header_cluster1
swap_header_cluster16_SRCS := $(swap_header_SRCS)
swap_header_cluster1_SRCS := $(swap_header_SRCS)
swap_header_cluster16_CFLAGS := -DSWAPFILE_CLUSTER=16
swap_header_cluster1_CFLAGS := -DSWAPFILE_CLUSTER=1

FUZZ_TARGETS += swap_header_fuzz swapfile_fuzz
swap_header_fuzz_FUZZ_SRCS := tests/host/swap_header_fuzz.c mm/swap_header.c mm/swapfile.c
swapfile_fuzz_FUZZ_SRCS := tests/host/swapfile_fuzz.c tests/host/swap_model.c mm/swapfile.c \
			   mm/swap_header.c

# slot-bench (make bench, tests/run-bench slot): get_swap_page's cost in
# instructions under callgrind, the allocator built -O2 without sanitizers.
# Built with host-tests so it keeps compiling; tests/run-tests skips -bin.
host-tests: $(B)/host/slot-bench-bin

$(B)/host/slot-bench-bin: tests/host/slot_bench.c mm/swapfile.c mm/swap_header.c \
			  tests/host/host_support.c $(wildcard include/*/*.h)
	@mkdir -p $(B)/host
	$(HOSTCC) -std=gnu11 -O2 -g -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
		-DHOST_TEST -Itests/host/shim -Iinclude -o $@ tests/host/slot_bench.c mm/swapfile.c \
		mm/swap_header.c tests/host/host_support.c

# Swap extents (mm/swap_extent.c): the builder on synthetic block maps and
# map_swap_page against a brute-force table.
HOST_TESTS += swap_extent
swap_extent_SRCS := tests/host/swap_extent_test.c mm/swap_extent.c tests/host/kmalloc_shim.c
