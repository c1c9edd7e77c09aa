#!/usr/bin/env python3
"""The sample CSV files against the default rubric and samples/README.md.

Reads templates/rubric.xml and every samples/*.csv the way SPEC section 3
describes (encoding from the BOM or from whether the bytes are valid UTF-8,
else Windows-1252; delimiter sniffed from the header line; layout A with the
column aliases), then reads each data row as p2ham would decide it: unit
type from the type cell, else the name's prefix, else the unit's earlier
rows; item code in that type's items; answer in the item's scale; date in
one of the accepted forms; no extra non-empty field; no unterminated quote.

Every row that would be rejected must be listed in the README's table of
rows rejected on purpose (file and physical line), and every row listed
there must be rejected; a criterion text that differs from the rubric's must
be one of the README's expected warnings. Prints each problem and a closing
line "samples-check: N rows, M rejected on purpose, K problems"; exits 1 when
there is a problem.

Python 3 standard library only; the csv module does the quoting.
"""

import csv
import datetime
import glob
import io
import os
import re
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

ALIASES = {
    "kanwil": ["kanwil", "kantor wilayah", "wilayah", "region"],
    "unit": ["unit", "upt", "satker", "nama upt", "nama unit", "unit name"],
    "jenis": ["jenis", "jenis upt", "tipe", "type", "unit type"],
    "kode": ["kode", "kode kriteria", "code", "item"],
    "kriteria": ["kriteria", "criterion", "uraian"],
    "nilai": ["nilai", "status", "jawaban", "hasil", "answer", "ketersediaan", "kepatuhan"],
    "data_dukung": ["data_dukung", "data dukung", "data pendukung", "bukti", "evidence"],
    "catatan": ["catatan", "keterangan", "note", "notes"],
    "verifikator": ["verifikator", "tim", "verifier", "team"],
    "tanggal": ["tanggal", "tgl", "date"],
}

MONTHS = {m: i + 1 for i, m in enumerate(
    "januari februari maret april mei juni juli agustus september oktober november desember".split())}
MONTHS.update({m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())})


def fold(s):
    """Trim, case-fold and collapse inner white space."""
    return " ".join(s.split()).casefold()


def colkey(s):
    return re.sub(r"[\s_.\-]", "", s).casefold()


COLUMN = {colkey(a): col for col, names in ALIASES.items() for a in names}


class Rubric:
    def __init__(self, path):
        root = ET.parse(path).getroot()
        self.scales = {}
        for s in root.findall("scale"):
            levels = {}
            for l in s.findall("level"):
                canon = (l.get("label"), float(l.get("value")))
                levels[fold(l.get("label"))] = canon
                for a in (l.get("aliases") or "").split(";"):
                    if a.strip():
                        levels[fold(a)] = canon
            self.scales[s.get("id")] = levels
        self.types = {}
        self.matchers = {}
        self.prefixes = []
        for t in root.findall("unit-type"):
            tid = t.get("id")
            items = {}
            for i in t.findall("item"):
                items[i.get("code").casefold()] = {
                    "code": i.get("code"),
                    "text": " ".join((i.text or "").split()),
                    "scale": i.get("scale"),
                    "gate": i.get("gate"),
                }
            self.types[tid] = items
            prefixes = [fold(p) for p in (t.get("prefixes") or "").split(";") if p.strip()]
            for name in [tid, t.get("label")] + prefixes:
                self.matchers[fold(name)] = tid
            self.prefixes += [(p, tid) for p in prefixes]
        self.prefixes.sort(key=lambda p: -len(p[0]))

    def type_of_cell(self, cell):
        return self.matchers.get(fold(cell))

    def type_of_name(self, name):
        n = fold(name)
        for p, tid in self.prefixes:
            if n.startswith(p) and (len(n) == len(p) or not n[len(p)].isalnum()):
                return tid
        return None


def decode(raw):
    """(text, encoding) as SPEC 3 chooses the encoding."""
    if raw.startswith(b"\xff\xfe") or raw.startswith(b"\xfe\xff"):
        return raw.decode("utf-16"), "UTF-16"
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "UTF-8 with BOM"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252"), "Windows-1252"


def sniff(line):
    """The delimiter with most occurrences outside quotes; ties in order ; , TAB |."""
    counts = {d: 0 for d in ";,\t|"}
    quoted = False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    return max(";,\t|", key=lambda d: (counts[d], -";,\t|".index(d)))


def parse_date(s):
    s = s.strip()
    if not s:
        return None, True
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?", s)
    if m:
        y, mo, d = map(int, m.groups())
    else:
        m = re.fullmatch(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{2}|\d{4})", s)
        if m:
            d, mo, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
            if len(m.group(4)) == 2:
                y += 2000
        else:
            m = re.fullmatch(r"(\d{1,2})\s+(\w+)\s+(\d{4})", s)
            if not m or m.group(2).casefold() not in MONTHS:
                return None, False
            d, mo, y = int(m.group(1)), MONTHS[m.group(2).casefold()], int(m.group(3))
    try:
        return datetime.date(y, mo, d), True
    except ValueError:
        return None, False


def records(text, delim):
    """Yield (start line, fields, error). An unterminated quote is an error at
    the line where its record starts; reading resumes on the next line."""
    lines = text.splitlines(keepends=True)
    start = 0                        # index of the first line not yet read
    while start < len(lines):
        reader = csv.reader(io.StringIO("".join(lines[start:]), newline=""),
                            delimiter=delim, strict=True)
        prev = 0
        try:
            for rec in reader:
                yield start + prev + 1, rec, None
                prev = reader.line_num
            return
        except csv.Error as e:
            yield start + prev + 1, None, f"bad quoting ({e})"
            start = start + prev + 1


