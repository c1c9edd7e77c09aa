# A sheet of 256 MiB and one byte of zeros: about 260 KiB compressed.
import os, sys, zipfile
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from workbooks import write_xlsx
write_xlsx("bomb.xlsx", [("S", [["kanwil", "unit", "kode", "nilai"]])])
src = zipfile.ZipFile("bomb.xlsx")
with zipfile.ZipFile("big.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    for info in src.infolist():
        if info.filename == "xl/worksheets/sheet1.xml":
            with z.open(info.filename, "w", force_zip64=True) as w:
                chunk = bytes(1 << 20)
                for _ in range(256):
                    w.write(chunk)
                w.write(b"\0")
        else:
            z.writestr(info, src.read(info))
src.close()
os.replace("big.xlsx", "bomb.xlsx")
