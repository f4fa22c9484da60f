# ** with negative bases, negative exponents (floats), zero, and three-argument pow.
print(2 ** 10, (-2) ** 3, -2 ** 2, (-2) ** 2, 2 ** -1, 2 ** -2, (-2) ** -3)
print(0 ** 0, 0 ** 5, 1 ** 1000, (-1) ** 1001, 10 ** 0)
print(3 ** 40, 7 ** 77)
print(pow(3, 4), pow(3, 4, 5), pow(2, 100, 1000000007), pow(-3, 3, 7), pow(3, -1, 7))
print(2.0 ** 3, 4 ** 0.5, 2 ** 0.5, (-8) ** 2)
print(10 ** 18, 10 ** 19, 2 ** 62 + 2 ** 62)
x = 1
for i in range(70):
    x *= 3
print(x, x.bit_length())
