# sorted on different iterables with key and reverse; reversed on sequences; errors.
print(sorted({3: "c", 1: "a", 2: "b"}), sorted({3, 1, 2}), sorted("hello"), sorted((3, 1)), sorted([], reverse=True))
print(sorted(["10", "9", "100"]), sorted(["10", "9", "100"], key=int), sorted([-3, 2, -1], key=abs, reverse=True))
print(list(reversed((1, 2, 3))), list(reversed({"a": 1, "b": 2})))
try:
    reversed({1, 2})
except TypeError as e:
    print("TypeError:", e)
