# Tuple unpacking in comprehension targets, including nested and starred forms.
records = [("ann", (30, "rome")), ("bob", (25, "oslo"))]
print([f"{name}:{city}" for name, (age, city) in records])
rows = [[1, 2, 3], [4, 5, 6, 7]]
print([(first, rest) for first, *rest in rows])
print({k: v for k, v in [("a", 1), ("b", 2)]}, [x for (x,) in [(1,), (2,)]])
