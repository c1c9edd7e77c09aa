#!/usr/bin/env python3
"""The rows of a set of layout A CSV files as one big .xlsx sheet, and as one CSV.

usage: xlsx_rows.py [-n COPIES] [-l LINKS] -o DIR FILE.csv...

Writes DIR/rows.xlsx and DIR/rows.csv holding the same rows: the files'
rows in order under one header, COPIES times over (the copies repeat
observations, so they become conflicts; units stay the same). The sheet
is written as Excel writes one: shared strings, cell references, dates as
serial numbers under a date format, streamed into the ZIP. Prints
"KEY VALUE" lines: rows, csv-bytes, xlsx-bytes, sheet-bytes (the sheet's
XML, uncompressed), strings-bytes (the shared strings' XML).

With -l LINKS, each row's data dukung gains LINKS links to documents with
40-character ids, different in every row (seeded, so the files are the same
every time): what uploaded evidence looks like, and what keeps a workbook
from compressing to nothing, so that the file reaches the size the bench
wants within a run's row limit.
"""

import argparse
import csv
import datetime
import io
import os
import random
import re
import zipfile

COLUMNS = ["kanwil", "unit", "jenis", "kode", "kriteria", "nilai", "data dukung",
           "catatan", "verifikator", "tanggal"]
ALIASES = {
    "kanwil": "kanwil", "kantorwilayah": "kanwil", "wilayah": "kanwil", "region": "kanwil",
    "unit": "unit", "upt": "unit", "satker": "unit", "namaupt": "unit", "namaunit": "unit",
    "unitname": "unit", "jenis": "jenis", "jenisupt": "jenis", "tipe": "jenis",
    "type": "jenis", "unittype": "jenis", "kode": "kode", "kodekriteria": "kode",
    "code": "kode", "item": "kode", "kriteria": "kriteria", "criterion": "kriteria",
    "uraian": "kriteria", "nilai": "nilai", "status": "nilai", "jawaban": "nilai",
    "hasil": "nilai", "answer": "nilai", "datadukung": "data dukung",
    "datapendukung": "data dukung", "bukti": "data dukung", "evidence": "data dukung",
    "catatan": "catatan", "keterangan": "catatan", "note": "catatan", "notes": "catatan",
    "verifikator": "verifikator", "tim": "verifikator", "verifier": "verifikator",
    "team": "verifikator", "tanggal": "tanggal", "tgl": "tanggal", "date": "tanggal",
}
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
EPOCH = datetime.date(1899, 12, 30)
DATE = re.compile(r"^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$|^(\d{4})-(\d{2})-(\d{2})$")


def key(name):
    return re.sub(r"[\s_.\-]", "", name.strip().lower())


def read_rows(path):
    text = open(path, encoding="utf-8-sig", newline="").read()
    first = text.split("\n", 1)[0]
    delim = ";" if first.count(";") > first.count(",") else ","
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    header = [ALIASES.get(key(h)) for h in next(rows)]
    for row in rows:
        if not any(c.strip() for c in row):
            continue
        out = dict.fromkeys(COLUMNS, "")
        for name, cell in zip(header, row):
            if name:
                out[name] = cell.strip()
        yield [out[c] for c in COLUMNS]


def serial(text):
    m = DATE.match(text)
    if not m:
        return None
    try:
        if m.group(1):
            d = datetime.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        else:
            d = datetime.date(int(m.group(4)), int(m.group(5)), int(m.group(6)))
    except ValueError:
        return None
    return (d - EPOCH).days


def col(i):
    return "ABCDEFGHIJ"[i]


def member(name):
    info = zipfile.ZipInfo(name, date_time=(2019, 12, 10, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=1)
    ap.add_argument("-l", type=int, default=0)
    ap.add_argument("-o", required=True)
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    os.makedirs(a.o, exist_ok=True)
    base = [r for f in a.files for r in read_rows(f)]
    rows = []
    rnd = random.Random(2019)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    evidence = COLUMNS.index("data dukung")
    for _ in range(a.n):
        for r in base:
            r = list(r)
            links = ["https://drive.example.go.id/d/" + "".join(rnd.choices(alphabet, k=40))
                     for _ in range(a.l)]
            r[evidence] = "; ".join(([r[evidence]] if r[evidence] else []) + links)
            rows.append(r)
    strings = {}

    def sst(s):
        i = strings.get(s)
        if i is None:
            i = strings[s] = len(strings)
        return i

    with open(os.path.join(a.o, "rows.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        w.writerows(rows)
    sheet_bytes = 0
    path = os.path.join(a.o, "rows.xlsx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        with z.open(member("xl/worksheets/sheet1.xml"), "w", force_zip64=True) as out:
            buf = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   f'<worksheet xmlns="{MAIN}" xmlns:r="{REL}"><sheetData>']
            line = 1
            buf.append(f'<row r="1">' + "".join(
                f'<c r="{col(i)}1" t="s"><v>{sst(h)}</v></c>' for i, h in enumerate(COLUMNS)) +
                "</row>")
            for row in rows:
                line += 1
                cells = []
                for i, v in enumerate(row):
                    if not v:
                        continue
                    ref = f"{col(i)}{line}"
                    n = serial(v) if i == 9 else None
                    if n is not None:
                        cells.append(f'<c r="{ref}" s="1"><v>{n}</v></c>')
                    else:
                        cells.append(f'<c r="{ref}" t="s"><v>{sst(v)}</v></c>')
                buf.append(f'<row r="{line}">{"".join(cells)}</row>')
                if len(buf) >= 4096:
                    data = "".join(buf).encode("utf-8")
                    sheet_bytes += len(data)
                    out.write(data)
                    buf = []
            buf.append("</sheetData></worksheet>")
            data = "".join(buf).encode("utf-8")
            sheet_bytes += len(data)
            out.write(data)
        from xml.sax.saxutils import escape
        sst_xml = (f'<sst xmlns="{MAIN}" count="{len(strings)}" uniqueCount="{len(strings)}">' +
                   "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>")
        sst_xml = sst_xml.encode("utf-8")
        z.writestr(member("xl/sharedStrings.xml"), sst_xml)
        z.writestr(member("xl/styles.xml"),
                   f'<styleSheet xmlns="{MAIN}"><cellXfs count="2"><xf numFmtId="0"/>'
                   f'<xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>')
        z.writestr(member("xl/workbook.xml"),
                   f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="Data" '
                   f'sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr(member("xl/_rels/workbook.xml.rels"),
                   f'<Relationships xmlns="{PKG}">'
                   f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
                   f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
                   f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/>'
                   f"</Relationships>")
        z.writestr(member("_rels/.rels"),
                   f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
                   f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr(member("[Content_Types].xml"),
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="xml" ContentType="application/xml"/></Types>')
    print("rows", len(rows))
    print("csv-bytes", os.path.getsize(os.path.join(a.o, "rows.csv")))
    print("xlsx-bytes", os.path.getsize(path))
    print("sheet-bytes", sheet_bytes)
    print("strings-bytes", len(sst_xml))


if __name__ == "__main__":
    main()
