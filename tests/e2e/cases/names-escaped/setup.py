# Markup and path tricks in names reach XML escaped and never a file path.
rows = ['kanwil,unit,jenis,kode,nilai,catatan',
        'K & <Co>,"../../Lapas <b>""A""</b> & \'x\'",lapas,A.01,Ada,"a\x01b"',
        'K & <Co>,/etc/passwd,lapas,A.01,Ada,',
        'K & <Co>,...,lapas,A.01,Ada,',
        'K & <Co>,Lapas Ñandú Bûn,lapas,A.01,Ada,']
open("a.csv", "w").write("\n".join(rows) + "\n")
