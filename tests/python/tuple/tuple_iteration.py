# Iterating over tuples, tuple of tuples, zip producing tuples, and tuple() on generators.
coords = ((0, 0), (1, 2), (3, 5))
for x, y in coords:
    print(x, y, x * y)
print(tuple(x + y for x, y in coords), tuple(zip(*coords)), sum(map(sum, coords)))
print(tuple(sorted((3, 1, 2))), tuple(reversed((1, 2, 3))), tuple(enumerate("ab")))
