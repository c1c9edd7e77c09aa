#!/usr/bin/env python3
"""The default rubric against the item table of SPEC section 5.

The table below is SPEC section 5's "The default rubric contains" list, kept
here as data because the SPEC is not part of the repository. The check loads
templates/rubric.xml (or the file named as the first argument) and compares,
for every unit type, its set of item codes and, item by item, the text,
scale, principles (in order), aspect, weight, group and gate; then the
scales, principles, aspects, groups, award, grades, evidence rule and unit
types. It prints one line per failed check and a closing line
"rubric-table: N passed, M failed"; the exit status is 1 when any failed.

Python 3 standard library only. The rubric is read with ElementTree, which
expands no external entities.
"""

import os
import sys
import xml.etree.ElementTree as ET

ALL = "lapas rutan lpka bapas imigrasi bhp"

# code | item | scale | principles | types    (SPEC 5; "-" for no principles)
TABLE = """
A.01 | Maklumat pelayanan | ketersediaan | keterbukaan akuntabilitas kepastian-hukum | all
A.02 | Ruang/loket/kotak pengaduan dan nomor telepon pengaduan | ketersediaan | partisipatif akuntabilitas keterbukaan | all
A.03 | Toilet khusus penyandang disabilitas | ketersediaan | aksesibilitas perlakuan-khusus | all
A.04 | Lantai pemandu (guiding block) | ketersediaan | aksesibilitas perlakuan-khusus | all
A.05 | Informasi pelayanan publik | ketersediaan | keterbukaan kepastian-hukum | all
A.06 | Ruang laktasi/menyusui | ketersediaan | perlakuan-khusus kesamaan-hak | all
A.07 | Ruang bermain anak | ketersediaan | perlakuan-khusus | all
A.08 | Rambu-rambu kelompok rentan | ketersediaan | aksesibilitas perlakuan-khusus | all
A.09 | Alat bantu kelompok rentan (kursi roda, kruk, alat bantu dengar) | ketersediaan | aksesibilitas perlakuan-khusus | all
A.10 | Jalan landai (ramp) | ketersediaan | aksesibilitas | all
A.11 | Loket/layanan prioritas bagi lansia, anak, ibu hamil dan penyandang disabilitas | ketersediaan | perlakuan-khusus tidak-diskriminatif ketepatan-waktu | all
A.12 | Tempat ibadah | ketersediaan | kesamaan-hak tidak-diskriminatif | imigrasi
A.13 | Pusat informasi pelayanan/helpdesk | ketersediaan | keterbukaan kemudahan | imigrasi
A.21 | Kotak pengaduan bagi warga binaan | ketersediaan | partisipatif akuntabilitas | lapas rutan lpka
A.22 | Toilet khusus warga binaan penyandang disabilitas | ketersediaan | aksesibilitas perlakuan-khusus | lapas rutan lpka
A.23 | Lantai pemandu dan jalan landai di area hunian | ketersediaan | aksesibilitas | lapas rutan lpka
A.24 | Kamar hunian bagi kelompok rentan (lansia, disabilitas) | ketersediaan | perlakuan-khusus kesamaan-hak | lapas rutan lpka
B.01 | Petugas yang siaga melayani kelompok rentan | siaga | perlakuan-khusus profesional | all
C.01 | Layanan kunjungan | kepatuhan | ketepatan-waktu profesional kesamaan-hak | lapas rutan lpka
C.02 | Layanan penitipan barang | kepatuhan | ketepatan-waktu akuntabilitas | lapas rutan lpka
C.03 | Layanan pengaduan | kepatuhan | akuntabilitas partisipatif | lapas rutan lpka bapas bhp
C.04 | Layanan informasi hak warga binaan (remisi, integrasi) | kepatuhan | keterbukaan kepastian-hukum | lapas rutan lpka
C.11 | Layanan penelitian kemasyarakatan (litmas) | kepatuhan | ketepatan-waktu profesional | bapas
C.12 | Layanan bimbingan klien pemasyarakatan | kepatuhan | profesional kesamaan-hak | bapas
C.13 | Layanan wajib lapor klien | kepatuhan | kemudahan ketepatan-waktu | bapas
C.21 | Antrian pelayanan paspor | kepatuhan | ketepatan-waktu tidak-diskriminatif | imigrasi
C.22 | Penerbitan paspor baru | kepatuhan | ketepatan-waktu kepastian-hukum | imigrasi
C.23 | Penggantian paspor | kepatuhan | ketepatan-waktu kepastian-hukum | imigrasi
C.24 | Perpanjangan izin tinggal kunjungan | kepatuhan | ketepatan-waktu kemudahan | imigrasi
C.31 | Layanan permohonan wasiat dan pendaftaran wasiat | kepatuhan | kepastian-hukum ketepatan-waktu | bhp
C.32 | Layanan pengampuan dan perwalian | kepatuhan | kepastian-hukum perlakuan-khusus | bhp
G.01 | Temuan Ombudsman atau pengaduan masyarakat yang belum ditindaklanjuti | siaga | - | all
"""

