# repr of nested tuples, sorting tuples lexicographically, and mixed comparisons.
print(((1, 2), (3,), ()), ((),), (("a",), "b"))
data = [(3, "c"), (1, "b"), (1, "a"), (2, "z"), (3, "a")]
print(sorted(data), max(data), min(data))
print((1, "a") == (1, "a"), (1, 2) != (1, 2.5))
try:
    (1, "a") < (1, 2)
except TypeError as e:
    print("TypeError:", e)
