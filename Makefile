# tandem: build, test and install.
#
#   make            build build/tandem
#   make run        install what is missing, build, start a session
#   make test       build build/ (or B=DIR) and run every test against it
#   make check      install what is missing, then build and test twice:
#                   with gcc, and with clang under AddressSanitizer and
#                   UndefinedBehaviorSanitizer, warnings as errors
#   make install    PREFIX=/usr/local DESTDIR= (binary, dialogues, catalogues,
#                   the dialogues' JSON Schema for editors, the manual pages,
#                   bash and zsh completion); make uninstall removes them
#   make man        the manual pages, from docs/man/*.scd (scdoc), in build/man
#   make pot        po/tandem.pot from the sources (xgettext), fr.po merged

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man
PKG_CONFIG ?= pkg-config
CC ?= cc
CFLAGS ?= -O2 -g
WERROR ?=
B ?= build

WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
       -Wvla -Wformat=2 -Wno-format-nonliteral
PKGS = yaml-0.1 libpcre2-8 readline libsodium jansson
DEPS_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
# libunistring (Unicode normal forms and case folding) ships no .pc file.
DEPS_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null || echo -lyaml -lpcre2-8 -lreadline -lsodium -ljansson) \
             -lunistring
CMOCKA_CFLAGS := $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)

ALL_CFLAGS = -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
             -DTANDEM_DATADIR='"$(DATADIR)/tandem"' \
             -DTANDEM_LOCALEDIR='"$(DATADIR)/locale"' $(INCLUDES) \
             $(WARN) $(WERROR) $(DEPS_CFLAGS) $(CFLAGS)

