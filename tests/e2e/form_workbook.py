#!/usr/bin/python3
# form_workbook.py — the workbook form (SPEC 6, Forms) as openpyxl sees it.
# Run with /usr/bin/python3: it needs Debian's python3-openpyxl.
#
#   inspect FORM.xlsx RUBRIC.xml KANWIL   every promise of the form, per sheet
#   names FORM.xlsx NAME...               the sheet names, exactly
#   text FORM.xlsx UNIT KANWIL            --unit and --kanwil as text cells
#   resaved FILE.xlsx RUBRIC.xml          a re-save keeps lists and protection
#   fill FORM.xlsx OUT.xlsx ANSWERS.json  fill in as a team would
#   compare SUMMARY.xml ANSWERS.json      build read back what was filled
#
# Each prints what is wrong and exits 1, or exits 0 silently.
import datetime
import json
import sys
import xml.etree.ElementTree as ET
import zipfile

import openpyxl

HEADER = ["Kode", "Kriteria", "Jawaban", "Data dukung", "Catatan"]
META = ["Kanwil", "Unit", "Jenis", "Verifikator", "Tanggal"]
HEADER_ROW = 7
DATE = datetime.date(2024, 3, 5)
problems = []


def check(cond, what):
    if not cond:
        problems.append(what)
    return cond


def done():
    for p in problems[:40]:
        print(p)
    if len(problems) > 40:
        print("... and %d more" % (len(problems) - 40))
    sys.exit(1 if problems else 0)


def load_rubric(path):
    """Unit types in order: (id, label, sections), sections as form_sections()
    makes them: [(title or None, [(code, text, [labels])])]."""
    root = ET.parse(path).getroot()
    scales = {s.get("id"): [lv.get("label") for lv in s.findall("level")]
              for s in root.findall("scale")}
    groups = [(g.get("id"), g.get("label")) for g in root.findall("group")]
    types = []
    for t in root.findall("unit-type"):
        by_group = {gid: [] for gid, _ in groups}
        others, gates = [], []
        for it in t.findall("item"):
            row = (it.get("code"), " ".join(it.text.split()), scales[it.get("scale")])
            if it.get("gate"):
                gates.append(row)
            elif it.get("group"):
                by_group[it.get("group")].append(row)
            else:
                others.append(row)
        sections = [(label, by_group[gid]) for gid, label in groups if by_group[gid]]
        sections.append(("Lainnya" if sections else None, others))
        sections.append(("Syarat penghargaan", gates))
        types.append((t.get("id"), t.get("label"), [s for s in sections if s[1]]))
    return types


def list_formula(labels):
    return '"' + ",".join(labels) + '"'


def validations_at(ws, coord):
    return [dv for dv in ws.data_validations.dataValidation if coord in dv.sqref]


