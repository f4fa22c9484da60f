-- Mixing an integer and a float gives a float; integer-valued floats print with ".0".
print(1 + 1.0, 2 * 0.5, 3 - 1.0, 10 // 3.0, 10 % 3.0)
print(math.type(1 + 1.0), math.type(10 // 3.0))
print(1 == 1.0, 2^53 == 2^53 + 1, math.type(2^53))
print(3 // 0.0, -3 // 0.0, 3 % math.huge, -3 % math.huge)
print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2)
print(1e308 * 10, -1e308 * 10)
print(0.1 + 0.2, 0.1 + 0.2 == 0.3, 1 - 0.9)
print(100 * 1.1, 3 * 1.5)
