#!/usr/bin/env bash
# Hostile inputs: each case feeds the real binary something made to crash it,
# hang it, lose a row, escape its output folder or read what it should not,
# and checks the exit status and the diagnostic. $P2HAM is the binary under
# test. HOSTILE_BIG=1 adds the 1 GiB inputs and prints the peak memory of
# the big runs; HOSTILE_ONLY=TEXT runs only the cases whose names hold TEXT.
. "$(dirname "$0")/lib.sh"
BIG=${HOSTILE_BIG:-0}
export P2HAM_DATA=$root
# A sanitizer build: fontconfig's fonts are not leaks (tests/lsan.supp).
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/lsan.supp:print_suppressions=0}
# Another user runs some cases; the unwritable folders need chmod to go.
chmod 755 "$tmp"
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

# t NAME FUNCTION: run a case in its own folder $w; it fails by returning 1
# after saying why.
t() {
	local name=$1; shift
	case "$name" in *${HOSTILE_ONLY:-}*) ;; *) return 0 ;; esac
	w=$tmp/$(echo "$name" | tr -c 'a-zA-Z0-9\n' '-')
	mkdir -p "$w"
	if (cd "$w" && "$@") >"$w/.log" 2>&1; then
		ok "$name"
	else
		bad "$name"
		sed 's/^/    /' "$w/.log" | tail -20
	fi
	rm -rf "$w"
}

# p2 ARGS...: run the binary in the current folder with a time limit; sets
# $rc, leaves stdout, stderr and GNU time's figures in the files stdout, err
# and rss (its last two lines: user and system CPU seconds, then the peak
# RSS in KiB). Exit 137 means the time limit (SIGKILL) was hit: a hang.
# Without GNU time the run still happens, and the checks on memory and CPU
# time fail.
TIME_LIMIT=${HOSTILE_TIME_LIMIT:-120}
p2() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%U %S\n%M' -o rss timeout -s KILL "$TIME_LIMIT" "$P2HAM" "$@" >stdout 2>err
		rc=$?
	else
		timeout -s KILL "$TIME_LIMIT" "$P2HAM" "$@" >stdout 2>err
		rc=$?
		: >rss
	fi
	# GNU time reports a killed child as "Command terminated by signal".
	if grep -q 'terminated by signal' rss 2>/dev/null; then rc=137; fi
	return 0
}
rss_kib() { [ -s rss ] && tail -1 rss || echo 0; }
# cpu_ms: the user and system CPU time of the last p2 run, in milliseconds.
cpu_ms() { tail -2 rss | head -1 | awk 'NF == 2 { printf "%d\n", ($1 + $2) * 1000 }'; }

want_rc() {
	[ "$rc" -eq "$1" ] && return 0
	echo "exit status $rc, expected $1"
	tail -5 err
	return 1
}
want_err() {
	grep -qF -- "$1" err && return 0
	echo "stderr lacks: $1"
	tail -5 err
	return 1
}
want_no_err() {
	grep -qF -- "$1" err stdout || return 0
	echo "stderr or stdout has: $1"
	return 1
}
# Peak RSS below N MiB (fails without GNU time). AddressSanitizer's
# shadow memory and quarantine take about three times as much.
RSS_FACTOR=1
grep -q -a -m1 __asan_init "$P2HAM" && RSS_FACTOR=4
want_rss_below() {
	local kib
	kib=$(rss_kib)
	[ "$kib" -gt 0 ] || { echo "no peak RSS: GNU time (/usr/bin/time) is missing"; return 1; }
	[ "$kib" -lt $(($1 * 1024 * RSS_FACTOR)) ] && return 0
	echo "peak RSS $((kib / 1024)) MiB, bound $(($1 * RSS_FACTOR)) MiB"
	return 1
}
# In big mode, say how much memory a run took.
report_rss() { [ "$BIG" = 1 ] && echo "     $1: peak RSS $(($(rss_kib) / 1024)) MiB" >&3; return 0; }
exec 3>&1
valid_summary() {
	xmllint --noout --schema "$root/templates/summary.xsd" "${1:-o}/summary.xml" 2>&1 | grep -v ' validates$'
	xmllint --noout --schema "$root/templates/summary.xsd" "${1:-o}/summary.xml" >/dev/null 2>&1
}
# The output folder was not even created.
no_output() { [ ! -e "${1:-o}" ] || { echo "${1:-o} was created"; ls -la "${1:-o}"; return 1; }; }

GOOD='Kanwil Banten,Lapas Kelas III Cilegon,lapas,A.01,Ada'
HEADER='kanwil,unit,jenis,kode,nilai'
# The size cases test reading and scoring; rendering has its own cases.
NORENDER='--no-report --no-certificates --no-charts'

# Deterministic bytes: N MiB of pseudo-random data from a fixed seed.
random_mib() {
	python3 -c '
import random, sys
r = random.Random(20191210)
for _ in range(int(sys.argv[1])):
    sys.stdout.buffer.write(r.randbytes(1 << 20))' "$1"
}

# N valid layout A rows over U units of type lapas, every item answered in
# turn with a level of its scale, read from the rubric.
valid_rows() {
	python3 - "$root/templates/rubric.xml" "$1" "$2" <<'EOF'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
first = {s.get("id"): s.find("level").get("label") for s in root.iter("scale")}
lapas = next(t for t in root.iter("unit-type") if t.get("id") == "lapas")
items = [(i.get("code"), first[i.get("scale")]) for i in lapas.iter("item")]
n, units = int(sys.argv[2]), int(sys.argv[3])
out = sys.stdout
out.write("kanwil,unit,kode,nilai\n")
buf = []
for i in range(n):
    code, answer = items[i % len(items)]
    buf.append(f"Kanwil Banten,Lapas {(i // len(items)) % units},{code},{answer}\n")
    if len(buf) == 65536:
        out.write("".join(buf)); buf = []
out.write("".join(buf))
EOF
}

# KANWIL NAME...: rows answering every lapas item with its best level for
# each unit NAME, so that every unit is recommended and gets a certificate.
unit_rows() {
	python3 - "$root/templates/rubric.xml" "$@" <<'EOF'
import csv, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
best = {s.get("id"): max(s.iter("level"), key=lambda l: float(l.get("value"))).get("label")
        for s in root.iter("scale")}
lapas = next(t for t in root.iter("unit-type") if t.get("id") == "lapas")
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["kanwil", "unit", "jenis", "kode", "nilai"])
for name in sys.argv[3:]:
    for item in lapas.iter("item"):
        answer = best[item.get("scale")]
        if item.get("gate") == answer:  # a gate passes on any other level
            answer = next(l.get("label") for s in root.iter("scale")
                          if s.get("id") == item.get("scale")
                          for l in s.iter("level") if l.get("label") != answer)
        w.writerow([sys.argv[2], name, "lapas", item.get("code"), answer])
