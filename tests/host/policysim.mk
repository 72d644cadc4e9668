# policysim: the replacement-policy simulator (OPT, LRU, CLOCK, FIFO).
#
#   build/host/policysim      host test (KTAP): the policies against hand-worked
#                             traces, naive re-implementations, tests/traces/ and
#                             the corpus (build/traces/), pinned; the kernel's
#                             RLIMIT_RSS policy (mm/rss_policy.c)
#   build/host/policysim-bin  the stand-alone program, -O2, no sanitizers, for
#                             benchmarks; built with host-tests, and skipped by
#                             tests/run-tests as its name ends in -bin
HOST_TESTS += policysim
policysim_SRCS := tests/host/policysim_test.c tests/host/policysim_core.c mm/rss_policy.c

host-tests: $(B)/host/policysim-bin

$(B)/host/policysim-bin: tests/host/policysim_main.c tests/host/policysim_core.c \
			 tests/host/policysim_core.h mm/rss_policy.c include/mm/rss_policy.h
	@mkdir -p $(B)/host
	$(HOSTCC) -std=gnu11 -O2 -Wall -Wextra -DHOST_TEST -Iinclude -o $@ tests/host/policysim_main.c \
		tests/host/policysim_core.c mm/rss_policy.c

# The trace corpus (tests/traces/corpus/*.bin.xz, see tests/traces/README.md),
# unpacked for the host test, policysim and make bench.
CORPUS_TRACES := $(patsubst tests/traces/corpus/%.bin.xz,$(B)/traces/%.bin,\
		   $(wildcard tests/traces/corpus/*.bin.xz))
.PHONY: traces
traces: $(CORPUS_TRACES)
host-tests: traces

$(B)/traces/%.bin: tests/traces/corpus/%.bin.xz
	@mkdir -p $(B)/traces
	@python3 -c 'import lzma, sys; open(sys.argv[2], "wb").write(lzma.open(sys.argv[1]).read())' $< $@
