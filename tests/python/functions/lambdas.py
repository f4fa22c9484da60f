# lambda in sort keys, map/filter, immediately called, and with defaults.
print((lambda: 42)(), (lambda x, y=2: x * y)(5), (lambda *a: sum(a))(1, 2, 3))
pairs = [(1, "one"), (3, "three"), (2, "two")]
print(sorted(pairs, key=lambda p: p[1]), list(map(lambda p: p[0] ** 2, pairs)))
compose = lambda f, g: lambda x: f(g(x))
inc_then_double = compose(lambda x: x * 2, lambda x: x + 1)
print(inc_then_double(5), (lambda f: f.__name__)(lambda: 0))