EOF
}

# Rows whose unit names are N distinct words of Cyrillic letters only: every
# name gives the id "unit", and ids must still come out unique and fast.
cyrillic_units() {
	python3 - "$1" <<'EOF'
import sys
alpha = "абвгдежзийклмнопрстуфхцчшщъыьэюя"
out = sys.stdout
out.write("kanwil,unit,jenis,kode,nilai\n")
for i in range(int(sys.argv[1])):
    s, n = "", i
    while True:
        s, n = alpha[n % 32] + s, n // 32
        if n == 0:
            break
    out.write(f"K,{s},lapas,A.01,Ada\n")
EOF
}

# ---- unit names: paths, markup, control characters --------------------------

case_traversal() {
	mkdir -p a/b
	unit_rows '../../k' '../../x' '/etc/x' '..' '...' '.' 'ÄÖÜ' '日本語' '../../../tmp/evil' \
		'C:\Windows\x' 'Lapas ~/.ssh/id' '-rf' >a/b/in.csv
	touch stamp
	sleep 1
	cd a/b && p2 build -o o --date 2019-12-10 in.csv
	want_rc 0 || return 1
	valid_summary || return 1
	cd ../..
	# Only the output folder got new files, every one named by ids only.
	find . -newer stamp ! -type d ! -path './a/b/o/*' ! -path ./a/b/stdout ! -path ./a/b/err \
		! -path ./a/b/rss | grep . && { echo "files written outside the output folder"; return 1; }
	(cd a/b/o && find . ! -type d) | grep -v -E '^\./[a-z0-9./-]+$' &&
		{ echo "an output name is not made of ids"; return 1; }
	python3 - a/b/o/summary.xml <<'EOF'
import re, sys, xml.etree.ElementTree as ET
ns = {"s": "urn:p2ham:summary:1"}
ids = [u.get("id") for u in ET.parse(sys.argv[1]).getroot().findall("s:unit", ns)]
assert len(ids) == 11 and len(set(ids)) == 11, ids
assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids), ids
assert {"x", "etc-x", "unit", "unit-2"} <= set(ids), ids
EOF
}

case_markup() {
	local names=('<b>bold</b> & <i>x</i>' '<span foreground="red">Lapas X</span>' \
		     ']]><!-- x -->' "Lapas \"q\" 'a' &amp; &lt;" 'Lapas <![CDATA[x]]>' \
		     'Lapas &#0; &#x1F600; <?pi?>')
	unit_rows 'Kanwil <b>&amp;</b>' "${names[@]}" >in.csv
	echo 'Kanwil <b>&amp;</b>,"<b>bad</b>",lapas,A.01,<i>Adaa</i>' >>in.csv
	p2 build -o o --date 2019-12-10 in.csv
	want_rc 1 || return 1
	want_err "in.csv:$(wc -l <in.csv): error: unknown answer '<i>Adaa</i>' for A.01 (Ada, Proses, Tidak)" ||
		return 1
	valid_summary || return 1
	python3 - o/summary.xml "${names[@]}" <<'EOF'
import sys, xml.etree.ElementTree as ET
ns = {"s": "urn:p2ham:summary:1"}
root = ET.parse(sys.argv[1]).getroot()
names = [u.get("name") for u in root.findall("s:unit", ns)]
assert sorted(names) == sorted(sys.argv[2:]), names
assert root.find("s:region", ns).get("kanwil") == "Kanwil <b>&amp;</b>"
assert root.find("s:rejected", ns).text == 'Kanwil <b>&amp;</b>,"<b>bad</b>",lapas,A.01,<i>Adaa</i>'
EOF
	[ $? -eq 0 ] || return 1
	# Rendered, the names must come out as text, never as markup.
	local pdf
	for pdf in o/report.pdf o/certificates.pdf; do
		[ -f "$pdf" ] && command -v pdftotext >/dev/null || continue
		pdftotext "$pdf" - | grep -qF '<b>bold</b> & <i>x</i>' ||
			{ echo "$pdf does not show the name as written"; return 1; }
	done
}

case_diag_injection() {
	printf '%s\n"Xapas\n/etc/passwd:1: error: forged \033[31mred\302\233",A.01,Ada\n' \
		'unit,kode,nilai' >in.csv
	p2 check --kanwil K in.csv
	want_rc 1 || return 1
	want_err "in.csv:2: error: cannot tell the unit type of 'Xapas\\n/etc/passwd:1: error: forged \\x1B[31mred\\u009B'" || return 1
	# One line per diagnostic, no raw control character.
	[ "$(grep -c 'error:' err)" -eq 1 ] || { echo "a diagnostic spans lines"; cat err; return 1; }
	! LC_ALL=C grep -q $'[\033\r]' err || { echo "raw control characters on stderr"; return 1; }
}

case_long_reason() {
	{ echo "$HEADER"; printf 'K,Lapas A,lapas,A.01,'; head -c 60000 /dev/zero | tr '\0' y; echo; } >in.csv
	p2 build -o o --date 2019-12-10 in.csv
	want_rc 1 || return 1
	want_err "in.csv:2: error: unknown answer 'yyyy" || return 1
	# The reason quotes 100 bytes of the cell, not 60,000.
	[ "$(wc -c <err)" -lt 1000 ] || { echo "diagnostic of $(wc -c <err) bytes"; return 1; }
	grep -q 'reason="unknown answer .y\{100\}\.\.\.. for A\.01 (Ada, Proses, Tidak)' o/summary.xml ||
		{ echo "reason in summary.xml not cut"; return 1; }
}

# ---- spreadsheet formulas ------------------------------------------------------

# No cell of a CSV the program writes starts like a formula (SPEC 6 Tables):
# text from --unit, --kanwil and the rubric that would gets a leading "'".
# The cells given must be there.
no_formula_cells() {
	python3 - stdout "$@" <<'EOF'
import csv, io, sys
text = open(sys.argv[1], "rb").read().decode("utf-8-sig")
rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
cells = [c for r in rows for c in r]
bad = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
assert not bad, f"cells that start like a formula: {bad}"
for want in sys.argv[2:]:
    assert want in cells, f"no cell {want!r}"
EOF
}

