# A password-protected .xlsx: an OLE2 file with EncryptionInfo and
# EncryptedPackage streams.
data = bytearray(4096)
data[:8] = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
data[1024 + 128:1024 + 156] = "EncryptionInfo".encode("utf-16-le")
data[1024 + 256:1024 + 288] = "EncryptedPackage".encode("utf-16-le")
open("secret.xlsx", "wb").write(bytes(data))
