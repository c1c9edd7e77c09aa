#!/usr/bin/env python3
"""Property test: nothing is lost, and scores do not depend on file layout.

Each run generates, from a fixed seed, verification rows for a few units:
good rows (every dialect feature: aliases, case, spacing, quoting, dates in
every form, embedded line breaks) mixed with bad ones (unknown answer,
code or type, bad date, empty cells, extra fields, a NUL byte, and a type or
kanwil contradicting the unit's first row). The rows are written as one
file and as the same rows split into several files, each with its own
dialect (delimiter, Excel's sep= line, line ends, BOM, encoding with UTF-16
among them, column order and aliases).
Then, on the real binary (SPEC 7, 8.7):

  * rows read = accepted + rejected, on the closing line and in
    summary.xml, for the run and for every file;
  * every bad row, and no good one, is a <rejected> with its file and the
    physical line where it starts;
  * the scores of every unit are the same however the rows are split;
  * when no row contradicts a unit's type or kanwil, they are the same in
    any file order too.

$P2HAM is the binary; PROPERTY_RUNS (default 150) and PROPERTY_SEED change
the amount and the seed. Python 3 standard library only.
"""

import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
P2HAM = os.environ.get("P2HAM", os.path.join(ROOT, "build", "p2ham"))
RUNS = int(os.environ.get("PROPERTY_RUNS", "150"))
SEED = int(os.environ.get("PROPERTY_SEED", "20191210"))
NS = {"s": "urn:p2ham:summary:1"}
CLOSING = re.compile(r"^(\d+) rows read, (\d+) accepted, (\d+) rejected, \d+ warnings$", re.M)

MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
COLUMNS = {
    "kanwil": ["kanwil", "Kantor Wilayah", "wilayah", "Region"],
    "unit": ["unit", "UPT", "Nama UPT", "nama_unit", "Satker"],
    "jenis": ["jenis", "Jenis UPT", "tipe", "Unit Type"],
    "kode": ["kode", "Kode Kriteria", "code", "ITEM"],
    "nilai": ["nilai", "Status", "jawaban", "hasil", "Answer"],
    "tanggal": ["tanggal", "tgl", "Date"],
    "data_dukung": ["data_dukung", "Data Dukung", "bukti", "evidence"],
    "catatan": ["catatan", "keterangan", "Notes"],
}


def load_rubric():
    root = ET.parse(os.path.join(ROOT, "templates", "rubric.xml")).getroot()
    scales = {}
    for s in root.iter("scale"):
        levels = []
        for lv in s.iter("level"):
            aliases = [a for a in (lv.get("aliases") or "").split(";") if a.strip()]
            levels.append((lv.get("label"), aliases))
        scales[s.get("id")] = levels
    types = {}
    for t in root.iter("unit-type"):
        items = [(i.get("code"), i.get("scale")) for i in t.iter("item")]
        prefixes = [p for p in (t.get("prefixes") or "").split(";") if p]
        types[t.get("id")] = (t.get("label"), prefixes, items)
    return scales, types


SCALES, TYPES = load_rubric()


def vary_case(rng, s):
    return "".join(c.upper() if rng.random() < 0.3 else c.lower() for c in s)


def answer_text(rng, scale):
    label, aliases = rng.choice(SCALES[scale])
    text = rng.choice([label] + aliases)
    if rng.random() < 0.3:
        text = vary_case(rng, text)
    if rng.random() < 0.2:
        text = text.replace(" ", "   ")
    return text


def date_text(rng):
    y, m, d = rng.choice([2019, 2020]), rng.randint(1, 12), rng.randint(1, 28)
    form = rng.randrange(8)
    if form == 0:
        return f"{y:04d}-{m:02d}-{d:02d}"
    if form == 1:
        return f"{d}/{m}/{y}"
    if form == 2:
        return f"{d:02d}-{m:02d}-{y}"
    if form == 3:
        return f"{d} {rng.choice([MONTHS, MONTHS_EN])[m - 1]} {y}"
    if form == 4:
        return f"{d:02d}.{m:02d}.{y}"
    if form == 5:
        return f"{y:04d}-{m:02d}-{d:02d}{rng.choice([' ', 'T'])}{rng.randint(0, 23)}:05:00"
    if form == 6:
        sep = rng.choice("/-.")
        return f"{d:02d}{sep}{m:02d}{sep}{y % 100:02d}"
    return ""


