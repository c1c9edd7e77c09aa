#!/usr/bin/env bash
# End-to-end tests of profiles/UNIT-ID.pdf and letters/OFFICE-ID.pdf (SPEC 6)
# on the real output of `$P2HAM build`, for the samples and a generated set of
# 3 offices x 40 units: one profile per unit and one letter per office with an
# awarded unit, the unit named on every page, the berita acara with its teams,
# the letter's parts on 1-2 pages, no text under 8 pt, metadata, qpdf --check,
# --no-profiles / --no-letters, and the same bytes with -j 1 and -j 4.
# Needs poppler-utils, qpdf, python3, cc (for the generator).
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

check=$here/documents_check.py
date=2019-12-10

# build OUT OFFICES ARGS...: exit 0 or 1 (rows rejected on purpose) is fine.
build() {
	local out=$1 offices=$2
	shift 2
	"$P2HAM" build -q --out "$out" --date $date --offices "$offices" "$@" 2>"$tmp/stderr"
	test $? -le 1 || { cat "$tmp/stderr"; return 1; }
}

qpdf_all() {
	local f n=0
	for f in "$1"/profiles/*.pdf "$1"/letters/*.pdf; do
		qpdf --check "$f" >"$tmp/qpdf" 2>&1 || { echo "$f"; cat "$tmp/qpdf"; return 1; }
		n=$((n + 1))
	done
	test $n -gt 0
}

# An outline in every file: the unit's entry or the letter's.
outlines() {
	local f
	for f in "$1"/profiles/*.pdf "$1"/letters/*.pdf; do
		qpdf --qdf --object-streams=disable "$f" - | grep -aq '/Outlines' ||
			{ echo "$f: no outline"; return 1; }
	done
}

# every_check NAME OUT OFFICES
every_check() {
	local c
	for c in files pages berita-acara letters sizes metadata; do
		expect "$1: $c" python3 "$check" $c "$2" "$3"
	done
	expect "$1: qpdf --check" qpdf_all "$2"
	expect "$1: outlines" outlines "$2"
}

# ---- samples, with a unit of an office that awards nothing ---------------------

# A unit of Kanwil Bali, which the sample offices leave to the national
# issuer, answering "Tidak" everywhere: it gets a profile, and its issuer no
# letter.
python3 - "$root/samples/banten-tim1.csv" "$tmp/bali.csv" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig')))
first = rows[1][1]
with open(sys.argv[2], 'w', newline='', encoding='utf-8') as f:
    w = csv.writer(f)
    w.writerow(rows[0])
    for r in rows[1:]:
        if r[1] == first:
            w.writerow(['Kanwil Kemenkumham Bali', 'Rutan Kelas IIB Contoh Bali', r[2], r[3],
                        r[4], 'Tidak', '', '', 'Tim Contoh Bali', '2019-10-20'])
EOF
s=$tmp/samples
expect "samples: build" build "$s" "$root/samples/offices.xml" "$root"/samples/*.csv "$tmp/bali.csv"
every_check samples "$s" "$root/samples/offices.xml"
expect "samples: the national issuer writes no letter for a unit not recommended" bash -c "
	grep -q 'office=\"ditjen-ham\"' '$s/summary.xml' &&
	test -f '$s/profiles/rutan-kelas-iib-contoh-bali.pdf' &&
	test ! -e '$s/letters/ditjen-ham.pdf' &&
	pdftotext '$s/profiles/rutan-kelas-iib-contoh-bali.pdf' - | grep -q 'DIREKTORAT JENDERAL HAK ASASI MANUSIA'"
expect "samples: a profile names no other office" bash -c "
	! pdftotext '$s/profiles/lapas-kelas-iii-cilegon.pdf' - | grep -q 'KALIMANTAN TENGAH'"

# ---- options ------------------------------------------------------------------------

expect "--no-profiles leaves profiles/ out, letters say no attachment" bash -c "
	'$P2HAM' build -q --out '$tmp/np' --date $date --offices '$root/samples/offices.xml' \
		--no-profiles '$root'/samples/*.csv 2>/dev/null; test \$? -le 1 &&
	test ! -e '$tmp/np/profiles' && test -f '$tmp/np/letters/banten.pdf' &&
	pdftotext -layout '$tmp/np/letters/banten.pdf' - | grep -q 'Lampiran *: *-'"
expect "--no-letters leaves letters/ out" bash -c "
	'$P2HAM' build -q --out '$tmp/nl' --date $date --offices '$root/samples/offices.xml' \
		--no-letters '$root'/samples/*.csv 2>/dev/null; test \$? -le 1 &&
	test ! -e '$tmp/nl/letters' && test -f '$tmp/nl/profiles/lapas-kelas-iii-cilegon.pdf'"
expect "a second build sweeps the profile of a unit no longer in the data" bash -c "
	cp -r '$s' '$tmp/again' &&
	'$P2HAM' build -q --out '$tmp/again' --date $date --offices '$root/samples/offices.xml' \
		'$root'/samples/*.csv 2>/dev/null; test \$? -le 1 &&
	test ! -e '$tmp/again/profiles/rutan-kelas-iib-contoh-bali.pdf' &&
	test -f '$tmp/again/profiles/lapas-kelas-iii-cilegon.pdf'"

# ---- 3 offices x 40 units -----------------------------------------------------------

cc -O2 -o "$tmp/gen" "$root/tests/bench/gen.c" && "$tmp/gen" -n 3 -m 40 -t 2 -o "$tmp/g3" >/dev/null ||
	bad "generator"
g=$tmp/g3-j1
expect "3 x 40: build -j 1" build "$g" "$root/templates/offices.xml" -j 1 "$tmp"/g3/*.csv
every_check "3 x 40" "$g" "$root/templates/offices.xml"
expect "3 x 40: -j 4 gives the same profiles and letters" bash -c "
	'$P2HAM' build -q -j 4 --out '$tmp/g3-j4' --date $date '$tmp'/g3/*.csv 2>/dev/null
	test \$? -le 1 && diff -r '$g/profiles' '$tmp/g3-j4/profiles' &&
	diff -r '$g/letters' '$tmp/g3-j4/letters'"

echo "documents: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
