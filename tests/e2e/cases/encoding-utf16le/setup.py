# Excel's "Unicode text" export: UTF-16 with a BOM (Python's 'utf-16' codec
# writes it little-endian here, as Windows does), TAB-separated, CRLF, a
# quoted note over two lines (a line break in a cell is LF, as Excel
# writes it).
import codecs
rows = ["Kanwil\tUnit\tKode\tNilai\tCatatan",                      # 1
        "K\tRutan Pangkalan B\u00fbn\tA.01\tAda\t\"Andi S\u00e9tiawan \u2013\n"
        "\u201cok\u201d\"",                                       # 2-3
        "K\tRutan Pangkalan B\u00fbn\tA.02\tProses\t"]            # 4
data = "\r\n".join(rows) + "\r\n"
raw = data.encode("utf-16")
assert raw.startswith(codecs.BOM_UTF16_LE)
open("a.csv", "wb").write(raw)
