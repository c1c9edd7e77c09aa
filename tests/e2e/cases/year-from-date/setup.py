# SPEC 8.23: with no dated row, the award year is the year of --date; --year
# wins over both (checked in the other cases that pass it).
open("a.csv", "w").write(
    "kanwil,unit,kode,nilai\n"
    "Kanwil Banten,Lapas A,A.01,Ada\n")
