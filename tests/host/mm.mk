# mm/page_alloc.c and mm/slab.c, built unchanged over a simulated mem_map
# (tests/host/buddy_model.h):
#
#   build/host/buddy, build/host/slab              the unit and model tests
#   build/host/buddy-debug, build/host/slab-debug  the same with
#                                                  CONFIG_DEBUG_PAGEALLOC: page
#                                                  poisoning, slab red zones
#   build/fuzz/buddy_fuzz                          random alloc/free sequences
#                                                  against the model
HOST_TESTS += buddy slab
buddy_SRCS := mm/page_alloc.c tests/host/reclaim_stub.c tests/host/buddy_test.c
slab_SRCS := mm/page_alloc.c mm/slab.c tests/host/reclaim_stub.c tests/host/slab_test.c

FUZZ_TARGETS += buddy_fuzz
buddy_fuzz_FUZZ_SRCS := mm/page_alloc.c tests/host/reclaim_stub.c tests/host/buddy_fuzz.c

define mm_debug_test_rule
$(B)/host/$(1)-debug: $$($(1)_SRCS) tests/host/check.c tests/host/host_support.c \
		      $$(wildcard include/*/*.h tests/host/*.h)
	@mkdir -p $(B)/host
	$(HOSTCC) $(HOSTCFLAGS) -DCONFIG_DEBUG_PAGEALLOC -o $$@ $$($(1)_SRCS) tests/host/check.c \
		tests/host/host_support.c
endef
$(foreach t,buddy slab,$(eval $(call mm_debug_test_rule,$(t))))
host-tests: $(B)/host/buddy-debug $(B)/host/slab-debug
