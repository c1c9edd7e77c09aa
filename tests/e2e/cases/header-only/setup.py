open("a.csv", "w").write("kanwil;unit;kode;nilai\n")
