# Rutan X answers only A.01..A.11 Ada and B.01 Tidak; 20 scored items in all
# (the gate G.01 does not count).
# A: 11 of 15 A items Ada (A.21-A.24 missing) = 100*11/15 = 73.333 -> 73.33
# B = 0; C: all 4 missing = 0
# total = (50*73.333 + 0 + 0)/100 = 36.67; completeness 12/20 = 60.00
with open("a.csv", "w") as f:
    f.write("kanwil;unit;jenis;kode;nilai\n")
    for i in range(1, 12):
        f.write(f"Kanwil Banten;Rutan X;Rutan;A.{i:02d};Ada\n")
    f.write("Kanwil Banten;Rutan X;Rutan;B.01;tidak ada\n")
