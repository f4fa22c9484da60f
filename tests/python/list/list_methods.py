# append, extend, insert, remove, pop, index, count, reverse, copy, clear.
a = [3, 1, 4, 1, 5]
a.append(9); print(a)
a.extend([2, 6]); print(a)
a.insert(0, 0); a.insert(100, 99); a.insert(-1, 98); print(a)
a.remove(1); print(a)
print(a.pop(), a.pop(0), a.pop(-2), a)
print(a.index(5), a.index(1), a.count(1), a.count(42))
a.reverse(); print(a)
b = a.copy(); b.append("copy"); print(a, b)
a.clear(); print(a)
try:
    a.pop()
except IndexError as e:
    print("IndexError:", e)
try:
    [1, 2].remove(3)
except ValueError as e:
    print("ValueError:", e)
try:
    [1, 2].index(3)
except ValueError as e:
    print("ValueError:", e)
