# Calls from compiled loops: small functions, methods, keyword arguments, builtins, a callee
# that raises, generators consumed in a loop, and recursion under a hot loop.


def sq(x):
    return x * x


def add(a, b=1, *, c=0):
    return a + b + c


class Acc:
    def __init__(self):
        self.total = 0

    def add(self, v):
        self.total += v
        return self


def fails_at(i, k):
    if i == k:
        raise ValueError("bad %d" % i)
    return i


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def gen(n):
    for i in range(n):
        yield i * 2


t = 0
for i in range(5000):
    t += sq(i) + add(i) + add(i, 2, c=3)
print(t)
acc = Acc()
for i in range(5000):
    acc.add(i).add(1)
print(acc.total)
print(sum([len(str(i)) for i in range(3000)]))
caught = []
for k in (2000, 4000):
    s = 0
    try:
        for i in range(5000):
            s += fails_at(i, k)
    except ValueError as e:
        caught.append((str(e), s))
print(caught)
g = 0
for v in gen(5000):
    g += v
print(g)
r = 0
for i in range(2000):
    r += fib(i % 12)
print(r)
m = []
for i in range(3000):
    m.append(max(i, 1500))
print(sum(m), len(m))
