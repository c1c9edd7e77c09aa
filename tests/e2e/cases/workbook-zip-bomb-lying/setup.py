# A sheet that inflates to 290 MiB of small elements while its ZIP headers
# say 1000 bytes: the reader counts what it inflates, whatever they say.
import os, struct, sys, zipfile
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from workbooks import write_xlsx
NAME = "xl/worksheets/sheet1.xml"
write_xlsx("honest.xlsx", [("S", [["kanwil", "unit", "kode", "nilai"]])])
src = zipfile.ZipFile("honest.xlsx")
with zipfile.ZipFile("big.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    for info in src.infolist():
        if info.filename != NAME:
            z.writestr(info, src.read(info))
            continue
        with z.open(NAME, "w") as w:
            w.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                    b"<sheetData>")
            chunk = b"<x/>" * (1 << 18)
            for _ in range(290):
                w.write(chunk)
            w.write(b"</sheetData></worksheet>")
src.close()
data = bytearray(open("big.xlsx", "rb").read())
for sig, size_at, name_len_at, name_at in ((b"PK\x01\x02", 24, 28, 46), (b"PK\x03\x04", 22, 26, 30)):
    i = data.find(sig)
    while i >= 0:
        n = struct.unpack_from("<H", data, i + name_len_at)[0]
        if data[i + name_at:i + name_at + n] == NAME.encode():
            struct.pack_into("<I", data, i + size_at, 1000)
        i = data.find(sig, i + 4)
open("lying.xlsx", "wb").write(bytes(data))
os.unlink("big.xlsx")
os.unlink("honest.xlsx")
