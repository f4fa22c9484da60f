# bytes and bytearray constructors, bytes(int), and memory of values (small ints).
print(bytes(2), bytes([1, 2]), bytes("hi", "ascii"), bytearray(b"xy"), bytes(bytearray(b"z")))
print(list(bytes("é", "utf-8")), bytes.fromhex("ff00"), b"ab".hex(), bytearray.fromhex("0a"))
try:
    bytes("text")
except TypeError as e:
    print("TypeError:", e)