case_form_formula() {
	p2 form --type lapas --unit '=HYPERLINK("http://x","y")' --kanwil '@SUM(1+1)'
	want_rc 0 || return 1
	grep -qF "'=HYPERLINK" stdout || { echo "no '=HYPERLINK in the form"; return 1; }
	no_formula_cells "'=HYPERLINK(\"http://x\",\"y\")" "'@SUM(1+1)" || return 1
	p2 form --type lapas --unit "$(printf '\t=1+1')" --kanwil '+62 21 555' --out f.csv
	want_rc 0 && cp f.csv stdout && no_formula_cells "'$(printf '\t')=1+1" "'+62 21 555" ||
		return 1
	# The rubric is a user's file too: an item's text, an answer label.
	python3 - "$root/templates/rubric.xml" <<'EOF'
import sys
src = open(sys.argv[1], encoding="utf-8").read()
src = src.replace(">Maklumat pelayanan</item>", ">=cmd|' /C calc'!A0</item>")
src = src.replace('label="Proses"', 'label="-Proses"')
open("evil.xml", "w", encoding="utf-8").write(src)
EOF
	p2 form -r evil.xml --type lapas --unit 'Lapas A'
	want_rc 0 && no_formula_cells "'=cmd|' /C calc'!A0" "'-Proses"
}

# ---- bytes that are not text -------------------------------------------------

case_nul_row() {
	printf '%s\n%s\nK,Lapas B,lapas,A.01,A\000da\n%s\n' "$HEADER" "$GOOD" \
		'K,Lapas C,lapas,A.01,Ada' >in.csv
	p2 build -o o --date 2019-12-10 in.csv
	want_rc 1 || return 1
	want_err "in.csv:3: error: the record contains a NUL byte" || return 1
	want_err "3 rows read, 2 accepted, 1 rejected" || return 1
	valid_summary && grep -q '<rejected source="in.csv" line="3"' o/summary.xml
}

case_nul_header() {
	printf 'unit,kode\000,nilai\n%s\n' 'Lapas A,A.01,Ada' >in.csv
	p2 build -o o --date 2019-12-10 --kanwil K in.csv
	want_rc 2 || return 1
	want_err "in.csv:1: error: not a p2ham input" && no_output
}

case_bad_utf8_forced() {
	printf '%s\n%s\nK,Lapas \377\376,lapas,A.01,Ada\n' "$HEADER" "$GOOD" >in.csv
	p2 build -o o --date 2019-12-10 --encoding UTF-8 in.csv
	want_rc 1 || return 1
	want_err "in.csv:3: error: the record is not valid UTF-8" || return 1
	valid_summary && grep -q "line=\"3\".*>K,Lapas $(printf '\357\277\275')" o/summary.xml
}

case_bad_utf8_sniffed() {
	printf '%s\n%s\nK,Lapas \377\376,lapas,A.01,Ada\n' "$HEADER" "$GOOD" >in.csv
	p2 build -o o --date 2019-12-10 in.csv
	want_rc 0 || return 1
	want_err "in.csv:1: warning: not valid UTF-8; read as Windows-1252" && valid_summary
}

case_bad_utf8_args() {
	printf '%s\n%s\n' 'unit,kode,nilai' 'Lapas A,A.01,Ada' >"$(printf 'in-\377.csv')"
	p2 build -o o --date 2019-12-10 --kanwil "$(printf 'K\360')" in-*.csv
	want_rc 2 || return 1
	want_err "p2ham: error: --kanwil is not valid UTF-8" && no_output || return 1
	# The blank form would carry them into a UTF-8 file.
	p2 form --type lapas --unit "$(printf 'L\360x')"
	want_rc 2 && want_err "p2ham: error: --unit is not valid UTF-8" || return 1
	[ ! -s stdout ] || { echo "a form was printed"; return 1; }
	p2 form --type lapas --kanwil "$(printf 'K\360')"
	want_rc 2 && want_err "p2ham: error: --kanwil is not valid UTF-8" || return 1
	# A file name that is not UTF-8 still gives well-formed XML.
	p2 build -o o --date 2019-12-10 --kanwil K in-*.csv
	want_rc 0 && valid_summary
}

case_random_bytes() {
	local mib=$1
	random_mib "$mib" >in.bin
	p2 build -o o --date 2019-12-10 in.bin
	want_rc 2 || return 1
	want_err "in.bin:1: error: not a p2ham input" && no_output || return 1
	report_rss "$mib MiB of random bytes"
	want_rss_below 64
}

case_garbage_rows() {
	local mib=$1
	{ echo "$HEADER"; random_mib "$mib"; } >in.csv
	p2 build -o o --date 2019-12-10 in.csv
	want_rc 2 || return 1
	want_err "error: more than 10000 rows rejected: reading stops" && no_output || return 1
	report_rss "a header and $mib MiB of random bytes"
	want_rss_below 400
}

# ---- size -------------------------------------------------------------------

case_rows_at_limit() {
	valid_rows 1000000 400 >in.csv
	p2 build -q -o o --date 2019-12-10 $NORENDER in.csv
	want_rc 0 || return 1
	want_err "1000000 rows read, 1000000 accepted, 0 rejected" && valid_summary || return 1
	report_rss "1,000,000 valid rows (20 MB)"
	want_rss_below 300
}

case_rows_over_limit() {
	local mib=$1 rows
	rows=$((mib * 1024 * 1024 / 20))
	valid_rows "$rows" 400 2>/dev/null | head -c $((mib * 1024 * 1024)) >in.csv
	p2 build -q -o o --date 2019-12-10 $NORENDER in.csv
	want_rc 2 || return 1
	want_err "in.csv:1000002: error: more than 1000000 data rows: reading stops" || return 1
	want_err "1000000 rows read, 1000000 accepted, 0 rejected" && no_output || return 1
	report_rss "$mib MiB of valid rows"
	want_rss_below 300
}

case_long_line() {
	{ echo "$HEADER"; head -c $((100 << 20)) /dev/zero | tr '\0' x; } >in.csv
	p2 build -o o --date 2019-12-10 in.csv
	want_rc 1 || return 1
	want_err "in.csv:2: error: field longer than 64 KiB" && valid_summary || return 1
	grep -q '<rejected source="in.csv" line="2" reason="field longer than 64 KiB" truncated="true">' \
		o/summary.xml || { echo "rejected row not kept"; return 1; }
	report_rss "a 100 MiB line without a newline, everything rendered"
	want_rss_below 64
}

