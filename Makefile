# zkcave build. `make run` and `make test` work on a fresh Debian machine:
# they install what is missing (scripts/install-deps.sh) before building.
#
#   make / make all     build ./zkcave (-O2, portable x86-64 baseline)
#   make run            install missing dependencies, build, open the workbench
#   make test           install missing dependencies, build everything with
#                       -fsanitize=address,undefined and run every test (the
#                       kernel families' again with ZKCAVE_KERNEL=portable);
#                       ends "N passed, M failed, K skipped" after the skips
#   make bench          build optimised and print `name: value unit` lines
#   make check-lessons  load every lesson, resolve and run its actions, check
#                       every exercise against its own answer (also in make test)
#   make debug          build with sanitizers and ZK_DEBUG (the headers'
#                       invariants asserted) and run the tests against it
#   make clean          remove build/ and ./zkcave

.DEFAULT_GOAL := all
SHELL := /bin/bash
ifeq ($(origin CC),default)
CC := gcc
endif
NPROC := $(shell nproc 2>/dev/null || echo 2)
# V=1 shows the full compiler command lines.
Q := $(if $(filter 1,$(V)),,@)
ARCH := $(shell uname -m)

# Run-time libraries (Debian packages, see scripts/install-deps.sh).
PKGS := libcjson libpng zlib libsodium gmp md4c
PKGS_TUI := ncursesw
HAVE_PKGCONFIG := $(shell command -v pkg-config >/dev/null 2>&1 && echo yes)
ifeq ($(HAVE_PKGCONFIG),yes)
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) $(PKGS_TUI) 2>/dev/null)
TUI_CFLAGS := $(shell pkg-config --cflags $(PKGS_TUI) 2>/dev/null)
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null)
endif
# The constant-time test is built where valgrind's headers are (tests/screen/ctime.sh).
HAVE_VALGRIND_H := $(wildcard /usr/include/valgrind/memcheck.h)

# C17 with one allowed extension (unsigned __int128, marked __extension__),
# never -march=native: fast kernels are chosen at run time from CPUID.
CFLAGS_BASE := -std=c17 -D_POSIX_C_SOURCE=200809L -Isrc -I. -Ibuild/gen -pthread \
               -Wall -Wextra -Werror -Wpedantic -Wshadow -Wstrict-prototypes -MMD -MP
CFLAGS_REL := $(CFLAGS_BASE) -O2 -g
CFLAGS_ASAN := $(CFLAGS_BASE) -O1 -g -fno-omit-frame-pointer \
               -fsanitize=address,undefined -fno-sanitize-recover=all
LDLIBS := $(PKG_LIBS) -lm -pthread

# Each actions_<family>.c of src/lesson defines lesson_actions_<family>, the
# table of the <family>.* actions. Their list is made from the file names
# (build/gen/lesson_families.h, rewritten only when it changes, so only
# action.c rebuilds), so a new family of actions is a new file and nothing else.
LESSON_FAMILIES := $(sort $(patsubst src/lesson/actions_%.c,%,$(wildcard src/lesson/actions_*.c)))
LESSON_FAMILIES_H := $(foreach f,$(LESSON_FAMILIES),LESSON_FAMILY($(f)))
$(shell mkdir -p build/gen && { echo '$(LESSON_FAMILIES_H)' | cmp -s - build/gen/lesson_families.h || \
  echo '$(LESSON_FAMILIES_H)' > build/gen/lesson_families.h; })

# Every source under src/ except the program's entry point goes into a library
# that the program, the tests and the benchmarks link.
LIB_C := $(filter-out src/cli/main.c,$(shell find src -name '*.c' | sort))
# viz/ (terminal-independent drawing) is part of the library; its files are
# included as "viz/..." from the repository root.
LIB_C += $(shell find viz -name '*.c' | sort)
ifeq ($(ARCH),x86_64)
LIB_S := $(shell find src -name '*.S' | sort)
endif
TEST_C := $(shell find tests/unit -name 'test_*.c' 2>/dev/null | sort)
# free_scan.c replaces free(): tests/screen/secrets.sh builds it on its own.
TEST_SUPPORT_C := $(filter-out tests/support/free_scan.c,$(shell find tests/support -name '*.c' 2>/dev/null | sort))

