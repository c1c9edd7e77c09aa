# A.01: Ada (2019-10-03) vs Proses (2019-10-15): latest wins -> Proses
# A.02: Ada vs Tidak, same date: lowest wins -> Tidak
# A.03: Ada dated vs Proses undated: all compete, lowest -> Proses
# A.04: Ada vs ya: same level, merged, evidence joined
with open("t1.csv", "w") as f:
    f.write("kanwil,unit,kode,nilai,tanggal,data dukung\n")
    f.write("K,Lapas A,A.01,Ada,2019-10-03,foto1\n")
    f.write("K,Lapas A,A.02,Ada,2019-10-03,\n")
    f.write("K,Lapas A,A.03,Ada,2019-10-03,\n")
    f.write("K,Lapas A,A.04,Ada,2019-10-03,foto4a\n")
with open("t2.csv", "w") as f:
    f.write("kanwil,unit,kode,nilai,tanggal,data dukung\n")
    f.write("K,lapas  a,A.01,Proses,15 Oktober 2019,\n")
    f.write("K,Lapas A,A.02,Tidak,03/10/2019,\n")
    f.write("K,Lapas A,A.03,dalam proses,,\n")
    f.write("K,Lapas A,A.04,ya,3-10-2019,foto4b\n")
