#!/usr/bin/env bash
# End-to-end tests of tables/ (SPEC 6, Tables) on the real output of
# `$P2HAM build`: ranking.csv and items.csv against summary.xml and the
# rubric (BOM, ';', CRLF, decimal comma, rank order, shared ranks, one row
# per unit and item), the formula guard on hostile names, ranking.xlsx read
# with openpyxl, a LibreOffice import in an Indonesian locale, byte-identical
# reruns and -j 1 against -j 4, --no-tables and atomicity.
# Needs /usr/bin/python3 with openpyxl (python3-openpyxl) and soffice
# (libreoffice-calc-nogui).
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

# Debian's interpreter: the one python3-openpyxl installs into.
PY=/usr/bin/python3
offices=$root/samples/offices.xml

# build OUT-DIR EXPECTED-STATUS ARGS...: a build from the project's folder.
build() {
	local out=$1 want=$2 rc
	shift 2
	(cd "$root" && "$P2HAM" build -q -o "$out" --date 2019-12-10 --offices "$offices" "$@") \
		>"$tmp/build.log" 2>&1
	rc=$?
	[ "$rc" -eq "$want" ] || { echo "exit status $rc, expected $want"; cat "$tmp/build.log"; return 1; }
}

cat >"$tmp/check.py" <<'EOF'
import csv, io, re, sys, zipfile, xml.etree.ElementTree as ET

NS = {"s": "urn:p2ham:summary:1"}
RANKING = ["Peringkat", "Kantor Wilayah", "UPT", "Jenis UPT", "Nilai Total", "Predikat",
           "Kelengkapan (%)", "Rekomendasi", "Alasan"]
ITEMS = ["Kantor Wilayah", "UPT", "Kode", "Kriteria", "Jawaban", "Nilai", "Status",
         "Status Data Dukung", "Data Dukung", "Tim Verifikasi", "Tanggal", "Sumber"]
REC = {"recommended": "Direkomendasikan", "not-recommended": "Tidak direkomendasikan",
       "retained": "Dipertahankan"}
STATUS = {"assessed": "Dinilai", "missing": "Tidak diverifikasi", "conflict": "Konflik"}
EVIDENCE = {"ok": "Lengkap", "missing": "Tidak ada", "insufficient": "Kurang",
            "reused": "Dipakai ulang"}
GUARD = ("=", "+", "-", "@", "\t", "\r")

def fail(msg):
    sys.exit(msg)

def read_csv(path, header):
    raw = open(path, "rb").read()
    if not raw.startswith(b"\xef\xbb\xbf"):
        fail(f"{path}: no BOM")
    if not raw.endswith(b"\r\n"):
        fail(f"{path}: the last row does not end in CRLF")
    # Outside quoted cells every line break is CRLF.
    body = raw[3:].decode("utf-8")
    quoted = False
    for i, ch in enumerate(body):
        if ch == '"':
            quoted = not quoted
        elif ch == "\n" and not quoted and body[i - 1] != "\r":
            fail(f"{path}: a bare LF ends a row")
    rows = list(csv.reader(io.StringIO(body, newline=""), delimiter=";"))
    if rows[0] != header:
        fail(f"{path}: header {rows[0]}")
    for r in rows:
        if len(r) != len(header):
            fail(f"{path}: a row of {len(r)} cells: {r}")
    return rows[1:]

def units(out):
    return ET.parse(out + "/summary.xml").getroot().findall("s:unit", NS)

def comma(v):
    return v.replace(".", ",")

def type_items(rubric):
    """Item count of each unit type, gates included."""
    root = ET.parse(rubric).getroot()
    return {t.get("id"): len(t.findall("item")) for t in root.findall("unit-type")}

