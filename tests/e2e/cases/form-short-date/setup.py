# A filled-in form whose Tanggal cell Excel exported in its short date
# format, 03/10/19: every item row is read, dated 2019-10-03, with one
# warning at the Tanggal line.
rows = ["Kanwil;Kanwil Banten",                                         # 1
        "Unit;Lapas Kelas III Cilegon",                                 # 2
        "Tanggal;03/10/19",                                             # 3
        "Verifikator;Tim 1",                                            # 4
        "Kode;Kriteria;Ada;Proses;Tidak;Patuh;Cukup patuh;Kurang patuh;Data dukung;Catatan",  # 5
        "A.01;Maklumat pelayanan;v;;;;;;foto;",                         # 6
        "A.02;Ruang pengaduan;;v;;;;;;",                                # 7
        "B.01;Petugas siaga;;;v;;;;;",                                  # 8
        "C.01;Kunjungan;;;;;v;;;"]                                      # 9
open("form.csv", "w", encoding="utf-8").write("\r\n".join(rows) + "\r\n")
