# Dates as spreadsheets and other systems write them: DD.MM.YYYY, ISO with a
# time, and a short date with a two-digit year (one warning for the file, at
# the first row that has one); a month name with a two-digit year is still
# a bad date.
rows = ["kanwil,unit,kode,nilai,tanggal",                     # 1
        "K,Lapas A,A.01,Ada,03.10.2019",                       # 2
        "K,Lapas A,A.02,Ada,2019-10-04 14:05",                 # 3
        "K,Lapas A,A.03,Ada,2019-10-05T08:30:00",              # 4
        "K,Lapas A,A.04,Ada,06/10/19",                         # 5
        "K,Lapas A,A.05,Ada,7-10-19",                          # 6
        "K,Lapas A,A.06,Ada,8 Oktober 19"]                     # 7
open("a.csv", "w", encoding="utf-8").write("\n".join(rows) + "\n")
