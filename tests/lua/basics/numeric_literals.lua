-- Numeric literal forms: decimal, hex integers (which wrap), hex floats, exponents, and integer
-- literals too large for 64 bits (which become floats).
print(0, 42, 3., .5, 3.25, 1e2, 1E-2, 2e+3)
print(0xff, 0XA, 0x7fffffffffffffff, 0xffffffffffffffff, 0x10000000000000000)
print(0x1p4, 0x.8, 0xA.8p1, 0x1P-2)
print(9223372036854775807, 9223372036854775808, math.type(9223372036854775808))
print(math.type(1), math.type(1.0), math.type(1e0), math.type(0x10), math.type(0x1p0))
print(1 == 1.0, 0x10 == 16, 1e2 == 100)
