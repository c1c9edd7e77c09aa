# Excel's delimiter hint: "sep=;" on the first line, which Excel writes for a
# CSV to be opened in another locale. It is line 1 and no record: the header
# is on line 2.
data = ('sep=;\r\n'                                               # 1
        'Kanwil;Unit;Kode;Nilai;Catatan\r\n'                      # 2
        'K;Lapas A;A.01;Ada;foto, dokumen\r\n'                    # 3
        'K;Lapas A;A.02;Proses;\r\n')                             # 4
open("a.csv", "wb").write(data.encode("utf-8"))
