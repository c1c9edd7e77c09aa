rows = [
    "kanwil,unit,jenis,kode,nilai,tanggal,kriteria",   # 1
    "K,Lapas A,,A.01,Ada,2019-10-03,",                 # 2 ok
    "K,Lapas A,rutan,A.02,Ada,,",                      # 3 type contradiction
    "K2,Lapas A,,A.03,Ada,,",                          # 4 kanwil contradiction
    "K,Kantor Wilayah,,A.01,Ada,,",                    # 5 no type from name
    "K,Lapas B,koperasi,A.01,Ada,,",                   # 6 unknown type
    "K,Lapas A,,C.21,Patuh,,",                         # 7 code not in type
    "K,Lapas A,,A.04,Adaa,,",                          # 8 unknown answer
    "K,Lapas A,,A.05,Ada,31/02/2019,",                 # 9 bad date
    ",,,A.06,Ada,,",                                   # 10 empty unit
    "K,Lapas A,,,Ada,,",                               # 11 empty kode
    "K,Lapas A,,A.07,,,",                              # 12 empty answer
    ",Lapas C,,A.01,Ada,,",                            # 13 no kanwil
    "K,Lapas A,,a.08,Ada,1 Maret 2019,Ramp",           # 14 ok, criterion warning
    "K,Lapasan X,,A.01,Ada,,",                         # 15 prefix needs a word end
    "K,Lapas A,,C.01,Ada,,",                           # 16 answer of another scale
]
open("a.csv", "w").write("\n".join(rows) + "\n")

# Row 13 is rejected: no --kanwil, and the shipped offices file marks no
# home office.
