# The first iterable of a generator expression is evaluated immediately; the rest lazily.
def source():
    print("source evaluated")
    return [1, 2, 3]
g = (x * 10 for x in source())
print("generator created")
print(list(g))
n = 2
h = (x * n for x in range(3))
n = 5
print(list(h))
