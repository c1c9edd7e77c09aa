# SPEC 8.23: without --year, the award year is the year of the latest
# accepted observation date, whatever --date says. The 2019 row is rejected
# (bad answer), so the latest accepted date is in 2018.
open("a.csv", "w").write(
    "kanwil,unit,kode,nilai,tanggal\n"
    "Kanwil Banten,Lapas A,A.01,Ada,2018-10-03\n"
    "Kanwil Banten,Lapas A,A.02,Ada,15/11/2018\n"
    "Kanwil Banten,Lapas A,A.03,Adaa,2019-01-02\n")
