# Generator functions yield lazily; state persists between next() calls.
def count_up(n):
    print("start")
    i = 0
    while i < n:
        yield i
        i += 1
    print("end")
g = count_up(3)
print(type(g).__name__)
print(next(g), next(g), next(g))
try:
    next(g)
except StopIteration:
    print("exhausted")
print(list(count_up(4)), sum(count_up(5)))
def returns_value():
    yield 1
    return "done"
g = returns_value()
next(g)
try:
    next(g)
except StopIteration as e:
    print("StopIteration value:", e.value)
