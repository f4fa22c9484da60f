# The iterator protocol in user classes: __iter__/__next__, __getitem__-based iteration,
# __contains__, __reversed__, __len__, iter(callable, sentinel), and contextlib helpers.
import contextlib


class Countdown:
    def __init__(self, start):
        self.start = start

    def __iter__(self):
        n = self.start
        while n > 0:
            yield n
            n -= 1

    def __reversed__(self):
        return iter(range(1, self.start + 1))

    def __len__(self):
        return self.start

    def __contains__(self, x):
        return 0 < x <= self.start


class Fib:
    def __init__(self, limit):
        self.a, self.b, self.limit = 0, 1, limit

    def __iter__(self):
        return self

    def __next__(self):
        if self.a > self.limit:
            raise StopIteration
        r = self.a
        self.a, self.b = self.b, self.a + self.b
        return r


class Squares:
    def __getitem__(self, i):
        if i >= 6:
            raise IndexError(i)
        return i * i


c = Countdown(5)
print(list(c), list(reversed(c)), len(c), 3 in c, 9 in c, sorted(c), max(c), sum(c))
print(list(Fib(100)), [x for x in Squares()], 16 in Squares(), list(zip(Countdown(3), Fib(10))))
it = iter(Fib(5))
print(next(it), next(it), next(it, "x"), list(it), next(it, "done"))
data = iter([3, 1, 4, 1, 5, 9, 2, 6])
print(list(iter(lambda: next(data), 5)))
a, b, *c2 = Countdown(6)
print(a, b, c2, dict(enumerate(Countdown(3))), set(Squares()))


@contextlib.contextmanager
def tag(name):
    print(f"<{name}>", end="")
    try:
        yield name.upper()
    finally:
        print(f"</{name}>")


with tag("b") as t:
    print(t, end="")
with contextlib.suppress(ZeroDivisionError):
    1 / 0
    print("not reached")
try:
    with tag("i"):
        raise ValueError("inside")
except ValueError as e:
    print("caught", e)
with contextlib.ExitStack() as stack:
    names = [stack.enter_context(tag(n)) for n in "xy"]
    print(names)
buf = []
with contextlib.redirect_stdout(None) if False else contextlib.nullcontext("nc") as v:
    buf.append(v)
print(buf)


class Managed:
    def __enter__(self):
        print("enter")
        return self

    def __exit__(self, *exc):
        print("exit", exc[0].__name__ if exc[0] else None)
        return False


with Managed() as m1, Managed() as m2:
    print(m1 is not m2)
