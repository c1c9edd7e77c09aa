open("empty.csv", "w").write("\n\n  \n")
open("good.csv", "w").write("kanwil,unit,kode,nilai\nK,Lapas A,A.01,Ada\n")
