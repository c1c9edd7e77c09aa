data = (b'kanwil;unit;kode;nilai;catatan\n'
        b'K;Lapas A;A.01;Ada;S\xe9tiawan\n'
        b'K;Lapas A;A.02;Ada;fine\n')
open("a.csv", "wb").write(data)
