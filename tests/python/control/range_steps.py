# range with positive and negative steps, empty ranges, indexing, len, slicing and membership.
print(list(range(5)), list(range(2, 8)), list(range(0, 20, 3)), list(range(10, 0, -2)), list(range(5, 5)))
print(list(range(0, -10, -3)), list(range(3, 0)), len(range(0, 100, 7)), range(0, 100, 7)[3], range(10)[-1])
r = range(1, 20, 2)
print(r, r[2:5], r[::-1], 7 in r, 8 in r, r.index(9), r.count(3), list(r[::3]))
print(range(10) == range(0, 10, 1), range(0) == range(5, 2), sum(range(101)))
try:
    range(1, 2, 0)
except ValueError as e:
    print("ValueError:", e)
print(list(range(-5, 5, 4)), range(10 ** 20)[-1], 10 ** 20 - 1 in range(10 ** 20))
