# Build, boot and test the kernel.
#
#   make run     build the GRUB ISO and boot it in QEMU with the default swap disk
#   make test    host tests + in-kernel KTAP self-tests + user-level tests
#   make bench   benchmarks (ATA throughput, swap throughput, replacement policy, slot
#                allocator instructions under callgrind, swapoff)
#   make fuzz    libFuzzer targets for the host-built cores (FUZZ_SECONDS each)
#   make debug   QEMU waiting for gdb, and gdb with our helpers attached
#   make demo-plot  boot the demo headless with swap tracing, chart it under build/plots/
#   make watch   the demo live in a browser (scripts/watch; WATCH_ARGS="--no-open ...")
#   make lab LAB=NAME    a lab's student tree in build/labs/NAME (docs/labs/README.md)
#   make grade LAB=NAME  the lab's black-box tests and its grade (in a student
#                        tree, plain `make grade`)
#   make answers         regenerate the labs' answer keys, docs/answers/NAME.diff
#
# Every target that needs tools runs scripts/install-deps first, which
# installs what is missing with apt-get.

SHELL    := /bin/bash
CROSS    ?= i686-linux-gnu-
CC       := $(CROSS)gcc
LD       := $(CROSS)ld
NM       := $(CROSS)nm
OBJCOPY  := $(CROSS)objcopy
NASM     ?= nasm
HOSTCC   ?= cc
FUZZCC   ?= clang
FUZZ_SECONDS ?= 60

GCC_INC  := $(shell $(CC) -print-file-name=include 2>/dev/null)
LIBGCC   := $(shell $(CC) -print-libgcc-file-name 2>/dev/null)

KCFLAGS  := -std=gnu11 -O2 -g -m32 -march=i686 -ffreestanding -fno-pic -fno-pie \
	    -fno-stack-protector -fno-asynchronous-unwind-tables -mgeneral-regs-only \
	    -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer -fno-strict-aliasing -fno-common \
	    -nostdinc -isystem $(GCC_INC) -Iinclude -D__KERNEL__ \
	    -Wall -Wextra -Wmissing-prototypes -Wno-unused-parameter -Wno-sign-compare -Werror -MMD -MP
# make DEBUG=1: a kernel that poisons freed pages and checks them on
# allocation, and red-zones slab objects (CONFIG_DEBUG_PAGEALLOC). It is
# built in its own directory, build/debug/, so both kernels coexist:
# `make test` boots the swap and reclaim suites once on each.
ifeq ($(DEBUG),1)
B        := build/debug
KCFLAGS  += -DCONFIG_DEBUG_PAGEALLOC
else
B        := build
endif
NASMFLAGS := -f elf32 -g -F dwarf -Iinclude/arch/x86/

HOSTCFLAGS := -std=gnu11 -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
	      -fno-sanitize-recover=undefined -DHOST_TEST -Itests/host/shim -Iinclude \
	      -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare

