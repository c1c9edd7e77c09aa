# TAB-separated with old Mac CR line ends; quoted field holding a CR LF.
data = ('unit\tkode\tnilai\tcatatan\r'
        'Lapas A\tA.01\tAda\t"two\r\nlines"\r'
        'Lapas A\tA.02\tAdaa\t\r')
open("a.csv", "wb").write(data.encode())
