# Three bapas units this year, all complete. Last year: A recommended,
# B not recommended, "Bapas C" recommended under another id (matched by name).
items = [f"A.{i:02d}" for i in range(1, 12)] + ["B.01", "C.03", "C.11", "C.12", "C.13"]
with open("a.csv", "w") as f:
    f.write("kanwil,unit,kode,nilai\n")
    for unit in ("Bapas A", "Bapas B", "Bapas C"):
        for c in items:
            f.write(f"K,{unit},{c},{'Patuh' if c[0] == 'C' else 'Ada'}\n")
    f.write("K,Bapas D,A.01,Ada\n")
open("prev.xml", "w").write('''<?xml version="1.0" encoding="UTF-8"?>
<p2ham-summary xmlns="urn:p2ham:summary:1" version="1" year="2018" date="2018-12-10">
  <rubric id="permenkumham-27-2018" version="1"/>
  <inputs rows-read="0" rows-accepted="0" rows-rejected="0"/>
  <unit id="bapas-a" name="Bapas A" type="bapas" kanwil="K" rank="1" total="90.00" grade="Sangat Baik" completeness="100.00" recommendation="recommended" verification-code="0000000000"/>
  <unit id="bapas-b" name="Bapas B" type="bapas" kanwil="K" rank="2" total="70.50" grade="Cukup" completeness="100.00" recommendation="not-recommended" verification-code="0000000000"/>
  <unit id="old-id" name="BAPAS  c" type="bapas" kanwil="K" rank="3" total="100.00" grade="Sangat Baik" completeness="100.00" recommendation="retained" verification-code="0000000000"/>
</p2ham-summary>
''')