GATES = {"G.01": "Ada"}          # code -> failing level label
GROUPS = {"pengunjung": "Layanan bagi pengunjung/pemohon", "wbp": "Layanan bagi warga binaan"}

def group_of(code):
    """pengunjung for A.01-A.13, wbp for A.21-A.24, none for the rest."""
    if code in GATES:
        return None
    n = int(code[2:])
    if code[0] == "A" and 1 <= n <= 13:
        return "pengunjung"
    if code[0] == "A" and 21 <= n <= 24:
        return "wbp"
    return None

TYPES = {
    "lapas": ("Lembaga Pemasyarakatan", ["lapas", "lembaga pemasyarakatan"]),
    "rutan": ("Rumah Tahanan Negara", ["rutan", "rumah tahanan"]),
    "lpka": ("Lembaga Pembinaan Khusus Anak", ["lpka", "lembaga pembinaan khusus anak"]),
    "bapas": ("Balai Pemasyarakatan", ["bapas", "balai pemasyarakatan"]),
    "imigrasi": ("Kantor Imigrasi", ["kantor imigrasi", "kanim", "imigrasi"]),
    "bhp": ("Balai Harta Peninggalan", ["bhp", "balai harta peninggalan"]),
}

SCALES = {
    "ketersediaan": [("Ada", 1.0, "ya;tersedia;sudah"),
                     ("Proses", 0.5, "dalam proses;sedang proses"),
                     ("Tidak", 0.0, "tidak ada;belum;belum ada")],
    "siaga": [("Ada", 1.0, "ya;tersedia;siaga"),
              ("Tidak", 0.0, "tidak ada;belum;belum ada")],
    "kepatuhan": [("Patuh", 1.0, "ya;sesuai"),
                  ("Cukup patuh", 0.5, "cukup;cukup sesuai"),
                  ("Kurang patuh", 0.0, "tidak patuh;kurang;tidak sesuai")],
}

PRINCIPLES = ["kepentingan-umum", "kepastian-hukum", "kesamaan-hak",
              "keseimbangan-hak-kewajiban", "profesional", "partisipatif",
              "tidak-diskriminatif", "keterbukaan", "akuntabilitas",
              "perlakuan-khusus", "ketepatan-waktu", "kemudahan", "aksesibilitas"]

ASPECTS = {"A": ("Aksesibilitas dan ketersediaan fasilitas", 50.0),
           "B": ("Ketersediaan petugas yang siaga", 20.0),
           "C": ("Kepatuhan pejabat, pegawai dan pelaksana terhadap standar pelayanan", 30.0)}

GRADES = [(90.0, "Sangat Baik"), (80.0, "Baik"), (60.0, "Cukup"), (0.0, "Kurang")]