case_long_line_fields() {
	{ echo "$HEADER"; head -c $((50 << 20)) /dev/zero | tr '\0' ','; } >in.csv
	p2 build -o o --date 2019-12-10 in.csv
	want_rc 1 || return 1
	want_err "in.csv:2: error: record too long" || return 1
	want_rss_below 64
}

case_long_line_quote() {
	{ echo "$HEADER"; echo "$GOOD"; printf '"'; head -c $((100 << 20)) /dev/zero | tr '\0' x;
	  printf '\n%s\n' 'K,Lapas B,lapas,A.01,Ada'; } >in.csv
	p2 build -o o --date 2019-12-10 in.csv
	want_rc 1 || return 1
	want_err "in.csv:3: error: unterminated quoted field" || return 1
	want_err "3 rows read, 2 accepted, 1 rejected" || return 1
	want_rss_below 64
}

case_long_line_only() {
	head -c $((100 << 20)) /dev/zero | tr '\0' x >in.csv
	p2 build -o o --date 2019-12-10 --kanwil K in.csv
	want_rc 2 || return 1
	want_err "in.csv:1: error: not a p2ham input" && no_output && want_rss_below 64
}

case_units_over_limit() {
	cyrillic_units 1000000 >in.csv
	p2 build -q -o o --date 2019-12-10 in.csv
	want_rc 2 || return 1
	want_err "in.csv:20002: error: more than 20000 units: reading stops" && no_output || return 1
	report_rss "1,000,000 distinct units"
	want_rss_below 300
}

case_units_many() {
	local n=$1
	cyrillic_units "$n" >in.csv
	p2 build -q -o o --date 2019-12-10 $NORENDER in.csv
	want_rc 0 || return 1
	want_err "$n rows read, $n accepted, 0 rejected" || return 1
	[ "$(grep -c '<unit ' o/summary.xml)" -eq "$n" ] || { echo "units missing"; return 1; }
	grep -q "<unit id=\"unit-$n\"" o/summary.xml || { echo "ids not unique"; return 1; }
	report_rss "$n distinct units, all with the id 'unit'"
}

case_unterminated_then_many() {
	{ echo 'kanwil,unit,kode,nilai'; echo 'K,"unterminated,A.01,Ada'
	  valid_rows 200000 100 | tail -n +2; } >in.csv
	p2 build -q -o o --date 2019-12-10 $NORENDER in.csv
	want_rc 1 || return 1
	want_err "in.csv:2: error: unterminated quoted field" || return 1
	want_err "200001 rows read, 200000 accepted, 1 rejected"
}

# ---- XML inputs ----------------------------------------------------------------

LAUGHS='<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>'
XXE='<!DOCTYPE x [ <!ENTITY e SYSTEM "file:///etc/passwd"> ]>'
XXE_PARAM='<!DOCTYPE x [ <!ENTITY % p SYSTEM "file:///etc/passwd"> %p; ]>'
XXE_DTD='<!DOCTYPE x SYSTEM "http://127.0.0.1:9/evil.dtd">'

# An XML input with a DOCTYPE: refused before any entity is read or expanded.
xml_refused() {
	local opt=$1 root_el=$2 dtd=$3 body=$4
	printf '<?xml version="1.0"?>\n%s\n<%s>%s</%s>\n' "$dtd" "$root_el" "$body" \
		"${root_el%% *}" >evil.xml
	echo "$HEADER" >in.csv && echo "$GOOD" >>in.csv
	p2 build -o o --date 2019-12-10 "$opt" evil.xml in.csv
	want_rc 2 || return 1
	want_err "evil.xml:2: error: DOCTYPE and entity declarations are not allowed" || return 1
	want_no_err "root:" && no_output && want_rss_below 64
}

RUBRIC_ROOT='rubric id="r" version="1" title="&lol9;"'
SUMMARY_ROOT='p2ham-summary xmlns="urn:p2ham:summary:1" version="1"'

case_xml_rubric() {
	xml_refused -r "$RUBRIC_ROOT" "$LAUGHS" '&lol9;' &&
	xml_refused -r rubric "$XXE" '&e;' &&
	xml_refused -r rubric "$XXE_PARAM" '' &&
	xml_refused -r rubric "$XXE_DTD" ''
}

case_xml_previous() {
	xml_refused --previous "$SUMMARY_ROOT" "$LAUGHS" '<unit id="x" name="&lol9;" total="1" recommendation="retained"/>' &&
	xml_refused --previous "$SUMMARY_ROOT" "$XXE" '<unit id="x" name="&e;" total="1" recommendation="retained"/>' &&
	xml_refused --previous "$SUMMARY_ROOT" "$XXE_PARAM" '' &&
	xml_refused --previous "$SUMMARY_ROOT" "$XXE_DTD" ''
}

# The certificate template.
case_xml_template() {
	xml_refused -t certificate "$LAUGHS" '&lol9;' &&
	xml_refused -t certificate "$XXE" '&e;' &&
	xml_refused -t certificate "$XXE_PARAM" '' &&
	xml_refused -t certificate "$XXE_DTD" ''
}

# Images of the template: only regular files inside its folder, and a
# FIFO there must not block the run.
case_template_images() {
	local src want
	mkdir tpl && mkfifo tpl/fifo.png && ln -s /etc/passwd tpl/passwd.png
	echo "$HEADER" >in.csv && echo "$GOOD" >>in.csv
	for src in /etc/passwd ../../../../../etc/passwd fifo.png passwd.png; do
		sed "s|<text y=\"140\"|<image src=\"$src\" x=\"366\" y=\"34\" w=\"70\" h=\"70\"/><text y=\"140\"|" \
			"$root/templates/certificate.xml" >tpl/certificate.xml
		grep -q "<image src=\"$src\"" tpl/certificate.xml || { echo "the image was not put in"; return 1; }
		case $src in
		fifo.png) want="image '$src' is not a file" ;;
		passwd.png) want="image '$src' is not a readable PNG file" ;;
		*) want="image '$src' must be a path inside the template's folder" ;;
		esac
		p2 build -o o --date 2019-12-10 -t tpl/certificate.xml in.csv
		want_rc 2 && want_err "tpl/certificate.xml:" && want_err "$want" &&
			want_no_err "root:" && no_output || return 1
	done
}

