# Bapas Kelas II Sampit: every A item Ada, B.01 Ada, C.03 Patuh,
# C.11 Cukup patuh, C.12 Patuh, C.13 Kurang patuh.
# A = 100, B = 100, C = 100 * (1 + 0.5 + 1 + 0) / 4 = 62.50
# total = (50*100 + 20*100 + 30*62.5) / 100 = 88.75 -> Baik, recommended
# ketepatan-waktu: A.11 1, C.11 0.5, C.13 0 -> 100 * 1.5/3 = 50.00
# kesamaan-hak: A.06 1, C.12 1 -> 100.00
# The gate G.01 is answered Tidak: passed, no weight.
rows = [f"A.{i:02d},Ada" for i in range(1, 12)]
rows += ["B.01,Ada", "C.03,Patuh", "C.11,Cukup patuh", "C.12,patuh", "C.13,Kurang patuh",
         "G.01,Tidak"]
with open("a.csv", "w") as f:
    f.write("kanwil,unit,kode,nilai\n")
    for r in rows:
        f.write("Kanwil Kalteng,Bapas Kelas II Sampit," + r + "\n")
