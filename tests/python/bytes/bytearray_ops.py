# bytearray in-place operations: +=, *=, slice assignment growing and shrinking, insert, remove.
ba = bytearray(b"abc")
ba += b"def"
ba *= 2
print(ba, len(ba))
ba[1:3] = b""
print(ba)
ba[0:0] = b"XYZ"
print(ba)
ba.insert(2, 33)
ba.remove(ord("d"))
print(ba, ba.find(b"XY"), ba.count(b"e"), ba.upper(), bytes(ba[::2]))
ba.clear()
print(ba, bytearray(range(65, 70)))
