# Comparisons between ints, bigints, floats and bools, including mixed types.
print(1 == 1.0, 2 ** 53 == 2.0 ** 53, 2 ** 53 + 1 == 2.0 ** 53, 10 ** 20 > 1e19)
print(True == 1, 3 < 3.5, -1 < False, 10 ** 400 > 1e308)
print(max(3, 2.5, 10 ** 20), min(-1, -1.5, -(10 ** 20)))
print(sorted([3, 1.5, True, -2, 10 ** 19, 0.0]))
print(1 != 1.0, 0 == -0.0, float("inf") > 10 ** 1000)
