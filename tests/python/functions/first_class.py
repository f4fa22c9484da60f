# Functions as values: stored in dicts, passed, returned, and their attributes.
def add(a, b): return a + b
def sub(a, b): return a - b
ops = {"+": add, "-": sub, "*": lambda a, b: a * b}
for sym in ["+", "-", "*"]:
    print(sym, ops[sym](7, 3))
def apply_n(f, n, x):
    for _ in range(n):
        x = f(x)
    return x
print(apply_n(lambda v: v * 2, 10, 1))
print(add.__name__, add.__qualname__, callable(add), callable(3))
def outer():
    def inner():
        pass
    return inner
print(outer().__qualname__)
add.custom = "attribute"
print(add.custom)
