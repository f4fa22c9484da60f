# Tuple creation, the one-element comma, indexing, slicing, immutability and methods.
t = (1, 2, 3, 2)
print(t, len(t), t[0], t[-1], t[1:], t[::-1], t.count(2), t.index(3))
print((), (1,), tuple(), tuple([1, 2]), tuple("ab"), 1, 2 == (1, 2)[1])
single = 5,
print(single, type(single).__name__, (5) == 5)
try:
    t[0] = 9
except TypeError as e:
    print("TypeError:", e)
print(t + (4,), t * 2, 3 in t, (1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 99))
try:
    t.index(99)
except ValueError as e:
    print("ValueError:", e)
