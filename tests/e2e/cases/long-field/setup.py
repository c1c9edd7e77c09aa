# A field over 64 KiB is rejected; the raw text kept is cut to 1 KiB.
big = "x" * (70 * 1024)
data = ('unit,kode,nilai,catatan,kanwil\n'
        f'Lapas A,A.01,Ada,"{big}",K\n'
        'Lapas A,A.02,Ada,ok,K\n')
open("a.csv", "wb").write(data.encode())
