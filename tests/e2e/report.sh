#!/usr/bin/env bash
# End-to-end tests of report.pdf and the charts, on the real binary: the
# PDF's structure, text, outline, links and fonts; the charts as SVG and
# PNG; byte-identical reruns; the rendering switches; hostile names.
# $P2HAM is the binary under test.
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

# The checks that read summary.xml or qpdf's JSON: check.py COMMAND OUT-DIR.
cat >"$tmp/check.py" <<'EOF'
import json, os, re, subprocess, sys, xml.etree.ElementTree as ET

NS = {"s": "urn:p2ham:summary:1"}
cmd, out = sys.argv[1], sys.argv[2]
summary = ET.parse(out + "/summary.xml").getroot()
units = summary.findall("s:unit", NS)
regions = summary.findall("s:region", NS)

def text(layout=False):
    args = ["pdftotext"] + (["-layout"] if layout else []) + [out + "/report.pdf", "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout

def flat(s):
    return re.sub(r"\s+", " ", s)

def comma(v):
    return v.replace(".", ",")

def qpdf_json(key):
    r = subprocess.run(["qpdf", "--json=2", "--json-key=" + key, out + "/report.pdf"],
                       check=True, capture_output=True, text=True)
    return json.loads(r.stdout)

def links():
    objs = qpdf_json("qpdf")["qpdf"][1]
    for v in objs.values():
        val = v.get("value") if isinstance(v, dict) else None
        if isinstance(val, dict) and val.get("/Subtype") == "/Link":
            yield val

def fail(msg):
    print(msg)
    sys.exit(1)

if cmd == "units":          # every unit's name, kanwil and total copy out
    t = flat(text())
    if not units:
        fail("no units in summary.xml")
    for u in units:
        for want in (u.get("name"), u.get("kanwil"), comma(u.get("total"))):
            if flat(want) not in t:
                fail("missing from the text: %r" % want)
elif cmd == "pages":        # "Halaman X dari Y" on every page but the cover
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", out + "/report.pdf"], capture_output=True, text=True).stdout).group(1))
    t = text()
    for x in range(2, n + 1):
        if "Halaman %d dari %d" % (x, n) not in t:
            fail("no 'Halaman %d dari %d'" % (x, n))
elif cmd == "rejected":     # the appendix lists every rejected row with file and line
    t = text(layout=True)
    app = t[t.find("Lampiran C. Baris data yang ditolak"):]
    if "Lampiran C. Baris data yang ditolak" not in t:
        fail("no rejected rows appendix")
    for r in summary.findall("s:rejected", NS):
        src, line = os.path.basename(r.get("source")), r.get("line")
        if not re.search(re.escape(src) + r"\s+" + line + r"\b", app):
            fail("rejected row %s:%s not listed" % (src, line))
elif cmd == "outline":      # a bookmark per chapter, region and unit, each to a page
    titles = []
    def walk(entries):
        for e in entries:
            if not e.get("destpageposfrom1"):
                fail("bookmark without a page: %r" % e["title"])
            titles.append(e["title"])
            walk(e["kids"])
    walk(qpdf_json("outlines")["outlines"])
    for want in ["Sampul", "Ringkasan eksekutif", "1. Peringkat UPT", "3. Profil UPT",
                 "Lampiran A. Metode penilaian", "Lampiran B. Konflik jawaban",
                 "Lampiran C. Baris data yang ditolak", "Lampiran D. Berkas data masukan"] + \
                [u.get("name") for u in units] + [r.get("kanwil") for r in regions]:
        if want not in titles:
            fail("no bookmark %r" % want)
elif cmd == "unit-links":   # the ranking links to every unit's profile
    dests = {l.get("/Dest") for l in links()}
    for u in units:
        if "u:unit-" + u.get("id") not in dests:
            fail("no link to unit-%s" % u.get("id"))
elif cmd == "web-links":    # web evidence is a link
    uris = {l["/A"]["/URI"][2:] for l in links() if "/A" in l}
    web = [e for i in summary.iter("{urn:p2ham:summary:1}item")
           for e in (i.get("evidence") or "").split("; ") if re.match(r"https?://\S+$", e)]
    if not web:
        fail("no web evidence in the input")
    for e in web:
        enc = "".join(c if c.isascii() and c not in "()\\'<>\"{}|^`" else
                      "".join("%%%02X" % b for b in c.encode()) for c in e)
        if enc not in uris:
            fail("evidence %r is not a link" % e)
elif cmd == "charts":       # one chart file per chart and format
    import glob, os
    n = 1 + 2 * len(regions) + 2 * len(units)
    for ext in sys.argv[3:]:
        files = glob.glob(out + "/charts/*." + ext)
        if len(files) != n:
            fail("%d .%s charts, not %d" % (len(files), ext, n))
    names = {os.path.basename(f) for f in glob.glob(out + "/charts/*")}
    for u in units:
        for kind in ("aspects", "principles"):
            if "%s-%s.svg" % (u.get("id"), kind) not in names:
                fail("no chart %s-%s" % (u.get("id"), kind))
elif cmd == "png":          # every PNG decodes, at 150 dpi
    import glob, struct, zlib
    for f in glob.glob(out + "/charts/*.png"):
        data = open(f, "rb").read()
        if data[:8] != b"\x89PNG\r\n\x1a\n":
            fail(f + ": not a PNG")
        pos, idat, dpm = 8, b"", None
        while pos < len(data):
            n, kind = struct.unpack(">I4s", data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + n]
            if kind == b"IDAT":
                idat += body
            if kind == b"pHYs":
                dpm = struct.unpack(">I", body[:4])[0]
            pos += 12 + n
        zlib.decompress(idat)
        if dpm is None or round(dpm * 0.0254) != 150:
            fail(f + ": not 150 dpi")
else:
    fail("unknown check " + cmd)
EOF
check() { python3 "$tmp/check.py" "$@"; }

run_build() {           # run_build OUT [OPTIONS] FILE...: exit 0 or 1 is a success
	local out=$1; shift
	(cd "$root" && "$P2HAM" build -q -o "$out" --date 2019-12-10 "$@"); test $? -le 1
}

# The samples, twice, with PNG charts too.
expect "samples: build with --charts svg,png" run_build "$tmp/s1" --charts svg,png samples/*.csv
expect "samples: a second run" run_build "$tmp/s2" --charts svg,png samples/*.csv
s=$tmp/s1

# One office's units only: the report is that office's (SPEC 6.1).
expect "one office: the report is issued by it, dated at its city" bash -c "
	cd '$root' && '$P2HAM' build -q -o '$tmp/one' --date 2019-12-10 --no-charts \
		--no-certificates --offices samples/offices.xml samples/banten-tim*.csv &&
	pdfinfo '$tmp/one/report.pdf' | grep -q '^Author: *Kantor Wilayah Kementerian Hukum dan HAM Banten\$' &&
	pdftotext '$tmp/one/report.pdf' - | grep -q 'Serang, 10 Desember 2019'"

expect "report: qpdf --check passes" qpdf --check "$s/report.pdf"
expect "report: pdfinfo: title, author, date, A4, tagged" bash -c "
	pdfinfo '$s/report.pdf' >'$tmp/info' &&
	grep -q '^Title: *Laporan Penilaian P2HAM Tahun 2019\$' '$tmp/info' &&
	grep -q '^Author: *Direktorat Jenderal Hak Asasi Manusia$' '$tmp/info' &&
	grep -q '^CreationDate: *Tue Dec 10 00:00:00 2019' '$tmp/info' &&
	grep -q '^Page size: *595.* x 841.* pts (A4)' '$tmp/info' &&
	grep -q '^Tagged: *yes' '$tmp/info' &&
	test \$(sed -n 's/^Pages: *//p' '$tmp/info') -ge 10"
expect "report: every font embedded and subset, Lato or DejaVu only" bash -c "
	pdffonts '$s/report.pdf' | tail -n +3 >'$tmp/fonts' && test -s '$tmp/fonts' &&
	! awk '{ if (\$(NF-4) != \"yes\" || \$(NF-3) != \"yes\") print }' '$tmp/fonts' | grep -q . &&
	! grep -v -e '+Lato-' -e '+DejaVuSans' '$tmp/fonts' | grep -q ."
expect "report: every unit's name, kanwil and total (85,50 style) copy out" check units "$s"
expect "report: Halaman X dari Y on every page" check pages "$s"
expect "report: the appendix lists every rejected row with its file and line" check rejected "$s"
expect "report: conflicts appendix and Indonesian labels" bash -c "
	pdftotext '$s/report.pdf' - >'$tmp/text' &&
	grep -q 'Lampiran B. Konflik jawaban' '$tmp/text' && grep -q 'Rekomendasi perbaikan' '$tmp/text' &&
	grep -q 'Pemeriksaan data dukung' '$tmp/text' && grep -q 'data dukung sama dengan butir lain' '$tmp/text' && grep -q 'Syarat tidak terpenuhi: Temuan Ombudsman' '$tmp/text' && grep -q 'Jakarta, 10 Desember 2019' '$tmp/text' &&
	grep -q 'Daftar isi' '$tmp/text'"
expect "report: equal totals share their rank in the ranking (1, 1, 3 ...)" bash -c "
	pdftotext -layout '$s/report.pdf' - >'$tmp/layout' &&
	grep -qE '^ *1 +LPKA Kelas I Tangerang +.* 98,33 ' '$tmp/layout' &&
	grep -qE '^ *1 +Lapas Perempuan Kelas IIA +.* 98,33 ' '$tmp/layout' &&
	grep -qE '^ *3 +Kantor Imigrasi Kelas I TPI +.* 98,08 ' '$tmp/layout' &&
	grep -qE '^ *7 +Lapas Kelas III Cilegon +.* 92,92 ' '$tmp/layout' &&
	grep -qE '^ *7 +Rutan Kelas IIA Palangka Raya +.* 92,92 ' '$tmp/layout'"
expect "report: a bookmark per chapter, kanwil and unit" check outline "$s"
expect "report: the ranking links to every unit's profile" check unit-links "$s"
expect "report: web evidence is a link" check web-links "$s"
expect "charts: one SVG and one PNG per chart" check charts "$s" svg png
expect "charts: every SVG is well-formed" bash -c "xmllint --noout '$s'/charts/*.svg"
expect "charts: every PNG decodes, at 150 dpi" check png "$s"
expect "determinism: two runs give the same bytes" bash -c "
	cmp '$tmp/s1/report.pdf' '$tmp/s2/report.pdf' && diff -r '$tmp/s1/charts' '$tmp/s2/charts' &&
	cmp '$tmp/s1/summary.xml' '$tmp/s2/summary.xml'"

# SPEC 6's report, page by page (report_pages.py): Indonesian only, no
# folder, a profile per unit from the top of a page, the summary before the
# ranking, text sizes, the teams of a conflict.
pages() { python3 "$here/report_pages.py" "$@"; }
expect "report: no English diagnostic or internal words" pages english "$s"
expect "report: no folder of the inputs" pages folder "$s" samples/
expect "report: each profile starts at the top of a page and every page of it names the unit" pages profiles "$s"
expect "report: a one-page executive summary right before the ranking" pages summary "$s"
expect "report: no text under 8 pt outside charts, body at 10 pt" pages sizes "$s"
expect "report: the conflicts appendix names both teams and their dates" pages conflict-teams "$s" \
	"Tim Verifikasi 1 (Yohanes Dwi Saputra, S.H., M.H.) · 21 Oktober 2019" \
	"Tim Verifikasi 2 (Siti Nurhaliza Rahmah, A.Md.) · 18 Oktober 2019"
expect "report: rejected rows give their reasons in Indonesian" bash -c "
	pdftotext '$s/report.pdf' - | tr '\n' ' ' | tr -s ' ' >'$tmp/rtext' &&
	grep -qF 'tanggal “31/02/2019” tidak dapat dibaca' '$tmp/rtext' &&
	grep -qF 'baris berisi 10 kolom, sedangkan baris judul hanya 9' '$tmp/rtext' &&
	grep -qF 'jawaban kosong' '$tmp/rtext' && grep -qF 'Windows-1252' '$tmp/rtext' &&
	grep -qF 'titik koma' '$tmp/rtext'"

# The generated set (3 kanwil x 40 units), read from a nested folder: the
# report is the same wherever its inputs are, and names no folder.
deep=$tmp/folder-Qz7Rw/sub-Jk3Lm
mkdir -p "$deep" && cc -O2 -o "$tmp/gen" "$root/tests/bench/gen.c" &&
	"$tmp/gen" -n 3 -m 40 -o "$deep" >/dev/null
expect "generated 3 x 40: build from a nested folder" bash -c "
	'$P2HAM' build -q -o '$tmp/g40' --date 2019-12-10 --no-charts --no-certificates \
		--no-tables '$deep'/*.csv; test \$? -le 1"
for c in english profiles summary sizes; do
	expect "generated 3 x 40: $c" pages $c "$tmp/g40"
done
expect "generated 3 x 40: no folder names in the text" bash -c "
	python3 '$here/report_pages.py' folder '$tmp/g40' folder-Qz7Rw &&
	python3 '$here/report_pages.py' folder '$tmp/g40' sub-Jk3Lm"
expect "generated 3 x 40: the same bytes from another folder" bash -c "
	mkdir -p '$tmp/elsewhere' && cp '$deep'/*.csv '$tmp/elsewhere/' &&
	'$P2HAM' build -q -o '$tmp/g40b' --date 2019-12-10 --no-charts --no-certificates \
		--no-tables '$tmp/elsewhere'/*.csv; cmp '$tmp/g40/report.pdf' '$tmp/g40b/report.pdf'"
expect "generated 3 x 40: -j 1 and -j 4 give the same bytes" bash -c "
	'$P2HAM' build -q -j 1 -o '$tmp/j1' --date 2019-12-10 --no-charts \
		'$deep'/*.csv; '$P2HAM' build -q -j 4 -o '$tmp/j4' --date 2019-12-10 \
		--no-charts '$deep'/*.csv; cmp '$tmp/j1/report.pdf' '$tmp/j4/report.pdf' &&
	cmp '$tmp/j1/certificates.pdf' '$tmp/j4/certificates.pdf'"

# The rendering switches.
expect "--no-report writes no report" bash -c "
	$(declare -f run_build); P2HAM='$P2HAM' root='$root'
	run_build '$tmp/n1' --no-report samples/*.csv && test ! -e '$tmp/n1/report.pdf' &&
	test -e '$tmp/n1/summary.xml' && test -d '$tmp/n1/charts'"
expect "--no-charts writes no charts" bash -c "
	$(declare -f run_build); P2HAM='$P2HAM' root='$root'
	run_build '$tmp/n2' --no-charts samples/*.csv && test ! -e '$tmp/n2/charts' &&
	test -e '$tmp/n2/report.pdf'"
expect "--charts svg writes no PNG" bash -c "
	$(declare -f run_build); P2HAM='$P2HAM' root='$root'
	run_build '$tmp/n3' samples/*.csv && ! ls '$tmp/n3/charts' | grep -q '\.png\$' &&
	ls '$tmp/n3/charts' | grep -q '\.svg\$'"

# Hostile names, evidence and rows.
python3 - "$tmp/hostile.csv" <<'EOF'
import csv, sys
k1, k2 = 'Kanwil "Uji" & <Coba>', "Kanwil D'Ujung"
rows = [
    (k1, "Lapas Kelas IIA Café & <Résumé> \"Ñandú\" 'Ü'", "A.01", "Ada",
     "https://example.go.id/bukti?a=1&b='2'(x)", "catatan & <b>"),
    (k1, "Lapas Kelas IIA Café & <Résumé> \"Ñandú\" 'Ü'", "A.02", "Tidak", 'Foto <rusak> & "hilang"', ""),
    (k1, "Rutan Kelas I Şişli Ğüzel Çankaya", "A.01", "Ada", "Foto; https://drive.example.go.id/x/y.jpg", ""),
    (k1, "Rutan Kelas I Şişli Ğüzel Çankaya", "A.03", "Proses", "javascript:alert(1)", "proses"),
    (k2, "Bapas Kelas II " + "Nama Unit Yang Sangat Panjang " * 4, "A.01", "Ada", "ok", ""),
    (k2, "Kantor Imigrasi Kelas I Tromsø > Ålesund", "A.01", "Tidak", "", ""),
    (k2, "Kantor Imigrasi Kelas I Tromsø > Ålesund", "A.01", "Ada", "", ""),
]
with open(sys.argv[1], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["kanwil", "unit", "kode", "nilai", "data_dukung", "catatan"])
    w.writerows(rows)
    f.write(k2 + ',Lapas Kelas I X\x01\x1b[31m\x07,A.01,Adaa,bad\x7f,"multi\r\nline"\n')
EOF
h=$tmp/h1
expect "hostile: build" bash -c "cd '$tmp' && '$P2HAM' build -q -o '$h' --date 2019-12-10 hostile.csv; test \$? -eq 1"
expect "hostile: qpdf --check passes" qpdf --check "$h/report.pdf"
expect "hostile: names with & < > \" ' and accents copy out" check units "$h"
expect "hostile: bookmarks carry the names as they are" check outline "$h"
expect "hostile: web evidence with quotes and brackets is a link" check web-links "$h"
expect "hostile: only http(s) evidence becomes a link" bash -c "
	! qpdf --qdf --object-streams=disable '$h/report.pdf' - | grep -a '/URI' | grep -q javascript"
expect "hostile: control characters of a rejected row show as U+FFFD" bash -c "
	pdftotext '$h/report.pdf' - >'$tmp/htext' && grep -q 'Lapas Kelas I X�' '$tmp/htext' &&
	! grep -q \$'\x1b' '$tmp/htext'"
expect "hostile: every SVG is well-formed" bash -c "xmllint --noout '$h'/charts/*.svg"

# The display rule (SPEC 8.19): a unit named with a right-to-left override
# and a control character is drawn with U+FFFD in their place in the
# report, on its certificate and in the charts, the same drawing as a name
# spelt with U+FFFD; summary.xml keeps the name as read.
mkdir -p "$tmp/bidi" "$tmp/fffd"
python3 - "$root/samples" "$tmp" <<'EOF'
import glob, os, sys
for path in glob.glob(sys.argv[1] + "/banten-*.csv"):
    text = open(path, encoding="utf-8-sig").read()
    for folder, name in (("bidi", "Lapas \u202eAIIK\x01 Serang"),
                         ("fffd", "Lapas \ufffdAIIK\ufffd Serang")):
        with open(os.path.join(sys.argv[2], folder, os.path.basename(path)), "w",
                  encoding="utf-8") as f:
            f.write(text.replace("Lapas Kelas IIA Serang", name))
EOF
for v in bidi fffd; do
	expect "display: $v build" bash -c "cd '$tmp/$v' && '$P2HAM' build -q -o out --date 2019-12-10 banten-*.csv"
done
expect "display: U+FFFD in report.pdf and certificates.pdf, no override or control" bash -c "
	for pdf in report certificates; do
		pdftotext '$tmp/bidi/out/'\$pdf.pdf - >'$tmp/dtext' || exit 1
		grep -q 'Lapas �AIIK� Serang' '$tmp/dtext' || { echo \"\$pdf: no 'Lapas �AIIK� Serang'\"; exit 1; }
		! grep -q \$'\u202e\|\x01' '$tmp/dtext' || { echo \"\$pdf: override or control drawn\"; exit 1; }
	done"
expect "display: the charts draw the name as spelt with U+FFFD" bash -c "
	cmp '$tmp/bidi/out/charts/ranking.svg' '$tmp/fffd/out/charts/ranking.svg' &&
	cmp '$tmp/bidi/out/charts/lapas-aiik-serang-aspects.svg' \
	    '$tmp/fffd/out/charts/lapas-aiik-serang-aspects.svg'"
expect "display: summary.xml keeps the override" bash -c "
	grep -q 'name=\"Lapas '\$'\u202e''AIIK' '$tmp/bidi/out/summary.xml'"

# A rubric with a gate, an evidence rule and no grades (the e2e case
# render-gates-evidence): the report says which gate failed, how each gate
# went, which data dukung is flagged, and lists the gate among the criteria.
g=$tmp/g1
mkdir -p "$tmp/gates" && cp "$here/cases/render-gates-evidence/rubric.xml" "$tmp/gates/" &&
	(cd "$tmp/gates" && python3 "$here/cases/render-gates-evidence/setup.py")
expect "gates: build" bash -c "cd '$tmp/gates' && '$P2HAM' build -q -o '$g' --date 2019-12-10 -r rubric.xml a.csv"
expect "gates: qpdf --check passes" qpdf --check "$g/report.pdf"
expect "gates: failed, passed and unobserved gates, evidence flags, the gate among the criteria" bash -c "
	pdftotext '$g/report.pdf' - | tr '\n' ' ' | tr -s ' ' >'$tmp/gtext' &&
	for want in 'Syarat tidak terpenuhi: Temuan Ombudsman yang belum ditindaklanjuti (G.01)' \
		    'G.01 Temuan Ombudsman yang belum ditindaklanjuti — jawaban Ada: TIDAK MEMENUHI SYARAT' \
		    'G.01 Temuan Ombudsman yang belum ditindaklanjuti — jawaban Tidak: memenuhi syarat' \
		    'G.01 Temuan Ombudsman yang belum ditindaklanjuti — tidak diverifikasi' \
		    'A.02 Jalan landai (ramp) — data dukung sama dengan butir lain' \
		    'A.03 Toilet khusus penyandang disabilitas — tanpa data dukung' \
		    'G.01 Temuan Ombudsman yang belum ditindaklanjuti Syarat Ada / Proses / Tidak Semua jenis'; do
		grep -qF -- \"\$want\" '$tmp/gtext' || { echo \"missing: \$want\"; exit 1; }
	done"

# A larger case: tables and charts run over several pages.
python3 - "$tmp/big.csv" <<'EOF'
import csv, sys
items = ["A.%02d" % i for i in range(1, 12)] + ["A.21", "A.22", "A.23", "A.24", "B.01",
                                                 "C.01", "C.02", "C.03", "C.04"]
with open(sys.argv[1], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["kanwil", "unit", "kode", "nilai", "data_dukung"])
    for k in range(3):
        for u in range(60):
            for n, code in enumerate(items):
                answer = "Tidak" if (k * 7 + u * 3 + n) % 11 == 0 else "Ada"
                if code.startswith("C"):
                    answer = "Patuh" if answer == "Ada" else "Kurang patuh"
                w.writerow(["Kanwil Nomor %d" % (k + 1), "Lapas Kelas IIA Kota %d-%d" % (k, u),
                            code, answer, "https://x.go.id/%d/%d/%s" % (k, u, code)])
EOF
b=$tmp/b1
expect "large: 180 units build" bash -c "cd '$tmp' && '$P2HAM' build -q -o '$b' --date 2019-12-10 big.csv"
expect "large: the ranking table repeats its header on every page it spans" bash -c "
	pdftotext -layout '$b/report.pdf' - >'$tmp/btext' &&
	test \$(grep -c 'No\. *Nama UPT *Kantor wilayah' '$tmp/btext') -ge 4"
expect "large: every unit copies out, every bookmark is there" bash -c "
	python3 '$tmp/check.py' units '$b' && python3 '$tmp/check.py' outline '$b'"
expect "large: qpdf --check passes" qpdf --check "$b/report.pdf"

echo "report: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
