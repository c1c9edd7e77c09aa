# A UTF-16 export that went wrong: a lone surrogate in a note (line 3) and a
# file cut in the middle of its last character. Each bad spot reads as
# U+FFFD, one warning names the first, and no row is lost.
rows = ["Kanwil\tUnit\tKode\tNilai\tCatatan",     # 1
        "K\tLapas A\tA.01\tAda\tbaik",            # 2
        "K\tLapas A\tA.02\tAda\tX\ud83dY",        # 3
        "K\tLapas A\tA.03\tTidak\tok"]            # 4
raw = b"\xff\xfe" + "\r\n".join(rows).encode("utf-16-le", "surrogatepass")
open("a.csv", "wb").write(raw[:-1])