def make_units(rng):
    units = []
    kanwils = ["Kanwil Banten", "Kanwil Kalimantan Tengah", "Kanwil Bali"]
    for i in range(rng.randint(1, 6)):
        tid = rng.choice(sorted(TYPES))
        label, prefixes, _ = TYPES[tid]
        name = f"{rng.choice(prefixes).title()} Kelas {rng.choice(['I', 'IIA', 'IIB', 'III'])} Kota{i}"
        units.append({"name": name, "type": tid, "kanwil": rng.choice(kanwils)})
    return units


def good_row(rng, unit):
    label, prefixes, items = TYPES[unit["type"]]
    code, scale = rng.choice(items)
    jenis = rng.choice([unit["type"], label, vary_case(rng, unit["type"]), ""])
    return {
        "kanwil": unit["kanwil"], "unit": unit["name"], "jenis": jenis,
        "kode": vary_case(rng, code) if rng.random() < 0.2 else code,
        "nilai": answer_text(rng, scale), "tanggal": date_text(rng),
        "data_dukung": rng.choice(["", "foto.jpg", "SK, foto; video", "baris 1\nbaris 2",
                                   'kata "kutip"', "https://x.go.id/a?b=1|2",
                                   "ruang laktasi \u2014 selesai", "caf\u00e9"]),
        "catatan": rng.choice(["", "catatan", "  spasi  "]),
    }


# Bad rows: (kind, make(rng, row, unit, units) -> row or None, order-safe)
def bad_answer(rng, row, unit, units):
    row["nilai"] = rng.choice(["Adaa", "mungkin", "100%", "x"])
    return row


def bad_code(rng, row, unit, units):
    row["kode"] = rng.choice(["Z.99", "A.999", "A01x"])
    return row


def bad_date(rng, row, unit, units):
    row["tanggal"] = rng.choice(["31/02/2019", "2019-13-01", "3 Okt 2019", "kemarin"])
    return row


def bad_empty(rng, row, unit, units):
    row[rng.choice(["unit", "kode", "nilai"])] = rng.choice(["", "   "])
    return row


def bad_type(rng, row, unit, units):
    row["jenis"] = "Kantor Pusat"
    return row


def bad_nul(rng, row, unit, units):
    row["catatan"] = "a\0b"
    return row


def bad_extra(rng, row, unit, units):
    row["_extra"] = "surplus"
    return row


def bad_other_type(rng, row, unit, units):
    if not unit["seen"]:
        return None
    other = rng.choice([t for t in TYPES if t != unit["type"]])
    row["jenis"] = other
    return row


def bad_other_kanwil(rng, row, unit, units):
    if not unit["seen"]:
        return None
    row["kanwil"] = "Kanwil Papua"
    return row


BAD = [bad_answer, bad_code, bad_date, bad_empty, bad_type, bad_nul, bad_extra]
CONTRADICTIONS = [bad_other_type, bad_other_kanwil]


def make_rows(rng, units, contradictions):
    rows = []
    for u in units:
        u["seen"] = False
    for _ in range(rng.randint(5, 60)):
        unit = rng.choice(units)
        row = good_row(rng, unit)
        bad = None
        if rng.random() < 0.3:
            kinds = BAD + (CONTRADICTIONS if contradictions else [])
            bad = rng.choice(kinds)
            made = bad(rng, row, unit, units)
            if made is None:
                bad, made = None, good_row(rng, unit)
            row = made
        row["_bad"] = bad is not None
        if not row["_bad"]:
            unit["seen"] = True
        rows.append(row)
    return rows


