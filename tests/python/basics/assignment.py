# Plain, chained, tuple and starred assignment, swaps and unpacking of nested sequences.
a = 1
b = c = d = 2
print(a, b, c, d)
a, b = b, a
print(a, b)
x, y, z = "xyz"
print(x, y, z)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = (1, 2, 3, 4)
print(init, last)
head, *mid, tail = range(6)
print(head, mid, tail)
(p, q), r = (1, 2), 3
print(p, q, r)
[s, t] = [10, 20]
print(s, t)
for i, (k, v) in enumerate([("a", 1), ("b", 2)]):
    print(i, k, v)
lst = [0, 0, 0]
lst[0], lst[2] = 5, 7
print(lst)
i = 0
i, lst[i] = 1, 99
print(i, lst)
