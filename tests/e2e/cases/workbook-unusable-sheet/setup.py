# A workbook with an instructions sheet and a hidden list sheet besides its data.
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from workbooks import write_xlsx
write_xlsx("tim.xlsx", [
    ("Petunjuk", [["Isi lembar Data, satu baris per kriteria."]]),
    ("Data", [["kanwil", "unit", "kode", "nilai"],
              ["Kanwil Banten", "Lapas A", "A.01", "Ada"],
              ["Kanwil Banten", "Lapas A", "A.02", "Tidak"]]),
    ("Daftar", [["Ada"], ["Proses"], ["Tidak"]], True),
])