def quote(value, delim, rng, force=False):
    needs = any(c in value for c in (delim, '"', "\n", "\r")) or value[:1].isspace() \
        or value[-1:].isspace()
    if needs or force:
        return '"' + value.replace('"', '""') + '"'
    return (" " if rng.random() < 0.1 else "") + value


def write_file(rng, path, rows):
    """Write rows as one CSV file in a random dialect; return each row's line."""
    delim = rng.choice([",", ";", "\t", "|"])
    eol = rng.choice(["\n", "\r\n"])
    cols = list(COLUMNS)
    rng.shuffle(cols)
    header = [rng.choice(COLUMNS[c]) for c in cols]
    text = []
    line = 2
    lines = []
    if rng.random() < 0.15:
        text.append(f"{rng.choice(['sep', 'SEP'])}={delim}{eol}")
        line += 1
    text.append(delim.join(quote(h, delim, rng) for h in header) + eol)
    for row in rows:
        cells = [quote(row.get(c, ""), delim, rng, force=rng.random() < 0.1) for c in cols]
        if "_extra" in row:
            cells.append(row["_extra"])
        record = delim.join(cells) + eol
        lines.append(line)
        text.append(record)
        body = record[:-len(eol)]
        line += 1 + body.count("\r\n") + body.replace("\r\n", "").count("\n") \
            + body.replace("\r\n", "").count("\r")
    data = "".join(text)
    enc = "utf-8"
    if rng.random() < 0.15:
        enc = rng.choice(["utf-16", "utf-16-be"])
    elif rng.random() < 0.2:
        try:
            raw = data.encode("cp1252")
            if raw.decode("utf-8", "replace") != data:   # really not UTF-8
                enc = "cp1252"
        except UnicodeEncodeError:
            pass
    raw = data.encode(enc)
    if enc == "utf-8" and rng.random() < 0.3:
        raw = b"\xef\xbb\xbf" + raw
    if enc == "utf-16-be":
        raw = b"\xfe\xff" + raw
    with open(path, "wb") as f:
        f.write(raw)
    return lines


def run(work, files, extra=()):
    env = dict(os.environ, TZ="UTC", LC_ALL="C.UTF-8", P2HAM_DATA=ROOT)
    env.pop("SOURCE_DATE_EPOCH", None)
    env.setdefault("LSAN_OPTIONS", "suppressions=%s:print_suppressions=0"
                   % os.path.join(ROOT, "tests", "lsan.supp"))
    out = os.path.join(work, "out")
    shutil.rmtree(out, ignore_errors=True)
    p = subprocess.run([P2HAM, "build", "-q", "-o", out, "--date", "2019-12-10",
                        "--no-report", "--no-certificates", "--no-charts", *extra, *files],
                       cwd=work, env=env, capture_output=True, timeout=120)
    return p, os.path.join(out, "summary.xml")


def unit_scores(root):
    """Everything about each unit that must not depend on file layout."""
    result = {}
    for u in root.findall("s:unit", NS):
        items = tuple((i.get("code"), i.get("status"), i.get("answer"), i.get("score"))
                      for i in u.findall("s:item", NS))
        result[u.get("name")] = (
            u.get("id"), u.get("type"), u.get("kanwil"), u.get("rank"), u.get("total"),
            u.get("grade"), u.get("completeness"), u.get("recommendation"),
            u.get("verification-code"),
            tuple((a.get("id"), a.get("score")) for a in u.findall("s:aspect", NS)),
            tuple((p.get("id"), p.get("score")) for p in u.findall("s:principle", NS)),
            items)
    regions = {r.get("kanwil"): (r.get("units"), r.get("recommended"), r.get("mean-total"),
                                 tuple((p.get("id"), p.get("score"))
                                       for p in r.findall("s:principle", NS)))
               for r in root.findall("s:region", NS)}
    return result, regions


