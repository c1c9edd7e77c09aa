#!/bin/sh
# bench.sh — p2ham on the national and 10x data sets, stage by stage, against
# the ingest limit (libcsv parsing the same files) and the rendering limit
# (bare Cairo/Pango pages); prints a markdown table.
#
# usage: bench.sh P2HAM TOOLS_DIR DATA_DIR       (make bench runs it)
#
# TOOLS_DIR holds gen, csv_limit and render_limit. Environment: BENCH_RUNS
# (runs of each national measurement, default 5), BENCH_RUNS_X10 (3),
# BENCH_JOBS (the -j of the main runs, 2), BENCH_BUDGET (seconds for all the
# measuring, the peer's run included, 540: repeats stop early, and the 10x
# set is built without its rendered outputs when one full run would not
# fit), BENCH_PEER (the peer's script), BENCH_FONTS (the
# shipped fonts, for render_limit). A set that p2ham check refuses stops the
# bench, except the 10x set, which is then reported as refused (p2ham caps
# the units of a run: INGEST_MAX_UNITS in src/ingest.h).
#
# Stage times are p2ham's own, from `-v` ("p2ham: stage NAME SECONDS s"):
# ingest from `p2ham check` runs, each right after a libcsv run on the same
# files (so that both see the same machine), the others from `p2ham build`.
# Whole runs and peak memory come from GNU time. Every figure is the median
# of the runs made. The last table, from bench_workbook.sh, reads the
# national rows as one .xlsx sheet against the same rows as CSV.
#
# The peer (BENCH_PEER, ../shared/peer/peer.py: pandas, matplotlib and
# reportlab, installed by `make bench-deps`) runs once on the national set,
# after the first national runs, and its wall time and peak RSS, from GNU
# time like p2ham's, give the ratio in the table: no figure of it comes from
# elsewhere. pandas refuses a file with a row longer than its header, so the
# peer reads a copy of the set without those rows (peer_set.py says how
# many); it scores with the default rubric, as p2ham does. Its run counts in
# BENCH_BUDGET, which leaves fewer repeats when it is slow.
set -eu

P2HAM=$1 TOOLS=$2 DATA=$3
RUNS=${BENCH_RUNS:-5}
RUNS_X10=${BENCH_RUNS_X10:-3}
JOBS=${BENCH_JOBS:-2}
BUDGET=${BENCH_BUDGET:-540}
FONTS=${BENCH_FONTS:-$(dirname "$0")/../../fonts}
PEER=${BENCH_PEER:-$(dirname "$0")/../../../shared/peer/peer.py}
RUBRIC=$(dirname "$0")/../../templates/rubric.xml
LOG=$DATA/log
export LC_ALL=C TZ=UTC
unset SOURCE_DATE_EPOCH

START=$(date +%s)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
elapsed() { echo $(($(date +%s) - START)); }
say() { echo "bench: $*" >&2; }
die() { echo "bench: error: $*" >&2; exit 2; }

[ -x /usr/bin/time ] || die "GNU time (/usr/bin/time, Debian package 'time') is missing"
for t in gen csv_limit render_limit; do
	[ -x "$TOOLS/$t" ] || die "$TOOLS/$t is missing: run 'make bench'"
done
[ -r "$PEER" ] || die "the peer ($PEER) is missing: set BENCH_PEER"
/usr/bin/python3 -c 'import pandas, matplotlib, reportlab' 2>/dev/null ||
	die "the peer's Python packages are missing: run 'make bench-deps'"
