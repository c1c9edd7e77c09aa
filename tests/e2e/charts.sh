#!/usr/bin/env bash
# End-to-end tests of the charts (SPEC 6, Charts): every SVG chart is
# well-formed XML with a <title> and a <desc> that states its data, names
# with markup are escaped, chart text in report.pdf is at least 7 pt on the
# printed page, the unit's principles are sorted, the chart files come out
# the same with -j 1 and -j 4, and an SVG is p2ham's own document: its
# elements in the order painted, ids of its own, and rendered (rsvg-convert)
# it looks like the PNG of the same chart. $P2HAM is the binary under test.
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

def png_gray(path):
    """A PNG as rows of grey levels 0-255 (8-bit RGB/RGBA/grey, no interlace)."""
    import struct, zlib
    data = open(path, "rb").read()
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            if depth != 8 or ctype not in (0, 2, 6):
                fail("%s: PNG colour type %d depth %d" % (path, ctype, depth))
            bpp = {0: 1, 2: 3, 6: 4}[ctype]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, rows, prev, stride = zlib.decompress(idat), [], bytearray(w * bpp), w * bpp
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([sum(line[x * bpp:x * bpp + min(bpp, 3)]) // min(bpp, 3) for x in range(w)])
        prev = line
    return rows

if cmd == "own":                # p2ham's own SVG: no Cairo ids, paint order
    for f in sorted(glob.glob(out + "/charts/*.svg")):
        text = open(f, encoding="utf-8").read()
        if re.search(r'id="(surface|image)\d', text):
            fail("%s: an id of Cairo's" % f)
        ids = re.findall(r' id="([^"]+)"', text)
        if len(ids) != len(set(ids)):
            fail("%s: an id twice" % f)
        for ref in re.findall(r'(?:xlink:href="#|url\(#)([^")]+)', text):
            if ref not in ids:
                fail("%s: #%s is not defined" % (f, ref))
        kids = [k.tag[len(SVG):] for k in ET.parse(f).getroot()]
        if kids[:3] != ["title", "desc", "defs"]:
            fail("%s: begins with %r" % (f, kids[:3]))
        # Text and shapes interleaved as painted: the title comes first,
        # marks and boxes after it, and text after the first shape after it.
        first_text = kids.index("g")
        shapes = [i for i, k in enumerate(kids) if k in ("rect", "line", "circle", "polygon")]
        later = [i for i in shapes if i > first_text]
        if not later or "g" not in kids[later[0]:]:
            fail("%s: text and shapes not interleaved: not in paint order" % f)

elif cmd == "looks":            # the SVG rendered looks like the PNG chart
    # One chart of each kind (decoding PNGs in Python is slow).
    files = sorted(glob.glob(out + "/charts/*.svg"))
    kinds = [out + "/charts/ranking.svg"]
    for pat in (r"region-.*-heatmap", r"region-.*-principles", r"-aspects", r"^(?!region-).*-principles"):
        kinds += [f for f in files if re.search(pat, os.path.basename(f))][:1]
    if len(kinds) != 5:
        fail("not every kind of chart: %r" % kinds)
    for f in kinds:
        png = f[:-4] + ".png"
        mine = f[:-4] + ".rsvg.png"
        subprocess.run(["rsvg-convert", "-d", "150", "-p", "150", "-b", "white",
                        "-o", mine, f], check=True)
        a, b = png_gray(mine), png_gray(png)
        h, w = min(len(a), len(b)), min(len(a[0]), len(b[0]))
        if abs(len(a) - len(b)) > 1 or abs(len(a[0]) - len(b[0])) > 1:
            fail("%s: %dx%d, the PNG %dx%d" % (f, len(a[0]), len(a), len(b[0]), len(b)))
        # Compared in blocks of 8 x 8 pixels: a glyph's edges a pixel away
        # average out, a box, mark or label missing or misplaced does not.
        # (The SVG's text is set by Pango, the PNG's by plain.c, which may
        # break a long label elsewhere: up to 0.6% of blocks today.)
        B, bad, n = 8, 0, 0
        for by in range(0, h - B + 1, B):
            for bx in range(0, w - B + 1, B):
                sa = sum(sum(r[bx:bx + B]) for r in a[by:by + B])
                sb = sum(sum(r[bx:bx + B]) for r in b[by:by + B])
                n += 1
                bad += abs(sa - sb) > 24 * B * B
        if bad > 0.01 * n:
            fail("%s: %d of %d blocks differ from its PNG" % (f, bad, n))
        os.unlink(mine)

elif cmd == "described":          # every SVG has a title and a desc with its data
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
expect "every SVG chart is p2ham's own, in paint order, ids defined once" check own "$s"
expect "every SVG chart rendered looks like its PNG" check looks "$s"
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
expect "3 x 40 units: every SVG chart is p2ham's own, in paint order" check own "$g"

echo "charts: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
