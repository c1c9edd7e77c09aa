# Windows-1252 as Excel writes it: e acute, en dash, curly quotes, and the
# undefined byte 0x81, which maps to U+0081 (SPEC 8.3).
data = (b'kanwil;unit;kode;nilai;catatan\r\n'
        b'K;Lapas A;A.01;Ada;Andi S\xe9tiawan \x96 \x93ok\x94 \x81\r\n')
open("a.csv", "wb").write(data)
