# The blank form for a bapas, read back by Python's csv module with ';',
# filled in as a team would, then scored: the numbers of score-bapas.
# A = 100, B = 100, C = (1 + 0.5 + 1 + 0)/4 = 62.50, total 88.75.
import csv, io, os, subprocess
root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
p2ham = os.environ.get("P2HAM", os.path.join(root, "build", "p2ham"))
env = dict(os.environ, P2HAM_DATA=root)
subprocess.run([p2ham, "form", "--type", "Balai Pemasyarakatan", "--unit",
                "Bapas Kelas II Sampit", "--kanwil", "Kanwil Kalteng", "--out", "blank.csv"],
               env=env, check=True)
raw = open("blank.csv", "rb").read()
assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
assert rows[0] == ["Kanwil", "Kanwil Kalteng"] and rows[2] == ["Jenis", "bapas"], rows[:3]
head = rows.index(next(r for r in rows if r and r[0] == "Kode"))
header = rows[head]
assert header[:2] == ["Kode", "Kriteria"] and header[-2:] == ["Data dukung", "Catatan"], header
codes = [r[0] for r in rows[head + 1:]]
assert len(codes) == 17 and codes[0] == "A.01" and codes[-1] == "G.01", codes
marks = {"B.01": ("Ada", "x"), "C.03": ("Patuh", "\u2713"), "C.11": ("Cukup patuh", "1"),
         "C.12": ("Patuh", "v"), "C.13": ("Kurang patuh", "V"), "G.01": ("Tidak", "x")}
out = io.StringIO()
w = csv.writer(out, delimiter=";", lineterminator="\r\n")
for r in rows[:head + 1]:
    w.writerow(r)
for r in rows[head + 1:]:
    label, mark = marks.get(r[0], ("Ada", "v"))
    r[header.index(label)] = mark
    w.writerow(r)
open("filled.csv", "w", encoding="utf-8-sig", newline="").write(out.getvalue())
