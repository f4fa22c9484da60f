# abs, divmod, pow, round, sum, min, max on numbers, with keys and defaults.
print(abs(-5), abs(3.5), abs(-0.0), abs(-(10 ** 30)), abs(True))
print(divmod(17, 5), divmod(-17, 5), divmod(17.5, 5), pow(2, 10), pow(2, -2), pow(5, 3, 7))
print(round(3.14159, 2), round(2.5), round(3.5), round(-0.5), round(12345, -2), round(0.5 + 1e-9))
print(sum([1, 2, 3]), sum([1.5, 2.5]), sum([[1], [2]], []), sum(range(10), 100), sum([]))
print(min(3, 1, 2), max([4, 9, 2]), min("hello"), max("a", "bb", "ccc", key=len), min([], default="empty"))
print(max([1, 5, 3], key=lambda v: -v), min((2, "b"), (1, "z"), (1, "a")))
try:
    max([])
except ValueError as e:
    print("ValueError:", e)
try:
    sum(["a", "b"], "")
except TypeError as e:
    print("TypeError:", e)
