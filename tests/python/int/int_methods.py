# int methods and conversions: to_bytes/from_bytes, bit_count via bin, as_integer_ratio, round.
print((1024).to_bytes(2, "big"), (1024).to_bytes(4, "little"), int.from_bytes(b"\x01\x00", "big"))
print(int.from_bytes(b"\xff\xff", "big", signed=True), (-2).to_bytes(2, "big", signed=True))
print((10).as_integer_ratio(), bin(255).count("1"))
print(round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2), round(7))
print((5).real, (5).imag, (5).numerator, (5).denominator, (5).conjugate())
print(int.__name__, (3).__add__(4), (3).__mul__(5))
