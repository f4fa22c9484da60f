# min and max over iterables and arguments, ties return the first, key and default.
print(max([1, 3, 3.0, 2]), max([3.0, 3, 2]), min(["b", "a", "A"]), max("apple", "pear", key=len))
pairs = [("a", 2), ("b", 5), ("c", 5), ("d", 1)]
print(max(pairs, key=lambda p: p[1]), min(pairs, key=lambda p: p[1]), max(pairs))
print(max(range(10), key=lambda n: n % 4), min(iter([5, 2, 8])), max([], default=None))
try:
    min()
except TypeError as e:
    print("TypeError:", e)