def check_csv(out, rubric):
    us = units(out)
    rows = read_csv(out + "/tables/ranking.csv", RANKING)
    if len(rows) != len(us):
        fail(f"ranking.csv: {len(rows)} rows for {len(us)} units")
    ranks = []
    for r, u in zip(rows, us):
        if r[2] != u.get("name") or r[1] != u.get("kanwil"):
            fail(f"ranking.csv: {r[2]} where summary.xml has {u.get('name')}")
        if r[0] != u.get("rank"):
            fail(f"ranking.csv: rank {r[0]} for {r[2]}, summary.xml says {u.get('rank')}")
        if r[4] != comma(u.get("total")) or r[6] != comma(u.get("completeness")):
            fail(f"ranking.csv: {r[4]} {r[6]} for {r[2]}")
        if not re.fullmatch(r"\d{1,3},\d\d", r[4]) or not re.fullmatch(r"\d{1,3},\d\d", r[6]):
            fail(f"ranking.csv: not a decimal comma: {r[4]} {r[6]}")
        if r[5] != (u.get("grade") or ""):
            fail(f"ranking.csv: grade {r[5]} for {r[2]}")
        if r[7] != REC[u.get("recommendation")]:
            fail(f"ranking.csv: {r[7]} for {r[2]}")
        if (r[8] == "") != (u.get("recommendation") != "not-recommended"):
            fail(f"ranking.csv: reasons '{r[8]}' for a {u.get('recommendation')} unit")
        ranks.append(int(r[0]))
    # Shared ranks "1, 1, 3": a rank is 1 + the units with a higher total.
    totals = [float(r[4].replace(",", ".")) for r in rows]
    for i, t in enumerate(totals):
        if ranks[i] != 1 + sum(1 for x in totals if x > t):
            fail(f"ranking.csv: rank {ranks[i]} for total {t}")
    if len(set(ranks)) == len(ranks):
        fail("ranking.csv: the samples should share a rank")
    if sorted(totals, reverse=True) != totals:
        fail("ranking.csv: not in rank order")

    counts = type_items(rubric)
    items = read_csv(out + "/tables/items.csv", ITEMS)
    want = sum(counts[u.get("type")] for u in us)
    if len(items) != want:
        fail(f"items.csv: {len(items)} rows, expected {want}")
    pairs = [(r[1], r[2]) for r in items]
    if len(set(pairs)) != len(pairs):
        fail("items.csv: a unit and item twice")
    order = []
    for r in items:
        if not order or order[-1] != r[1]:
            order.append(r[1])
    if order != [u.get("name") for u in us]:
        fail("items.csv: units not in rank order")
    # Every item of summary.xml, as the table shows it.
    by_pair = {(r[1], r[2]): r for r in items}
    for u in us:
        for it in u.findall("s:item", NS):
            r = by_pair[(u.get("name"), it.get("code"))]
            if r[6] != STATUS[it.get("status")] or r[4] != (it.get("answer") or ""):
                fail(f"items.csv: {r}")
            if it.get("gate"):
                want = {"passed": "Memenuhi syarat", "failed": "Tidak memenuhi syarat"}
                if r[5] != want[it.get("gate")]:
                    fail(f"items.csv: gate {r}")
            elif r[5] != comma(it.get("score")):
                fail(f"items.csv: score {r}")
            if r[7] != EVIDENCE.get(it.get("evidence-status"), ""):
                fail(f"items.csv: evidence status {r}")
            if r[11] != (it.get("source") or ""):
                fail(f"items.csv: source {r}")
            if r[10] != (it.get("date") or ""):
                fail(f"items.csv: date {r}")
    for r in items:
        if r[5] and not r[5].endswith("syarat") and not re.fullmatch(r"[01],\d\d", r[5]):
            fail(f"items.csv: score {r[5]}")
    gates = [r for r in items if r[5] == "Tidak memenuhi syarat"]
    if not gates:
        fail("items.csv: the samples have a failed gate")
    print(f"{len(rows)} units, {len(items)} item rows")

def check_guard(out):
    names = ['=HYPERLINK("http://x","y")', "+1", "-2", "@x"]
    rows = read_csv(out + "/tables/ranking.csv", RANKING)
    got = sorted(r[2] for r in rows)
    if got != sorted("'" + n for n in names):
        fail(f"ranking.csv: names {got}")
    items = read_csv(out + "/tables/items.csv", ITEMS)
    for r in rows + items:
        for cell in r:
            if cell.startswith(GUARD):
                fail(f"an unguarded cell: {cell!r}")
    if not any(r[8] == "'=1+1" for r in items) or not any(r[9] == "'-tim" for r in items):
        fail("items.csv: evidence or team not guarded")
    # The raw file has the formula-like name quoted, the guard inside.
    raw = open(out + "/tables/ranking.csv", encoding="utf-8-sig").read()
    if ';"\'=HYPERLINK(""http://x"",""y"")";' not in raw:
        fail("ranking.csv: the HYPERLINK name is not quoted as expected")

