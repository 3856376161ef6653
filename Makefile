# authaudit - build, test, demo and bench. `make help` lists the targets.
# Every target that needs packages installs what is missing first
# (scripts/deps.sh), so `make demo` and `make test` work on a fresh Debian.

CC      ?= gcc
BUILD   ?= build
# make install: PREFIX for the paths, DESTDIR for staging (packages).
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/authaudit
MANDIR  ?= $(PREFIX)/share/man
DOCDIR  ?= $(PREFIX)/share/doc/authaudit
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d
PKGS    := libcurl openssl libpcre2-8 yaml-0.1 libhs jansson zlib libgit2 libdeflate
VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)

# CFLAGS and LDFLAGS are the user's; SAN carries sanitizer flags.
CFLAGS   ?= -O2 -g
SAN      ?=
ALL_CFLAGS = $(CPPFLAGS) $(CFLAGS) $(SAN) -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror \
            -pthread -DAUTHAUDIT_VERSION='"$(VERSION)"'
ALL_LDFLAGS = $(LDFLAGS) $(SAN)
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS))
# Header dependencies computed by the compiler (git's
# COMPUTE_HEADER_DEPENDENCIES): each object or single-source binary
# writes its .d beside it; -MP keeps a removed header from breaking make.
DEPFLAGS = -MMD -MP -MF $@.d
LDLIBS   += $(PKG_LIBS) -lm -pthread

# `make V=1` shows the full command lines.
ifeq ($(V),1)
Q :=
E := @true
else
Q := @
E := @echo
endif

