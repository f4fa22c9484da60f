# Conditional expressions inside comprehensions, walrus in comprehensions, and enumerate.
print(["even" if n % 2 == 0 else "odd" for n in range(5)])
print([(i, c) for i, c in enumerate("hello") if c in "lo"])
data = [5, 12, 7, 20, 3]
print([y for x in data if (y := x * 3) > 20])
print([abs(n) if n < 0 else n * 10 for n in [-3, 2, -1]])
