# An .xlsx that someone named .csv: told by its content.
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from workbooks import write_xlsx
write_xlsx("data.csv", [("Sheet1", [["kanwil", "unit", "kode", "nilai"],
                                    ["Kanwil Banten", "Lapas A", "A.01", "Ada"]])])