# Every diagnostic in compiler form, even for errors libxml2 meets while
# converting an encoding (it would print those itself).
case_xml_encoding() {
	local opt
	printf '<?xml version="1.0" encoding="ISO-2022-JP"?>\n<x id="\377\377\377\377">\n' >enc.xml
	echo "$HEADER" >in.csv && echo "$GOOD" >>in.csv
	for opt in -r --previous -t; do
		p2 build -o o --date 2019-12-10 "$opt" enc.xml in.csv
		want_rc 2 && want_err "enc.xml:" && no_output || return 1
		grep -v -E '^enc\.xml(:[0-9]+)?: error: |^[0-9]+ rows read, ' err &&
			{ echo "$opt: a diagnostic not in compiler form"; return 1; }
	done
	return 0
}

case_xinclude() {
	sed 's|<award |<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd" parse="text"/><award |' \
		"$root/templates/rubric.xml" >evil.xml
	echo "$HEADER" >in.csv && echo "$GOOD" >>in.csv
	p2 build -o o --date 2019-12-10 -r evil.xml in.csv
	want_rc 2 || return 1
	want_err "error: unknown element 'include'" && want_no_err "root:" && no_output
}

case_xml_deep() {
	python3 -c '
import sys
sys.stdout.write("<rubric id=\"r\" version=\"1\" title=\"t\">" + "<a>" * 100000 + "</a>" * 100000 + "</rubric>")' >deep.xml
	echo "$HEADER" >in.csv && echo "$GOOD" >>in.csv
	p2 build -o o --date 2019-12-10 -r deep.xml in.csv
	want_rc 2 && want_err "deep.xml:1: error: " && no_output
}

case_rubric_huge_lists() {
	python3 - "$root/templates/rubric.xml" <<'EOF'
import re, sys
src = open(sys.argv[1]).read()
aliases = ";".join(f"a{i}" for i in range(140000))   # 970 KB, within 1 MiB
src = src.replace('aliases="ya;tersedia;sudah"', 'aliases="ya;tersedia;sudah;' + aliases + '"', 1)
decl = "".join(f'<principle id="p{i}" label="P{i}"/>' for i in range(50000))
src = src.replace('<aspect id="A"', decl + '<aspect id="A"', 1)
src = re.sub(r'(<item code="A.01"[^>]*principles=")',
             lambda m: m.group(1) + " ".join(f"p{i}" for i in range(50000)) + " ", src, count=1)
grades = "".join(f'<grade min="{i / 2000:.4f}" label="G{i}"/>' for i in range(1, 100000))
src = src.replace('<grade min="0" label="Kurang"/>', '<grade min="0" label="Kurang"/>' + grades, 1)
open("big.xml", "w").write(src)
EOF
	{ echo "$HEADER"; for i in $(seq 1 5); do echo "K,Lapas $i,lapas,A.01,a139999"; done; } >in.csv
	p2 build -q -o o --date 2019-12-10 -r big.xml in.csv
	want_rc 0 && want_err "5 rows read, 5 accepted, 0 rejected"
}

# SPEC 8.20: an XML input with a value or text over 1 MiB, or a tree over
# 64 MiB plus 20 times the file's size, is refused as soon as the parser
# meets it: exit 2 in well under a second, in little memory (a 5 MB
# attribute in the template took 48 s and 826 MiB when it was read whole
# and drawn). The peak memory is the point: these fail without GNU time.
# xml_big OPTION FILE MESSAGE MAX_MS MAX_MIB
xml_big() {
	local ms
	[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) is missing"; return 1; }
	echo "$HEADER" >in.csv && echo "$GOOD" >>in.csv
	p2 build -o o --date 2019-12-10 "$1" "$2" in.csv
	want_rc 2 && want_err "$2:" && want_err "error: $3" && no_output || return 1
	# CPU time, not wall time: the bound holds on a loaded machine too.
	ms=$(cpu_ms)
	[ -n "$ms" ] && [ "$ms" -lt "$4" ] || { echo "took ${ms:-an unknown number of} ms of CPU time"; return 1; }
	report_rss "$2: $3"
	want_rss_below "$5"
}

# big_xml SRC OLD NEW OUT: SRC with the first OLD replaced by NEW, where
# NEW's "{BIG}" stands for 5,000,000 x.
big_xml() {
	python3 - "$@" <<'EOF'
import sys
src, old, new, out = sys.argv[1:]
text = open(src, encoding="utf-8").read()
assert old in text, old
open(out, "w", encoding="utf-8").write(text.replace(old, new.replace("{BIG}", "x" * 5000000), 1))
EOF
}

case_xml_template_5mb_attribute() {
	big_xml "$root/templates/certificate.xml" 'content="' 'content="{BIG}' certificate.xml
	xml_big -t certificate.xml \
		"attribute 'content' is longer than 1 MiB, the limit for XML inputs" 1000 100
}

case_xml_rubric_5mb_title() {
	big_xml "$root/templates/rubric.xml" '<rubric id="permenkumham-27-2018" version="2" title="' \
		'<rubric id="permenkumham-27-2018" version="2" title="{BIG}' rubric.xml
	xml_big -r rubric.xml \
		"attribute 'title' is longer than 1 MiB, the limit for XML inputs" 1000 100
}

case_xml_rubric_5mb_text() {
	big_xml "$root/templates/rubric.xml" '>Maklumat pelayanan<' '>{BIG}<' rubric.xml
	xml_big -r rubric.xml "a text is longer than 1 MiB, the limit for XML inputs" 1000 100
}

# Past libxml2's own limit (10 MB), the same message.
case_xml_previous_12mb_attribute() {
	python3 -c '
import sys
sys.stdout.write("<p2ham-summary xmlns=\"urn:p2ham:summary:1\" version=\"1\">\n<unit id=\"x\" name=\""
                 + "x" * 12000000 + "\" total=\"1\" recommendation=\"retained\"/>\n</p2ham-summary>\n")' >prev.xml
	xml_big --previous prev.xml "an attribute is longer than 1 MiB, the limit for XML inputs" 1000 100
}

# Values all small, but 3,000,000 elements in 12 MB: the tree would need
# about 400 MiB; the bound is 64 MiB + 20 x 12 MB.
case_xml_many_nodes() {
	python3 -c '
import sys
sys.stdout.write("<rubric id=\"r\" version=\"1\" title=\"t\">" + "<a/>" * 3000000 + "</rubric>")' >many.xml
	xml_big -r many.xml \
		"the document needs more than 64 MiB plus 20 times its size in memory, the limit for XML inputs" \
		10000 400
}

# ---- files that cannot be read, folders that cannot be written ----------------

as_nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
}

