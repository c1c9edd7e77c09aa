# Lapas Bukti, rule min 2, distinct (A.08 needs 1):
#   A.01 Ada    "foto1<LF>sk1" (quoted, a line break)  2 entries; "foto1"
#                                                      also in A.09 -> reused
#   A.02 Ada    none                                   -> missing
#   A.03 Proses "foto3"                                -> insufficient
#   A.04 Ada    "dok4; Bersama"                        -> reused with A.05
#   A.05 Ada    "bersama | dok5"                       -> reused (folded, '|')
#   A.06 Tidak  "foto6"                                worth 0: no status
#   A.07 no row                                        missing: no status
#   A.08 Ada    "satu"                                 -> ok (its own min 1)
#   A.09 Ada    "FOTO1"                                1 entry: insufficient,
#                                                      which wins over reused
rows = [
    ("A.01", "Ada", '"foto1\nsk1"'),
    ("A.02", "Ada", ""),
    ("A.03", "Proses", "foto3"),
    ("A.04", "Ada", "dok4; Bersama"),
    ("A.05", "Ada", "bersama | dok5"),
    ("A.06", "Tidak", "foto6"),
    ("A.08", "Ada", "satu"),
    ("A.09", "Ada", "FOTO1"),
]
with open("a.csv", "w", newline="") as f:
    f.write("kanwil,unit,kode,nilai,data dukung\n")
    for code, answer, evidence in rows:
        f.write(f"Kanwil Banten,Lapas Bukti,{code},{answer},{evidence}\n")
