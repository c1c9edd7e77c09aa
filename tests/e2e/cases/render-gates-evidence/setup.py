# Every output rendered (report, certificates, charts) with a rubric that has
# a gate, an evidence rule and no grades. Every total is 100 (rank 1), so the
# certificates follow the names: Lapas Bersih 001, Lapas Diam 002, Lapas
# Ganda 003; Lapas Temuan fails its gate and gets none.
#   Lapas Bersih  G.01 Tidak: passed
#   Lapas Diam    no G.01: not written
#   Lapas Ganda   G.01 Tidak; A.01 and A.02 share "SK-1" (reused), A.03
#                 has none (missing): flagged, scores unchanged
#   Lapas Temuan  G.01 Ada: failed
units = {
    "Lapas Bersih": (["foto a", "foto b", "foto c"], "Tidak"),
    "Lapas Diam": (["foto a", "foto b", "foto c"], None),
    "Lapas Ganda": (["SK-1; foto a", "sk-1", ""], "Tidak"),
    "Lapas Temuan": (["foto a", "foto b", "foto c"], "Ada"),
}
with open("a.csv", "w") as f:
    f.write("kanwil,unit,kode,nilai,data dukung,verifikator,tanggal\n")
    for name, (evidence, gate) in units.items():
        for code, e in zip(("A.01", "A.02", "A.03"), evidence):
            f.write(f"Kanwil Banten,{name},{code},Ada,{e},Tim 1,2019-10-03\n")
        if gate:
            f.write(f"Kanwil Banten,{name},G.01,{gate},,Tim 1,2019-10-03\n")
