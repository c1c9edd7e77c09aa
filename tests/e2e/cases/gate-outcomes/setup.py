# Four units, every scored item Ada with its own data dukung (total 100,
# complete); only the gate G.01 (fails on Ada) differs:
#   Lapas Temuan   G.01 "ya" (an alias of Ada)      -> failed, not recommended
#   Lapas Bersih   G.01 Tidak                       -> passed, recommended
#   Lapas Diam     no G.01 row                      -> not written, recommended
#   Lapas Dua Tim  G.01 Tidak, then Ada, undated: the failing answer
#                  wins although it is not the lowest -> failed, a conflict
units = {
    "Lapas Temuan": ["ya"],
    "Lapas Bersih": ["Tidak"],
    "Lapas Diam": [],
    "Lapas Dua Tim": ["Tidak", "Ada"],
}
with open("a.csv", "w") as f:
    f.write("kanwil,unit,kode,nilai,data dukung\n")
    for name, gate in units.items():
        for code in ("A.01", "A.02", "A.03"):
            f.write(f"Kanwil Banten,{name},{code},Ada,foto {code}\n")
        for answer in gate:
            f.write(f"Kanwil Banten,{name},G.01,{answer},\n")
