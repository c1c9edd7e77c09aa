# Layout A as a spreadsheet program saves it, written with openpyxl: shared
# strings, dates under a custom date format, numbers, a boolean.
import datetime, os, sys
try:
    import openpyxl
except ImportError:
    # The python3 on PATH may lack it; Debian's has python3-openpyxl.
    if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3", os.path.abspath(__file__)])
    raise
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Tim 1"
ws.append(["Kanwil", "Nama UPT", "Kode Kriteria", "Jawaban", "Tanggal", "Catatan", "Bukti"])
ws.append(["Kanwil Banten", "Lapas Kelas III Cilegon", "A.01", "Ada",
           datetime.datetime(2019, 10, 3, 9, 30), 0.1, "foto maklumat"])
ws.append(["Kanwil Banten", "Lapas Kelas III Cilegon", "A.02", "Proses",
           datetime.date(2019, 10, 3), 3.0, True])
ws.append([])
ws.append(["Kanwil Banten", "Lapas Kelas III Cilegon", "A.03", "tidak ada", None,
           "baris satu\nbaris dua", None])
for cell in ("E2", "E3"):
    ws[cell].number_format = "dd/mm/yyyy"
wb.save("banten.xlsx")
