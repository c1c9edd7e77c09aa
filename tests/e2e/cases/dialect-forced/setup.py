# The header has more ';' than ',' but the file is really comma-separated.
data = ('unit,kode,nilai,catatan;x;y\n'
        'Lapas A,A.01,Ada,a;b;c\n')
open("a.csv", "wb").write(data.encode())
