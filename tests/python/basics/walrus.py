# Assignment expressions in if, while, comprehensions and calls.
data = [3, 8, 1, 9, 4]
if (n := len(data)) > 3:
    print("long", n)
items = iter(data)
while (item := next(items, None)) is not None:
    print("item", item)
print([y for x in data if (y := x * 2) > 6])
print(y)
print((z := 10) + z)
def f(a):
    return a * 3
print([r for x in range(5) if (r := f(x)) % 2 == 0])
total = 0
print([total := total + x for x in range(5)], total)
