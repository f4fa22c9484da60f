# Arbitrary-precision ints: growth past 64 bits, arithmetic, comparison, and shrinking back.
a = 2 ** 64
print(a, a - 1, a + 1, -a)
b = 2 ** 63 - 1
print(b, b + 1, -b - 1, -b - 2)
print(a * a, a * a // a == a)
c = 123456789012345678901234567890
print(c * c, c % 97, c // 7, -c // 7, -c % 7)
print(c > b, c < -c, c == int(str(c)))
print((a * a) - (a * a) + 5, type((a * a) - (a * a)).__name__)
print(abs(-c), -(-c) == c)
print(sum(range(10 ** 6, 10 ** 6 + 10)) * 10 ** 20)
print(9223372036854775807 + 1, -9223372036854775808 - 1)
print(9223372036854775807 * 2, 4611686018427387904 * 2, 4611686018427387904 * -2)
print(3037000500 * 3037000500, (-3037000500) * 3037000499)
