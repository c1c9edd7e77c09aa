#!/usr/bin/env python3
"""Write the seed corpus of fuzz_workbook into tests/fuzz/corpus/workbook/.

Seeds are whole files (.xlsx and .ods as tests/e2e/workbooks.py writes
them, OLE2 heads of an .xls and of an encrypted .xlsx) and structured
inputs: 'X' or 'O' and then the XML parts separated by lines "==" (see
fuzz_workbook.c). Each is named by the SHA-1 of its bytes, as libFuzzer
names what it finds. The other inputs in that folder are what fuzzing
found (merged with -merge=1); this script leaves them alone.
"""

import datetime
import hashlib
import io
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
from workbooks import write_ods, write_xlsx  # noqa: E402

OUT = os.path.join(HERE, "corpus", "workbook")
MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' \
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
ODS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def seed(data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(OUT, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def structured(kind, parts):
    seed(kind + "\n==\n".join(parts))


def file_seed(writer, sheets):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "w")
        writer(path, sheets)
        seed(open(path, "rb").read())


HEAD = ["kanwil", "unit", "jenis", "kode", "nilai", "tanggal", "data dukung", "catatan"]
ROWS = [HEAD,
        ["Kanwil Banten", "Lapas Kelas III Cilegon", None, "A.01", "Ada",
         datetime.date(2019, 10, 3), "foto", 0.1],
        None,
        ["Kanwil Banten", "Lapas Kelas III Cilegon", "lapas", "A.02", "Proses",
         datetime.date(2019, 10, 4), "foto\nkedua", True],
        ["Kanwil Banten", "Rutan Kelas IIB Pandeglang", None, "C.01", "Cukup patuh", None, None, 3]]
FORM = [["Kanwil", "Kanwil Kalteng"], ["Unit", "Bapas Kelas II Sampit"], ["Tanggal", "03/10/2019"],
        None, ["Kode", "Kriteria", "Ada", "Tidak", "Patuh", "Data dukung"],
        ["A.01", "Maklumat pelayanan", "v", None, None, "foto"],
        ["C.11", "Layanan litmas", None, None, "x", None]]

os.makedirs(OUT, exist_ok=True)

file_seed(write_xlsx, [("Tim 1", ROWS), ("Formulir", FORM), ("Daftar", [["Ada"]], True)])
file_seed(write_ods, [("Tim 1", ROWS), ("Formulir", FORM)])
ole = bytearray(1536)
ole[:8] = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
ole[1024:1040] = "Workbook".encode("utf-16-le")
seed(bytes(ole))
ole[1024:1052] = "EncryptionInfo".encode("utf-16-le")
seed(bytes(ole))

workbook = (f'<workbook {MAIN}><workbookPr date1904="false"/><sheets>'
            '<sheet name="Tim 1" sheetId="1" r:id="rId1"/>'
            '<sheet name="Formulir" sheetId="2" state="hidden" r:id="rId2"/></sheets></workbook>')
rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{REL}worksheet" Target="/xl/worksheets/sheet2.xml"/>'
        f'<Relationship Id="rId3" Type="{REL}sharedStrings" Target="sharedStrings.xml"/>'
        f'<Relationship Id="rId4" Type="{REL}styles" Target="./styles.xml"/>'
        '</Relationships>')
sst = (f'<sst {MAIN}><si><t>kanwil</t></si><si><t>unit</t></si><si><t>kode</t></si>'
       '<si><t>nilai</t></si><si><t>tanggal</t></si>'
       '<si><r><rPr><b/></rPr><t>Lapas </t></r><r><t xml:space="preserve">Kelas I</t></r>'
       '<rPh sb="0" eb="1"><t>x</t></rPh></si>'
       '<si><t>Ada_x000D_</t></si><si/><si><t>Kanwil Banten</t></si></sst>')
styles = (f'<styleSheet {MAIN}><numFmts count="2">'
          '<numFmt numFmtId="164" formatCode="[$-421]dd\\ mmmm\\ yyyy;@"/>'
          '<numFmt numFmtId="165" formatCode="0.00&quot; d&quot;;[Red]\\-0.00"/></numFmts>'
          '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>'
          '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/>'
          '<xf numFmtId="165"/></cellXfs></styleSheet>')
