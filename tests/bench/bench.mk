# tests/bench/bench.mk — make bench: p2ham on generated national and 10x data
# sets, stage by stage, against what libcsv and bare Cairo/Pango take.
# Included by the top-level Makefile, which provides CC, BUILD and BIN.
#
#   make bench                          everything, the peer too, within about 12 minutes
#   make bench BENCH_RUNS=3 BENCH_BUDGET=300
#   make bench-workbook                 only the .xlsx against the same rows as CSV
#   make csv-readings                   SPEC 8.4's readings: p2ham's reader against libcsv
#   make bench-base BENCH_BASE=REF      the national run against an earlier commit, same run
#
# The tools are built into $(BUILD)/bench; the data sets are generated into
# $(BENCH_DATA) (not committed) and regenerated when the generator changes.

BENCH_DIR      := $(BUILD)/bench
BENCH_DATA     ?= $(BUILD)/bench-data
BENCH_RUNS     ?= 5
BENCH_RUNS_X10 ?= 3
BENCH_JOBS     ?= 2
BENCH_BUDGET   ?= 540
BENCH_PEER     ?= $(CURDIR)/../shared/peer/peer.py
BENCH_CFLAGS   := -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra
BENCH_PKGS     := pangocairo pangoft2 cairo-pdf fontconfig
BENCH_TOOLS    := $(BENCH_DIR)/gen $(BENCH_DIR)/csv_limit $(BENCH_DIR)/render_limit

.PHONY: bench bench-deps bench-tools bench-workbook bench-base csv-readings

# The commit the national run is compared with: the last one before unit
# profiles and letters were added to the outputs.
BENCH_BASE     ?= 38c56db

bench: bench-deps $(BIN) $(BENCH_TOOLS)
	BENCH_RUNS=$(BENCH_RUNS) BENCH_RUNS_X10=$(BENCH_RUNS_X10) BENCH_JOBS=$(BENCH_JOBS) \
	BENCH_BUDGET=$(BENCH_BUDGET) BENCH_FONTS=$(CURDIR)/fonts BENCH_PEER=$(BENCH_PEER) \
	  tests/bench/bench.sh $(BIN) $(BENCH_DIR) $(BENCH_DATA)
	$(MAKE) bench-base

# tests/bench/bench.sh ends with this step too.
bench-workbook: $(BIN) $(BENCH_DIR)/gen
	BENCH_RUNS=$(BENCH_RUNS) tests/bench/bench_workbook.sh $(BIN) $(BENCH_DIR) $(BENCH_DATA)

bench-base: $(BIN) $(BENCH_DIR)/gen
	BENCH_RUNS=$(BENCH_RUNS) BENCH_JOBS=$(BENCH_JOBS) \
	  tests/bench/bench_base.sh $(CURDIR)/$(BIN) $(BENCH_DIR) $(BENCH_DATA) $(BENCH_BASE)

bench-tools: $(BENCH_TOOLS)

csv-readings: $(BENCH_DIR)/csv_compare
	$(BENCH_DIR)/csv_compare readings

# p2ham's own reader (src/csvin*.c) and libcsv on the same bytes.
$(BENCH_DIR)/csv_compare: tests/bench/csv_compare.c $(LIBOBJ) | $(BENCH_DIR)
	$(CC) $(CFLAGS) -Isrc $(LDFLAGS) -o $@ $< $(LIBOBJ) $(LDLIBS) -lcsv

$(BENCH_DIR)/gen: tests/bench/gen.c | $(BENCH_DIR)
	$(CC) $(BENCH_CFLAGS) -o $@ $<

$(BENCH_DIR)/csv_limit: tests/bench/csv_limit.c | $(BENCH_DIR)
	$(CC) $(BENCH_CFLAGS) -o $@ $< -lcsv

$(BENCH_DIR)/render_limit: tests/bench/render_limit.c | $(BENCH_DIR)
	$(CC) $(BENCH_CFLAGS) $(shell pkg-config --cflags $(BENCH_PKGS) 2>/dev/null) \
	  -o $@ $< $(shell pkg-config --libs $(BENCH_PKGS) 2>/dev/null) -lm

$(BENCH_DIR):
	mkdir -p $@

# The peer's packages (tests/bench/debian-packages), for make bench only.
bench-deps:
	$(call install_missing,tests/bench/debian-packages)
