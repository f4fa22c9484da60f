# An int accumulator overflows 64 bits inside a hot loop and keeps exact values.
x = 1
for i in range(3000):
    x = x * 3 + i
print(x % 1000000007, x.bit_length())
y = 2 ** 62
for i in range(4000):
    y += 2 ** 40
print(y)
z = -(2 ** 63) + 5000
for i in range(6000):
    z -= 1
print(z)
m = 9223372036854775000
for i in range(3000):
    m = m + 1 if i % 2 == 0 else m - 0
print(m)
