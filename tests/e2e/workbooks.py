"""Small .xlsx and .ods writers for the end-to-end cases (standard library only).

A sheet is (name, rows) or (name, rows, hidden); a row is a list of cells,
None for an empty one. Cell values: str (a shared string in .xlsx, a string
cell in .ods), int or float (a number), bool, datetime.date (a date cell:
.xlsx with the built-in date format 14, .ods with office:date-value).
A row may also be None: an empty row.
"""

import datetime
import zipfile
from xml.sax.saxutils import escape, quoteattr

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def _member(name):
    """A member with a fixed time, so that the same sheets give the same bytes."""
    return zipfile.ZipInfo(name, date_time=(2019, 10, 3, 0, 0, 0))


def _col(i):
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def _xlsx_cell(ref, v, strings):
    if v is None:
        return ""
    if isinstance(v, bool):
        return f'<c r="{ref}" t="b"><v>{int(v)}</v></c>'
    if isinstance(v, (int, float)):
        return f'<c r="{ref}"><v>{v!r}</v></c>'
    if isinstance(v, datetime.date):
        serial = (v - datetime.date(1899, 12, 30)).days
        return f'<c r="{ref}" s="1"><v>{serial}</v></c>'
    if v not in strings:
        strings[v] = len(strings)
    return f'<c r="{ref}" t="s"><v>{strings[v]}</v></c>'


def write_xlsx(path, sheets):
    strings = {}
    parts = {}
    entries = []
    rels = []
    for n, sheet in enumerate(sheets, 1):
        name, rows = sheet[0], sheet[1]
        hidden = len(sheet) > 2 and sheet[2]
        xml = [f'<worksheet xmlns="{MAIN}"><sheetData>']
        for r, row in enumerate(rows, 1):
            if not row:
                continue
            cells = "".join(_xlsx_cell(f"{_col(c)}{r}", v, strings) for c, v in enumerate(row))
            xml.append(f'<row r="{r}">{cells}</row>')
        xml.append("</sheetData></worksheet>")
        parts[f"xl/worksheets/sheet{n}.xml"] = "".join(xml)
        state = ' state="hidden"' if hidden else ""
        entries.append(f'<sheet name={quoteattr(name)} sheetId="{n}"{state} r:id="rId{n}"/>')
        rels.append(f'<Relationship Id="rId{n}" Type="{REL}/worksheet" '
                    f'Target="worksheets/sheet{n}.xml"/>')
    rels.append(f'<Relationship Id="rIdS" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>')
    rels.append(f'<Relationship Id="rIdT" Type="{REL}/styles" Target="styles.xml"/>')
    sst = "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings)
    parts["xl/sharedStrings.xml"] = f'<sst xmlns="{MAIN}" count="{len(strings)}">{sst}</sst>'
    parts["xl/styles.xml"] = (f'<styleSheet xmlns="{MAIN}"><cellXfs count="2"><xf numFmtId="0"/>'
                              f'<xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>')
    parts["xl/workbook.xml"] = (f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
                                + "".join(entries) + "</sheets></workbook>")
    parts["xl/_rels/workbook.xml.rels"] = f'<Relationships xmlns="{PKG}">' + "".join(rels) + \
        "</Relationships>"
    parts["_rels/.rels"] = (f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
                            f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    parts["[Content_Types].xml"] = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/></Types>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name in ["[Content_Types].xml", "_rels/.rels"] + \
                [p for p in parts if p not in ("[Content_Types].xml", "_rels/.rels")]:
            z.writestr(_member(name), parts[name], compress_type=zipfile.ZIP_DEFLATED)


ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def _ods_cell(v):
    if v is None:
        return "<table:table-cell/>"
    if isinstance(v, bool):
        b = "true" if v else "false"
        return (f'<table:table-cell office:value-type="boolean" office:boolean-value="{b}">'
                f"<text:p>{b.upper()}</text:p></table:table-cell>")
    if isinstance(v, (int, float)):
        return (f'<table:table-cell office:value-type="float" office:value="{v!r}">'
                f"<text:p>{v}</text:p></table:table-cell>")
    if isinstance(v, datetime.date):
        return (f'<table:table-cell office:value-type="date" office:date-value="{v.isoformat()}">'
                f"<text:p>{v:%d/%m/%Y}</text:p></table:table-cell>")
    paras = "".join(f"<text:p>{escape(p)}</text:p>" for p in v.split("\n"))
    return f'<table:table-cell office:value-type="string">{paras}</table:table-cell>'


def write_ods(path, sheets):
    tables = []
    for sheet in sheets:
        name, rows = sheet[0], sheet[1]
        xml = [f"<table:table table:name={quoteattr(name)}>"]
        for row in rows:
            cells = "".join(_ods_cell(v) for v in (row or []))
            # What LibreOffice writes at the end of every row.
            xml.append(f'<table:table-row>{cells}<table:table-cell '
                       f'table:number-columns-repeated="1000"/></table:table-row>')
        xml.append('<table:table-row table:number-rows-repeated="1048000">'
                   '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
        xml.append("</table:table>")
        tables.append("".join(xml))
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODS_NS} '
               f'office:version="1.2"><office:body><office:spreadsheet>{"".join(tables)}'
               f"</office:spreadsheet></office:body></office:document-content>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(_member("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr(_member("META-INF/manifest.xml"),
                   '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
                   'manifest:1.0" manifest:version="1.2"/>', compress_type=zipfile.ZIP_DEFLATED)
        z.writestr(_member("content.xml"), content, compress_type=zipfile.ZIP_DEFLATED)