sheet1 = (f'<worksheet {MAIN}><dimension ref="A1:E4"/><sheetData>'
          '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
          '<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>'
          '<row r="2"><c r="A2" t="s"><v>8</v></c><c r="B2" t="s"><v>5</v></c>'
          '<c r="C2" t="inlineStr"><is><t>A.01</t></is></c><c r="D2" t="s"><v>6</v></c>'
          '<c r="E2" s="1"><v>43741</v></c></row>'
          '<row r="4"><c r="A4" t="s"><v>8</v></c><c r="B4" t="str"><f>B2</f><v>Lapas Kelas I</v></c>'
          '<c r="C4" t="inlineStr"><is><r><t>A.</t></r><r><t>02</t></r></is></c>'
          '<c r="D4" t="b"><v>1</v></c><c r="E4" s="2"><v>43741.5</v></c><c r="F4" t="e"><v>#N/A</v></c>'
          '<c r="G4" s="3"><v>1E21</v></c><c r="H4" t="d"><v>2019-10-03T00:00:00</v></c></row>'
          '</sheetData><mergeCells count="1"><mergeCell ref="A4:B4"/></mergeCells></worksheet>')
sheet2 = (f'<worksheet {MAIN}><sheetData>'
          '<row r="1"><c r="A1" t="inlineStr"><is><t>Unit</t></is></c>'
          '<c r="B1" t="inlineStr"><is><t>Lapas A</t></is></c></row>'
          '<row r="3"><c r="A3" t="inlineStr"><is><t>Kode</t></is></c>'
          '<c r="B3" t="inlineStr"><is><t>Jawaban</t></is></c></row>'
          '<row r="4"><c r="A4" t="inlineStr"><is><t>A.01</t></is></c>'
          '<c r="B4" t="inlineStr"><is><t>Ada</t></is></c></row>'
          '</sheetData></worksheet>')
structured("X", [workbook, rels, sst, styles, sheet1, sheet2])
structured("X", [workbook.replace('date1904="false"', 'date1904="1"'), rels, "", styles,
                 sheet1.replace(' t="s"', ""), ""])

content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS}>'
           '<office:body><office:spreadsheet>'
           '<table:table table:name="Tim 1"><table:table-column table:number-columns-repeated="5"/>'
           '<table:table-row table:number-rows-repeated="2"><table:table-cell '
           'table:number-columns-repeated="1024"/></table:table-row>'
           '<table:table-header-rows><table:table-row>'
           + "".join(f'<table:table-cell office:value-type="string"><text:p>{h}</text:p>'
                     '</table:table-cell>' for h in ("unit", "kode", "nilai", "tanggal")) +
           '</table:table-row></table:table-header-rows>'
           '<table:table-row-group><table:table-row table:number-rows-repeated="2">'
           '<table:table-cell office:value-type="string"><office:annotation><text:p>catatan'
           '</text:p></office:annotation><text:p>Lapas<text:s text:c="2"/>A</text:p>'
           '<text:p>baris<text:tab/>dua<text:line-break/>tiga</text:p></table:table-cell>'
           '<table:table-cell office:value-type="string" table:number-columns-repeated="1">'
           '<text:p>A.01</text:p></table:table-cell>'
           '<table:covered-table-cell/><table:table-cell office:value-type="date" '
           'office:date-value="2019-10-03T10:00:00"><text:p>03/10/19</text:p></table:table-cell>'
           '<table:table-cell office:value-type="float" office:value="0.1"/>'
           '<table:table-cell office:value-type="percentage" office:value="0.5"/>'
           '<table:table-cell office:value-type="boolean" office:boolean-value="true"/>'
           '<table:table-cell table:number-columns-repeated="16000"/></table:table-row>'
           '</table:table-row-group></table:table>'
           '<table:table table:name="Kosong"/></office:spreadsheet></office:body>'
           '</office:document-content>')
manifest = ('<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type='
            '"application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>')
structured("O", [content, manifest])
structured("O", [content.replace("Tim 1", "T").replace("2019-10-03T10:00:00", "x"), ""])
print(f"{len(os.listdir(OUT))} inputs in {OUT}")
