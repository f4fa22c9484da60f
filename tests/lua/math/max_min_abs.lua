-- math.max/min keep the type of the chosen argument; math.abs wraps at mininteger.
print(math.max(1, 5, 3), math.max(1, 5.5, 3), math.max(2, 2.0), math.max(2.0, 2))
print(math.min(4, -2, 8), math.min(1.5, 1), math.min(-0.0, 0.0), math.max(7))
print(pcall(math.max))
print(math.abs(-5), math.abs(5), math.abs(-2.5), math.abs(-0.0), math.abs(math.mininteger))
print(math.abs(math.mininteger + 1), math.type(math.abs(-3)), math.type(math.abs(-3.0)))
print(math.max(math.huge, 1), math.min(-math.huge, math.mininteger))
