open("a.csv", "w").write("kanwil,unit,kode,nilai\nK,Lapas A,A.01,Adaa\n")
