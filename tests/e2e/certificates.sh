#!/usr/bin/env bash
# End-to-end tests of the award certificates (SPEC 6) on the real output of
# `$P2HAM build`: page count and size, text, fonts, PDF structure, the QR
# code, long and odd names, retained wording, determinism across -j, and
# refused templates. Needs poppler-utils, qpdf, zbar-tools, xmllint, python3.
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

template=$root/templates/certificate.xml
# The sample offices: each certificate names its unit's office (SPEC 6.1).
offices=$root/samples/offices.xml

# The awarded units of a summary.xml, in rank order: id, name, code, number
# attribute (empty when the summary has none), and from the offices file
# its office's code, name, heading and city; one tab-separated line each.
awarded() {
	python3 - "$1" "$offices" <<'EOF'
import sys, xml.etree.ElementTree as ET
ns = '{urn:p2ham:summary:1}'
offices = {o.get('id'): o for o in ET.parse(sys.argv[2]).getroot()
           if o.tag in ('office', 'national')}
for u in ET.parse(sys.argv[1]).getroot().iter(ns + 'unit'):
    if u.get('recommendation') in ('recommended', 'retained'):
        o = offices[u.get('office')]
        print('\t'.join([u.get('id'), u.get('name'), u.get('verification-code'),
                         u.get('certificate-number') or '', o.get('code'),
                         o.get('name'), o.get('heading'), o.get('city')]))
EOF
}

# Every check of one certificate file: $1 PDF, $2 id, $3 name, $4 code,
# $5 number, $6 date as printed, $7 year, $8 office name, $9 its heading,
# $10 its city.
check_certificate() {
	local pdf=$1 id=$2 name=$3 code=$4 number=$5 date=$6 year=$7 office=$8 heading=$9
	local city=${10} text
	pdfinfo "$pdf" >"$tmp/info" || { echo "pdfinfo failed on $pdf"; return 1; }
	grep -q '^Pages: *1$' "$tmp/info" || { echo "$pdf: not one page"; return 1; }
	grep -q '^Page size: *842 x 595 pts' "$tmp/info" || { echo "$pdf: not 842 x 595"; return 1; }
	grep -q "^Title: *Piagam Penghargaan — " "$tmp/info" || { echo "$pdf: title"; return 1; }
	grep -q "^Author: *$office$" "$tmp/info" || { echo "$pdf: author is not $office"; return 1; }
	text=$(pdftotext -enc UTF-8 "$pdf" - | tr '\n' ' ' | tr -s ' ')
	for want in "$name" "$number" "$code" "$city, $date" "PIAGAM PENGHARGAAN" "Nomor: $number" \
		    "$heading"; do
		case "$text" in *"$want"*) ;; *) echo "$pdf: '$want' not in: $text"; return 1 ;; esac
	done
	# Nothing of the other office on it.
	for other in BANTEN Serang 'KALIMANTAN TENGAH' 'Palangka Raya'; do
		case "$heading $city $name" in *"$other"*) continue ;; esac
		case "$text" in *"$other"*) echo "$pdf: names '$other'"; return 1 ;; esac
	done
	# Every font embedded: the "emb" column says yes on every row.
	pdffonts "$pdf" | awk 'NR > 2 && $(NF-4) != "yes" { bad = 1 } NR > 2 { n++ }
			      END { exit bad || !n }' || { echo "$pdf: font not embedded"; pdffonts "$pdf"; return 1; }
	qpdf --check "$pdf" >"$tmp/qpdf" 2>&1 || { echo "$pdf: qpdf"; cat "$tmp/qpdf"; return 1; }
	return 0
}

