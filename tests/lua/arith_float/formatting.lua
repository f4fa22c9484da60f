-- Float to string uses %.14g, plus ".0" when the result looks like an integer.
print(1.0, -1.0, 0.5, 100.0, 1e15, 1e16, 1e100, 1e-5, 123.456)
print(2^53, 2^63, 2^-10, 1/3, 2/3, 10/3)
print(3.14159265358979, 1e14, 123456789012345.0, 1234567890123456.0)
print(0.1, 1.5e300, 5e-324 > 0, -1e-310 < 0)
print(-0.0, 0.0, 0.0 == -0.0, 1/(-0.0))
print(tostring(2.5), 2.5 .. "", string.format("%.3f", 2.5))
print(255 / 5, 7 / 7, 1e3, 12e-1)