def check_xlsx(out, hostile):
    import openpyxl
    wb = openpyxl.load_workbook(out + "/tables/ranking.xlsx")
    ws = wb.worksheets[0]
    rows = list(ws.iter_rows())
    header = [c.value for c in rows[0]]
    if header != RANKING:
        fail(f"ranking.xlsx: header {header}")
    if not all(c.font.b for c in rows[0]):
        fail("ranking.xlsx: the header is not bold")
    if ws.freeze_panes != "A2":
        fail(f"ranking.xlsx: freeze panes {ws.freeze_panes}")
    if ws.auto_filter.ref != f"A1:I{len(rows)}":
        fail(f"ranking.xlsx: autofilter {ws.auto_filter.ref}")
    ps = ws.page_setup
    # fitToWidth 1 is the default, which libxlsxwriter leaves out.
    if ps.orientation != "landscape" or str(ps.paperSize) != "9" or \
       str(ps.fitToWidth or 1) != "1" or str(ps.fitToHeight) != "0" or \
       not ws.sheet_properties.pageSetUpPr.fitToPage:
        fail(f"ranking.xlsx: page set-up {ps.orientation} {ps.paperSize} "
             f"{ps.fitToWidth} {ps.fitToHeight}")
    if ws.print_title_rows not in ("1:1", "$1:$1"):
        fail(f"ranking.xlsx: printed pages repeat {ws.print_title_rows}")
    for row in rows:
        for c in row:
            if c.data_type == "f" or (isinstance(c.value, str) and c.data_type != "s"):
                fail(f"ranking.xlsx: {c.coordinate} is {c.data_type}: {c.value!r}")
    csvrows = read_csv(out + "/tables/ranking.csv", RANKING)
    if len(csvrows) != len(rows) - 1:
        fail("ranking.xlsx: not one row per unit")
    for row, cr in zip(rows[1:], csvrows):
        rank, total, done = row[0], row[4], row[6]
        if type(rank.value) is not int or rank.value != int(cr[0]):
            fail(f"ranking.xlsx: rank {rank.value!r}")
        for c, text in ((total, cr[4]), (done, cr[6])):
            if not isinstance(c.value, (int, float)) or c.number_format != "0.00":
                fail(f"ranking.xlsx: {c.coordinate} {c.value!r} {c.number_format}")
            if f"{c.value:.2f}".replace(".", ",") != text:
                fail(f"ranking.xlsx: {c.coordinate} {c.value} where the CSV has {text}")
        # The text as it is, without the CSV's guard.
        name = cr[2][1:] if hostile else cr[2]
        if row[2].value != name:
            fail(f"ranking.xlsx: name {row[2].value!r}, expected {name!r}")
    # Widths fit the longest text of each column (Alasan is capped).
    for i, col in enumerate("ABCDEFGH"):
        longest = max(len(str(r[i].value or "")) for r in rows)
        width = ws.column_dimensions[col].width
        if width < longest or width > longest + 8:
            fail(f"ranking.xlsx: column {col} is {width} wide for {longest} characters")

def check_ods(path, first_total, formula):
    x = zipfile.ZipFile(path).read("content.xml").decode("utf-8")
    if ("table:formula" in x) != formula:
        fail(f"{path}: LibreOffice made {'no' if formula else 'a'} formula")
    rows = re.findall(r"<table:table-row[^>]*>(.*?)</table:table-row>", x, re.S)
    cells = re.findall(r"<table:table-cell([^>]*)>", rows[1])
    total = cells[4]
    if 'office:value-type="float"' not in total or f'office:value="{first_total}"' not in total:
        fail(f"{path}: the first total is {total}")

