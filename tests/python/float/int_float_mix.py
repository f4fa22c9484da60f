# Mixed int/float arithmetic promotes to float; comparisons are exact.
print(1 + 2.0, 3 * 0.5, 10 - 0.25, 7 / 2, 7 // 2.0, 7 % 2.5, 2 ** 0.5, 2.0 ** 10)
print(10 ** 20 + 0.5, 2 ** 53 + 1.0, float(2 ** 53 + 1))
print(int(2.5) + 1, float(3) / 2, 1e3 == 1000, 0.1 * 3 == 0.3)
x = 0
for i in range(10):
    x += 0.1
print(x, abs(x - 1.0) < 1e-9)
print(sum([0.1] * 10), sum([1, 2, 3.5]))
print(float("3.25") + int("2"), (1.5).is_integer(), (2.0).is_integer())
print((0.75).as_integer_ratio(), (-2.5).as_integer_ratio(), float.fromhex("0x1.8p1"), (3.0).hex())