define objs
$(patsubst %.c,$(1)/%.o,$(LIB_C)) $(patsubst %.S,$(1)/%.o,$(LIB_S))
endef
REL_OBJ := $(call objs,build/rel)
ASAN_OBJ := $(call objs,build/asan)
ASAN_TESTS := $(patsubst tests/unit/%.c,build/asan/tests/%,$(TEST_C))
ASAN_SUPPORT_OBJ := $(patsubst %.c,build/asan/%.o,$(TEST_SUPPORT_C))

.PHONY: all run test test-build bench clean deps check-deps check-lessons debug
.SUFFIXES:
# Keep object files of tests between runs.
.SECONDARY:

all: check-deps
	@$(MAKE) --no-print-directory -j$(NPROC) zkcave

# Installs missing packages only when something is missing.
deps:
	@scripts/install-deps.sh --check >/dev/null 2>&1 || scripts/install-deps.sh

check-deps:
	@scripts/install-deps.sh --check >/dev/null 2>&1 || { \
	  echo "zkcave: build dependencies are missing; run 'make run' or 'scripts/install-deps.sh'" >&2; \
	  scripts/install-deps.sh --check >&2; exit 2; }

run: deps
	@$(MAKE) --no-print-directory -j$(NPROC) zkcave
	./zkcave

# The interop tests' node packages (tests/interop/package-lock.json); where
# they cannot be installed outside CI, those tests skip and say so.
test: deps
	@scripts/install-deps.sh --interop || [ "$${CI:-}" != true ]
	@$(MAKE) --no-print-directory -j$(NPROC) test-build
	@tests/run.sh build/asan

test-build: $(ASAN_TESTS) build/asan/zkcave build/debug/tests/verify $(if $(HAVE_VALGRIND_H),build/ctime/tests/test_ctime)

bench: check-deps
	@$(MAKE) --no-print-directory -j$(NPROC) zkcave
	./zkcave bench

check-lessons: check-deps
	@$(MAKE) --no-print-directory -j$(NPROC) zkcave
	./zkcave check-lessons lessons

clean:
	rm -rf build zkcave

zkcave: build/rel/zkcave
	$(Q)cp $< $@

build/rel/libzk.a: $(REL_OBJ)
	@mkdir -p $(@D)
	$(Q)rm -f $@ && ar rcs $@ $^

build/asan/libzk.a: $(ASAN_OBJ)
	@mkdir -p $(@D)
	$(Q)rm -f $@ && ar rcs $@ $^

build/rel/zkcave: build/rel/src/cli/main.o build/rel/libzk.a
	@echo '  LD      $@'
	$(Q)$(CC) $(CFLAGS_REL) -o $@ $^ $(LDLIBS)

build/asan/zkcave: build/asan/src/cli/main.o build/asan/libzk.a
	@echo '  LD      $@'
	$(Q)$(CC) $(CFLAGS_ASAN) -o $@ $^ $(LDLIBS)

build/asan/tests/%: build/asan/tests/unit/%.o $(ASAN_SUPPORT_OBJ) build/asan/libzk.a
	@mkdir -p $(@D)
	@echo '  LD      $@'
	$(Q)$(CC) $(CFLAGS_ASAN) -o $@ $^ $(LDLIBS) $(CMOCKA_LIBS)

# Only src/tui includes <ncurses.h>, so only it gets ncurses' flags.
build/rel/src/tui/%.o: src/tui/%.c
	@mkdir -p $(@D)
	@echo '  CC      $<'
	$(Q)$(CC) $(CFLAGS_REL) $(PKG_CFLAGS) $(TUI_CFLAGS) -c -o $@ $<
build/asan/src/tui/%.o: src/tui/%.c
	@mkdir -p $(@D)
	@echo '  CC asan $<'
	$(Q)$(CC) $(CFLAGS_ASAN) $(PKG_CFLAGS) $(TUI_CFLAGS) -c -o $@ $<

build/rel/%.o: %.c
	@mkdir -p $(@D)
	@echo '  CC      $<'
	$(Q)$(CC) $(CFLAGS_REL) $(PKG_CFLAGS) -c -o $@ $<
build/asan/%.o: %.c
	@mkdir -p $(@D)
	@echo '  CC asan $<'
	$(Q)$(CC) $(CFLAGS_ASAN) $(PKG_CFLAGS) -Itests/support -c -o $@ $<

build/rel/%.o: %.S
	@mkdir -p $(@D)
	@echo '  AS      $<'
	$(Q)$(CC) -MMD -MP -c -o $@ $<
build/asan/%.o: %.S
	@mkdir -p $(@D)
	@echo '  AS asan $<'
	$(Q)$(CC) -MMD -MP -c -o $@ $<

