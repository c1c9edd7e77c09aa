# A form whose Tanggal is no date: one warning at its line, and the item
# rows are still read, undated, instead of each being rejected.
rows = ["Kanwil;Kanwil Banten",                                         # 1
        "Unit;Lapas Kelas III Cilegon",                                 # 2
        "Tanggal;31/02/2019",                                           # 3
        "Kode;Kriteria;Ada;Proses;Tidak;Patuh;Cukup patuh;Kurang patuh;Data dukung;Catatan",  # 4
        "A.01;Maklumat pelayanan;v;;;;;;foto;",                         # 5
        "A.02;Ruang pengaduan;;v;;;;;;",                                # 6
        "C.01;Kunjungan;;;;;v;;;"]                                      # 7
open("form.csv", "w", encoding="utf-8").write("\r\n".join(rows) + "\r\n")