def inspect_sheet(ws, tid, label, sections, kanwil):
    name = ws.title
    where = lambda cell: "%s!%s" % (name, cell)
    for i, key in enumerate(META, 1):
        check(ws.cell(i, 1).value == key, where("A%d" % i) + ": %r, not %r" % (ws.cell(i, 1).value, key))
        check(ws.cell(i, 1).protection.locked, where("A%d" % i) + ": a key must be locked")
    check(ws["B1"].value == (kanwil or None), where("B1") + ": kanwil %r" % ws["B1"].value)
    check(ws["B2"].value is None, where("B2") + ": the unit is not blank")
    check(ws["B3"].value == tid, where("B3") + ": Jenis %r, not %r" % (ws["B3"].value, tid))
    check(ws["B3"].protection.locked, where("B3") + ": Jenis must be locked")
    for cell in ("B1", "B2", "B4", "B5"):
        check(not ws[cell].protection.locked, where(cell) + ": a metadata value must be editable")
    check(ws["B5"].number_format in ("yyyy-mm-dd", "dd/mm/yyyy"),
          where("B5") + ": Tanggal's format %r is no date format" % ws["B5"].number_format)
    dvs = validations_at(ws, "B5")
    if check(len(dvs) == 1, where("B5") + ": %d validations" % len(dvs)):
        dv = dvs[0]
        check(dv.type == "date", where("B5") + ": validation type %r" % dv.type)
        check(dv.errorStyle in (None, "stop") and dv.showErrorMessage,
              where("B5") + ": a bad date must be refused")
    check([c.value for c in ws[HEADER_ROW]] == HEADER,
          where("row %d" % HEADER_ROW) + ": header %r" % [c.value for c in ws[HEADER_ROW]])
    for c in ws[HEADER_ROW]:
        check(c.font.b, where(c.coordinate) + ": the header must be bold")
        check(c.protection.locked, where(c.coordinate) + ": the header must be locked")
    merged = {str(r) for r in ws.merged_cells.ranges}
    row = HEADER_ROW + 1
    for title, items in sections:
        if title is not None:
            check(ws.cell(row, 1).value == title,
                  where("A%d" % row) + ": title %r, not %r" % (ws.cell(row, 1).value, title))
            check("A%d:E%d" % (row, row) in merged, where("A%d" % row) + ": title not merged A:E")
            check(ws.cell(row, 1).font.b, where("A%d" % row) + ": title not bold")
            row += 1
        for code, text, labels in items:
            cells = ws[row]
            check(cells[0].value == code, where("A%d" % row) + ": %r, not %r" % (cells[0].value, code))
            check(cells[1].value == text, where("B%d" % row) + ": %r, not %r" % (cells[1].value, text))
            for c in cells[:2]:
                check(c.protection.locked, where(c.coordinate) + ": must be locked")
            for c in cells[2:5]:
                check(not c.protection.locked, where(c.coordinate) + ": must be editable")
                check(c.value is None, where(c.coordinate) + ": not blank")
            for c in cells[:5]:
                check(c.border.left.style and c.border.right.style and c.border.top.style
                      and c.border.bottom.style, where(c.coordinate) + ": no border")
            for c in (cells[1], cells[3], cells[4]):
                check(c.alignment.wrap_text, where(c.coordinate) + ": text does not wrap")
            dvs = validations_at(ws, "C%d" % row)
            if check(len(dvs) == 1, where("C%d" % row) + ": %d validations" % len(dvs)):
                dv = dvs[0]
                check(dv.type == "list", where("C%d" % row) + ": validation type %r" % dv.type)
                check(dv.formula1 == list_formula(labels),
                      where("C%d" % row) + ": list %r, not %r" % (dv.formula1, list_formula(labels)))
                check(dv.errorStyle in (None, "stop") and dv.showErrorMessage,
                      where("C%d" % row) + ": an invalid answer must be refused")
                check(dv.showDropDown in (None, False),
                      where("C%d" % row) + ": the drop-down arrow is hidden")
            row += 1
    check(ws.max_row == row - 1, name + ": %d rows, expected %d" % (ws.max_row, row - 1))
    # Widths that fit: Kode and Jawaban hold their longest text.
    widths = {k: d.width for k, d in ws.column_dimensions.items()}
    longest_code = max(len(code) for _, items in sections for code, _, _ in items)
    longest_label = max(len(l) for _, items in sections for _, _, labels in items for l in labels)
    check(widths.get("A", 0) >= max(longest_code, len("Verifikator")), name + ": column A too narrow")
    check(widths.get("C", 0) >= longest_label + 2, name + ": column C too narrow")
    check(widths.get("B", 0) >= 30 and widths.get("D", 0) >= 20 and widths.get("E", 0) >= 20,
          name + ": columns B, D or E too narrow: %r" % widths)
    # Protected without a password: only the unlocked cells take input.
    check(ws.protection.sheet, name + ": the sheet is not protected")
    check(not ws.protection.password, name + ": the protection has a password")
    # A4 landscape, one page wide, the header on every page, frozen below it.
    ps = ws.page_setup
    check(str(ps.paperSize) == "9", name + ": paper size %r, not A4 (9)" % ps.paperSize)
    check(ps.orientation == "landscape", name + ": orientation %r" % ps.orientation)
    check(ws.sheet_properties.pageSetUpPr.fitToPage, name + ": not fit to page")
    # An absent fitToWidth is 1, its default in ECMA-376.
    check(ps.fitToWidth in (None, 1, "1"), name + ": fitToWidth %r" % ps.fitToWidth)
    check(str(ps.fitToHeight) == "0", name + ": fitToHeight %r" % ps.fitToHeight)
    check(ws.print_title_rows == "$%d:$%d" % (HEADER_ROW, HEADER_ROW),
          name + ": print titles %r" % ws.print_title_rows)
    check(ws.freeze_panes == "A%d" % (HEADER_ROW + 1), name + ": frozen at %r" % ws.freeze_panes)


def sheet_name(label):
    for ch in '[]:*?/\\':
        label = label.replace(ch, "-")
    return label[:31].strip().strip("'")