# The constant-time check (core/ctime.h, tests/ctime/test_ctime.c): the
# layers it exercises built optimised, without sanitizers (valgrind runs
# it) and with ZK_CTIME_CHECK, where valgrind's headers are installed.
CTIME_C := $(shell find src/core src/field src/curve -name '*.c' | sort)
CTIME_S := $(if $(LIB_S),$(shell find src/core src/field src/curve -name '*.S' | sort))
CTIME_OBJ := $(patsubst %.c,build/ctime/%.o,$(CTIME_C)) $(patsubst %.S,build/ctime/%.o,$(CTIME_S))

build/ctime/tests/test_ctime: build/ctime/tests/ctime/test_ctime.o $(CTIME_OBJ)
	@mkdir -p $(@D)
	@echo '  LD      $@'
	$(Q)$(CC) $(CFLAGS_REL) -o $@ $^ $(LDLIBS)
build/ctime/%.o: %.c
	@mkdir -p $(@D)
	@echo '  CC ctime $<'
	$(Q)$(CC) $(CFLAGS_REL) -DZK_CTIME_CHECK $(PKG_CFLAGS) -c -o $@ $<
build/ctime/%.o: %.S
	@mkdir -p $(@D)
	@echo '  AS ctime $<'
	$(Q)$(CC) -MMD -MP -c -o $@ $<
build/ctime/tests/ctime/%.o: tests/ctime/%.c
	@mkdir -p $(@D)
	@echo '  CC ctime $<'
	$(Q)$(CC) $(CFLAGS_REL) -DZK_CTIME_CHECK $(PKG_CFLAGS) -c -o $@ $<

# make debug: everything built with sanitizers and ZK_DEBUG, so the
# invariants the headers state (ZK_VERIFY, core/ctime.h) are asserted, and
# every test run against it (the kernel families once, not twice).
CFLAGS_DEBUG := $(CFLAGS_ASAN) -DZK_DEBUG
DEBUG_OBJ := $(call objs,build/debug)
DEBUG_TESTS := $(patsubst tests/unit/%.c,build/debug/tests/%,$(TEST_C))
DEBUG_SUPPORT_OBJ := $(patsubst %.c,build/debug/%.o,$(TEST_SUPPORT_C))

debug: deps
	@$(MAKE) --no-print-directory -j$(NPROC) $(DEBUG_TESTS) build/debug/zkcave
	@PORTABLE_PASS=0 tests/run.sh build/debug

build/debug/libzk.a: $(DEBUG_OBJ)
	@mkdir -p $(@D)
	$(Q)rm -f $@ && ar rcs $@ $^
build/debug/zkcave: build/debug/src/cli/main.o build/debug/libzk.a
	@echo '  LD      $@'
	$(Q)$(CC) $(CFLAGS_DEBUG) -o $@ $^ $(LDLIBS)
build/debug/tests/%: build/debug/tests/unit/%.o $(DEBUG_SUPPORT_OBJ) build/debug/libzk.a
	@mkdir -p $(@D)
	@echo '  LD      $@'
	$(Q)$(CC) $(CFLAGS_DEBUG) -o $@ $^ $(LDLIBS) $(CMOCKA_LIBS)
build/debug/src/tui/%.o: src/tui/%.c
	@mkdir -p $(@D)
	@echo '  CC dbg  $<'
	$(Q)$(CC) $(CFLAGS_DEBUG) $(PKG_CFLAGS) $(TUI_CFLAGS) -c -o $@ $<
build/debug/%.o: %.c
	@mkdir -p $(@D)
	@echo '  CC dbg  $<'
	$(Q)$(CC) $(CFLAGS_DEBUG) $(PKG_CFLAGS) -Itests/support -c -o $@ $<
build/debug/%.o: %.S
	@mkdir -p $(@D)
	@echo '  AS dbg  $<'
	$(Q)$(CC) -MMD -MP -c -o $@ $<

# In make test, the debug build of the lowest layers only, with a program
# that checks an invariant's failure is caught (tests/screen/debug_verify.sh).
VERIFY_OBJ := $(patsubst build/ctime/%,build/debug/%,$(CTIME_OBJ))
build/debug/tests/verify: build/debug/tests/debug/test_verify.o $(VERIFY_OBJ)
	@mkdir -p $(@D)
	@echo '  LD      $@'
	$(Q)$(CC) $(CFLAGS_DEBUG) -o $@ $^ $(LDLIBS)

-include $(shell find build -name '*.d' 2>/dev/null)
