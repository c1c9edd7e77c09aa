# p2ham — build, set-up and tests.
#
#   make run      install missing packages, build, run on samples/ into out/
#   make check    install missing packages, build, run every test
#   make SANITIZE=address,undefined check
#   make install PREFIX=/usr/local

PREFIX   ?= /usr/local
DATADIR  ?= $(PREFIX)/share/p2ham
MANDIR   ?= $(PREFIX)/share/man
VERSION  := 0.1.0

CC       ?= cc
PKGS     := glib-2.0 libxml-2.0 cairo pangocairo pangoft2 fontconfig libpng libqrencode nettle xlsxwriter libzip
SANITIZE ?=

BUILD    := build$(if $(SANITIZE),-san)
BIN      := $(BUILD)/p2ham

WARN     := -Wall -Wextra -Werror -Wmissing-prototypes -Wstrict-prototypes \
            -Wshadow -Wformat=2 -Wvla -Wpointer-arith -Wundef -Wno-unused-parameter
CFLAGS   ?= -O2 -g
CFLAGS   += -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) -MMD -MP \
            $(shell pkg-config --cflags $(PKGS) 2>/dev/null) \
            -DP2HAM_VERSION='"$(VERSION)"'
LDLIBS   += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm

ifneq ($(SANITIZE),)
CFLAGS   += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS  += -fsanitize=$(SANITIZE)
export ASAN_OPTIONS := detect_leaks=1:abort_on_error=0:halt_on_error=1
export UBSAN_OPTIONS := print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS := suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0
endif

SRC      := $(wildcard src/*.c)
LIBOBJ   := $(patsubst src/%.c,$(BUILD)/%.o,$(filter-out src/main.c,$(SRC)))
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))

.PHONY: all deps run check unit e2e e2e-sanitized valgrind references lint install uninstall clean FORCE

all: $(BIN)

$(BIN): $(BUILD)/main.o $(LIBOBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: src/%.c | $(BUILD)
	$(CC) $(CFLAGS) -c -o $@ $<

# The data folder is compiled in; main.o is rebuilt when PREFIX changes.
$(BUILD)/main.o $(BUILD)/options.o: CFLAGS += -DP2HAM_DATADIR='"$(DATADIR)"'
$(BUILD)/main.o $(BUILD)/options.o: $(BUILD)/datadir.stamp
$(BUILD)/datadir.stamp: FORCE | $(BUILD)
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' >$@

FORCE:

$(BUILD)/tests/%: tests/unit/%.c $(LIBOBJ) | $(BUILD)/tests
	$(CC) $(CFLAGS) -Isrc $(LDFLAGS) -o $@ $< $(LIBOBJ) $(LDLIBS) -lcmocka

$(BUILD) $(BUILD)/tests:
	mkdir -p $@

# $(call install_missing,LIST): installs every package of the file LIST
# (one a line, # comments) that is not installed yet; sudo only when not root.
install_missing = @missing=$$(grep -v '^\#' $(1) | while read -r p; do \
	  [ -n "$$p" ] || continue; \
	  dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q 'ok installed' || echo "$$p"; \
	done); \
	if [ -n "$$missing" ]; then \
	  sudo=; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  echo "installing:" $$missing; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing; \
	fi

# The locale the number-format unit test runs in (a decimal comma), made
# once with localedef from the `locales` package.
TEST_LOCALE := id_ID

deps:
	$(call install_missing,.ci/debian-packages)
	@locale -a 2>/dev/null | grep -qx '$(TEST_LOCALE).utf8' || { \
	  sudo=; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  echo "generating the locale $(TEST_LOCALE).UTF-8"; \
	  $$sudo localedef -i $(TEST_LOCALE) -f UTF-8 $(TEST_LOCALE).UTF-8; }

run: deps
	$(MAKE) all
	./$(BIN) build --out out --date 2019-12-10 --offices samples/offices.xml samples/*.csv; \
	  status=$$?; [ $$status -le 1 ] || exit $$status; \
	  echo "exit status $$status (1: some sample rows are rejected on purpose)"
	xmllint --noout --schema templates/summary.xsd out/summary.xml

check: deps
	$(MAKE) lint all unit
	$(MAKE) e2e
	$(MAKE) hostile property fuzz-smoke
	$(if $(SANITIZE),,$(MAKE) valgrind)
	$(if $(SANITIZE),,$(MAKE) e2e-sanitized)

# The sanitizer pass of make check: the end-to-end scripts again, on a
# binary built with AddressSanitizer and UBSan into build-san. forms.sh is
# left out: its time goes to LibreOffice, and its p2ham runs (form, build of
# workbooks) are those of the cases and tables.sh.
E2E_SANITIZED := run certificates report tables charts documents
e2e-sanitized:
	$(MAKE) SANITIZE=address,undefined E2E_SCRIPTS="$(E2E_SANITIZED)" e2e

# The samples job under valgrind: no invalid access, no definite leak.
valgrind: $(BIN)
	@rm -rf $(BUILD)/valgrind-out
	valgrind -q --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \
	  --suppressions=tests/valgrind.supp --error-exitcode=99 ./$(BIN) build -q -o $(BUILD)/valgrind-out \
	  --date 2019-12-10 samples/*.csv; test $$? -le 1
	@echo "valgrind: 1 passed, 0 failed"

# The source's shape: files, functions, ownership (tests/lint/shape.sh).
lint:
	tests/lint/shape.sh

# Record the reference renders again after an intended change of layout
# (tests/e2e/references.sh; look at build/references/ first).
references: $(BIN)
	UPDATE_REFERENCES=1 P2HAM=$(CURDIR)/$(BIN) tests/e2e/references.sh

unit: $(UNIT_BIN)
	@pass=0; fail=0; for t in $(UNIT_BIN); do \
	  if (cd tests/unit && ../../$$t); then pass=$$((pass+1)); else fail=$$((fail+1)); echo "FAILED: $$t"; fi; \
	done; echo "unit: $$pass passed, $$fail failed"; [ $$fail -eq 0 ]

E2E_SCRIPTS ?= run certificates forms report tables charts documents references

e2e: $(BIN)
	@for s in $(E2E_SCRIPTS); do \
	  echo "P2HAM=$(CURDIR)/$(BIN) tests/e2e/$$s.sh"; \
	  P2HAM=$(CURDIR)/$(BIN) tests/e2e/$$s.sh || exit 1; \
	done

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR)/templates
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/p2ham
	install -m 644 templates/* $(DESTDIR)$(DATADIR)/templates/
	install -d $(DESTDIR)$(DATADIR)/fonts
	install -m 644 fonts/* $(DESTDIR)$(DATADIR)/fonts/
	install -d $(DESTDIR)$(MANDIR)/man1
	install -m 644 p2ham.1 $(DESTDIR)$(MANDIR)/man1/p2ham.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/p2ham $(DESTDIR)$(MANDIR)/man1/p2ham.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-san build-fuzz out

# Fuzzing (fuzz, fuzz-smoke, hostile, property) and benchmarks (bench).
include tests/fuzz/fuzz.mk tests/bench/bench.mk

-include $(wildcard $(BUILD)/*.d $(BUILD)/tests/*.d)
