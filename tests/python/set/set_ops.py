# Union, intersection, difference, symmetric difference, subset tests, on sets of small ints.
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b, {9}), a.intersection(b), a.difference(b), a.symmetric_difference(b))
print({1, 2} <= a, {1, 2} < a, a <= a, a < a, a >= {1}, a.issubset(range(10)), a.isdisjoint({7, 8}))
c = set(a)
c |= {10}; c &= {1, 2, 10}; c -= {1}; c ^= {2, 3}
print(c)
print(set(), {0}, set([3, 1, 2]), set(range(5)), len({1, 1, 1}))
