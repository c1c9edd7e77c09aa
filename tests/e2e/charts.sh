#!/usr/bin/env bash
# End-to-end tests of the charts (SPEC 6, Charts): every SVG chart is
# well-formed XML with a <title> and a <desc> that states its data, names
# with markup are escaped, chart text in report.pdf is at least 7 pt on the
# printed page, the unit's principles are sorted, and the chart files come
# out the same with -j 1 and -j 4. $P2HAM is the binary under test.
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

cat >"$tmp/check.py" <<'EOF'
import glob, os, re, subprocess, sys, xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
NS = {"s": "urn:p2ham:summary:1"}
cmd, out = sys.argv[1], sys.argv[2]

def fail(msg):
    print(msg)
    sys.exit(1)

def comma(v):
    return v.replace(".", ",")

def described(path):
    root = ET.parse(path).getroot()
    kids = list(root)
    title = root.find(SVG + "title")
    desc = root.find(SVG + "desc")
    if title is None or desc is None or not (title.text or "").strip() \
            or not (desc.text or "").strip():
        fail("%s: no <title> or <desc>, or an empty one" % path)
    if kids[0].tag != SVG + "title":
        fail("%s: <title> is not the first child of <svg>" % path)
    return title.text, desc.text

if cmd == "described":          # every SVG has a title and a desc with its data
    files = sorted(glob.glob(out + "/charts/*.svg"))
    if not files:
        fail("no SVG charts")
    summary = ET.parse(out + "/summary.xml").getroot()
    for f in files:
        described(f)
    for u in summary.findall("s:unit", NS):
        title, desc = described("%s/charts/%s-aspects.svg" % (out, u.get("id")))
        if u.get("name") not in title or u.get("name") not in desc:
            fail("aspects of %s: the unit is not named" % u.get("id"))
        for a in u.findall("s:aspect", NS):
            if comma(a.get("score")) not in desc:
                fail("aspects of %s: no score %s in %r" % (u.get("id"), a.get("score"), desc))
        title, desc = described("%s/charts/%s-principles.svg" % (out, u.get("id")))
        for p in u.findall("s:principle", NS):
            if comma(p.get("score")) not in desc:
                fail("principles of %s: no score %s" % (u.get("id"), p.get("score")))
        # Sorted from the lowest: "LABEL 12,34 (56,78); ..."
        body = desc.split(":", 1)[1]
        vals = [float(v.replace(",", ".")) for v in
                re.findall(r" (\d+,\d\d) \((?:\d+,\d\d|tidak dinilai)\)", body)]
        if len(vals) != len(u.findall("s:principle", NS)) or vals != sorted(vals):
            fail("principles of %s: not sorted from the lowest: %r" % (u.get("id"), vals))
    title, desc = described(out + "/charts/ranking.svg")
    for u in summary.findall("s:unit", NS):
        if u.get("name") not in desc or comma(u.get("total")) not in desc:
            fail("ranking: %s or its total missing" % u.get("name"))

elif cmd == "name":             # the desc holds a name with markup, as spelt
    name = sys.argv[3]
    hits = 0
    for f in glob.glob(out + "/charts/*.svg"):
        title, desc = described(f)
        hits += name in desc
    if hits < 3:
        fail("the name %r is in %d descriptions" % (name, hits))

elif cmd == "sizes":            # text on pages with charts, at least 7 pt
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-zoom", "2", "-stdout",
                          out + "/report.pdf"], check=True, capture_output=True,
                         text=True).stdout
    sizes = {m.group(1): int(m.group(2)) for m in
             re.finditer(r'<fontspec id="(\d+)" size="(-?\d+)"', xml)}
    titles = ("Nilai per aspek", "Nilai per prinsip (terendah di atas)",
              "Nilai prinsip per UPT", "Peringkat nilai total", "Rata-rata nilai per prinsip")
    pages = re.split(r"<page ", xml)[1:]
    chart_pages = 0
    for n, page in enumerate(pages, 1):
        texts = [(f, re.sub(r"<[^>]+>", "", t)) for f, t in
                 re.findall(r'<text [^>]*font="(\d+)"[^>]*>(.*?)</text>', page)]
        if not any(t.startswith(titles) for _, t in texts):
            continue
        chart_pages += 1
        # At zoom 2 a size is in half points: 14 is 7 pt.
        small = [(t, sizes[f] / 2) for f, t in texts if sizes[f] < 14]
        if small:
            fail("page %d: text below 7 pt: %r" % (n, small[:5]))
    if chart_pages < int(sys.argv[3]):
        fail("%d pages with charts, expected at least %s" % (chart_pages, sys.argv[3]))
EOF
check() { python3 "$tmp/check.py" "$@"; }
run_build() {
	local out=$1; shift
	(cd "$root" && "$P2HAM" build -q -o "$out" --date 2019-12-10 --offices samples/offices.xml "$@")
	test $? -le 1
}

s=$tmp/s
expect "samples: build with SVG and PNG charts" run_build "$s" --charts svg,png samples/*.csv
expect "every SVG chart parses with xmllint" bash -c "xmllint --noout '$s'/charts/*.svg"
expect "every SVG chart has a title and a desc that states its data" check described "$s"
expect "report.pdf: chart text at least 7 pt on every page with a chart" check sizes "$s" 10
expect "-j 1 and -j 4 give the same charts and report" bash -c "
	run() { cd '$root' && '$P2HAM' build -q -o \"\$1\" -j \"\$2\" --date 2019-12-10 \
		--charts svg,png --offices samples/offices.xml samples/*.csv; test \$? -le 1; }
	run '$tmp/j1' 1 && run '$tmp/j4' 4 &&
	diff -r '$tmp/j1/charts' '$tmp/j4/charts' && cmp '$tmp/j1/report.pdf' '$tmp/j4/report.pdf'"

# A name with markup and quotes: escaped in the SVG, intact once parsed.
name='Lapas "Uji" & <Coba> Kelas IIA'
printf 'kanwil,unit,kode,nilai,data_dukung\nKanwil Uji,%s,A.01,Ada,Foto\nKanwil Uji,%s,A.02,Tidak,\nKanwil Uji,Rutan Biasa,A.01,Ada,Foto\n' \
	"\"${name//\"/\"\"}\"" "\"${name//\"/\"\"}\"" >"$tmp/hostile.csv"
h=$tmp/h
expect "hostile: build" bash -c "cd '$tmp' && '$P2HAM' build -q -o '$h' --date 2019-12-10 hostile.csv; test \$? -le 1"
expect "hostile: every SVG chart parses with xmllint" bash -c "xmllint --noout '$h'/charts/*.svg"
expect "hostile: the descriptions hold the name as spelt" check name "$h" "$name"

# A larger set: ranking and heat map over several pages.
g=$tmp/g
expect "3 x 40 units: build" bash -c "
	cd '$tmp' && cc -O2 -o gen '$root/tests/bench/gen.c' && ./gen -n 3 -m 40 -t 1 -o in >/dev/null &&
	'$P2HAM' build -q -o '$g' --date 2019-12-10 in/*.csv; test \$? -le 1"
expect "3 x 40 units: every SVG chart described and well-formed" bash -c "
	xmllint --noout '$g'/charts/*.svg && python3 '$tmp/check.py' described '$g'"
expect "3 x 40 units: chart text at least 7 pt" check sizes "$g" 120

echo "charts: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
