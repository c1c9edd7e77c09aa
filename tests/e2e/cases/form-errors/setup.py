rows = ["Kanwil;Kanwil Banten",                                         # 1
        "Unit;Lapas Kelas III Cilegon",                                 # 2
        "Tanggal;3 Oktober 2019",                                       # 3
        "Verifikator;Tim 1",                                            # 4
        "Dicetak oleh p2ham",                                           # 5 ignored
        "",                                                             # 6
        "Kode;Kriteria;Ada;Proses;Tidak;Patuh;Cukup patuh;Kurang patuh;Data dukung;Catatan",  # 7
        "A.01;Maklumat pelayanan;v;;;;;;foto;",                         # 8 ok
        "A.02;Ruang pengaduan;;;;;;;;",                                 # 9 no mark
        "A.03;Toilet;v;;v;;;;;",                                        # 10 two marks
        "A.04;Lantai pemandu;;;;v;;;;",                                 # 11 wrong scale
        'A.05;"Informasi\nlayanan";;v;;;;;;',                           # 12-13 ok
        "C.01;Kunjungan;;;;;v;;;"]                                      # 14 ok
open("form.csv", "w", encoding="utf-8").write("\r\n".join(rows) + "\r\n")