# src/ is grouped by layer, each folder including only from those before
# it: base, lang, loader, engine, storage, front, cmd (tests/layers).
LAYERS = base lang loader engine storage front cmd
INCLUDES = $(LAYERS:%=-Isrc/%)
LIB_SRC := $(filter-out src/cmd/main.c,$(wildcard src/*/*.c))
LIB_OBJ := $(LIB_SRC:src/%.c=$(B)/obj/%.o)
MAIN_OBJ := $(B)/obj/cmd/main.o
# The cmocka binaries: unit tests, and the pseudo-terminal suite, which
# drives the real binary but is written with cmocka too.
UNIT_SRC := $(wildcard tests/unit/test_*.c) tests/pty/test_pty.c
UNIT_BIN := $(patsubst tests/pty/%.c,$(B)/tests/%,$(UNIT_SRC:tests/unit/%.c=$(B)/tests/%))
TOOLS := $(B)/tools/yamlprobe $(B)/tools/pickprobe
# Message catalogues (po/LANG.po), compiled beside the binary, where
# paths_locale_dir finds them.
LINGUAS := $(basename $(notdir $(wildcard po/*.po)))
MO := $(foreach l,$(LINGUAS),$(B)/locale/$(l)/LC_MESSAGES/tandem.mo)
# Manual pages: docs/man/NAME.SECTION.scd, turned into roff by scdoc.
MAN := $(patsubst docs/man/%.scd,$(B)/man/%,$(wildcard docs/man/*.scd))


.PHONY: all run check test test-build install uninstall clean deps builds pot man

all: $(B)/tandem $(MO)

# V=1 shows the whole commands.
Q = $(if $(V),,@)
say = $(if $(V),,@printf '  %-6s %s\n' $(1) $(2);)

$(B)/locale/%/LC_MESSAGES/tandem.mo: po/%.po
	$(call say,MSGFMT,$@)
	$(Q)mkdir -p $(@D)
	$(Q)msgfmt --check -o $@ $<

# The keywords that mark a message: _ and N_, msg's table, and the
# diagnostics, whose format diag_add translates.
XGETTEXT_KEYS = --keyword=_ --keyword=N_ --keyword=i18n_text:2 --keyword=diag_error:4 \
	--keyword=diag_warning:4 --keyword=ERR:3 --keyword=WARN:3 --keyword=bad:3 --keyword=cmd_error:2 \
	--keyword=fail:3 --keyword=type_fail:3 --keyword=eval_fail:3

man: $(MAN)

# scdoc writes to standard output: a page made whole, or none.
$(B)/man/%: docs/man/%.scd
	$(call say,SCDOC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)scdoc < $< > $@.tmp && mv $@.tmp $@

pot:
	xgettext --from-code=UTF-8 --language=C --add-comments=TRANSLATORS: \
		--package-name=tandem --sort-by-file $(XGETTEXT_KEYS) \
		-o po/tandem.pot $(sort $(wildcard src/*/*.c src/*/*.h))
	for po in po/*.po; do msgmerge --quiet --update --backup=none $$po po/tandem.pot; done

$(B)/tandem: $(MAIN_OBJ) $(B)/libtandem.a
	$(call say,LINK,$@)
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(DEPS_LIBS)

$(B)/libtandem.a: $(LIB_OBJ)
	$(call say,AR,$@)
	$(Q)rm -f $@
	$(Q)$(AR) rcs $@ $^

$(B)/obj/%.o: src/%.c
	$(call say,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/tests/%: tests/unit/%.c $(B)/libtandem.a
	$(call say,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -MMD -MP $(LDFLAGS) -o $@ $< \
		$(B)/libtandem.a $(DEPS_LIBS) $(CMOCKA_LIBS)

$(B)/tests/%: tests/pty/%.c $(B)/libtandem.a
	$(call say,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -MMD -MP $(LDFLAGS) -o $@ $< \
		$(B)/libtandem.a $(DEPS_LIBS) $(CMOCKA_LIBS)

# The benchmark's baseline: libyaml alone turning the same bytes into events.
$(B)/tools/%: scripts/%.c
	$(call say,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -O2 $(LDFLAGS) -o $@ $< $(DEPS_LIBS)

# The benchmark's probe of a pick draw: tandem's own code, timed in process.
$(B)/tools/pickprobe: scripts/pickprobe.c $(B)/libtandem.a
	$(call say,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libtandem.a $(DEPS_LIBS)

# The fault-injection shim of tests/fault, preloaded into the binary under
# test: a plain build only, since a sanitizer's runtime must be loaded first.
FAULT_SHIM := $(if $(findstring -fsanitize,$(CFLAGS) $(LDFLAGS)),,$(B)/tests/fault-shim.so)

test-build: $(B)/tandem $(UNIT_BIN) $(TOOLS) $(FAULT_SHIM) $(MO) $(MAN)

# make test: the one build B (gcc by default) built and tested; make check
# is both builds.
test: deps
	@$(MAKE) --no-print-directory test-build
	@tests/run $(B)

$(B)/tests/fault-shim.so: tests/fault/shim.c
	$(call say,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -shared -fPIC $(LDFLAGS) -o $@ $< -ldl

deps:
	@scripts/install-deps

run: deps
	@$(MAKE) --no-print-directory all
	./$(B)/tandem

SAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer

# Package-config answers are read when make starts, so the builds run in a
# second make, after install-deps has put the libraries in place.
builds:
	@$(MAKE) --no-print-directory test-build CC=gcc WERROR=-Werror B=build
	@$(MAKE) --no-print-directory test-build CC=clang WERROR=-Werror B=build/san \
		CFLAGS="-O1 -g $(SAN)" LDFLAGS="$(SAN)"

check: deps
	@$(MAKE) --no-print-directory builds
	@tests/run build build/san

# Completion goes where bash-completion and zsh look for a vendor's.
BASH_COMPLETION_DIR ?= $(DATADIR)/bash-completion/completions
ZSH_COMPLETION_DIR ?= $(DATADIR)/zsh/vendor-completions

install: $(B)/tandem $(MO) $(MAN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/tandem
	install -m 755 $(B)/tandem $(DESTDIR)$(BINDIR)/tandem
	cp -R dialogues/. $(DESTDIR)$(DATADIR)/tandem/
	install -m 644 docs/dialogue.schema.json $(DESTDIR)$(DATADIR)/tandem/dialogue.schema.json
	for l in $(LINGUAS); do \
		install -d $(DESTDIR)$(DATADIR)/locale/$$l/LC_MESSAGES; \
		install -m 644 $(B)/locale/$$l/LC_MESSAGES/tandem.mo \
			$(DESTDIR)$(DATADIR)/locale/$$l/LC_MESSAGES/tandem.mo; \
	done
	for m in $(notdir $(MAN)); do \
		install -d $(DESTDIR)$(MANDIR)/man$${m##*.}; \
		install -m 644 $(B)/man/$$m $(DESTDIR)$(MANDIR)/man$${m##*.}/$$m; \
	done
	install -d $(DESTDIR)$(BASH_COMPLETION_DIR) $(DESTDIR)$(ZSH_COMPLETION_DIR)
	install -m 644 completions/tandem.bash $(DESTDIR)$(BASH_COMPLETION_DIR)/tandem
	install -m 644 completions/_tandem $(DESTDIR)$(ZSH_COMPLETION_DIR)/_tandem

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/tandem
	rm -rf $(DESTDIR)$(DATADIR)/tandem
	for l in $(LINGUAS); do rm -f $(DESTDIR)$(DATADIR)/locale/$$l/LC_MESSAGES/tandem.mo; done
	for m in $(notdir $(MAN)); do rm -f $(DESTDIR)$(MANDIR)/man$${m##*.}/$$m; done
	rm -f $(DESTDIR)$(BASH_COMPLETION_DIR)/tandem $(DESTDIR)$(ZSH_COMPLETION_DIR)/_tandem

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d) $(UNIT_BIN:=.d)

# ---- Fuzzing (tests/fuzz/) ----
#
#   make fuzz                     each target for FUZZ_SECONDS (60) seconds
#   make fuzz FUZZ_SECONDS=1800 FUZZ_TARGETS="dialogue expr" FUZZ_JOBS=2
#
# Each target tests/fuzz/fuzz_TARGET.c is built with clang's libFuzzer,
# ASan and UBSan as build/fuzz/fuzz-TARGET, over a sanitizer build of the
# library (build/fuzz/obj), and run by tests/fuzz/run: a working corpus in
# build/fuzz/corpus/TARGET grown from the in-tree seeds (tests/fuzz/seeds),
# what it finds in build/fuzz/artifacts/TARGET/. Every target also builds
# with `test-build` (make test, make check) as a plain replay driver,
# $(B)/tests/fuzz-TARGET (replay.c instead of libFuzzer), which tests/run
# runs over the seeds and over tests/fuzz/finds/TARGET/, every crash ever
# found.

FUZZ_TARGETS ?= dialogue transcript expr answers translation
FUZZ_SECONDS ?= 60
FUZZ_JOBS ?= 1
FUZZ_CC ?= clang
FZ := build/fuzz
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_CFLAGS = $(ALL_CFLAGS) -O1 -g $(FUZZ_SAN)
FUZZ_OBJ := $(LIB_SRC:src/%.c=$(FZ)/obj/%.o)
FUZZ_HDR := tests/fuzz/fuzz.h $(wildcard src/*/*.h)
FUZZ_BIN := $(FUZZ_TARGETS:%=$(FZ)/fuzz-%)
FUZZ_REPLAY := $(patsubst tests/fuzz/fuzz_%.c,$(B)/tests/fuzz-%,$(wildcard tests/fuzz/fuzz_*.c))

.PHONY: fuzz fuzz-build

fuzz: deps
	@$(MAKE) --no-print-directory fuzz-build
	@tests/fuzz/run $(FZ) $(FUZZ_SECONDS) $(FUZZ_JOBS) $(FUZZ_TARGETS)

fuzz-build: $(FUZZ_BIN)

$(FZ)/obj/%.o: src/%.c
	$(call say,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

# An archive, as for the unit tests: a target links only what it uses.
$(FZ)/libtandem.a: $(FUZZ_OBJ)
	$(call say,AR,$@)
	$(Q)rm -f $@
	$(Q)$(AR) rcs $@ $^

$(FZ)/fuzz-%: tests/fuzz/fuzz_%.c tests/fuzz/common.c $(FUZZ_HDR) $(FZ)/libtandem.a
	$(call say,LINK,$@)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< tests/fuzz/common.c \
		$(FZ)/libtandem.a $(DEPS_LIBS)

$(B)/tests/fuzz-%: tests/fuzz/fuzz_%.c tests/fuzz/common.c tests/fuzz/replay.c $(FUZZ_HDR) \
		$(B)/libtandem.a
	$(call say,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< tests/fuzz/common.c tests/fuzz/replay.c \
		$(B)/libtandem.a $(DEPS_LIBS)

test-build: $(FUZZ_REPLAY)

-include $(FUZZ_OBJ:.o=.d)

# ---- valgrind ----
#
#   make valgrind     the e2e suite with build/tandem under valgrind's
#                     memcheck: 0 errors, 0 leaks (logs in build/valgrind)
#
# Slow (a few minutes): run it after a change to how memory is owned or
# freed, and before a release; make check's ASan build catches most of the
# same at every run.

.PHONY: valgrind

valgrind: deps
	@$(MAKE) --no-print-directory all
	@rm -rf build/valgrind && mkdir -p build/valgrind
	@VG_LOGS=$(CURDIR)/build/valgrind VG_TANDEM=$(CURDIR)/build/tandem \
		TANDEM=$(CURDIR)/tests/valgrind/tandem VALGRIND=1 tests/e2e/run
	@if grep -l . build/valgrind/*.log >/dev/null 2>&1; then \
		echo "valgrind: reports in build/valgrind:"; grep -l . build/valgrind/*.log; exit 1; \
	else echo "valgrind: 0 errors, 0 leaks"; fi
