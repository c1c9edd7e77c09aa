# Lapas B and Lapas A: three Ada and one Proses -> 87.50 each: rank 1, by
#   name A before B although B comes first in the file.
# Rutan Y: Tinggi 0.85005 -> total 100 * 0.85005 = 85.00499999999999545...
#   in binary: below the half, so 85.00, as the XML shows it.
# Rutan X: Sedang 0.85 -> 85.00. X and Y are equal as shown: both rank 3,
#   by name X before Y although Y's total is the higher double.
# Rutan W: Rendah 0.8499 -> 84.99, rank 5.
# Lapas C: two Ada, two Proses -> 75.00, rank 6.
rows = [
    ("Lapas B", ["Ada", "Ada", "Ada", "Proses"]),
    ("Lapas C", ["Ada", "Ada", "Proses", "Proses"]),
    ("Rutan Y", ["Tinggi"]),
    ("Lapas A", ["Ada", "Proses", "Ada", "Ada"]),
    ("Rutan W", ["Rendah"]),
    ("Rutan X", ["Sedang"]),
]
with open("a.csv", "w") as f:
    f.write("kanwil,unit,kode,nilai\n")
    for name, answers in rows:
        codes = ["R.01"] if name.startswith("Rutan") else ["A.01", "A.02", "A.03", "A.04"]
        for code, answer in zip(codes, answers):
            f.write(f"Kanwil Banten,{name},{code},{answer}\n")
