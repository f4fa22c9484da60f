-- Float floor division, modulo, power and negative zero results.
print(5.5 // 2, 5.5 % 2, -5.5 // 2, -5.5 % 2)
print(5.3 % 2, 2^0.5, 4^0.5, 8^(1/3))
print(-0.0 * 1, 0.0 * -1, -0.0 + 0.0, -(0.0))
print(1e15 + 0.5, 1e16 + 1 == 1e16)
print(3.0 == 3, 3.0 // 1, 3.7 // 1, -3.7 // 1)
print(1e300 * 1e300, -1e300 * 1e300)
print(0.1 * 3, 0.7 + 0.1, 1.1 * 1.1)
print(6 / 4, 6 // 4, 6.0 // 4, 2^2)
