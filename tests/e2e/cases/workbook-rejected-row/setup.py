# Two teams' sheets in one workbook: a conflict between them, a rejected
# row in the second, leading empty rows in the first.
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from workbooks import write_xlsx
head = ["kanwil", "unit", "kode", "nilai", "verifikator"]
write_xlsx("a.xlsx", [
    ("Tim 1", [None, None, head,
               ["Kanwil Banten", "Lapas A", "A.01", "Ada", "Tim 1"],
               ["Kanwil Banten", "Lapas A", "A.02", "Ada", "Tim 1"]]),
    ("Tim 2", [head,
               ["Kanwil Banten", "Lapas A", "A.01", "Proses", "Tim 2"],
               None,
               ["Kanwil Banten", "Lapas A", "A.03", "Adaa", "Tim 2"]]),
])
