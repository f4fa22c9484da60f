# Results crossing the 64-bit boundary in both directions keep exact values.
big = 2 ** 63
small = big - 1
print(small + 1 - 1, big - 1 == small, (big * 4) // 4 == big)
x = 9223372036854775800
for i in range(20):
    x += 1
print(x)
for i in range(20):
    x -= 1
print(x, type(x).__name__)
y = -9223372036854775800
for i in range(20):
    y -= 1
print(y)
print(-(-9223372036854775808), abs(-9223372036854775808))
print(int("9223372036854775808") - 1)
print(2 ** 64 % 10, (2 ** 64 - 2 ** 64) == 0)
