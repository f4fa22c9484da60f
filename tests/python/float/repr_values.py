# float repr is the shortest string that round-trips, switching to exponent form at 1e16 and 1e-4.
values = [0.0, -0.0, 1.0, 0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 3, 1e15, 1e16, 1.5e16, 123456789.123,
          1e-4, 1e-5, 0.00012345, 1.7976931348623157e308, 5e-324, 2.2250738585072014e-308,
          3.141592653589793, 2.718281828459045, 100.0, 1e22, 1e23, 9007199254740993.0, 0.3, 1.1 * 1.1]
for v in values:
    print(repr(v), str(v))
print([0.1, 0.25, 1e100], (1.0, -2.5))
print(float("1e500"), float("-1e500"), 1e308 * 10)
