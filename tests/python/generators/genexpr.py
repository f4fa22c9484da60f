# Generator expressions: laziness, single use, and use as function arguments.
g = (x * x for x in range(5))
print(type(g).__name__, list(g), list(g))
print(sum(x for x in range(101)), max(len(w) for w in ["a", "abc", "ab"]))
print(any(x > 3 for x in [1, 5]), all(x for x in []), sorted((-x for x in [3, 1, 2])))
evaluated = []
def tap(x):
    evaluated.append(x)
    return x
lazy = (tap(x) for x in range(5))
print(evaluated, next(lazy), evaluated)
print(", ".join(str(i) for i in range(3)), dict((k, len(k)) for k in ["aa", "b"]))
