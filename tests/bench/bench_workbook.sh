#!/bin/sh
# bench_workbook.sh — the national set's rows as one big .xlsx sheet against
# the same rows as one CSV file: wall time, ingest stage and peak RSS of
# `p2ham check` on each; prints a markdown table. What is wanted: the .xlsx
# read at no less than a third of the CSV's speed, in less peak memory than
# four times its sheet's XML.
#
# usage: bench_workbook.sh P2HAM TOOLS_DIR DATA_DIR   (make bench and
#        make bench-workbook run it)
#
# TOOLS_DIR holds gen. Environment: BENCH_RUNS (runs of each, default 5),
# BENCH_XLSX_COPIES (times the national rows are written, default 5: a
# 254,000-row sheet) and BENCH_XLSX_LINKS (document links added to each
# row's data dukung, default 6). Written as the generator writes them, the
# rows compress so well that a 50 MiB .xlsx would need some 1.5 million of
# them, beyond a run's 1,000,000 (INGEST_MAX_ROWS) and a sheet part's
# 256 MiB; with six links of 40 random characters each, as uploaded
# evidence looks, 254,000 rows make a file of about 50 MiB, within both
# bounds. The workbook is written by xlsx_rows.py, as Excel writes
# one (shared strings, cell references, date cells), and rewritten when the
# generator or the writer changes. Every figure is the median of the runs;
# the CSV and .xlsx runs alternate, so both see the same machine.
set -eu

P2HAM=$1 TOOLS=$2 DATA=$3
RUNS=${BENCH_RUNS:-5}
COPIES=${BENCH_XLSX_COPIES:-5}
LINKS=${BENCH_XLSX_LINKS:-6}
HERE=$(cd "$(dirname "$0")" && pwd)
SET=$DATA/national
OUT=$DATA/workbook
LOG=$DATA/workbook-log
export LC_ALL=C TZ=UTC
unset SOURCE_DATE_EPOCH

say() { echo "bench: $*" >&2; }
die() { echo "bench: error: $*" >&2; exit 2; }

[ -x /usr/bin/time ] || die "GNU time (/usr/bin/time, Debian package 'time') is missing"
[ -x "$TOOLS/gen" ] || die "$TOOLS/gen is missing: run 'make bench-workbook'"
mkdir -p "$DATA" "$LOG"
rm -f "$LOG"/*

# The national set, as bench.sh makes it.
if [ ! -f "$SET.manifest" ] || [ -n "$(find "$TOOLS/gen" -newer "$SET.manifest")" ]; then
	say "generating national (33 offices x 40 units x 2 teams)"
	rm -rf "$SET"
	"$TOOLS/gen" -n 33 -m 40 -t 2 -s 2019 -o "$SET" >"$SET.tmp"
	mv "$SET.tmp" "$SET.manifest"
fi
if [ ! -f "$OUT.manifest" ] || [ "$(awk '$1 == "copies" { print $2 }' "$OUT.manifest")" != "$COPIES" ] ||
	[ "$(awk '$1 == "links" { print $2 }' "$OUT.manifest")" != "$LINKS" ] ||
	[ -n "$(find "$SET.manifest" "$HERE/xlsx_rows.py" -newer "$OUT.manifest")" ]; then
	say "writing the national rows x $COPIES, $LINKS links a row, as one .xlsx sheet and one CSV"
	python3 "$HERE/xlsx_rows.py" -n "$COPIES" -l "$LINKS" -o "$OUT" "$SET"/*.csv >"$OUT.tmp"
	echo "copies $COPIES" >>"$OUT.tmp"
	echo "links $LINKS" >>"$OUT.tmp"
	mv "$OUT.tmp" "$OUT.manifest"
fi
manifest() { awk -v k="$1" '$1 == k { print $2 }' "$OUT.manifest"; }

# run LABEL FILE: one `p2ham check -v`; appends wall, rss and ingest to $LOG/LABEL.
run() {
	/usr/bin/time -f 'TIME %e %M' -o "$LOG/time.tmp" \
		"$P2HAM" check -v "$2" >/dev/null 2>"$LOG/$1.err" || [ $? -eq 1 ] ||
		die "p2ham check failed on $2 (see $LOG/$1.err)"
	grep 'rows read' "$LOG/$1.err" | tail -n 1 >"$LOG/$1.closing"
	awk '$1 == "TIME" { print "wall", $2; print "rss", $3 }' "$LOG/time.tmp" >>"$LOG/$1"
	awk '$1 == "p2ham:" && $2 == "stage" && $3 == "ingest" { print "ingest", $4 }' \
		"$LOG/$1.err" >>"$LOG/$1"
}

med() {
	awk -v k="$2" '$1 == k { v[n++] = $2 }
		END { if (!n) exit
		      for (i = 1; i < n; i++) for (j = i; j > 0 && v[j-1] > v[j]; j--) {
			      t = v[j]; v[j] = v[j-1]; v[j-1] = t }
		      printf "%.6f\n", n % 2 ? v[int(n/2)] : (v[n/2-1] + v[n/2]) / 2 }' "$LOG/$1"
}
calc() { awk "BEGIN { printf \"${2:-%.2f}\", $1 }"; }
mib() { calc "$1 / 1048576" "%.1f MiB"; }

say "p2ham check on the CSV and the .xlsx, in turn, $RUNS times"
i=0
while [ "$i" -lt "$RUNS" ]; do
	run csv "$OUT/rows.csv"
	run xlsx "$OUT/rows.xlsx"
	i=$((i + 1))
done
cmp -s "$LOG/csv.closing" "$LOG/xlsx.closing" ||
	die "the CSV and the .xlsx read differently: '$(cat "$LOG/csv.closing")' vs '$(cat "$LOG/xlsx.closing")'"

rows=$(manifest rows) sheet=$(manifest sheet-bytes)
cw=$(med csv wall) xw=$(med xlsx wall) ci=$(med csv ingest) xi=$(med xlsx ingest)
cr=$(med csv rss) xr=$(med xlsx rss)
echo
echo "### workbook: $rows rows in one sheet (national x $COPIES); .xlsx $(mib "$(manifest xlsx-bytes)")," \
	"its sheet's XML $(mib "$sheet") and shared strings $(mib "$(manifest strings-bytes)"); CSV $(mib "$(manifest csv-bytes)");" \
	"median of $RUNS runs of p2ham check"
echo
echo "| input | whole run | ingest stage | rows/s (whole run) | peak RSS | against the CSV |"
echo "|---|---|---|---|---|---|"
echo "| CSV | $(calc "$cw" "%.3f s") | $(calc "$ci" "%.3f s") | $(calc "$rows / $cw / 1000" "%.0f k") |" \
	"$(calc "$cr / 1024" "%.1f MiB") | — |"
echo "| .xlsx | $(calc "$xw" "%.3f s") | $(calc "$xi" "%.3f s") | $(calc "$rows / $xw / 1000" "%.0f k") |" \
	"$(calc "$xr / 1024" "%.1f MiB") |" \
	"speed $(calc "$cw / $xw") × the CSV's (ingest stage $(calc "$ci / $xi")×; wanted ≥ 0.33);" \
	"peak RSS $(calc "$xr * 1024 / $sheet") × the sheet's XML (wanted < 4) |"
