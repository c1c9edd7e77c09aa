# B.01 (standby staff) is answered on the siaga scale, Ada or Tidak: a team
# that writes Proses, the middle answer of most A items, gets told so.
rows = ["kanwil;unit;kode;nilai",
        "K;Lapas A;A.01;Proses",
        "K;Lapas A;B.01;Proses",
        "K;Lapas A;C.01;Proses"]
open("a.csv", "w", encoding="utf-8").write("\n".join(rows) + "\n")