cmd = sys.argv[1]
if cmd == "csv":
    check_csv(sys.argv[2], sys.argv[3])
elif cmd == "guard":
    check_guard(sys.argv[2])
elif cmd == "xlsx":
    check_xlsx(sys.argv[2], sys.argv[3] == "hostile")
elif cmd in ("ods", "ods-formula"):
    check_ods(sys.argv[2], sys.argv[3], cmd == "ods-formula")
EOF

files=(samples/banten-tim1.csv samples/banten-tim2.csv samples/kalteng-tim1.csv samples/kalteng-tim2.csv)

# ---- the samples: -j 1, a rerun later, -j 4 ----
expect "samples: build -j 1 writes the three tables (exit 1: rows rejected on purpose)" bash -c "
	$(declare -f build); tmp='$tmp' root='$root' P2HAM='$P2HAM' offices='$offices'
	build '$tmp/j1' 1 -j 1 ${files[*]} &&
	test -f '$tmp/j1/tables/ranking.csv' && test -f '$tmp/j1/tables/ranking.xlsx' &&
	test -f '$tmp/j1/tables/items.csv'"
expect "ranking.csv and items.csv: BOM, ';', CRLF, decimal comma, rank order, shared ranks, one row per unit and item" \
	"$PY" "$tmp/check.py" csv "$tmp/j1" "$root/templates/rubric.xml"
expect "ranking.xlsx: numbers with 0.00, bold frozen header, filter, A4 landscape one page wide, header on every page, widths, no formula" \
	"$PY" "$tmp/check.py" xlsx "$tmp/j1" samples
# Zip entries carry a time to two seconds: a rerun two seconds later tells
# whether any clock gets into the bytes.
sleep 2
expect "a rerun and -j 4 give byte-identical tables" bash -c "
	$(declare -f build); tmp='$tmp' root='$root' P2HAM='$P2HAM' offices='$offices'
	build '$tmp/again' 1 -j 1 ${files[*]} && build '$tmp/j4' 1 -j 4 ${files[*]} &&
	for f in ranking.csv ranking.xlsx items.csv; do
		cmp '$tmp/j1/tables/'\$f '$tmp/again/tables/'\$f &&
		cmp '$tmp/j1/tables/'\$f '$tmp/j4/tables/'\$f || exit 1
	done"
expect "ranking.xlsx is the same in another time zone" bash -c "
	$(declare -f build); tmp='$tmp' root='$root' P2HAM='$P2HAM' offices='$offices'
	TZ=Asia/Jayapura build '$tmp/tz' 1 --no-report --no-certificates --no-charts ${files[*]} &&
	cmp '$tmp/j1/tables/ranking.xlsx' '$tmp/tz/tables/ranking.xlsx'"

# ---- hostile names: the formula guard ----
cat >"$tmp/hostile.csv" <<'EOF'
kanwil;unit;jenis;kode;nilai;data_dukung;verifikator
Kanwil Kemenkumham Banten;"=HYPERLINK(""http://x"",""y"")";Lapas;A.01;Ada;=1+1;-tim
Kanwil Kemenkumham Banten;+1;Lapas;A.01;Ada;@foto;
Kanwil Kemenkumham Banten;-2;Lapas;A.01;Ada;;
Kanwil Kemenkumham Banten;@x;Lapas;A.01;Ada;;
EOF
expect "hostile names: build" bash -c "
	$(declare -f build); tmp='$tmp' root='$root' P2HAM='$P2HAM' offices='$offices'
	build '$tmp/hostile' 0 --no-report --no-certificates --no-charts '$tmp/hostile.csv'"
expect "formula guard: every text cell starting with = + - @ gets a leading '" \
	"$PY" "$tmp/check.py" guard "$tmp/hostile"
expect "ranking.xlsx: hostile names stay text, unguarded and without formulas" \
	"$PY" "$tmp/check.py" xlsx "$tmp/hostile" hostile

