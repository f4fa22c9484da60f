# Keys compare by value: 1, 1.0 and True are the same key; unhashable keys are rejected.
d = {}
d[1] = "int"
d[1.0] = "float"
d[True] = "bool"
print(d)
d[(1, 2)] = "tuple"
d[frozenset([1])] = "frozenset"
print(len(d), d[(1, 2)], d[frozenset({1})])
for bad in ([1], {1: 2}, {1}):
    try:
        d[bad] = 0
    except TypeError as e:
        print("TypeError:", e)
