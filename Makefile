# labprep - build, test and run.
#
#   make          build ./labprep (installs missing Debian packages first)
#   make run      build and start labprep on the bundled content
#   make check    build and run every test (unit tests + end-to-end)
#   make asan     unit tests under AddressSanitizer + UndefinedBehaviorSanitizer
#
# The core (core/, db/) is built into build/libcore.a and linked by the tests
# without curses; only tui/ links ncursesw.

CC      ?= cc
CSTD    := -std=c11 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700
WARN    := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wformat=2 -Wwrite-strings -Wundef
ifeq ($(CI),true)
WARN    += -Werror
endif
OPT     ?= -O2 -g
CFLAGS  += $(CSTD) $(WARN) $(OPT) -Iinclude
CURSES_CFLAGS := $(filter-out -D_XOPEN_SOURCE% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags ncursesw 2>/dev/null))
CURSES_LIBS   := $(shell pkg-config --libs ncursesw 2>/dev/null || echo -lncursesw)
CORE_LIBS := -lsqlite3 -lyaml -lm
TEST_LIBS := -lcmocka

BUILD   := build
CORE_SRC := $(wildcard core/*.c db/*.c)
TUI_SRC  := $(wildcard tui/*.c)
TEST_SRC := $(wildcard tests/test_*.c)
CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/%.o)
TUI_OBJ  := $(TUI_SRC:%.c=$(BUILD)/%.o)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
LIBCORE  := $(BUILD)/libcore.a

# Debian packages needed to build and to test.
BUILD_PKGS := gcc make pkg-config libncurses-dev libsqlite3-dev libyaml-dev
TEST_PKGS  := libcmocka-dev sqlite3 tmux python3 python3-yaml valgrind
DEPS_STAMP := $(BUILD)/.deps-ok

.PHONY: all run check test unit e2e asan clean deps bench fuzz
all: labprep

deps: $(DEPS_STAMP)
$(DEPS_STAMP):
	@sh tests/tools/ensure-deps.sh $(BUILD_PKGS) $(TEST_PKGS)
	@mkdir -p $(BUILD) && touch $@

$(BUILD)/%.o: %.c $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/tui/%.o: tui/%.c $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(CURSES_CFLAGS) -DLP_CONTENT_DIR='"$(CURDIR)/content"' -MMD -MP -c $< -o $@

$(LIBCORE): $(CORE_OBJ)
	@rm -f $@
	ar rcs $@ $^

labprep: $(TUI_OBJ) $(LIBCORE)
	$(CC) $(CFLAGS) -o $@ $(TUI_OBJ) $(LIBCORE) $(CURSES_LIBS) $(CORE_LIBS)

$(BUILD)/tests/%: tests/%.c $(LIBCORE)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests -o $@ $< $(LIBCORE) $(TEST_LIBS) $(CORE_LIBS)

run: labprep
	./labprep

# In CI (CI=true) make check also runs the unit tests under ASan+UBSan.
ifeq ($(CI),true)
CHECK_ASAN := asan
endif
check test: labprep $(TEST_BIN) $(CHECK_ASAN)
	@sh tests/run.sh $(TEST_BIN)

unit: $(TEST_BIN)
	@sh tests/run.sh --unit-only $(TEST_BIN)

# Unit tests again under ASan+UBSan, in a separate build tree.
asan:
	$(MAKE) BUILD=build-asan OPT="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" unit

clean:
	rm -rf $(BUILD) build-asan labprep

-include $(CORE_OBJ:.o=.d) $(TUI_OBJ:.o=.d)

# Extra targets (benchmarks, fuzzing, optimizer comparison) live in mk/*.mk.
-include $(wildcard mk/*.mk)
