data = ('unit,kode,nilai,catatan,kanwil\n'   # 1
        'Lapas A,A.01,Ada,"open note,K\n'     # 2
        'Lapas A,A.02,Ada,ok,K\n'             # 3
        'Lapas A,A.03,Adaa,ok,K\n')           # 4
open("a.csv", "wb").write(data.encode())
