# tests/fuzz/fuzz.mk — fuzz targets, hostile inputs and the property test.
# Included by the top-level Makefile, which provides PKGS and BIN.
#
#   make fuzz                     each target FUZZ_SECONDS (default 60), corpus grows
#   make fuzz FUZZ_TARGETS=csv FUZZ_SECONDS=1800
#   make fuzz-smoke               every corpus input once plus a few seconds each
#   make hostile                  tests/e2e/hostile.sh on $(BIN)
#   make hostile-big              the same with the 1 GiB inputs added
#   make property                 tests/e2e/property.py on $(BIN)
#   make valgrind-e2e             the end-to-end scripts, every run under memcheck
#
# The fuzz programs are libFuzzer binaries built with clang and ASan+UBSan
# into $(FUZZ_BUILD); every src/*.c but main.c goes into each of them.
# tests/fuzz/csv.dict, workbook.dict and xml.dict are their dictionaries
# (the workbook target's seeds come from workbook_seeds.py), tests/lsan.supp
# the library leak reports LeakSanitizer must not count.

FUZZ_CC        ?= clang
FUZZ_BUILD     ?= build-fuzz
FUZZ_SECONDS   ?= 60
FUZZ_SMOKE_SECONDS ?= 5
FUZZ_TARGETS   ?= csv rubric previous template offices workbook
FUZZ_SANITIZE  := -fsanitize=address,undefined -fno-sanitize-recover=all \
                  -fno-omit-frame-pointer
FUZZ_CFLAGS     = -g -O1 -std=c11 -D_POSIX_C_SOURCE=200809L $(FUZZ_SANITIZE) \
                  -MMD -MP -Isrc $(shell pkg-config --cflags $(PKGS) 2>/dev/null) \
                  -DFUZZ_DATA_DIR='"$(CURDIR)"' -DP2HAM_VERSION='"fuzz"'
