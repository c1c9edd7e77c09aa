#!/bin/sh
# bench_base.sh — this p2ham against an earlier commit of itself, in the same
# run, on the national set: did the outputs the earlier one wrote get slower?
#
# usage: bench_base.sh P2HAM TOOLS_DIR DATA_DIR BASE_REF      (make bench-base)
#
# BASE_REF (a commit, branch or tag) is exported with `git archive` and built
# with its own Makefile into DATA_DIR/base. Both binaries then build the
# national set (TOOLS_DIR/gen, 33 offices x 40 units x 2 teams) BENCH_RUNS
# times each (default 5), alternating, with -j BENCH_JOBS (default 2) and
# the outputs that both write: the options this binary has and the base has
# not (--no-profiles, --no-letters) are given to this one only, and tables
# are left out of both. The table gives each side's median wall time and
# render stage and their ratio; a ratio over 1.05 is a slowdown over 5%,
# which the last line names.
set -eu

P2HAM=$1 TOOLS=$2 DATA=$3 BASE=$4
RUNS=${BENCH_RUNS:-5}
JOBS=${BENCH_JOBS:-2}
export LC_ALL=C TZ=UTC
unset SOURCE_DATE_EPOCH
say() { echo "bench-base: $*" >&2; }
die() { echo "bench-base: error: $*" >&2; exit 2; }

[ -x /usr/bin/time ] || die "GNU time (/usr/bin/time, Debian package 'time') is missing"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SRC=$DATA/base-src
mkdir -p "$DATA"

commit=$(git -C "$ROOT" rev-parse --verify --quiet "$BASE^{commit}") ||
	die "'$BASE' is not a commit of this repository"
if [ ! -x "$SRC/build/p2ham" ] || [ "$(cat "$SRC/.commit" 2>/dev/null)" != "$commit" ]; then
	say "building the base, $commit"
	rm -rf "$SRC"
	mkdir -p "$SRC"
	git -C "$ROOT" archive "$commit" | tar -x -C "$SRC"
	make -C "$SRC" -j2 all >"$DATA/base-build.log" 2>&1 ||
		die "the base does not build; see $DATA/base-build.log"
	echo "$commit" >"$SRC/.commit"
fi
BASE_BIN=$SRC/build/p2ham

SET=$DATA/national
if [ ! -f "$DATA/national.manifest" ]; then
	say "generating the national set"
	rm -rf "$SET"
	"$TOOLS/gen" -n 33 -m 40 -t 2 -s 2019 -o "$SET" >"$DATA/national.manifest"
fi

# What this binary writes and the base cannot.
NEW_OPTS=--no-tables
for opt in --no-profiles --no-letters; do
	if "$P2HAM" --help 2>&1 | grep -q -- "$opt" &&
		! "$BASE_BIN" --help 2>&1 | grep -q -- "$opt"; then
		NEW_OPTS="$NEW_OPTS $opt"
	fi
done

# run LABEL BINARY OPTIONS...: one build; "wall SECONDS" and "render SECONDS"
# appended to $DATA/base-LABEL.
run() {
	label=$1 bin=$2
	shift 2
	out=$DATA/base-out
	rm -rf "$out"
	/usr/bin/time -f 'TIME %e' -o "$DATA/base-time" "$bin" build -v -j "$JOBS" "$@" \
		-o "$out" --date 2019-12-10 "$SET"/*.csv >/dev/null 2>"$DATA/base-err" ||
		[ $? -eq 1 ] || die "$label failed; see $DATA/base-err"
	awk '$1 == "TIME" { print "wall", $2 }' "$DATA/base-time" >>"$DATA/base-$label"
	awk '$1 == "p2ham:" && $2 == "stage" && $3 == "render" { print "render", $4 }' \
		"$DATA/base-err" >>"$DATA/base-$label"
	rm -rf "$out"
}

median() {
	awk -v k="$2" '$1 == k { print $2 }' "$1" | sort -n |
		awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

rm -f "$DATA/base-new" "$DATA/base-old"
i=0
while [ "$i" -lt "$RUNS" ]; do
	i=$((i + 1))
	say "run $i of $RUNS"
	run old "$BASE_BIN" --no-tables
	# shellcheck disable=SC2086 # the options are words
	run new "$P2HAM" $NEW_OPTS
done

printf '\n| national set, -j %s, %s runs each, alternating | base %s | this | this / base |\n' \
	"$JOBS" "$RUNS" "$(echo "$commit" | cut -c1-7)"
echo '|---|---|---|---|'
verdict=ok
for k in wall render; do
	old=$(median "$DATA/base-old" $k) new=$(median "$DATA/base-new" $k)
	ratio=$(awk -v a="$new" -v b="$old" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "-" }')
	printf '| %s (median s) | %s | %s | %s |\n' "$k" "$old" "$new" "$ratio"
	if [ "$k" = wall ] && awk -v r="$ratio" 'BEGIN { exit !(r + 0 > 1.05) }'; then
		verdict="SLOWER by more than 5%"
	fi
done
echo
echo "options of this binary: $NEW_OPTS; of the base: --no-tables"
echo "bench-base: $verdict"
