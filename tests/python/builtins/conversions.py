# int, float, str, repr, bool, list, tuple, dict, set, frozenset constructors on various inputs.
print(int(), int("7"), int(7.9), int(-7.9), float(), float(3), float("2.5"), str(), str(42), repr("r"))
print(bool(), bool([0]), list(), list((1, 2)), tuple([3, 4]), dict(a=1), set("aab") == {"a", "b"}, frozenset([1, 1]))
print(list({"k": 1, "j": 2}), tuple(range(3)), dict([(1, 2)]), list(map(int, "123")))
print(int("  0x1F  ".strip(), 16), float("  1e-3 "), str(1e100), str(-0.0))
