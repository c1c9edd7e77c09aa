open("a.csv", "w").write("unit,code,answr\nLapas A,A.01,Ada\n")