def read_file(path, rubric, units, out):
    """Append one dict per data row of path to out; units carries unit types
    across files (first accepted row fixes them)."""
    text, enc = decode(open(path, "rb").read())
    first = text.split("\n", 1)[0]
    skip = 0
    if re.match(r"(?i)sep=.$", first.rstrip("\r")):
        delim, skip = first.rstrip("\r")[4], 1
    else:
        delim = sniff(next(l for l in text.splitlines() if l.strip()))
    header = None
    for line, rec, err in records(text, delim):
        if line <= skip:
            continue
        row = {"file": os.path.basename(path), "line": line, "faults": [], "encoding": enc}
        if err:
            if header is None:
                raise SystemExit(f"{path}:{line}: {err} before the header")
            row["faults"].append(err)
            out.append(row)
            continue
        if not rec or all(not f.strip() for f in rec):
            continue
        if header is None:
            header = [COLUMN.get(colkey(h)) for h in rec]
            while header and not rec[len(header) - 1].strip():
                header.pop()
                rec = rec[:-1]
            if not {"unit", "kode", "nilai"} <= set(header):
                raise SystemExit(f"{path}: not a layout A header: {rec}")
            continue
        fields = {}
        for i, value in enumerate(rec):
            if i >= len(header):
                if value.strip():
                    row["faults"].append("more fields than the header")
                continue
            if header[i]:
                fields[header[i]] = value.strip()
        row.update(fields)
        check_row(row, rubric, units)
        out.append(row)


def check_row(row, rubric, units):
    f = row["faults"]
    if f:
        return
    unit, code, answer = row.get("unit", ""), row.get("kode", ""), row.get("nilai", "")
    if not unit or not code or not answer:
        f.append("empty unit, code or answer")
        return
    key = fold(unit)
    cell = row.get("jenis", "")
    if cell:
        tid = rubric.type_of_cell(cell)
        if tid is None:
            f.append(f"unknown unit type {cell!r}")
            return
    else:
        tid = rubric.type_of_name(unit) or (units.get(key) or (None,))[0]
        if tid is None:
            f.append("unknown unit type (no type cell, no known prefix)")
            return
    if key in units and units[key][0] != tid:
        f.append(f"type {tid} contradicts the unit's type {units[key][0]}")
        return
    kanwil = fold(row.get("kanwil", ""))
    if key in units and kanwil and units[key][1] and units[key][1] != kanwil:
        f.append("kanwil contradicts the unit's kanwil")
        return
    item = rubric.types[tid].get(code.casefold())
    if item is None:
        f.append(f"code {code} is not an item of type {tid}")
        return
    level = rubric.scales[item["scale"]].get(fold(answer))
    if level is None:
        labels = ", ".join(dict.fromkeys(l for l, _ in rubric.scales[item["scale"]].values()))
        f.append(f"unknown answer {answer!r} for {item['code']} ({labels})")
        return
    date, ok = parse_date(row.get("tanggal", ""))
    if not ok:
        f.append(f"bad date {row.get('tanggal')!r}")
        return
    row.update(type=tid, item=item, level=level, date=date)
    units.setdefault(key, (tid, kanwil))


def readme_lists(path):
    """({(file, line)} rejected on purpose, {(file, line)} expected text warnings)."""
    text = open(path, encoding="utf-8").read()
    rejected = set()
    m = re.search(r"^## Rejected rows.*?(?=^## )", text, re.M | re.S)
    if m:
        for f, line in re.findall(r"^\| `([^`]+\.csv)` \| (\d+) \|", m.group(0), re.M):
            rejected.add((f, int(line)))
    warned = set(
        (f, int(line)) for f, line in
        re.findall(r"`samples/([^`:]+\.csv):(\d+)`: criterion text", text))
    return rejected, warned


def load(root=ROOT):
    rubric = Rubric(os.path.join(root, "templates", "rubric.xml"))
    rows, units = [], {}
    for path in sorted(glob.glob(os.path.join(root, "samples", "*.csv"))):
        read_file(path, rubric, units, rows)
    return rubric, rows


def main():
    rubric, rows = load()
    rejected, warned = readme_lists(os.path.join(ROOT, "samples", "README.md"))
    problems = 0
    seen_rejected = set()
    for r in rows:
        where = f"{r['file']}:{r['line']}"
        if r["faults"]:
            seen_rejected.add((r["file"], r["line"]))
            if (r["file"], r["line"]) not in rejected:
                problems += 1
                print(f"{where}: rejected but not listed in samples/README.md: {'; '.join(r['faults'])}")
            continue
        text = r.get("kriteria")
        if text is not None and " ".join(text.split()) != r["item"]["text"]:
            if (r["file"], r["line"]) not in warned:
                problems += 1
                print(f"{where}: criterion text {text!r} differs from the rubric's "
                      f"{r['item']['text']!r} and is not an expected warning")
    for f, line in sorted(rejected - seen_rejected):
        problems += 1
        print(f"{f}:{line}: listed as rejected on purpose, but the row is accepted (or absent)")
    print(f"samples-check: {len(rows)} rows, {len(seen_rejected & rejected)} rejected on purpose, "
          f"{problems} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