def check_run(p, summary, files_rows, label):
    """Counts add up and the rejected rows are exactly the bad ones."""
    rows = [r for _, rs, _ in files_rows for r in rs]
    bad = sum(r["_bad"] for r in rows)
    want_status = 1 if bad else 0
    err = p.stderr.decode("utf-8", "replace")
    if p.returncode != want_status:
        return f"{label}: exit {p.returncode}, expected {want_status}\n{err[-2000:]}"
    m = CLOSING.search(err)
    if not m:
        return f"{label}: no closing line"
    read, acc, rej = map(int, m.groups())
    if (read, acc, rej) != (len(rows), len(rows) - bad, bad) or read != acc + rej:
        return f"{label}: closing line {m.group(0)!r}, expected {len(rows)} rows, {bad} bad"
    root = ET.parse(summary).getroot()
    inputs = root.find("s:inputs", NS)
    totals = tuple(int(inputs.get(k)) for k in ("rows-read", "rows-accepted", "rows-rejected"))
    if totals != (read, acc, rej):
        return f"{label}: summary.xml inputs {totals} differ from the closing line"
    for f, (name, rs, _) in zip(inputs.findall("s:file", NS), files_rows):
        r, a, j = (int(f.get(k)) for k in ("rows-read", "rows-accepted", "rows-rejected"))
        fbad = sum(x["_bad"] for x in rs)
        if f.get("path") != name or (r, a, j) != (len(rs), len(rs) - fbad, fbad):
            return f"{label}: file {name}: {r} read, {a} accepted, {j} rejected"
    want = {(name, line) for name, rs, lines in files_rows
            for r, line in zip(rs, lines) if r["_bad"]}
    got = {(x.get("source"), int(x.get("line"))) for x in root.findall("s:rejected", NS)}
    if want != got:
        return f"{label}: rejected rows {sorted(got ^ want)} differ"
    return None


def one_case(n, rng, work):
    contradictions = rng.random() < 0.5
    units = make_units(rng)
    rows = make_rows(rng, units, contradictions)

    # All rows in one file.
    single = [("all.csv", rows, write_file(rng, os.path.join(work, "all.csv"), rows))]
    p, summary = run(work, ["all.csv"])
    why = check_run(p, summary, single, f"run {n}, one file")
    if why:
        return why
    base = unit_scores(ET.parse(summary).getroot())

    # The same rows, in order, split into 2-5 files.
    k = rng.randint(2, 5)
    cuts = sorted(rng.sample(range(1, len(rows)), min(k - 1, len(rows) - 1)))
    parts = [rows[i:j] for i, j in zip([0] + cuts, cuts + [len(rows)])]
    split = []
    for i, part in enumerate(parts):
        name = f"part{i}.csv"
        split.append((name, part, write_file(rng, os.path.join(work, name), part)))
    p, summary = run(work, [name for name, _, _ in split])
    why = check_run(p, summary, split, f"run {n}, {len(split)} files")
    if why:
        return why
    if unit_scores(ET.parse(summary).getroot()) != base:
        return f"run {n}: scores change when the rows are split into {len(split)} files"

    # With no contradiction, any file order gives the same scores.
    if not contradictions:
        order = split[:]
        rng.shuffle(order)
        p, summary = run(work, [name for name, _, _ in order])
        why = check_run(p, summary, order, f"run {n}, files shuffled")
        if why:
            return why
        if unit_scores(ET.parse(summary).getroot()) != base:
            return f"run {n}: scores change with the file order " \
                   f"{[name for name, _, _ in order]}"
    return None


def main():
    failures = 0
    work = tempfile.mkdtemp(prefix="p2ham-property-")
    try:
        for n in range(RUNS):
            rng = random.Random(SEED * 1000 + n)
            case = os.path.join(work, str(n))
            os.mkdir(case)
            why = one_case(n, rng, case)
            if why:
                failures += 1
                keep = os.path.join(tempfile.gettempdir(), f"p2ham-property-fail-{n}")
                shutil.rmtree(keep, ignore_errors=True)
                shutil.copytree(case, keep)
                print(f"FAIL {why}\n    inputs kept in {keep}")
            shutil.rmtree(case)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"property: {RUNS - failures} passed, {failures} failed "
          f"({RUNS} generated runs, seed {SEED})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
