#!/bin/bash
# references.sh — reference renders: a few pages of each document kind of the
# samples, drawn in grey at 40 dpi, must match the checksums kept in
# tests/e2e/references.sha256, so that any change of layout, text or colour
# is seen in review. After an intended change, look at the pages (the
# script leaves them in build/references/) and record the new checksums:
#
#   make references            (UPDATE_REFERENCES=1 tests/e2e/references.sh)
#
# The pages come out the same on any Debian 12 machine: the fonts are the
# shipped ones and the outputs are byte-identical for the same inputs.
. "$(dirname "$0")/lib.sh"

sums=$here/references.sha256
keep=$root/build/references
mkdir -p "$keep"
rm -f "$keep"/*.png

(cd "$root" && "$P2HAM" build -q -j 2 -o "$tmp/s" --date 2019-12-10 \
	--offices samples/offices.xml samples/*.csv) 2>"$tmp/build.err"
status=$?
[ "$status" -le 1 ] || { cat "$tmp/build.err"; echo "references: the samples do not build"; exit 1; }

# NAME FILE PAGE: the page in grey as build/references/NAME.png.
page() {
	pdftoppm -r 40 -gray -png -f "$3" -l "$3" -singlefile "$tmp/s/$2" "$keep/$1"
}
page report-cover report.pdf 1
page report-summary report.pdf 2
page report-ranking report.pdf 3
page report-kanwil report.pdf 4
page certificate certificates/lapas-kelas-iia-serang.pdf 1
page certificate-unsigned certificates/lapas-kelas-iia-palangka-raya.pdf 1
page profile-first profiles/lapas-kelas-iii-cilegon.pdf 1
page profile-berita-acara profiles/lapas-kelas-iii-cilegon.pdf 2
page letter letters/banten.pdf 1
cp "$tmp/s/charts/region-kanwil-kemenkumham-banten-heatmap.svg" "$keep/heatmap.svg"
cp "$tmp/s/charts/lapas-kelas-iii-cilegon-principles.svg" "$keep/principles.svg"

(cd "$keep" && sha256sum -- *.png *.svg) >"$tmp/now"
if [ -n "${UPDATE_REFERENCES:-}" ]; then
	cp "$tmp/now" "$sums"
	echo "references: $(wc -l <"$sums") checksums written to $sums"
	exit 0
fi

while read -r sum name; do
	want=$(awk -v n="$name" '$2 == n { print $1 }' "$sums")
	if [ -z "$want" ]; then
		bad "$name: no reference checksum (make references)"
	elif [ "$want" = "$sum" ]; then
		ok "$name: as the reference"
	else
		bad "$name: differs from the reference; look at $keep/$name, then make references"
	fi
done <"$tmp/now"
expect "every reference has its render" bash -c "
	awk '{ print \$2 }' '$sums' | while read -r n; do grep -q \" \$n\$\" '$tmp/now' || { echo \"\$n missing\"; exit 1; }; done"

echo "references: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
