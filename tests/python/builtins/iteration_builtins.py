# iter, next, enumerate, zip, map, filter, reversed, sorted, all, any, len, range.
it = iter([1, 2, 3])
print(next(it), list(it), next(it, "default"))
print(list(map(pow, [2, 3], [3, 2])), list(map(str.upper, ["a", "b"])), list(filter(None, [0, 1, "", "x", None])))
print(list(reversed([1, 2, 3])), list(reversed(range(4))), list(reversed("abc")), sorted("cba", reverse=True))
print(all([]), any([]), all([1, "a"]), any([0, ""]), len(range(3, 30, 4)), len({"a": 1}), len("héllo"))
m = map(lambda x: x * 10, [1, 2])
print(type(m).__name__, list(m), list(m))
z = zip([1, 2], "ab")
print(type(z).__name__, next(z), list(z))
try:
    len(5)
except TypeError as e:
    print("TypeError:", e)
try:
    next(iter([]))
except StopIteration as e:
    print("StopIteration", repr(e))
