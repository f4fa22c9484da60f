# bytes compare lexicographically by byte value, hash like equal values, and never equal str.
print(b"abc" == b"abc", b"abc" != "abc", b"a" < b"b", b"\xff" > b"\x00", b"ab" < b"abc", sorted([b"b", b"a", b"\x00"]))
print({b"k": 1}[b"k"], len({b"x", b"x", bytearray(b"x").__class__.__name__.encode()}), b"" < b"\x00")
print(bytes(bytearray(b"same")) == bytearray(b"same"), bytearray(b"a") < b"b", max([b"z", b"za"]))
