# A layout B form filled in LibreOffice and saved as .ods: metadata rows,
# a date cell for Tanggal, marks in the answer columns.
import datetime, os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from workbooks import write_ods
rows = [
    ["Kanwil", "Kanwil Kalteng"],
    ["Unit", "Bapas Kelas II Sampit"],
    ["Jenis", "bapas"],
    ["Verifikator", "Tim 1"],
    ["Tanggal", datetime.date(2019, 10, 3)],
    None,
    ["Kode", "Kriteria", "Ada", "Proses", "Tidak", "Patuh", "Cukup patuh", "Kurang patuh",
     "Data dukung", "Catatan"],
    ["A.01", "Maklumat pelayanan", "v", None, None, None, None, None, "foto", None],
    ["B.01", "Petugas yang siaga melayani kelompok rentan", "x", None, None, None, None, None,
     None, "dua petugas"],
    ["C.11", "Layanan penelitian kemasyarakatan (litmas)", None, None, None, None, 1, None,
     None, None],
    ["C.12", "Layanan bimbingan klien pemasyarakatan", None, None, None, None, None, None,
     None, None],
]
write_ods("sampit.ods", [("Formulir", rows)])
