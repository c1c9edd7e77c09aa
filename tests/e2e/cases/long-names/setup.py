# Two units whose names, 300 and 299 characters long, differ only at the
# end, in a kanwil of 81 characters; every lapas item answered with its
# best level, so both are recommended and get a certificate and charts.
import csv, os, xml.etree.ElementTree as ET
root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
rubric = ET.parse(os.path.join(root, "templates", "rubric.xml")).getroot()
best = {s.get("id"): max(s.iter("level"), key=lambda l: float(l.get("value"))).get("label")
        for s in rubric.iter("scale")}
lapas = next(t for t in rubric.iter("unit-type") if t.get("id") == "lapas")
words = ("Lembaga Pemasyarakatan Kelas IIA Tangerang Unit Pelaksana Teknis "
         "Pemasyarakatan pada Kantor Wilayah Kementerian Hukum dan Hak Asasi Manusia ")
base = (words * 3)[:295]
kanwil = "Kantor Wilayah Kementerian Hukum dan Hak Asasi Manusia Provinsi Kalimantan Tengah"
with open("a.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["kanwil", "unit", "jenis", "kode", "nilai"])
    for name in (base + " Satu", base + " Dua"):
        for item in lapas.iter("item"):
            answer = best[item.get("scale")]
            if item.get("gate") == answer:  # a gate passes on its other level
                answer = "Tidak"
            w.writerow([kanwil, name, "lapas", item.get("code"), answer])