# ---- LibreOffice: ranking.csv in an Indonesian locale ----
# Filter options (CSV import): 59 ';', 34 '"', 76 UTF-8, 1 from line 1, no
# column formats, 1057 the language (id-ID) that reads "98,33" as a number.
# Without the language LibreOffice uses its own locale (en-US here) and
# keeps "98,33" as text. LibreOffice 7.4 also evaluates formulas on import
# (13th token, default true): an unguarded "=HYPERLINK(...)" becomes one.
if command -v soffice >/dev/null; then
	mkdir -p "$tmp/lo/home" "$tmp/lo/in"
	cp "$tmp/j1/tables/ranking.csv" "$tmp/lo/in/samples.csv"
	cp "$tmp/hostile/tables/ranking.csv" "$tmp/lo/in/hostile.csv"
	sed "s/'//g" "$tmp/hostile/tables/ranking.csv" >"$tmp/lo/in/unguarded.csv"
	HOME=$tmp/lo/home timeout 180 soffice --headless --infilter='CSV:59,34,76,1,,1057' \
		--convert-to ods --outdir "$tmp/lo/out" "$tmp/lo/in/"*.csv >"$tmp/lo/log" 2>&1
	first=$("$PY" -c "import csv,sys; r=list(csv.reader(open(sys.argv[1],encoding='utf-8-sig'),delimiter=';')); print(r[1][4].replace(',','.'))" "$tmp/j1/tables/ranking.csv")
	expect "LibreOffice (id-ID): totals import as numbers ($first)" \
		"$PY" "$tmp/check.py" ods "$tmp/lo/out/samples.ods" "$first"
	expect "LibreOffice (id-ID): guarded names import as text, no formula" \
		"$PY" "$tmp/check.py" ods "$tmp/lo/out/hostile.ods" "3.33"
	expect "LibreOffice: without the guard the same file would hold a formula" \
		"$PY" "$tmp/check.py" ods-formula "$tmp/lo/out/unguarded.ods" 3.33
else
	bad "soffice not found: install libreoffice-calc-nogui"
fi

# ---- --no-tables, and atomicity ----
expect "--no-tables writes no tables/" bash -c "
	$(declare -f build); tmp='$tmp' root='$root' P2HAM='$P2HAM' offices='$offices'
	build '$tmp/none' 1 --no-tables --no-report --no-certificates --no-charts ${files[*]} &&
	test -f '$tmp/none/summary.xml' && test ! -e '$tmp/none/tables'"
expect "--no-tables leaves earlier tables as they were" bash -c "
	$(declare -f build); tmp='$tmp' root='$root' P2HAM='$P2HAM' offices='$offices'
	cp -r '$tmp/hostile' '$tmp/keep' &&
	build '$tmp/keep' 1 --no-tables --no-report --no-certificates --no-charts ${files[*]} &&
	cmp '$tmp/hostile/tables/ranking.xlsx' '$tmp/keep/tables/ranking.xlsx' &&
	cmp '$tmp/hostile/tables/items.csv' '$tmp/keep/tables/items.csv'"
expect "a fatal run (--strict) leaves the tables untouched, no temporary file" bash -c "
	$(declare -f build); tmp='$tmp' root='$root' P2HAM='$P2HAM' offices='$offices'
	cp -r '$tmp/hostile' '$tmp/strict' &&
	build '$tmp/strict' 2 --strict ${files[*]} &&
	cmp '$tmp/hostile/tables/ranking.csv' '$tmp/strict/tables/ranking.csv' &&
	test -z \"\$(ls -A '$tmp/strict/tables' | grep -v -x -e ranking.csv -e ranking.xlsx -e items.csv)\""
expect "tables/ that cannot be made: exit 2, no output changed" bash -c "
	$(declare -f build); tmp='$tmp' root='$root' P2HAM='$P2HAM' offices='$offices'
	mkdir -p '$tmp/blocked' && echo old >'$tmp/blocked/summary.xml' && touch '$tmp/blocked/tables' &&
	build '$tmp/blocked' 2 --no-report --no-certificates --no-charts ${files[*]} &&
	grep -q 'tables.*cannot create folder' '$tmp/build.log' &&
	test \"\$(cat '$tmp/blocked/summary.xml')\" = old && test -f '$tmp/blocked/tables'"

echo "tables: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
