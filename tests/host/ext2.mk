# The ext2 layout core (fs/ext2/layout.c): superblock, group descriptors,
# inodes, block maps, directory records.
#
#   build/host/ext2        images made by mke2fs (revision 0 and 1; 1, 2 and
#                          4 KiB blocks; indirect, double and triple indirect
#                          files) read back and compared with the source tree,
#                          debugfs and dumpe2fs; every rejection
#   build/fuzz/ext2_fuzz   the parsers on mke2fs images with fuzzed bytes
HOST_TESTS += ext2
ext2_SRCS := tests/host/ext2_test.c tests/host/ext2_image.c fs/ext2/layout.c

FUZZ_TARGETS += ext2_fuzz
ext2_fuzz_FUZZ_SRCS := tests/host/ext2_fuzz.c tests/host/ext2_image.c fs/ext2/layout.c