def expected_items():
    """{type: {code: dict}} from TABLE."""
    out = {t: {} for t in TYPES}
    for line in TABLE.strip().splitlines():
        code, text, scale, principles, types = [c.strip() for c in line.split("|")]
        types = ALL if types == "all" else types
        item = {
            "text": text,
            "scale": scale,
            "principles": [] if principles == "-" else principles.split(),
            "aspect": None if code in GATES else code[0],
            "weight": None if code in GATES else 1.0,
            "group": group_of(code),
            "gate": GATES.get(code),
        }
        for t in types.split():
            out[t][code] = item
    return out


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def eq(self, what, got, want):
        if got == want:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {what}: got {got!r}, want {want!r}")


def num(s):
    return None if s is None else float(s)


def actual_item(el):
    pr = el.get("principles")
    return {
        "text": " ".join((el.text or "").split()),
        "scale": el.get("scale"),
        "principles": pr.split() if pr is not None else [],
        "aspect": el.get("aspect"),
        "weight": num(el.get("weight", None if el.get("gate") else "1")),
        "group": el.get("group"),
        "gate": el.get("gate"),
    }


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "templates", "rubric.xml")
    root = ET.parse(path).getroot()
    c = Checks()

    c.eq("rubric id", root.get("id"), "permenkumham-27-2018")
    c.eq("rubric version", root.get("version"), "2")

    scales = {s.get("id"): [(l.get("label"), num(l.get("value")), l.get("aliases"))
                            for l in s.findall("level")] for s in root.findall("scale")}
    c.eq("scale ids", sorted(scales), sorted(SCALES))
    for sid, levels in SCALES.items():
        c.eq(f"scale {sid} levels", scales.get(sid), levels)

    c.eq("principle ids", [p.get("id") for p in root.findall("principle")], PRINCIPLES)
    for p in root.findall("principle"):
        c.eq(f"principle {p.get('id')} has label and label-en",
             bool(p.get("label")) and bool(p.get("label-en")), True)

    c.eq("aspects", {a.get("id"): (a.get("label"), num(a.get("weight"))) for a in root.findall("aspect")},
         ASPECTS)
    c.eq("groups", {g.get("id"): g.get("label") for g in root.findall("group")}, GROUPS)

    awards = root.findall("award")
    c.eq("one award", len(awards), 1)
    if awards:
        a = awards[0]
        c.eq("award", (num(a.get("threshold")), num(a.get("aspect-floor")),
                       a.get("require-complete"), a.get("predicate")),
             (80.0, 60.0, "true", None))
    c.eq("grades", sorted(((num(g.get("min")), g.get("label")) for g in root.findall("grade")),
                          reverse=True), GRADES)
    ev = root.findall("evidence")
    c.eq("evidence rule", [(e.get("min"), e.get("distinct"), e.get("effect")) for e in ev],
         [("1", "true", "flag")])

    types = {t.get("id"): t for t in root.findall("unit-type")}
    c.eq("unit type ids", sorted(types), sorted(TYPES))
    want_items = expected_items()
    for tid, (label, prefixes) in TYPES.items():
        t = types.get(tid)
        if t is None:
            continue
        c.eq(f"{tid} label", t.get("label"), label)
        c.eq(f"{tid} prefixes", [p.strip() for p in (t.get("prefixes") or "").split(";")], prefixes)
        codes = [i.get("code") for i in t.findall("item")]
        c.eq(f"{tid} codes are unique", len(codes), len(set(codes)))
        got = {i.get("code"): actual_item(i) for i in t.findall("item")}
        want = want_items[tid]
        c.eq(f"{tid} code set", sorted(got), sorted(want))
        for code in sorted(set(got) & set(want)):
            for key in ("text", "scale", "principles", "aspect", "weight", "group", "gate"):
                c.eq(f"{tid} {code} {key}", got[code][key], want[code][key])

    print(f"rubric-table: {c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
