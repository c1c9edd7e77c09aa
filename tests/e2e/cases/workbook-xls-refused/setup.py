# A legacy .xls: an OLE2 compound file with a Workbook stream.
data = bytearray(4096)
data[:8] = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
data[1024:1040] = "Workbook".encode("utf-16-le")
open("old.xls", "wb").write(bytes(data))
open("good.csv", "w").write("kanwil,unit,kode,nilai\nK,Lapas A,A.01,Ada\n")