case_unreadable() {
	echo "$HEADER" >in.csv && echo "$GOOD" >>in.csv
	mkdir adir && mkfifo fifo
	p2 build -o o --date 2019-12-10 adir
	want_rc 2 && want_err "adir: error: cannot read: Is a directory" && no_output || return 1
	p2 build -o o --date 2019-12-10 fifo
	want_rc 2 && want_err "fifo: error: cannot read: not a regular file" && no_output || return 1
	p2 build -o o --date 2019-12-10 /dev/zero
	want_rc 2 && want_err "/dev/zero: error: cannot read: not a regular file" && no_output || return 1
	p2 build -o o --date 2019-12-10 in.csv nothere.csv
	want_rc 2 && want_err "nothere.csv: error: cannot open: No such file or directory" &&
		no_output || return 1
	p2 build -o o --date 2019-12-10 --previous fifo in.csv
	want_rc 2 && want_err "fifo: error: cannot read: not a regular file" && no_output || return 1
	p2 build -o o --date 2019-12-10 -r /dev/zero in.csv
	want_rc 2 && want_err "/dev/zero: error: cannot read: not a regular file" && no_output || return 1
	if [ "$(id -u)" -ne 0 ]; then
		chmod 000 in.csv
		p2 build -o o --date 2019-12-10 in.csv
		chmod 644 in.csv
	elif command -v setpriv >/dev/null; then
		chmod 755 . && chmod 000 in.csv
		rc=$(as_nobody "$P2HAM" build -o "$PWD/o" --date 2019-12-10 "$PWD/in.csv" 2>err; echo $?)
		chmod 644 in.csv
	else
		return 0
	fi
	want_rc 2 && want_err "in.csv: error: cannot open: Permission denied" && no_output
}

case_unwritable() {
	echo "$HEADER" >in.csv && echo "$GOOD" >>in.csv
	p2 build -o /dev/null/out --date 2019-12-10 in.csv
	want_rc 2 && want_err "error: cannot create folder: Not a directory" || return 1
	mkdir -p ro/out && echo "earlier output" >ro/out/summary.xml
	chmod 555 ro/out
	if [ "$(id -u)" -ne 0 ]; then
		p2 build -o ro/out --date 2019-12-10 in.csv
	elif command -v setpriv >/dev/null; then
		chmod 755 . && chmod 644 in.csv
		rc=$(as_nobody "$P2HAM" build -o "$PWD/ro/out" --date 2019-12-10 "$PWD/in.csv" \
			2>err; echo $?)
	else
		return 0
	fi
	want_rc 2 && want_err "ro/out: error: cannot create the lock file .p2ham.lock: Permission denied" ||
		return 1
	[ "$(cat ro/out/summary.xml)" = "earlier output" ] || { echo "earlier output changed"; return 1; }
	[ "$(ls -A ro/out)" = summary.xml ] || { echo "something was left in ro/out"; ls -A ro/out; }
}

# Earlier outputs in o/: the summary and a certificate of a unit that is
# still recommended, so this run would replace both.
earlier_outputs() {
	mkdir -p o/certificates
	echo "earlier output" >o/summary.xml
	echo "earlier certificate" >o/certificates/lapas-1.pdf
}
earlier_intact() {
	[ "$(cat o/summary.xml)" = "earlier output" ] &&
	[ "$(cat o/certificates/lapas-1.pdf)" = "earlier certificate" ] && return 0
	echo "earlier outputs changed"
	return 1
}
# Every file in o/ is an earlier output, a temporary file or the folder's
# lock file: nothing is half-written under a final name.
only_earlier_or_temp() {
	find o -type f ! -name '.*.tmp-*' | sort | grep -v -x -e o/summary.xml \
		-e o/certificates/lapas-1.pdf -e o/.p2ham.lock &&
		{ echo "a new file under a final name"; return 1; }
	return 0
}

case_disk_full() {
	# 1 MiB per file: the summary of 4,000 units cannot be written.
	valid_rows 100000 4000 >in.csv
	earlier_outputs
	rc=$( (ulimit -f 1024; exec "$P2HAM" build -q -o o --date 2019-12-10 $NORENDER in.csv \
		2>err); echo $?)
	want_rc 2 || return 1
	want_err "o/summary.xml: error: cannot write: File too large" || return 1
	earlier_intact || return 1
	[ -z "$(find o -name '.*.tmp-*')" ] || { echo "temporary files left behind"; return 1; }
	# 32 KiB per file, everything rendered: the PDFs cannot be written.
	unit_rows K 'Lapas 1' 'Lapas 2' 'Lapas 3' >in.csv
	rc=$( (ulimit -f 32; exec "$P2HAM" build -q -o o --date 2019-12-10 in.csv 2>err); echo $?)
	want_rc 2 || return 1
	want_err "error: cannot write: File too large" || return 1
	earlier_intact || return 1
	[ -z "$(find o -name '.*.tmp-*')" ] || { echo "temporary files left behind"; return 1; }
}

case_sigkill() {
	local names=() i pid
	for i in $(seq 1 150); do names+=("Lapas $i"); done
	unit_rows K "${names[@]}" >in.csv
	earlier_outputs
	"$P2HAM" build -q -o o --date 2019-12-10 in.csv 2>err &
	pid=$!
	# Kill it as soon as an output is being written.
	for i in $(seq 1 1200); do
		[ -n "$(find o -name '.*.tmp-*' -size +0 2>/dev/null)" ] && break
		sleep 0.05
	done
	kill -KILL "$pid" 2>/dev/null
	wait "$pid"
	rc=$?
	[ "$rc" -eq 137 ] || { echo "the run was not killed while writing (exit $rc)"; return 1; }
	earlier_intact && only_earlier_or_temp || return 1
	# Killed later, while rendering.
	"$P2HAM" build -q -o o --date 2019-12-10 in.csv 2>err &
	pid=$!
	for i in $(seq 1 1200); do
		[ "$(find o -name '.*.tmp-*' 2>/dev/null | wc -l)" -gt 20 ] && break
		sleep 0.05
	done
	kill -KILL "$pid" 2>/dev/null
	wait "$pid"
	earlier_intact && only_earlier_or_temp || return 1
	# The next run writes everything, whole.
	p2 build -q -o o --date 2019-12-10 in.csv
	want_rc 0 && valid_summary
}

