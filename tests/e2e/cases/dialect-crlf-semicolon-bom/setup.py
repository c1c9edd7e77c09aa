# UTF-8 with BOM, ';', CRLF, quoted field with ';' and doubled quotes.
data = ('\ufeffKanwil;Nama UPT;Kode;Status;Catatan\r\n'
        'K;Lapas A;A.01;Ada;"ada; di ""lobi"""\r\n'
        'K;Lapas A;A.02;Ada;\r\n')
open("a.csv", "wb").write(data.encode("utf-8"))