mkdir -p "$DATA" "$LOG"
rm -f "$LOG"/*

# ---- data --------------------------------------------------------------------

# gen_set NAME OFFICES: the set in $DATA/NAME, its counts in $DATA/NAME.manifest.
gen_set() {
	if [ ! -f "$DATA/$1.manifest" ] ||
		[ -n "$(find "$TOOLS/gen" -newer "$DATA/$1.manifest")" ]; then
		say "generating $1 ($2 offices x 40 units x 2 teams)"
		rm -rf "${DATA:?}/$1"
		"$TOOLS/gen" -n "$2" -m 40 -t 2 -s 2019 -o "$DATA/$1" >"$DATA/$1.tmp"
		mv "$DATA/$1.tmp" "$DATA/$1.manifest"
	fi
}

# manifest NAME KEY
manifest() { awk -v k="$2" '$1 == k { print $2 }' "$DATA/$1.manifest"; }

# check_set NAME: p2ham check must read and reject exactly what gen wrote;
# appends its wall time, peak RSS and ingest stage time to $LOG/NAME-check.
check_set() {
	rows=$(manifest "$1" rows) rejected=$(manifest "$1" rejected)
	/usr/bin/time -f 'TIME %e %M' -o "$LOG/time.tmp" \
		"$P2HAM" check -v "$DATA/$1"/*.csv >/dev/null 2>"$LOG/check.err" || [ $? -eq 1 ] || {
		# A cap of p2ham's (src/ingest.h) that the set is above, most likely.
		stop=$(grep -m 1 'reading stops' "$LOG/check.err" | sed 's/.*error: //')
		refused="p2ham check refuses the $1 set${stop:+ ($stop)}"
		[ "$1" = x10 ] || die "$refused; see $LOG/check.err"
		say "$refused: no 10x figures"
		echo "$refused" >"$LOG/x10-refused"
		return 1
	}
	line=$(grep 'rows read' "$LOG/check.err" | tail -n 1)
	# Warnings are the offices file's placeholders that check points out.
	expect="$rows rows read, $((rows - rejected)) accepted, $rejected rejected, "
	case "$line" in "$expect"*) ;; *) die "$1 set: p2ham says '$line', expected '$expect...'" ;; esac
	awk '$1 == "TIME" { print "wall", $2; print "rss", $3 }' "$LOG/time.tmp" >>"$LOG/$1-check"
	awk '$1 == "p2ham:" && $2 == "stage" { print $3, $4 }' "$LOG/check.err" >>"$LOG/$1-check"
}

# ingest_pair NAME: libcsv on the set, then p2ham check on it, so that each
# p2ham ingest time has a libcsv time taken just before it.
ingest_pair() {
	"$TOOLS/csv_limit" -r 1 "$DATA/$1"/*.csv >>"$LOG/csv-$1"
	check_set "$1"
}
x10_ok() { [ ! -f "$LOG/x10-refused" ]; }

# ---- runs --------------------------------------------------------------------

# build_run LABEL SET JOBS [OPTIONS]: one `p2ham build -v`; appends "KEY VALUE"
# lines (wall, rss, each stage) to $LOG/LABEL and, the first time, the
# counts of what was written to $LOG/LABEL.counts.
build_run() {
	label=$1 set=$2 jobs=$3
	shift 3
	out=$DATA/out-$label
	rm -rf "$out"
	t0=$(date +%s)
	/usr/bin/time -f 'TIME %e %M' -o "$LOG/time.tmp" \
		"$P2HAM" build -v -j "$jobs" "$@" -o "$out" --date 2019-12-10 \
		"$DATA/$set"/*.csv >/dev/null 2>"$LOG/build.err" || [ $? -eq 1 ] ||
		die "p2ham build failed on the $set set (see $LOG/build.err)"
	echo $(($(date +%s) - t0)) >"$LOG/$label.last"
	awk '$1 == "TIME" { print "wall", $2; print "rss", $3 }' "$LOG/time.tmp" >>"$LOG/$label"
	awk '$1 == "p2ham:" && $2 == "stage" { print $3, $4 }' "$LOG/build.err" >>"$LOG/$label"
	if [ ! -f "$LOG/$label.counts" ]; then
		{
			echo "summary-bytes $(wc -c <"$out/summary.xml")"
			if [ -f "$out/report.pdf" ] && command -v pdfinfo >/dev/null; then
				pdfinfo "$out/report.pdf" | awk '$1 == "Pages:" { print "pages", $2 }'
			fi
			[ -d "$out/certificates" ] &&
				echo "certificates $(find "$out/certificates" -name '*.pdf' | wc -l)"
			[ -d "$out/charts" ] && echo "charts $(find "$out/charts" -type f | wc -l)"
			[ -d "$out/profiles" ] &&
				echo "profiles $(find "$out/profiles" -name '*.pdf' | wc -l)"
			[ -d "$out/letters" ] &&
				echo "letters $(find "$out/letters" -name '*.pdf' | wc -l)"
			echo "units $(grep -c '<unit ' "$out/summary.xml")"
		} >"$LOG/$label.counts"
	fi
	rm -rf "$out"
}

# runs_done LABEL
runs_done() { [ -f "$LOG/$1" ] && awk '$1 == "wall"' "$LOG/$1" | wc -l || echo 0; }

# fits LABEL: one more run of LABEL fits in the budget, judged by its last
# run with a fifth more for the machine's mood.
fits() { [ $(($(elapsed) + $(cat "$LOG/$1.last") * 6 / 5 + 2)) -le "$BUDGET" ]; }

# peer_run: the peer once on the national set (a copy without the rows
# pandas refuses); appends its wall time and peak RSS to $LOG/peer and what
# it wrote to $LOG/peer.counts.
peer_run() {
	dropped=$(/usr/bin/python3 "$(dirname "$0")/peer_set.py" "$DATA/national" "$DATA/national-peer") ||
		die "could not copy the national set for the peer"
	out=$DATA/out-peer
	rm -rf "$out"
	t0=$(date +%s)
	/usr/bin/time -f 'TIME %e %M' -o "$LOG/time.tmp" /usr/bin/python3 "$PEER" \
		--rubric "$RUBRIC" --out "$out" "$DATA/national-peer"/*.csv >"$LOG/peer.out" 2>"$LOG/peer.err" ||
		die "the peer failed on the national set (see $LOG/peer.err)"
	echo $(($(date +%s) - t0)) >"$LOG/peer.last"
	awk '$1 == "TIME" { print "wall", $2; print "rss", $3 }' "$LOG/time.tmp" >>"$LOG/peer"
	{
		echo "dropped $dropped"
		echo "units $(grep -c '<unit ' "$out/summary.xml")"
		echo "certificates $(find "$out/certificates" -name '*.pdf' | wc -l)"
	} >"$LOG/peer.counts"
	rm -rf "$out" "$DATA/national-peer"
}

# ---- figures -----------------------------------------------------------------

# documents_rows: the rows of profiles/ and letters/ in the stage table, in
# the variables of the table being printed (rl, jn, fone, fsep): ms a file,
# and at -j 1 how many full bare pages (render_limit) that is.
documents_rows() {
	for kind in profiles letters; do
		t=$(med "$rl" $kind) n=$(count "$rl" $kind)
		[ -n "$t" ] && [ -n "$n" ] || continue
		per=$(calc "1000 * $(v "$t") / $(v "$n")" "%.2f")
		bare="—"
		[ "$jn" = 1 ] && bare="$per ms a file = $(calc "$(v "$per") / ($(v "$fone") + $(v "$fsep"))") full bare pages"
		echo "| $kind (-j $jn) | $(secs "$t") | $per ms a file, $(v "$n") files | — | $bare |"
	done
}

# med LABEL KEY: the median of KEY's values, or nothing.
med() {
	[ -f "$LOG/$1" ] || return 0
	awk -v k="$2" '$1 == k { v[n++] = $2 }
		END { if (!n) exit
		      for (i = 1; i < n; i++) for (j = i; j > 0 && v[j-1] > v[j]; j--) {
			      t = v[j]; v[j] = v[j-1]; v[j-1] = t }
		      printf "%.6f\n", n % 2 ? v[int(n/2)] : (v[n/2-1] + v[n/2]) / 2 }' "$LOG/$1"
}

# count LABEL KEY
count() {
	if [ -f "$LOG/$1.counts" ]; then
		awk -v k="$2" '$1 == k { print $2 }' "$LOG/$1.counts"
	fi
}

# calc EXPR [FORMAT]: awk arithmetic; "—" when an operand is missing.
calc() {
	case "$1" in *'<>'*) echo "—"; return ;; esac
	awk "BEGIN { x = $1; printf \"${2:-%.2f}\", x }"
}
# v VALUE: VALUE, or "<>" (a missing operand for calc) when it is empty.
v() { case "$1" in '' | —) echo "<>" ;; *) echo "$1" ;; esac; }

secs() { [ -n "$1" ] && awk -v s="$1" 'BEGIN { printf(s < 10 ? "%.3f s" : "%.1f s", s) }' || echo "—"; }
mib() { [ -n "$1" ] && awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }' || echo "—"; }

# ---- the measurements ----------------------------------------------------------

gen_set national 33
gen_set x10 330
say "ingest: libcsv and p2ham check, in turn (the check also proves the sets)"
i=0
while [ $i -lt "$RUNS" ]; do ingest_pair national; i=$((i + 1)); done
i=0
while [ $i -lt "$RUNS_X10" ] && ingest_pair x10; do i=$((i + 1)); done

# The rendering limit: bare certificate-like pages, as many as the national
# set awards (at most 400), drawn right after each -j 1 national run, so
# that both see the same machine; the ratio takes the medians of both.
limit_run() {
	certs=$(count nat-j certificates)
	pages=${certs:-0}
	[ "$pages" -gt 0 ] || pages=790
	[ "$pages" -le 400 ] || pages=400
	"$TOOLS/render_limit" -k "$pages" -f "$FONTS" -o "$DATA/render-limit" >>"$LOG/render-limit"
	rm -rf "$DATA/render-limit"
}

say "national set, -j $JOBS and -j 1, each -j 1 run followed by the rendering limit"
build_run nat-j "national" "$JOBS"
build_run nat-1 "national" 1
limit_run
say "the peer, once on the national set"
peer_run

# The 10x set with every output if one run fits, else without the rendered
# ones (their stages then show as "—").
X10_OPTS=
predict=$(($(cat "$LOG/nat-j.last") * 10 + 1))
if x10_ok; then
	if [ $(($(elapsed) + predict)) -gt "$BUDGET" ] &&
		"$P2HAM" --help 2>&1 | grep -q -- '--no-report'; then
		X10_OPTS="--no-report --no-certificates --no-charts --no-profiles --no-letters"
		say "10x set without report, certificates, charts, profiles and letters: a full run (~${predict} s) would not fit"
	fi
	say "10x set, -j $JOBS"
	# shellcheck disable=SC2086
	build_run x10-j "x10" "$JOBS" $X10_OPTS
	# The national set the same way, to compare like with like.
	# shellcheck disable=SC2086
	[ -z "$X10_OPTS" ] || build_run nat-n "national" "$JOBS" $X10_OPTS
fi

# Repeats while they fit: the national ones first, in turn, then the 10x.
# repeat LABEL WANT SET JOBS [OPTIONS]: one more run if it is wanted and fits.
repeat() {
	label=$1 want=$2
	shift 2
	[ -f "$LOG/$label.last" ] && [ "$(runs_done "$label")" -lt "$want" ] && fits "$label" ||
		return 1
	build_run "$label" "$@"
}
more=1
while [ $more -eq 1 ]; do
	more=0
	repeat nat-j "$RUNS" national "$JOBS" && more=1
	repeat nat-1 "$RUNS" national 1 && limit_run && more=1
	# shellcheck disable=SC2086
	repeat nat-n "$RUNS" national "$JOBS" $X10_OPTS && more=1
done
# shellcheck disable=SC2086
while x10_ok && repeat x10-j "$RUNS_X10" x10 "$JOBS" $X10_OPTS; do :; done

# ---- the table ---------------------------------------------------------------

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)
echo
echo "p2ham $("$P2HAM" --version 2>/dev/null | head -n 1 | cut -d' ' -f2) on $(nproc) x $cpu;" \
	"median of $(runs_done nat-j) (-j $JOBS) and $(runs_done nat-1) (-j 1) national runs," \
	"$(awk '$1 == "pages"' "$LOG/render-limit" | wc -l) rendering-limit runs, $(runs_done x10-j) 10x runs; measuring took $(elapsed) s;" \
	"load average $LOAD_START before, $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') after."
for set in national x10; do
	case $set in
	national) lj=nat-j l1=nat-1 title="national ($(manifest national files) files, $(manifest national units) units)" ;;
	x10) lj=x10-j l1='' title="10x ($(manifest x10 files) files, $(manifest x10 units) units)" ;;
	esac
	if [ $set = x10 ] && ! x10_ok; then
		echo
		echo "### $title: $(cat "$LOG/x10-refused")"
		continue
	fi
	bytes=$(manifest $set bytes) rows=$(manifest $set rows) acc=$(manifest $set accepted)
	csv_s=$(med csv-$set seconds)
	ing=$(med $set-check ingest)
	[ -n "$ing" ] || ing=$(med $set-check wall)
	echo
	echo "### $title, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }') MiB, $rows rows"
	echo
	echo "| stage | wall time (median) | throughput | peak RSS | ratio to limit |"
	echo "|---|---|---|---|---|"
	echo "| ingest (read, hash, validate) | $(secs "$ing") |" \
		"$(calc "$bytes / 1048576 / $(v "$ing")" "%.1f MiB/s"), $(calc "$rows / $(v "$ing") / 1000" "%.0f k rows/s") |" \
		"$(mib "$(med $set-check rss)") (check) |" \
		"$(calc "$(v "$csv_s") / $(v "$ing")") × libcsv ($(secs "$csv_s"), $(calc "$bytes / 1048576 / $(v "$csv_s")" "%.1f MiB/s")) |"
	sc=$(med "$lj" score)
	echo "| score | $(secs "$sc") | $(calc "$acc / $(v "$sc") / 1000" "%.0f k observations/s") | — | — |"
	su=$(med "$lj" summary)
	echo "| summary.xml | $(secs "$su") | $(calc "$(v "$(count "$lj" summary-bytes)") / 1048576 / $(v "$su")" "%.1f MiB/s") | — | — |"
	# Rendering stages: the -j 1 times are wall times; with more jobs they overlap.
	rl=${l1:-$lj}
	jn=$([ "$rl" = "$l1" ] && echo 1 || echo "$JOBS")
	ch=$(med "$rl" charts) re=$(med "$rl" report) ce=$(med "$rl" certificates)
	n_ch=$(count "$rl" charts) n_pg=$(count "$rl" pages) n_ce=$(count "$rl" certificates)
	echo "| charts (-j $jn) | $(secs "$ch") | $(calc "$(v "$n_ch") / $(v "$ch")" "%.0f charts/s") | — | — |"
	echo "| report (-j $jn) | $(secs "$re") | $(calc "$(v "$n_pg") / $(v "$re")" "%.1f pages/s") | — | — |"
	one=$(med render-limit one-pdf-ms-per-page) sep=$(med render-limit separate-ms-per-page)
	one=$(calc "$(v "$one")" "%.3f") sep=$(calc "$(v "$sep")" "%.3f")
	fone=$(med render-limit full-one-pdf-ms-per-page) fsep=$(med render-limit full-separate-ms-per-page)
	fone=$(calc "$(v "$fone")" "%.3f") fsep=$(calc "$(v "$fsep")" "%.3f")
	per=$(calc "1000 * $(v "$ce") / $(v "$n_ce")" "%.2f")
	# Against the bare pages only at -j 1, where the stage time is a wall time.
	bare="—"
	[ "$jn" = 1 ] && bare="$(calc "$(v "$per") / ($(v "$one") + $(v "$sep"))") × the plain bare page ($per ms a certificate vs $one + $sep ms a page); $(calc "$(v "$per") / ($(v "$fone") + $(v "$fsep"))") × the full one ($fone + $fsep ms)"
	echo "| certificates (-j $jn) | $(secs "$ce") | $(calc "$(v "$n_ce") / $(v "$ce")" "%.1f certificates/s") | — | $bare |"
	documents_rows
	rj=$(med "$lj" render)
	if [ -n "$l1" ]; then
		r1=$(med "$l1" render)
		echo "| render, all outputs (wall) | $(secs "$rj") (-j $JOBS), $(secs "$r1") (-j 1) | — | — |" \
			"-j $JOBS is $(calc "$(v "$r1") / $(v "$rj")")× faster than -j 1 |"
	else
		echo "| render, all outputs (wall, -j $JOBS) | $(secs "$rj") | — | — | — |"
	fi
	wj=$(med "$lj" wall) mj=$(med "$lj" rss)
	if [ $set = national ]; then
		pw=$(med peer wall) pm=$(med peer rss)
		echo "| whole run, -j $JOBS | $(secs "$wj") | $(calc "$rows / $(v "$wj") / 1000" "%.1f k rows/s") | $(mib "$mj") |" \
			"$(calc "$(v "$pw") / $(v "$wj")" "%.1f")× faster than the peer in this run, $(calc "$(v "$pm") / $(v "$mj")" "%.1f")× less memory |"
		echo "| the peer (pandas, matplotlib, reportlab), one run in this bench | $(secs "$pw") |" \
			"$(calc "$rows / $(v "$pw") / 1000" "%.1f k rows/s") | $(mib "$pm") |" \
			"$(count peer units) units, $(count peer certificates) certificates; without the $(count peer dropped) rows pandas refuses |"
		echo "| whole run, -j 1 | $(secs "$(med "$l1" wall)") | — | $(mib "$(med "$l1" rss)") | — |"
		nat_wall=$wj nat_rss=$mj nat_acc=$acc nat_ing=$ing nat_crss=$(med $set-check rss)
		if [ -n "$X10_OPTS" ]; then
			nat_wall=$(med nat-n wall) nat_rss=$(med nat-n rss)
			echo "| whole run, -j $JOBS ($X10_OPTS) | $(secs "$nat_wall") | — | $(mib "$nat_rss") | — |"
		fi
	else
		echo "| whole run, -j $JOBS${X10_OPTS:+ ($X10_OPTS)} | $(secs "$wj") | $(calc "$rows / $(v "$wj") / 1000" "%.1f k rows/s") | $(mib "$mj") |" \
			"10x/national: wall ×$(calc "$(v "$wj") / $(v "$nat_wall")"), peak RSS ×$(calc "$(v "$mj") / $(v "$nat_rss")") (check ×$(calc "$(v "$(med $set-check rss)") / $(v "$nat_crss")")), ingest ×$(calc "$(v "$ing") / $(v "$nat_ing")"), observations ×$(calc "$acc / $nat_acc") |"
	fi
done

# Workbooks: one big .xlsx sheet against the same rows as CSV.
BENCH_RUNS=$RUNS "$(dirname "$0")/bench_workbook.sh" "$P2HAM" "$TOOLS" "$DATA"