# SIGINT, SIGTERM and SIGHUP while rendering: the run ends by that signal,
# says so, and removes its temporary files; earlier outputs stay as they were.
# A background job of a script starts with SIGINT ignored, hence env
# --default-signal. A signal the run starts with ignored, as under nohup,
# does not stop it.
wait_for_temp_files() {
	local i
	for i in $(seq 1 1200); do
		[ "$(find o -name '.*.tmp-*' 2>/dev/null | wc -l)" -gt 20 ] && return 0
		sleep 0.05
	done
	return 1
}
# signal_build SIG JOBS: a build of in.csv over earlier outputs, sent SIG
# once it has temporary files; it must end by SIG, say so, and leave the
# earlier outputs and no temporary file.
signal_build() {
	local sig=$1 jobs=$2 pid rc code
	earlier_outputs
	env --default-signal=INT,TERM,HUP \
		"$P2HAM" build -q -j "$jobs" -o o --date 2019-12-10 in.csv 2>err &
	pid=$!
	wait_for_temp_files
	kill -"$sig" "$pid" 2>/dev/null
	wait "$pid"
	rc=$?
	code=$((128 + $(kill -l "$sig")))
	[ "$rc" -eq "$code" ] || { echo "SIG$sig, -j $jobs: exit $rc, expected $code"; return 1; }
	want_err "stopped; no output was changed" || return 1
	earlier_intact && only_earlier_or_temp || return 1
	[ -z "$(find o -name '.*.tmp-*')" ] ||
		{ echo "SIG$sig, -j $jobs: temporary files left behind"; return 1; }
}
many_units() {
	local names=() i
	for i in $(seq 1 150); do names+=("Lapas $i"); done
	unit_rows K "${names[@]}" >in.csv
}
case_signals() {
	local sig pid
	many_units
	for sig in INT TERM HUP; do
		signal_build "$sig" 2 || return 1
	done
	earlier_outputs
	env --ignore-signal=HUP "$P2HAM" build -q -j 2 -o o --date 2019-12-10 in.csv 2>err &
	pid=$!
	wait_for_temp_files
	kill -HUP "$pid" 2>/dev/null
	wait "$pid"
	rc=$?
	want_rc 0 && valid_summary || { echo "an ignored SIGHUP stopped the run"; return 1; }
}

# SIGTERM while the calling thread renders everything (-j 1): the signal
# thread still takes it.
case_sigterm_one_job() {
	many_units
	signal_build TERM 1 && want_err "Terminated: stopped"
}

# ---- the output folder: one build at a time, no stale temporary file ------------

# A killed run's temporary files in the folder and the folders directly in
# it go before the build writes (SPEC 8.18); a user's files go nowhere, even
# those that look alike: another pattern, a link or a folder of that name, a
# hidden or deeper folder.
case_stale_temps() {
	local f n=0
	echo "$HEADER" >in.csv && echo "$GOOD" >>in.csv
	mkdir -p o/certificates o/charts o/profiles o/letters o/.git o/deep/er \
		o/charts/.ranking.svg.tmp-Folder
	local stale=(o/.summary.xml.tmp-Ab12Cd o/.report.pdf.tmp-000000
		o/certificates/.lapas-1.pdf.tmp-x9Y8z7 o/charts/.ranking.svg.tmp-QWErt0
		o/profiles/.lapas-1.pdf.tmp-aaaaaa o/letters/.kanwil-banten.pdf.tmp-Z0Z0Z0
		o/deep/.x.pdf.tmp-abcdef)
	local mine=(o/notes.txt o/.hidden o/certificates/.keep o/.tmp-abcdef
		o/.summary.xml.tmp-Ab12C o/.summary.xml.tmp-Ab12Cde o/.summary.xml.tmp-Ab_2Cd
		o/summary.xml.tmp-Ab12Cd o/.summary.xml.TMP-Ab12Cd o/.git/.x.pdf.tmp-abcdef
		o/deep/er/.x.pdf.tmp-abcdef)
	for f in "${stale[@]}"; do echo "half a file" >"$f"; done
	for f in "${mine[@]}"; do n=$((n + 1)); echo "mine $n" >"$f"; done
	ln -s ../notes.txt o/charts/.link.svg.tmp-abcdef
	touch stamp
	p2 build -o o --date 2019-12-10 in.csv
	want_rc 0 && valid_summary || return 1
	for f in "${stale[@]}"; do
		[ ! -e "$f" ] || { echo "$f was left"; return 1; }
	done
	n=0
	for f in "${mine[@]}"; do
		n=$((n + 1))
		[ "$(cat "$f" 2>/dev/null)" = "mine $n" ] || { echo "$f was changed"; return 1; }
	done
	[ -L o/charts/.link.svg.tmp-abcdef ] && [ "$(cat o/notes.txt)" = "mine 1" ] &&
		[ -d o/charts/.ranking.svg.tmp-Folder ] || { echo "a link or folder was touched"; return 1; }
	# The lock file is the only new file besides the outputs.
	find o -type f -newer stamp | grep -v -E '^o/(summary\.xml|report\.pdf|certificates\.pdf|certificates/[a-z0-9-]+\.pdf|profiles/[a-z0-9-]+\.pdf|letters/[a-z0-9-]+\.pdf|charts/[a-z0-9-]+\.svg|tables/(ranking\.csv|ranking\.xlsx|items\.csv)|\.p2ham\.lock)$' &&
		{ echo "unexpected new files"; return 1; }
	return 0
}

# folder_state DIR: every file of DIR with its size and time.
folder_state() { find "$1" -printf '%p %s %T@\n' | sort; }

# While another holds the folder's lock, a build exits 2 at once, says
# why and changes nothing; once it is free, a build goes ahead.
case_lock_held() {
	local before start ms
	command -v flock >/dev/null || { echo "flock(1) is missing (util-linux)"; return 1; }
	echo "$HEADER" >in.csv && echo "$GOOD" >>in.csv
	earlier_outputs
	exec 9>o/.p2ham.lock
	flock -n 9 || { echo "flock(1) could not take the lock"; return 1; }
	mkdir -p o/charts && echo "half a file" >o/charts/.ranking.svg.tmp-Ab12Cd
	before=$(folder_state o)
	start=$(date +%s%N)
	p2 build -o o --date 2019-12-10 in.csv
	ms=$((($(date +%s%N) - start) / 1000000))
	exec 9>&-
	want_rc 2 && want_err "o: error: another p2ham build is writing to this folder" || return 1
	[ "$ms" -lt 5000 ] || { echo "it took $ms ms to give up"; return 1; }
	[ "$before" = "$(folder_state o)" ] || { echo "the folder changed"; return 1; }
	p2 build -o o --date 2019-12-10 in.csv
	want_rc 0 && valid_summary
}