# Kernel sources: every .c and .asm under these directories. In-kernel
# self-tests (*_test.c) live beside the code they test and are always built.
KDIRS    := boot arch/x86 kernel mm lib drivers drivers/ata block fs fs/partitions fs/proc fs/ext2
KSRCS_C  := $(foreach d,$(KDIRS),$(wildcard $(d)/*.c))
KSRCS_S  := $(foreach d,$(KDIRS),$(wildcard $(d)/*.asm))
KOBJS    := $(patsubst %.c,$(B)/%.o,$(KSRCS_C)) $(patsubst %.asm,$(B)/%.asm.o,$(KSRCS_S))

.PHONY: all kernel iso user run run-nox test bench fuzz debug deps clean stress demo-plot host-tests linux-progs watch \
	lab grade answers
all: kernel user iso

deps:
	@scripts/install-deps

kernel: $(B)/kernel.elf

$(B)/%.o: %.c Makefile
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(KCFLAGS) -c $< -o $@

$(B)/%.asm.o: %.asm Makefile
	@mkdir -p $(dir $@)
	@echo "  NASM    $<"
	@$(NASM) $(NASMFLAGS) $< -o $@

# The kernel is linked twice: the first link gives the addresses of the
# functions, which become the symbol table (.ksyms, placed after all code so
# no function moves) that panic() and exceptions use for backtraces.
$(B)/ksyms-empty.asm:
	@mkdir -p $(B)
	scripts/gen-ksyms < /dev/null > $@

$(B)/kernel.pass1.elf: $(KOBJS) $(B)/ksyms-empty.asm.o linker.ld
	$(LD) -m elf_i386 -T linker.ld -nostdlib -z noexecstack -o $@ $(KOBJS) $(B)/ksyms-empty.asm.o $(LIBGCC)

$(B)/ksyms.asm: $(B)/kernel.pass1.elf scripts/gen-ksyms
	$(NM) -n --defined-only $< | scripts/gen-ksyms > $@

$(B)/kernel.elf: $(KOBJS) $(B)/ksyms.asm.o linker.ld
	$(LD) -m elf_i386 -T linker.ld -nostdlib -z noexecstack -o $@ $(KOBJS) $(B)/ksyms.asm.o $(LIBGCC)
	@cmp -s <($(NM) -n $@ | grep -i ' t ') <($(NM) -n $(B)/kernel.pass1.elf | grep -i ' t ') \
		|| { echo "error: function addresses moved between link passes" >&2; rm -f $@; exit 1; }
	@grub-file --is-x86-multiboot $@ || { echo "error: $@ is not multiboot (header past 8 KiB?)" >&2; rm -f $@; exit 1; }

$(B)/ksyms-empty.asm.o: $(B)/ksyms-empty.asm
	$(NASM) $(NASMFLAGS) $< -o $@
$(B)/ksyms.asm.o: $(B)/ksyms.asm
	$(NASM) $(NASMFLAGS) $< -o $@

-include user/Makefile.inc

# Outside programs: ordinary C against Debian's i386 glibc, linked static,
# nothing of this kernel's own: what users would run on it.
LINUX_PROGS := $(patsubst tests/linux/%.c,build/linux/%,$(wildcard tests/linux/*.c))
linux-progs: $(LINUX_PROGS)
build/linux/%: tests/linux/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $< (glibc, static)"
	@$(CC) -static -O2 -Wall -Werror -o $@ $<
-include $(KOBJS:.o=.d)

# ---- host tests and fuzzers -------------------------------------------------
# Each tests/host/*.mk adds names to HOST_TESTS (with NAME_SRCS) and to
# FUZZ_TARGETS (with NAME_FUZZ_SRCS).
HOST_TESTS :=
FUZZ_TARGETS :=
include $(wildcard tests/host/*.mk)
ifneq ($(wildcard .lab),)
# A lab's student tree (docs/labs/README.md) goes without the white-box
# tests of the code it takes out: leave out what lost a source file.
complete = $(foreach t,$(1),$(if $(filter-out $(wildcard $($(t)$(2))),$($(t)$(2))),,$(t)))
HOST_TESTS := $(call complete,$(HOST_TESTS),_SRCS)
FUZZ_TARGETS := $(call complete,$(FUZZ_TARGETS),_FUZZ_SRCS)
endif

define host_test_rule
$(B)/host/$(1): $$($(1)_SRCS) tests/host/check.c tests/host/host_support.c $$(wildcard include/*/*.h tests/host/*.h)
	@mkdir -p $(B)/host
	$(HOSTCC) $(HOSTCFLAGS) $$($(1)_CFLAGS) -o $$@ $$($(1)_SRCS) tests/host/check.c tests/host/host_support.c
endef
$(foreach t,$(HOST_TESTS),$(eval $(call host_test_rule,$(t))))

define fuzz_rule
$(B)/fuzz/$(1): $$($(1)_FUZZ_SRCS) tests/host/host_support.c $$(wildcard include/*/*.h)
	@mkdir -p $(B)/fuzz
	$(FUZZCC) -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined -DHOST_TEST -DFUZZ \
		-Itests/host/shim -Iinclude -o $$@ $$($(1)_FUZZ_SRCS) tests/host/host_support.c
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call fuzz_rule,$(t))))

host-tests: $(addprefix $(B)/host/,$(HOST_TESTS))
fuzz-build: $(addprefix $(B)/fuzz/,$(FUZZ_TARGETS))

fuzz: deps fuzz-build
	@for t in $(FUZZ_TARGETS); do \
		echo "fuzz: $$t for $(FUZZ_SECONDS)s"; mkdir -p $(B)/fuzz/corpus-$$t; \
		$(B)/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 $(B)/fuzz/corpus-$$t || exit 1; \
	done

# ---- images, running and testing ---------------------------------------------
iso: $(B)/swapkernel.iso

$(B)/swapkernel.iso: $(B)/kernel.elf $(USER_MODS) scripts/mkiso boot/grub.cfg
	scripts/mkiso $@ $(B)/kernel.elf $(USER_MODS)

$(B)/disk.img: scripts/mkdisk
	scripts/mkdisk default $@

# DISK=FILE boots another disk (scripts/run-interactive lists the settings).
DISK ?= $(B)/disk.img
run: deps
	@$(MAKE) --no-print-directory all $(DISK)
	DISK=$(DISK) scripts/run-interactive

run-nox: deps
	@$(MAKE) --no-print-directory all $(DISK)
	DISK=$(DISK) scripts/run-interactive --nox

test: deps
	@$(MAKE) --no-print-directory all host-tests fuzz-build linux-progs
	@$(MAKE) --no-print-directory DEBUG=1 kernel
	@tests/run-tests

bench: deps
	@$(MAKE) --no-print-directory all $(B)/host/policysim-bin $(B)/host/slot-bench-bin traces
	@tests/run-bench

stress: deps
	@$(MAKE) --no-print-directory all linux-progs
	@$(MAKE) --no-print-directory DEBUG=1 kernel
	@tests/run-tests --stress

debug: deps
	@$(MAKE) --no-print-directory all $(DISK)
	DISK=$(DISK) scripts/debug

# The demo on make run's disk, its serial log kept in build/plots/demo.log;
# scripts/demo-plot says how long it takes and how it is going.
demo-plot: deps
	@$(MAKE) --no-print-directory all $(DISK)
	DISK=$(DISK) scripts/demo-plot $(B)/plots

# The demo on make run's disk, drawn live in a browser (scripts/watch --help).
watch: deps
	@$(MAKE) --no-print-directory all $(B)/disk.img
	scripts/watch $(WATCH_ARGS)

# ---- labs (docs/labs/README.md) ------------------------------------------------
# A student tree names its lab in .lab; in the repository LAB= chooses one.
LAB ?= $(shell cat .lab 2>/dev/null)

lab:
	@scripts/mklab $(if $(FORCE),--force) $(LAB)

grade: deps
	@$(MAKE) --no-print-directory kernel user
	@tests/grade $(LAB)

answers:
	@scripts/mklab --answers

clean:
	rm -rf $(B)
