import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from workbooks import write_ods
write_ods("kosong.ods", [("Lembar1", []), ("Lembar2", [["catatan"]])])
