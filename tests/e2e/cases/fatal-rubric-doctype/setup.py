open("a.csv", "w").write("kanwil,unit,kode,nilai\nK,Lapas A,A.01,Ada\n")
open("evil.xml", "w").write('<?xml version="1.0"?>\n<!DOCTYPE rubric [\n'
    '<!ENTITY x SYSTEM "file:///etc/passwd">\n]>\n<rubric id="x" version="1">&x;</rubric>\n')
