data = ('unit|kode|nilai|kanwil\n'
        '  Lapas A  | A.01 |  ada  | K \n'
        'Lapas A|a.02|TIDAK|K|\n')
open("a.csv", "wb").write(data.encode())