SRC      := $(sort $(wildcard src/*.c src/*/*.c))
OBJ      := $(SRC:src/%.c=$(BUILD)/obj/%.o)
LIBOBJ   := $(filter-out $(BUILD)/obj/main.o,$(OBJ))
UNIT_SRC := $(sort $(wildcard tests/unit/*/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
# tests/fixtures/fixture_*.c are the servers' shared core (fixture_net.h),
# linked into each fixture, not fixtures of their own.
FIX_CORE := $(sort $(wildcard tests/fixtures/fixture_*.c))
FIX_CORE_OBJ := $(FIX_CORE:tests/fixtures/%.c=$(BUILD)/fixtures/%.o)
FIX_SRC  := $(filter-out $(FIX_CORE),$(sort $(wildcard tests/fixtures/*.c)))
FIX_BIN  := $(FIX_SRC:tests/fixtures/%.c=$(BUILD)/fixtures/%)
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES := $(FUZZ_SRC:tests/fuzz/%.c=%)
REPLAY_BIN := $(FUZZ_NAMES:%=$(BUILD)/replay/%)
FUZZ_BIN := $(FUZZ_NAMES:%=$(BUILD)/fuzz/%)
FUZZ_COMMON := tests/fuzz/fuzz.c tests/fuzz/fuzz.h
BIN      := $(BUILD)/authaudit

.PHONY: all deps deps-demo deps-test deps-bench deps-fuzz test unit e2e rules-check catalogue catalogue-check \
        demo bench sanitize test-sanitized clean help lint fixtures replay fuzz \
        fuzz-targets pkgs-check install uninstall deps-package package-test FORCE

# `make` alone builds and installs nothing: a missing library is named
# (pkg-config --print-errors) with the command that installs it.
all: $(BIN) authaudit

pkgs-check:
	@pkg-config --exists --print-errors $(PKGS) || { \
	  echo "authaudit: build packages missing; 'make deps' installs them" \
	    "(make demo and make test do so themselves)" >&2; exit 1; }

help:
	@echo "make demo      install, build, scan examples/, explain a token,"
	@echo "               probe the reference server and example endpoints"
	@echo "make test      install, build, run every test"
	@echo "make sanitize  the tests under ASan + UBSan"
	@echo "make bench     speed and memory beside ripgrep / sslscan"
	@echo "make fuzz      each libFuzzer target for FUZZ_TIME seconds (60)"
	@echo "make lint      banned calls, file sizes, include layering"
	@echo "make install   PREFIX=/usr/local (DESTDIR for staging); make uninstall"
	@echo "make package-test  build the .deb (debian/) and check it; the"
	@echo "               Docker image too where a Docker daemon answers"

deps:
	@scripts/deps.sh build
deps-demo:
	@scripts/deps.sh demo
deps-test:
	@scripts/deps.sh test
deps-bench:
	@scripts/deps.sh bench
deps-fuzz:
	@scripts/deps.sh fuzz
deps-package:
	@scripts/deps.sh package

# Sources sit in layer folders (docs/layout.md); includes name the folder
# ("core/rule.h") from src/, and scripts/lint.sh keeps them pointing down.
$(BUILD)/obj/%.o: src/%.c | pkgs-check
	@mkdir -p $(@D)
	$(E) "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) $(DEPFLAGS) $(PKG_CFLAGS) -Isrc -c -o $@ $<

# Where an installed binary looks last for its rules (it looks first beside
# itself, ../share/authaudit/rules, so an installed tree can move), and the
# commit --version names, rebuilt into one object only when it changes.
GIT_COMMIT := $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
$(BUILD)/obj/cmd/run.o: ALL_CFLAGS += -DAUTHAUDIT_RULES_DIR='"$(DATADIR)/rules"'
$(BUILD)/obj/cmd/cmd_version.o: ALL_CFLAGS += -DAUTHAUDIT_COMMIT='"$(GIT_COMMIT)"'
$(BUILD)/obj/cmd/cmd_version.o: $(BUILD)/commit
$(BUILD)/commit: FORCE
	@mkdir -p $(@D)
	@echo '$(GIT_COMMIT)' | cmp -s - $@ || echo '$(GIT_COMMIT)' > $@
FORCE:

$(BIN): $(OBJ)
	$(E) "  LINK    $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $(OBJ) $(ALL_LDFLAGS) $(LDLIBS)

# A link at the top so `./authaudit` works from a checkout.
authaudit: $(BIN)
	@ln -sf $(BIN) authaudit

$(BUILD)/tests/%: tests/unit/%.c $(LIBOBJ)
	@mkdir -p $(@D)
	$(E) "  TEST    $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(DEPFLAGS) $(PKG_CFLAGS) $(shell pkg-config --cflags check) \
	  -Isrc -Itests/unit -o $@ $< $(LIBOBJ) $(ALL_LDFLAGS) \
	  $(shell pkg-config --libs check) $(LDLIBS)

$(FIX_CORE_OBJ): $(BUILD)/fixtures/%.o: tests/fixtures/%.c | $(BUILD)/fixtures
	$(E) "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) $(DEPFLAGS) $(PKG_CFLAGS) -c -o $@ $<

$(BUILD)/fixtures/%: tests/fixtures/%.c $(FIX_CORE_OBJ) | $(BUILD)/fixtures
	$(E) "  FIXTURE $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(DEPFLAGS) $(PKG_CFLAGS) -o $@ $< $(FIX_CORE_OBJ) \
	  $(ALL_LDFLAGS) $(LDLIBS)

# A fuzz target two ways: with replay.c, run once per corpus file and
# past crash (make test); with libFuzzer under clang (make fuzz).
# (several sources: their headers are src/'s, covered through LIBOBJ)
$(BUILD)/replay/%: tests/fuzz/%.c tests/fuzz/replay.c $(FUZZ_COMMON) $(LIBOBJ) | $(BUILD)/replay
	$(E) "  REPLAY  $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(PKG_CFLAGS) -Isrc -o $@ $< tests/fuzz/fuzz.c \
	  tests/fuzz/replay.c $(LIBOBJ) $(ALL_LDFLAGS) $(LDLIBS)

$(BUILD)/fuzz/%: tests/fuzz/%.c $(FUZZ_COMMON) $(LIBOBJ) | $(BUILD)/fuzz
	$(E) "  FUZZ    $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(PKG_CFLAGS) -Isrc -fsanitize=fuzzer -o $@ $< \
	  tests/fuzz/fuzz.c $(LIBOBJ) $(ALL_LDFLAGS) $(LDLIBS)

$(BUILD)/fixtures $(BUILD)/replay $(BUILD)/fuzz:
	@mkdir -p $@

fixtures: $(FIX_BIN)

-include $(wildcard $(BUILD)/obj/*.d $(BUILD)/obj/*/*.d $(BUILD)/tests/*/*.d \
  $(BUILD)/fixtures/*.d)

unit: deps-test $(UNIT_BIN)
	@tests/run-unit.sh $(UNIT_BIN)

rules-check: $(BIN) catalogue-check
	@$(BIN) rules check

# The generated part of the catalogue: rules/secrets/*.yaml from the tables
# in rules/catalogue-src/ (docs/rules.md). catalogue-check fails when a
# generated file is not what its table gives.
catalogue:
	@scripts/gen-secret-rules.py rules/catalogue-src rules/secrets
	@$(MAKE) --no-print-directory rules-check

catalogue-check:
	@rm -rf $(BUILD)/catalogue && mkdir -p $(BUILD)/catalogue
	@scripts/gen-secret-rules.py rules/catalogue-src $(BUILD)/catalogue >/dev/null
	@for f in $(BUILD)/catalogue/*.yaml; do \
	  cmp -s "$$f" rules/secrets/$${f##*/} || { \
	    echo "rules/secrets/$${f##*/}: not what rules/catalogue-src gives; run make catalogue" >&2; \
	    exit 1; }; done

replay: $(REPLAY_BIN)
	@tests/run-replay.sh $(REPLAY_BIN)

e2e: deps-test $(BIN) $(FIX_BIN)
	@AUTHAUDIT=$(abspath $(BIN)) FIXTURES=$(abspath $(BUILD)/fixtures) \
	  tests/run-e2e.sh

test: deps-test lint
	@$(MAKE) --no-print-directory all
	@scripts/link-cycles.py $(OBJ)
	@$(MAKE) --no-print-directory unit rules-check replay e2e

sanitize: deps-test
	@$(MAKE) --no-print-directory BUILD=build-san CFLAGS="-O1 -g" \
	  SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  test-sanitized

test-sanitized: $(BIN) $(UNIT_BIN) $(FIX_BIN) $(REPLAY_BIN)
	@ASAN_OPTIONS=detect_leaks=1 tests/run-unit.sh $(UNIT_BIN)
	@ASAN_OPTIONS=detect_leaks=1 $(BIN) rules check
	@ASAN_OPTIONS=detect_leaks=1 tests/run-replay.sh $(REPLAY_BIN)
	@ASAN_OPTIONS=detect_leaks=1 AUTHAUDIT=$(abspath $(BIN)) \
	  FIXTURES=$(abspath $(BUILD)/fixtures) tests/run-e2e.sh

demo: deps-demo all $(FIX_BIN)
	@scripts/demo.sh $(abspath $(BIN))
	@scripts/demo-auth.sh $(abspath $(BIN)) $(abspath $(BUILD)/fixtures)
	@scripts/demo-probe.sh $(abspath $(BIN)) $(abspath $(BUILD)/fixtures)
	@scripts/demo-audit.sh $(abspath $(BIN)) $(abspath $(BUILD)/fixtures)

bench: deps-bench all $(FIX_BIN)
	@bench/run.sh $(abspath $(BIN))

# Coverage-guided fuzzing: clang, libFuzzer, ASan + UBSan, in build-fuzz/.
# FUZZ_TIME seconds per target, FUZZ_JOBS targets at once, FUZZ_ONLY to
# pick some; new corpus entries go to build-fuzz/corpus/, crashes to
# build-fuzz/crashes/ (copy one to tests/fuzz/crashes/TARGET/ and it is a
# regression case for make test).
FUZZ_TIME ?= 60
FUZZ_JOBS ?= 2
fuzz: deps-fuzz
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang CFLAGS="-O1 -g" \
	  SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  fuzz-targets
	@scripts/fuzz.sh build-fuzz "$(FUZZ_TIME)" "$(FUZZ_JOBS)" $(FUZZ_ONLY)

fuzz-targets: $(FUZZ_BIN)

lint:
	@scripts/lint.sh

# The .deb from debian/ (dpkg-buildpackage on a copy of the tree, ~40 s of
# build more than make test spends) and the Docker image (skipped, saying
# so, without a Docker daemon; also run by make test).
package-test: deps-package $(BIN)
	@AUTHAUDIT=$(abspath $(BIN)) sh tests/package/deb.sh
	@AUTHAUDIT=$(abspath $(BIN)) sh tests/e2e/docker_image.sh

# make install [PREFIX=/usr/local] [DESTDIR=staging]: the program, its
# rules and word lists, the man page (version from VERSION), shell
# completions and the docs; make uninstall removes exactly those.
INSTALL ?= install
RULE_FILES := $(shell cd rules && find . -path ./catalogue-src -prune -o \
	-type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.txt' \) -print)
DOC_FILES := README.md $(wildcard docs/*.md)
install: all
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/rules \
	  $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DOCDIR) \
	  $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) \
	  $(DESTDIR)$(FISHCOMPDIR)
	$(INSTALL) -m 755 $(BIN) $(DESTDIR)$(BINDIR)/authaudit
	cd rules && for f in $(RULE_FILES); do \
	  $(INSTALL) -D -m 644 "$$f" "$(DESTDIR)$(DATADIR)/rules/$$f" || exit 1; \
	done
	sed '1s/"authaudit [^"]*"/"authaudit $(VERSION)"/' man/authaudit.1 \
	  > $(DESTDIR)$(MANDIR)/man1/authaudit.1
	chmod 644 $(DESTDIR)$(MANDIR)/man1/authaudit.1
	$(INSTALL) -m 644 $(DOC_FILES) $(DESTDIR)$(DOCDIR)/
	$(INSTALL) -m 644 contrib/completions/authaudit.bash \
	  $(DESTDIR)$(BASHCOMPDIR)/authaudit
	$(INSTALL) -m 644 contrib/completions/_authaudit \
	  $(DESTDIR)$(ZSHCOMPDIR)/_authaudit
	$(INSTALL) -m 644 contrib/completions/authaudit.fish \
	  $(DESTDIR)$(FISHCOMPDIR)/authaudit.fish

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/authaudit $(DESTDIR)$(MANDIR)/man1/authaudit.1 \
	  $(DESTDIR)$(BASHCOMPDIR)/authaudit $(DESTDIR)$(ZSHCOMPDIR)/_authaudit \
	  $(DESTDIR)$(FISHCOMPDIR)/authaudit.fish
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)
	@# directories install made, innermost first, each only when empty
	@for d in $(BINDIR) $(MANDIR)/man1 $(MANDIR) $(BASHCOMPDIR) \
	  $(PREFIX)/share/bash-completion $(ZSHCOMPDIR) \
	  $(PREFIX)/share/zsh $(FISHCOMPDIR) \
	  $(PREFIX)/share/fish $(PREFIX)/share/doc $(PREFIX)/share; do \
	  rmdir "$(DESTDIR)$$d" 2>/dev/null || true; \
	done

clean:
	rm -rf build build-san build-fuzz authaudit