check_all() {
	local out=$1 date=$2 year=$3 id name code number ocode oname heading city
	local -A seq=()
	test -f "$out/summary.xml" || { echo "no summary.xml"; return 1; }
	awarded "$out/summary.xml" >"$tmp/awarded"
	test -s "$tmp/awarded" || { echo "no awarded unit"; return 1; }
	test "$(ls "$out/certificates" | wc -l)" -eq "$(wc -l <"$tmp/awarded")" ||
		{ echo "certificate count differs from awarded units"; return 1; }
	# Numbers count from 001 within each office, in rank order.
	while IFS=$'\t' read -r id name code number ocode oname heading city; do
		seq[$ocode]=$(( ${seq[$ocode]:-0} + 1 ))
		local expected
		expected=$(printf '%s-HAM-%03d/%d' "$ocode" "${seq[$ocode]}" "$year")
		[ -z "$number" ] || [ "$number" = "$expected" ] ||
			{ echo "$id: summary number $number, expected $expected"; return 1; }
		check_certificate "$out/certificates/$id.pdf" "$id" "$name" "$code" "$expected" \
			"$date" "$year" "$oname" "$heading" "$city" || return 1
	done <"$tmp/awarded"
	test ${#seq[@]} -eq 2 || { echo "awards from ${#seq[@]} offices, expected 2"; return 1; }
	return 0
}

# ---- the samples, -j 1 and -j 4 ----

(cd "$root" && "$P2HAM" build -q -j 1 -o "$tmp/s1" --date 2019-12-10 --offices "$offices" \
	samples/*.csv) 2>"$tmp/s1.err"
status=$?
expect "samples: build exits 1 (rows rejected on purpose)" test "$status" -eq 1
expect "samples: every awarded unit has its certificate, and nothing else" bash -c "
	ls '$tmp/s1/certificates' | grep -qvE '^[a-z0-9-]+\.pdf$' && exit 1
	test \$(ls '$tmp/s1/certificates' | wc -l) -gt 0"
expect "samples: each certificate: 1 page 842 x 595, name, number, code, date, fonts, qpdf" \
	check_all "$tmp/s1" "10 Desember 2019" 2019

expect "certificates.pdf: one page per certificate, in seq order, fonts, qpdf" bash -c "
	n=\$(ls '$tmp/s1/certificates' | wc -l)
	pdfinfo '$tmp/s1/certificates.pdf' | grep -q \"^Pages: *\$n\$\" &&
	pdfinfo -f 1 -l \$n '$tmp/s1/certificates.pdf' | grep '^Page .* size:' | grep -vc '842 x 595' | grep -qx 0 &&
	qpdf --check '$tmp/s1/certificates.pdf' >/dev/null &&
	! pdffonts '$tmp/s1/certificates.pdf' | awk 'NR > 2 && \$(NF-4) != \"yes\"' | grep -q . &&
	p=0
	while IFS=\$'\\t' read -r id name code number rest; do
		p=\$((p + 1))
		pdftotext -f \$p -l \$p '$tmp/s1/certificates.pdf' - | grep -qF \"\$number\" || exit 1
	done <'$tmp/awarded'
	test \$p -eq \$n"

(cd "$root" && "$P2HAM" build -q -j 4 -o "$tmp/s4" --date 2019-12-10 --offices "$offices" \
	samples/*.csv) 2>/dev/null
expect "-j 1 and -j 4 give byte-identical certificates" bash -c "
	diff -r '$tmp/s1/certificates' '$tmp/s4/certificates' && cmp '$tmp/s1/certificates.pdf' '$tmp/s4/certificates.pdf'"
expect "no temporary file left in certificates/" bash -c "! ls -A '$tmp/s1/certificates' | grep -q '^\.'"

# The QR code, rendered to PNG, decodes to year, id and code.
expect "QR codes decode to P2HAM/YEAR/ID/CODE" bash -c "
	n=0
	while IFS=\$'\t' read -r id name code number rest; do
		pdftoppm -r 200 -png -singlefile '$tmp/s1/certificates/'\$id.pdf '$tmp/qr' || exit 1
		got=\$(zbarimg -q --raw '$tmp/qr.png') || { echo \"\$id: no QR code found\"; exit 1; }
		[ \"\$got\" = \"P2HAM/2019/\$id/\$code\" ] || { echo \"\$id: QR says \$got\"; exit 1; }
		n=\$((n + 1))
	done <'$tmp/awarded'
	test \$n -gt 0"
expect "QR code also decodes at 80 dpi" bash -c "
	id=\$(head -1 '$tmp/awarded' | cut -f1)
	pdftoppm -r 80 -png -singlefile '$tmp/s1/certificates/'\$id.pdf '$tmp/qr80' &&
	zbarimg -q --raw '$tmp/qr80.png' | grep -qx \"P2HAM/2019/\$id/.*\""

# ---- accessibility (SPEC 6): language, title, outline, tags, alts ----

# $1 PDF, $2 1 when it must open its outline. Read through qpdf, so that
# the incremental update is checked as a reader sees the file.
accessible() {
	local pdf=$1 outline=$2 q
	q=$(mktemp "$tmp/a11y-XXXXXX")
	qpdf --check "$pdf" >/dev/null 2>&1 || { echo "$pdf: qpdf --check"; return 1; }
	qpdf --qdf --object-streams=disable "$pdf" "$q" || return 1
	python3 - "$q" "$outline" <<'EOF'
import re, sys
data = open(sys.argv[1], 'rb').read().decode('latin-1')
objs = re.findall(r'\n\d+ 0 obj\n(.*?)\nendobj', data, re.S)
cat = [o for o in objs if '/Type /Catalog' in o]
if len(cat) != 1:
    sys.exit('catalogs: %d' % len(cat))
cat = cat[0]
for want in ('/Lang (id-ID)', '/DisplayDocTitle true', '/StructTreeRoot', '/Marked true'):
    if want not in cat:
        sys.exit('%s: catalog lacks %s' % (sys.argv[1], want))
if sys.argv[2] == '1' and '/PageMode /UseOutlines' not in cat:
    sys.exit('catalog lacks /PageMode /UseOutlines')
figs = [o for o in objs if '/Type /StructElem' in o and '/S /Figure' in o]
if not figs:
    sys.exit('no Figure element')
bare = [o for o in figs if not re.search(r'/Alt (\(.+\)|<FEFF[0-9A-F]+>)', o)]
if bare:
    sys.exit('%d of %d figures without /Alt' % (len(bare), len(figs)))
EOF
}
each_accessible() {
	for f in "$1"/*.pdf; do accessible "$f" 0 || return 1; done
}
expect "accessibility: report.pdf: /Lang, DisplayDocTitle, open outline, tagged, every figure's /Alt" \
	accessible "$tmp/s1/report.pdf" 1
expect "accessibility: certificates.pdf: the same" accessible "$tmp/s1/certificates.pdf" 1
expect "accessibility: each certificate: /Lang, DisplayDocTitle, tagged, every figure's /Alt" \
	each_accessible "$tmp/s1/certificates"
expect "accessibility: each unit's profile: the same (its charts are its figures)" \
	each_accessible "$tmp/s1/profiles"
expect "accessibility: each letter: the same (logo, signature and stamp)" \
	each_accessible "$tmp/s1/letters"
expect "accessibility: alts say what each picture is: QR content, logo, signature, stamp" bash -c "
	qpdf --qdf --object-streams=disable '$tmp/s1/certificates/lapas-kelas-iia-serang.pdf' '$tmp/alt.pdf' &&
	grep -a '/Alt' '$tmp/alt.pdf' >'$tmp/alts' &&
	grep -q '/Alt (Kode QR verifikasi: P2HAM/2019/lapas-kelas-iia-serang/' '$tmp/alts' &&
	grep -q '/Alt (Logo Kementerian Hukum dan Hak Asasi Manusia' '$tmp/alts' &&
	grep -q '/Alt (Tanda tangan Kepala Kantor Wilayah, ' '$tmp/alts' &&
	grep -q '/Alt (Cap dinas Kantor Wilayah ' '$tmp/alts' &&
	grep -aq '/S /H1' '$tmp/alt.pdf'"
expect "an office without signature and stamp: no such figure, the QR code still" bash -c "
	qpdf --qdf --object-streams=disable '$tmp/s1/certificates/lapas-kelas-iia-palangka-raya.pdf' '$tmp/alt2.pdf' &&
	! grep -aq '/Alt (Tanda tangan\|/Alt (Cap dinas' '$tmp/alt2.pdf' &&
	grep -aq '/Alt (Kode QR verifikasi' '$tmp/alt2.pdf'"
expect "official order: letterhead, title, the number right after it, unit, award, place and date" bash -c "
	t=\$(pdftotext -enc UTF-8 '$tmp/s1/certificates/lapas-kelas-iia-serang.pdf' - | tr '\n' ' ' | tr -s ' ')
	case \"\$t\" in
	*'KEMENTERIAN HUKUM'*'KANTOR WILAYAH BANTEN'*'PIAGAM PENGHARGAAN Nomor: CONTOH-BTN-HAM-'*'diberikan kepada Lapas Kelas IIA Serang atas prestasi'*'Serang, 10 Desember 2019'*'NIP '*) ;;
	*) echo \"order: \$t\"; exit 1 ;;
	esac"
expect "every text on a certificate is at least 8 pt" bash -c "
	pdftohtml -xml -i -stdout '$tmp/s1/certificates/lapas-kelas-iia-serang.pdf' >'$tmp/cert.xml' &&
	python3 -c \"
import sys, xml.etree.ElementTree as ET
r = ET.parse('$tmp/cert.xml').getroot()
sizes = [float(f.get('size')) for f in r.iter('fontspec')]
sys.exit(0 if sizes and min(sizes) >= 8 else 'sizes %s' % sizes)\""

# ---- the office's verification URL in the QR code (SPEC 6.1) ----

sed 's|<office id="banten" |<office id="banten" verify-url="https://p2ham.example.go.id/cek?kode={code}\&amp;nomor={number}" |' \
	"$offices" >"$tmp/offices-url.xml"
cp -r "$root/samples/images" "$tmp/"
(cd "$root" && "$P2HAM" build -q -o "$tmp/u" --date 2019-12-10 --offices "$tmp/offices-url.xml" \
	--no-report --no-charts samples/*.csv) 2>/dev/null
awarded "$tmp/u/summary.xml" >"$tmp/u-awarded"
expect "QR code holds the office's verification URL when it has one, else the pattern" bash -c "
	grep -q 'verify-url' '$tmp/offices-url.xml' || exit 1
	banten=0 other=0
	while IFS=\$'\\t' read -r id name code number ocode rest; do
		pdftoppm -r 200 -png -singlefile '$tmp/u/certificates/'\$id.pdf '$tmp/uqr' || exit 1
		got=\$(zbarimg -q --raw '$tmp/uqr.png') || exit 1
		if [ \"\$ocode\" = CONTOH-BTN ]; then
			enc=\$(printf %s \"\$number\" | sed 's|/|%2F|g')
			[ \"\$got\" = \"https://p2ham.example.go.id/cek?kode=\$code&nomor=\$enc\" ] ||
				{ echo \"\$id: QR says \$got\"; exit 1; }
			banten=\$((banten + 1))
		else
			[ \"\$got\" = \"P2HAM/2019/\$id/\$code\" ] || { echo \"\$id: QR says \$got\"; exit 1; }
			other=\$((other + 1))
		fi
	done <'$tmp/u-awarded'
	test \$banten -gt 0 && test \$other -gt 0"

# ---- retained units: last year's summary ----

(cd "$root" && "$P2HAM" build -q -o "$tmp/r" --date 2020-12-10 --year 2020 --offices "$offices" \
	--previous "$tmp/s1/summary.xml" samples/*.csv) 2>/dev/null
expect "retained units: certificates say the award is kept, dated 2020" bash -c "
	grep -q 'recommendation=\"retained\"' '$tmp/r/summary.xml' || exit 1
	for f in '$tmp/r/certificates/'*.pdf; do
		t=\$(pdftotext \"\$f\" - | tr '\n' ' ')
		case \"\$t\" in *mempertahankan*) ;; *) echo \"\$f: no 'mempertahankan'\"; exit 1 ;; esac
		case \"\$t\" in *'10 Desember 2020'*'HAM-0'*'/2020'*|*'HAM-0'*'/2020'*'10 Desember 2020'*) ;; *) exit 1 ;; esac
	done"
expect "recommended units: the normal award text" bash -c "
	for f in '$tmp/s1/certificates/'*.pdf; do
		t=\$(pdftotext \"\$f\" - | tr '\n' ' ')
		case \"\$t\" in *mempertahankan*) exit 1 ;; *'atas prestasi dalam'*) ;; *) exit 1 ;; esac
	done"

# ---- a rubric without grades: the award text is the predicate (SPEC 5) ----

mkdir -p "$tmp/pred" && cp "$here/cases/render-gates-evidence/rubric.xml" "$tmp/pred/" &&
	(cd "$tmp/pred" && python3 "$here/cases/render-gates-evidence/setup.py")
(cd "$tmp/pred" && "$P2HAM" build -q -o "$tmp/p" --no-report --date 2019-12-10 -r rubric.xml a.csv) 2>/dev/null
expect "no grades: each certificate names the predicate, a failed gate gets none" bash -c "
	test \$(ls '$tmp/p/certificates' | wc -l) -eq 3 && test ! -e '$tmp/p/certificates/lapas-temuan.pdf' || exit 1
	for f in '$tmp/p/certificates/'*.pdf; do
		t=\$(pdftotext \"\$f\" - | tr '\\n' ' ' | tr -s ' ')
		case \"\$t\" in
		*'dengan predikat Unit Kerja Pelayanan Publik Berbasis HAM (nilai 100,00)'*) ;;
		*) echo \"\$f: \$t\"; exit 1 ;;
		esac
	done"

# ---- a 120-character name full of characters that must stay harmless ----

long='Lapas Kelas IIA & <Rutan> "Cabang" '"'"'Serang'"'"' ../../etc/passwd Jalan Raya Serang Pandeglang Km 5 Kecamatan Taktakan Provinsi Banten'
long=$(printf '%s' "$long" | cut -c1-120)
[ ${#long} -eq 120 ] || { echo "test name is ${#long} characters"; exit 2; }
python3 - "$long" "$tmp/long.csv" <<'EOF'
import csv, sys
name, path = sys.argv[1], sys.argv[2]
items = ['A.%02d' % i for i in range(1, 12)] + ['A.21', 'A.22', 'A.23', 'A.24', 'B.01']
with open(path, 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['kanwil', 'unit', 'kode', 'nilai'])
    for it in items:
        w.writerow(['Kanwil Kemenkumham Banten', name, it, 'Ada'])
    for it in ['C.01', 'C.02', 'C.03', 'C.04']:
        w.writerow(['Kanwil Kemenkumham Banten', name, it, 'Patuh'])
    w.writerow(['Kanwil Kemenkumham Banten', name, 'G.01', 'Tidak'])
EOF
(cd "$tmp" && "$P2HAM" build -q -o "$tmp/l" --date 2019-12-10 long.csv) 2>"$tmp/l.err"
expect "long name: build exits 0" test $? -eq 0
longid=$(awarded "$tmp/l/summary.xml" | head -1 | cut -f1)
expect "long name: the file is named by the id only, nothing written outside" bash -c "
	[ -n '$longid' ] && [ -f '$tmp/l/certificates/$longid.pdf' ] &&
	echo '$longid' | grep -qE '^[a-z0-9-]+\$' &&
	test \$(find '$tmp' -name passwd | wc -l) -eq 0 && test ! -e '$tmp/etc' && test ! -e '$tmp/l/etc'"
expect "long name: copies out whole, with & < > \" ' ../" bash -c "
	pdftotext -enc UTF-8 '$tmp/l/certificates/$longid.pdf' - | tr '\n' ' ' | tr -s ' ' |
		grep -qF -- \"\$(cat <<'NAME'
$long
NAME
)\""
expect "long name: every word inside the name's box, no other text in it" \
	python3 - "$tmp/l/certificates/$longid.pdf" "$template" "$long" <<'EOF'
import html, re, subprocess, sys
import xml.etree.ElementTree as ET
pdf, template, name = sys.argv[1:4]
root = ET.parse(template).getroot()
def pt(v):
    v = v.strip()
    for unit, k in (('mm', 72 / 25.4), ('cm', 72 / 2.54), ('in', 72.0), ('pt', 1.0)):
        if v.endswith(unit):
            return float(v[:-len(unit)]) * k
    return float(v)
page = root.find('page')
margin = pt(page.get('margin', '20')) if page is not None else 20
box = next(t for t in root.iter('text') if t.get('id') == 'name')
x0 = margin + pt(box.get('x', '0'))
y0 = margin + pt(box.get('y'))
x1 = x0 + pt(box.get('w'))
y1 = y0 + pt(box.get('h'))
out = subprocess.run(['pdftotext', '-bbox', pdf, '-'], capture_output=True, text=True).stdout
words = [(float(a), float(b), float(c), float(d), html.unescape(w)) for a, b, c, d, w in
         re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', out)]
tol = 1.5
inside = [w for w in words if w[0] >= x0 - tol and w[2] <= x1 + tol and w[1] >= y0 - tol and w[3] <= y1 + tol]
touching = [w for w in words if w[0] < x1 and w[2] > x0 and w[1] < y1 and w[3] > y0]
got = ' '.join(w[4] for w in inside)
if got != ' '.join(name.split()):
    sys.exit('inside the box (%g %g %g %g): %r' % (x0, y0, x1, y1, got))
if len(touching) != len(inside):
    sys.exit('text crossing the box: %r' % [w for w in touching if w not in inside])
EOF
expect "long name: QR code decodes" bash -c "
	pdftoppm -r 200 -png -singlefile '$tmp/l/certificates/$longid.pdf' '$tmp/lqr' &&
	zbarimg -q --raw '$tmp/lqr.png' | grep -qx \"P2HAM/2019/$longid/[0-9A-F]\\{10\\}\""
expect "long name: certificates.pdf has its page" bash -c "
	pdfinfo '$tmp/l/certificates.pdf' | grep -q '^Pages: *1\$' && qpdf --check '$tmp/l/certificates.pdf' >/dev/null"

# ---- a 230-character name: at most three balanced lines ----

long230='Lembaga Pemasyarakatan Perempuan Kelas IIA Tangerang bersama Balai Pemasyarakatan dan Rumah Penyimpanan Benda Sitaan Negara Kelas I Tangerang (Unit Pelayanan Terpadu Satu Atap Hak Asasi Manusia untuk Warga Binaan dan Keluarganya)'
[ ${#long230} -ge 225 ] || { echo "test name is ${#long230} characters"; exit 2; }
python3 - "$long230" "$tmp/long230.csv" <<'EOF'
import csv, sys
name, path = sys.argv[1], sys.argv[2]
with open(path, 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['kanwil', 'unit', 'kode', 'nilai'])
    for it in ['A.%02d' % i for i in range(1, 12)] + ['A.21', 'A.22', 'A.23', 'A.24', 'B.01']:
        w.writerow(['Kanwil Kemenkumham Banten', name, it, 'Ada'])
    for it in ['C.01', 'C.02', 'C.03', 'C.04']:
        w.writerow(['Kanwil Kemenkumham Banten', name, it, 'Patuh'])
    w.writerow(['Kanwil Kemenkumham Banten', name, 'G.01', 'Tidak'])
EOF
(cd "$tmp" && "$P2HAM" build -q -o "$tmp/l230" --date 2019-12-10 long230.csv) 2>/dev/null
expect "230-character name: three lines of even width, none nearly empty" \
	python3 - "$tmp/l230/certificates.pdf" "$long230" <<'EOF'
import html, re, subprocess, sys
pdf, name = sys.argv[1:3]
out = subprocess.run(['pdftotext', '-bbox', pdf, '-'], capture_output=True, text=True).stdout
words = [(float(a), float(b), float(c), float(d), html.unescape(w)) for a, b, c, d, w in
         re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', out)]
want = name.split()
for i in range(len(words)):
    if [w[4] for w in words[i:i + len(want)]] == want:
        mine = words[i:i + len(want)]
        break
else:
    sys.exit('name not found in order')
lines = {}
for w in mine:
    lines.setdefault(round(w[1]), []).append(w)
widths = [max(w[2] for w in l) - min(w[0] for w in l) for l in lines.values()]
if len(widths) > 3:
    sys.exit('%d lines' % len(widths))
if min(widths) < 0.6 * max(widths):
    sys.exit('unbalanced lines: %s' % widths)
EOF

# ---- refused templates: exit 2, file:line, nothing written ----

refused() {
	local name=$1 body=$2 want=$3
	printf '%s' "$body" >"$tmp/bad-$name.xml"
	rm -rf "$tmp/bad-out"
	(cd "$root" && "$P2HAM" build -q -o "$tmp/bad-out" -t "$tmp/bad-$name.xml" --date 2019-12-10 samples/*.csv) 2>"$tmp/bad.err"
	local st=$?
	[ $st -eq 2 ] || { echo "exit $st"; cat "$tmp/bad.err"; return 1; }
	grep -qF -- "$tmp/bad-$name.xml:$want" "$tmp/bad.err" || { echo "want $want"; cat "$tmp/bad.err"; return 1; }
	test ! -e "$tmp/bad-out/summary.xml" && test ! -e "$tmp/bad-out/certificates"
}
expect "template with a DOCTYPE: refused, file:line" refused doctype \
	$'<?xml version="1.0"?>\n<!DOCTYPE c [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<certificate>&x;</certificate>\n' \
	"2: error: DOCTYPE and entity declarations are not allowed"
expect "template with an unknown placeholder: refused, file:line" refused placeholder \
	"$(sed 's/{unit}/{nama}/' "$template")" \
	"$(grep -n '{unit}' "$template" | head -1 | cut -d: -f1): error: text '{nama}': unknown placeholder '{nama}'"
expect "template with a missing image: refused, file:line" refused image \
	"$(sed 's|^  <seal |  <image src="logo.png" x="10" y="10" w="20" h="20"/>\n  <seal |' "$template")" \
	"$(grep -n '^  <seal ' "$template" | cut -d: -f1): error: cannot read image 'logo.png'"

# A template in another folder, with its own PNG beside it.
mkdir -p "$tmp/office"
python3 - "$tmp/office/logo.png" <<'EOF'
import struct, sys, zlib
w = h = 8
raw = b''.join(b'\x00' + b'\x1e\x2f\x4d' * w for _ in range(h))
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)) + \
      chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b'')
open(sys.argv[1], 'wb').write(png)
EOF
sed 's|^  <seal |  <image src="logo.png" x="375" y="6" w="52" h="34"/>\n  <seal |' "$template" >"$tmp/office/certificate.xml"
(cd "$root" && "$P2HAM" build -q -o "$tmp/img" -t "$tmp/office/certificate.xml" --date 2019-12-10 samples/*.csv) 2>/dev/null
expect "template with a logo beside it: certificates with the image" bash -c "
	f=\$(ls '$tmp/img/certificates/'*.pdf | head -1) && pdfimages -list \"\$f\" | grep -q ' rgb '"

echo "certificates: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