def inspect(path, rubric, kanwil):
    types = load_rubric(rubric)
    wb = openpyxl.load_workbook(path)
    want = [sheet_name(label) for _, label, _ in types]
    check(wb.sheetnames == want, "sheets %r, not %r" % (wb.sheetnames, want))
    for ws, (tid, label, sections) in zip(wb.worksheets, types):
        inspect_sheet(ws, tid, label, sections, kanwil)
    # No formula anywhere: every cell is a value.
    with zipfile.ZipFile(path) as z:
        for n in z.namelist():
            if n.startswith("xl/worksheets/") and n.endswith(".xml"):
                check(b"<f>" not in z.read(n) and b"<f " not in z.read(n), n + ": has a formula")
    done()


def names(path, *want):
    got = openpyxl.load_workbook(path).sheetnames
    check(got == list(want), "sheets %r, not %r" % (got, list(want)))
    done()


def text(path, unit, kanwil):
    ws = openpyxl.load_workbook(path).worksheets[0]
    for cell, value in (("B1", kanwil), ("B2", unit)):
        check(ws[cell].value == value and ws[cell].data_type == "s",
              "%s: %r (%s), not the text %r" % (cell, ws[cell].value, ws[cell].data_type, value))
    done()


def resaved(path, rubric):
    types = load_rubric(rubric)
    wb = openpyxl.load_workbook(path)
    for ws, (tid, _, sections) in zip(wb.worksheets, types):
        check(ws.protection.sheet, ws.title + ": no longer protected")
        row = HEADER_ROW + 1
        for title, items in sections:
            row += title is not None
            for code, _, labels in items:
                dvs = validations_at(ws, "C%d" % row)
                check(len(dvs) == 1 and dvs[0].formula1 == list_formula(labels),
                      "%s!C%d: the list of %s is lost" % (ws.title, row, code))
                check(not ws.cell(row, 3).protection.locked and ws.cell(row, 1).protection.locked,
                      "%s!row %d: locking lost" % (ws.title, row))
                row += 1
    done()


def fill(path, out, answers_path):
    """Each sheet gets a unit, a team, a date, and on every item row a valid
    answer (the labels in turn), evidence and, on some rows, a note with the
    characters CSV exports must quote."""
    wb = openpyxl.load_workbook(path)
    answers = {}
    for ws in wb.worksheets:
        unit = "Unit Uji %s P\u00e9matang" % ws["B3"].value
        ws["B2"] = unit
        ws["B4"] = "Tim 1"
        ws["B5"] = DATE
        got = answers.setdefault(unit, {})
        n = 0
        for row in range(HEADER_ROW + 1, ws.max_row + 1):
            if ws.cell(row, 2).value is None:
                continue        # a title row
            code = ws.cell(row, 1).value
            dv = validations_at(ws, "C%d" % row)[0]
            labels = dv.formula1.strip('"').split(",")
            answer = labels[n % len(labels)]
            ws.cell(row, 3).value = answer
            ws.cell(row, 4).value = "foto-%s.jpg; caf\u00e9" % code
            if n % 3 == 0:
                ws.cell(row, 5).value = 'catatan "penting"; baris satu\nbaris dua'
            got[code] = {"answer": answer, "evidence": ws.cell(row, 4).value}
            n += 1
    wb.save(out)
    json.dump(answers, open(answers_path, "w"), ensure_ascii=False, indent=1)


def compare(summary, answers_path):
    ns = "{urn:p2ham:summary:1}"
    answers = json.load(open(answers_path))
    root = ET.parse(summary).getroot()
    inputs = root.find(ns + "inputs")
    rows = sum(len(items) for items in answers.values())
    check(inputs.get("rows-read") == str(rows) and inputs.get("rows-accepted") == str(rows)
          and inputs.get("rows-rejected") == "0",
          "rows %s read, %s accepted, %s rejected; %d expected" %
          (inputs.get("rows-read"), inputs.get("rows-accepted"), inputs.get("rows-rejected"), rows))
    units = {u.get("name"): u for u in root.iter(ns + "unit")}
    check(sorted(units) == sorted(answers), "units %r, not %r" % (sorted(units), sorted(answers)))
    for name, items in answers.items():
        if name not in units:
            continue
        got = {i.get("code"): i for i in units[name].iter(ns + "item")}
        for code, want in items.items():
            it = got.get(code)
            if not check(it is not None, "%s %s: missing" % (name, code)):
                continue
            for attr, value in (("status", "assessed"), ("answer", want["answer"]),
                                ("evidence", want["evidence"]), ("verifier", "Tim 1"),
                                ("date", DATE.isoformat())):
                check(it.get(attr) == value, "%s %s: %s %r, not %r" % (name, code, attr,
                                                                        it.get(attr), value))
    done()


if __name__ == "__main__":
    {"inspect": inspect, "names": names, "text": text, "resaved": resaved,
     "fill": fill, "compare": compare}[sys.argv[1]](*sys.argv[2:])
