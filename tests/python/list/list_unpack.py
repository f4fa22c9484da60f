# Star-unpacking in calls, literals and assignments with lists.
def f(a, b, c):
    return a + b * c
args = [1, 2, 3]
print(f(*args), f(*args[:2], 10), [*args, *args])
first, *middle, last = args + [4, 5]
print(first, middle, last)
a, (b, *c) = 1, [2, 3, 4]
print(a, b, c)
print(max(*args), print(*args, sep="|"))