# Two builds for real: the second, started while the first renders, exits
# 2 at once; the first finishes whole.
case_lock_two_builds() {
	local names=() i pid
	for i in $(seq 1 150); do names+=("Lapas $i"); done
	unit_rows K "${names[@]}" >big.csv
	echo "$HEADER" >in.csv && echo "$GOOD" >>in.csv
	"$P2HAM" build -q -j 1 -o o --date 2019-12-10 big.csv 2>err1 &
	pid=$!
	for i in $(seq 1 1200); do
		[ -n "$(find o -name '.*.tmp-*' 2>/dev/null)" ] && break
		sleep 0.05
	done
	p2 build -o o --date 2019-12-10 in.csv
	wait "$pid"
	local first=$?
	want_rc 2 && want_err "o: error: another p2ham build is writing to this folder" || return 1
	[ "$first" -eq 0 ] || { echo "the first build: exit $first"; cat err1; return 1; }
	valid_summary || return 1
	[ "$(grep -c '<unit ' o/summary.xml)" -eq 150 ] || { echo "not the first build's summary"; return 1; }
	[ -z "$(find o -name '.*.tmp-*')" ] || { echo "temporary files left"; return 1; }
}

# A generated national-like set (tests/bench/gen.c: 8 offices x 40 units x 2
# teams, 320 units, about 2 s a build), built once into clean/ as the
# reference; then 20 builds into o/ killed with SIGKILL at random times (from
# a fixed seed) between a twentieth and nineteen twentieths of a whole
# build's time, so that the kills land while outputs are being written; then
# one full build. Afterwards no temporary file is left anywhere under o/,
# summary.xml is valid, and o/ holds exactly what the clean build wrote.
case_sigkill_loop() {
	local i pid start total delay left=0 rc_clean
	cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -o gen "$root/tests/bench/gen.c" || return 1
	./gen -n 8 -m 40 -t 2 -s 2019 -o set >/dev/null || return 1
	start=$(date +%s%N)
	"$P2HAM" build -q -o clean --date 2019-12-10 set/*.csv 2>err
	rc_clean=$?
	total=$((($(date +%s%N) - start) / 1000000))
	[ "$rc_clean" -eq 1 ] || { echo "the clean build: exit $rc_clean"; tail -3 err; return 1; }
	RANDOM=20191210
	for i in $(seq 1 20); do
		delay=$((total / 20 + RANDOM % (total * 9 / 10 + 1)))
		"$P2HAM" build -q -o o --date 2019-12-10 set/*.csv 2>err &
		pid=$!
		sleep "$((delay / 1000)).$(printf '%03d' $((delay % 1000)))"
		kill -KILL "$pid" 2>/dev/null
		{ wait "$pid"; } 2>/dev/null
		[ -n "$(find o -name '.*.tmp-*' 2>/dev/null)" ] && left=$((left + 1))
	done
	[ "$left" -ge 5 ] || { echo "only $left of 20 kills left a temporary file: too few landed mid-write"; return 1; }
	p2 build -q -o o --date 2019-12-10 set/*.csv
	want_rc 1 && valid_summary || return 1
	[ -z "$(find o -name '.*.tmp-*')" ] ||
		{ echo "temporary files left:"; find o -name '.*.tmp-*' | head; return 1; }
	diff -r -x .p2ham.lock clean o >diff.out ||
		{ echo "the outputs differ from a clean build's:"; head -5 diff.out; return 1; }
}

# ---- the cases ---------------------------------------------------------------

t "unit names: path traversal, dots, only non-ASCII" case_traversal
t "unit names: Pango markup and XML injection" case_markup
t "unit names: line breaks and terminal escapes in diagnostics" case_diag_injection
t "a 60 KB answer: reasons quote 100 bytes" case_long_reason
t "form: --unit, --kanwil and rubric text that a spreadsheet runs as a formula" case_form_formula
t "NUL byte in a row" case_nul_row
t "NUL byte in the header" case_nul_header
t "invalid UTF-8 with --encoding UTF-8" case_bad_utf8_forced
t "invalid UTF-8 sniffed: read as Windows-1252" case_bad_utf8_sniffed
t "--kanwil and file names that are not UTF-8" case_bad_utf8_args
t "64 MiB of random bytes" case_random_bytes 64
t "a header and 64 MiB of random bytes" case_garbage_rows 64
t "1,000,000 valid rows" case_rows_at_limit
t "64 MiB of valid rows" case_rows_over_limit 64
t "a 100 MiB line with no newline" case_long_line
t "a 50 MiB line of delimiters" case_long_line_fields
t "a 100 MiB unterminated quote" case_long_line_quote
t "a file that is one 100 MiB line" case_long_line_only
t "10^6 distinct units" case_units_over_limit
t "10,000 units with one id" case_units_many 10000
t "an unterminated quote, then 200,000 rows" case_unterminated_then_many
t "rubric: billion laughs and external entities" case_xml_rubric
t "--previous: billion laughs and external entities" case_xml_previous
t "--template: billion laughs and external entities" case_xml_template
t "--template: images outside its folder, a FIFO, a link to /etc/passwd" case_template_images
t "XML inputs in an encoding they do not hold" case_xml_encoding
t "rubric: XInclude of /etc/passwd" case_xinclude
t "rubric: 100,000 nested elements" case_xml_deep
t "--template: a 5 MB attribute" case_xml_template_5mb_attribute
t "rubric: a 5 MB title" case_xml_rubric_5mb_title
t "rubric: a 5 MB item text" case_xml_rubric_5mb_text
t "--previous: a 12 MB attribute" case_xml_previous_12mb_attribute
t "rubric: 3,000,000 empty elements" case_xml_many_nodes
t "rubric: 140,000 aliases, 50,000 principles, 100,000 grades" case_rubric_huge_lists
t "unreadable inputs" case_unreadable
t "output folder not writable" case_unwritable
t "disk full while writing (ulimit -f)" case_disk_full
t "SIGKILL while writing" case_sigkill
t "SIGINT, SIGTERM, SIGHUP while rendering" case_signals
t "SIGTERM while rendering with -j 1" case_sigterm_one_job
t "output folder: a killed run's temporary files go, nothing else" case_stale_temps
t "output folder: locked by another, a build exits 2 at once" case_lock_held
t "output folder: two builds at once, the second exits 2" case_lock_two_builds
t "output folder: 20 SIGKILLs at random times, then no temporary file, outputs whole" case_sigkill_loop
if [ "$BIG" = 1 ]; then
	t "1 GiB of random bytes" case_random_bytes 1024
	t "a header and 1 GiB of random bytes" case_garbage_rows 1024
	t "1 GiB of valid rows" case_rows_over_limit 1024
fi

echo "hostile: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
