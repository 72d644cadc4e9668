# lib/radix-tree.c, the swap cache's index: unit and model tests, and a
# fuzz target checking random operation sequences against a model.
HOST_TESTS += radix_tree
radix_tree_SRCS := lib/radix-tree.c tests/host/radix_tree_test.c
FUZZ_TARGETS += radix_tree_fuzz
radix_tree_fuzz_FUZZ_SRCS := lib/radix-tree.c tests/host/radix_tree_fuzz.c
