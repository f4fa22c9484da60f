# bytearray is mutable: item assignment, append, extend, slicing, and conversion to bytes.
ba = bytearray(b"hello")
ba[0] = 72
ba.append(33)
ba.extend(b" world")
print(ba, len(ba), bytes(ba), ba[1:3], ba.decode())
ba[0:5] = b"HOWDY"
print(ba)
del ba[5]
print(ba, ba.pop(), ba)
ba.reverse()
print(ba, bytearray(4), bytearray([1, 2]), bytearray("ab", "ascii"))
print(ba == bytes(ba), bytearray(b"x") + b"y", b"y" + bytearray(b"x"))
ba2 = bytearray()
for i in range(5):
    ba2 += bytes([i * 50])
print(ba2, list(ba2))
