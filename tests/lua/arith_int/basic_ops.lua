-- Integer arithmetic stays integer for + - * // % and unary minus; / and ^ always give floats.
local a, b = 17, 5
print(a + b, a - b, a * b, a // b, a % b, -a)
print(a / b, 10 / 2, a ^ 2, 2 ^ 10)
print(math.type(a + b), math.type(a / b), math.type(a ^ 2), math.type(a // b))
print(0 * -1, -0, 3 - 3)
print(1 + 2 * 3 - 4 // 2, (1 + 2) * 3, 2 * 3 % 4)
print(2 ^ 3 ^ 2, -2 ^ 2, (-2) ^ 2)
print(7 // 1, 7 % 1, 123456789 * 1000)
