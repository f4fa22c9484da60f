# bytes literals, indexing gives ints, slicing gives bytes, repr escapes non-printables.
b = b"hello\x00\xff\n"
print(b, len(b), b[0], b[-1], b[1:4], b[::-1], list(b[:3]))
print(bytes(3), bytes([65, 66, 67]), bytes("é", "utf-8"), bytes(range(5)), b"" == bytes())
print(b"abc" + b"def", b"ab" * 3, b"b" in b"abc", 98 in b"abc", b"abc" < b"abd")
print(b"a,b,c".split(b","), b" x ".strip(), b"-".join([b"a", b"b"]), b"abc".upper(), b"hello".replace(b"l", b"L"))
print(b"hello".find(b"l"), b"hello".count(b"l"), b"hello".startswith(b"he"), b"abc".hex(), bytes.fromhex("41 42 43"))
print(repr(b"'"), repr(b'"'), repr(b"'\""), b"\t\r\\")
try:
    b"abc"[0] = 1
except TypeError as e:
    print("TypeError:", e)
try:
    bytes([256])
except ValueError as e:
    print("ValueError:", e)
