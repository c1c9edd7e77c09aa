# UTF-16 big-endian with its BOM: a filled-in form (layout B), TAB-separated.
import codecs
rows = ["Kanwil\tKanwil Banten",                                  # 1
        "Unit\tLapas Kelas III Cilegon",                          # 2
        "Tanggal\t3 Oktober 2019",                                # 3
        "Kode\tKriteria\tAda\tProses\tTidak\tData dukung\tCatatan",  # 4
        "A.01\tMaklumat pelayanan\tv\t\t\tfoto\u00b7jpg\t",        # 5
        "A.02\tRuang pengaduan\t\t\u2713\t\t\t"]                  # 6
data = "\r\n".join(rows) + "\r\n"
open("form.csv", "wb").write(codecs.BOM_UTF16_BE + data.encode("utf-16-be"))
