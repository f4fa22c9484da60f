# Creation, indexing, slicing, assignment to slices, and length of lists.
a = [1, 2, 3, 4, 5]
print(a, len(a), a[0], a[-1], a[1:3], a[::2], a[::-1], a[10:], a[-2:])
a[0] = 10
a[1:3] = [20, 30, 35]
print(a)
a[::2] = [0, 0, 0]
print(a)
a[1:1] = ["inserted"]
print(a)
a[:] = []
print(a, list(), list("abc"), list(range(3)), [[]] * 2, [0] * 5)
try:
    a[::2] = [1]
except ValueError as e:
    print("ValueError:", e)
try:
    [][0]
except IndexError as e:
    print("IndexError:", e)
try:
    x = [1]
    x[5] = 2
except IndexError as e:
    print("IndexError:", e)