FUZZ_LDLIBS     = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm
FUZZ_LIBOBJ    := $(patsubst src/%.c,$(FUZZ_BUILD)/obj/%.o,\
                  $(filter-out src/main.c,$(or $(SRC),$(wildcard src/*.c))))
FUZZ_BINS      := $(patsubst %,$(FUZZ_BUILD)/fuzz_%,$(FUZZ_TARGETS))
# Leaks are errors; a run that needs more than 10 s or 2 GiB for one small
# input is a hang or a memory blow-up, and fails.
FUZZ_FLAGS     := -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
# Longest new input per target, in shell syntax: CSV inputs stay small to
# keep the fuzzer fast (the 64 KiB field limit has its own seed and tests);
# XML ones must hold the 22 KB default rubric.
FUZZ_MAX_LEN   := case $$t in csv) ml=8192;; *) ml=32768;; esac
FUZZ_ENV       := ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
                  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
                  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

HOSTILE_BIN    ?= $(BIN)

.PHONY: fuzz fuzz-build fuzz-smoke hostile hostile-big property valgrind-e2e
.SECONDARY: $(FUZZ_LIBOBJ)

fuzz-build: $(FUZZ_BINS)

$(FUZZ_BUILD)/obj/%.o: src/%.c | $(FUZZ_BUILD)/obj
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h $(FUZZ_LIBOBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIBOBJ) $(FUZZ_LDLIBS)

$(FUZZ_BUILD)/obj:
	mkdir -p $@

# New inputs go to $(FUZZ_BUILD)/corpus-TARGET; the checked-in seeds and
# crash reproducers in tests/fuzz/corpus/TARGET are read, never written.
# Copy whatever is worth keeping (a crash input after its fix) by hand.
fuzz: $(FUZZ_BINS)
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_BUILD)/corpus-$$t $(FUZZ_BUILD)/artifacts-$$t; \
	  echo "fuzz_$$t: $(FUZZ_SECONDS) s"; \
	  dict=tests/fuzz/$$t.dict; [ -f $$dict ] || dict=tests/fuzz/xml.dict; \
	  $(FUZZ_MAX_LEN); \
	  $(FUZZ_ENV) $(FUZZ_BUILD)/fuzz_$$t $(FUZZ_FLAGS) -dict=$$dict -max_len=$$ml \
	    -max_total_time=$(FUZZ_SECONDS) \
	    -artifact_prefix=$(FUZZ_BUILD)/artifacts-$$t/ \
	    $(FUZZ_BUILD)/corpus-$$t tests/fuzz/corpus/$$t || exit 1; \
	done

# Every checked-in input once (the regression pass), then a short fresh
# run from it; a crash, leak, hang or UB in either fails the target.
fuzz-smoke: $(FUZZ_BINS)
	@pass=0; fail=0; for t in $(FUZZ_TARGETS); do \
	  log=$(FUZZ_BUILD)/smoke-$$t.log; scratch=$$(mktemp -d); $(FUZZ_MAX_LEN); \
	  if $(FUZZ_ENV) $(FUZZ_BUILD)/fuzz_$$t $(FUZZ_FLAGS) -runs=0 \
	       tests/fuzz/corpus/$$t >$$log 2>&1 && \
	     $(FUZZ_ENV) $(FUZZ_BUILD)/fuzz_$$t $(FUZZ_FLAGS) -max_len=$$ml \
	       -max_total_time=$(FUZZ_SMOKE_SECONDS) -artifact_prefix=$$scratch/ \
	       $$scratch tests/fuzz/corpus/$$t >>$$log 2>&1; then \
	    echo "ok   fuzz_$$t ($$(ls tests/fuzz/corpus/$$t | wc -l) corpus inputs)"; \
	    pass=$$((pass+1)); \
	  else \
	    echo "FAIL fuzz_$$t (see $$log; reproducer in $$scratch)"; fail=$$((fail+1)); \
	    tail -30 $$log | sed 's/^/    /'; continue; \
	  fi; rm -rf $$scratch; \
	done; echo "fuzz-smoke: $$pass passed, $$fail failed"; [ $$fail -eq 0 ]

hostile: $(HOSTILE_BIN)
	P2HAM=$(CURDIR)/$(HOSTILE_BIN) tests/e2e/hostile.sh

hostile-big: $(HOSTILE_BIN)
	HOSTILE_BIG=1 P2HAM=$(CURDIR)/$(HOSTILE_BIN) tests/e2e/hostile.sh

property: $(HOSTILE_BIN)
	P2HAM=$(CURDIR)/$(HOSTILE_BIN) python3 tests/e2e/property.py

# The end-to-end suite with every run of the binary under valgrind memcheck.
VALGRIND_E2E   ?= tests/e2e/run.sh tests/e2e/certificates.sh tests/e2e/report.sh
valgrind-e2e: $(HOSTILE_BIN)
	@rm -rf $(BUILD)/valgrind-logs && mkdir -p $(BUILD)/valgrind-logs
	@status=0; for s in $(VALGRIND_E2E); do \
	  P2HAM=$(CURDIR)/tests/e2e/valgrind-wrap.sh P2HAM_VALGRIND_BIN=$(CURDIR)/$(HOSTILE_BIN) \
	  P2HAM_VALGRIND_SUPP=$(CURDIR)/tests/e2e \
	  P2HAM_VALGRIND_LOGS=$(CURDIR)/$(BUILD)/valgrind-logs $$s || status=1; done; \
	  errors=$$(find $(BUILD)/valgrind-logs -name '*.log' -size +0 | wc -l); \
	  find $(BUILD)/valgrind-logs -name '*.log' -size +0 -exec head -30 {} \; ; \
	  echo "valgrind-e2e: $$(ls $(BUILD)/valgrind-logs | wc -l) runs, $$errors with memcheck errors"; \
	  [ $$status -eq 0 ] && [ $$errors -eq 0 ]

-include $(wildcard $(FUZZ_BUILD)/obj/*.d $(FUZZ_BUILD)/*.d)
